import type { Metadata } from 'next';
import { ROLE_LABELS } from '@/lib/domain/permissions';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { orNotFound } from '@/lib/server/page-guard';
import { listUsers } from '@/lib/server/users/list-users';
import { AddStaffForm, StaffSignInForms } from './_components/staff-forms';
import { UserActiveForm } from './_components/user-active-form';

export const metadata: Metadata = { title: 'Users' };

export default async function AdminPage() {
  const actor = await requirePageActor();
  const users = await orNotFound(listUsers({ actor }));
  return (
    <>
      <h1>Clinic users</h1>
      <section className="card" aria-labelledby="add-heading">
        <h2 id="add-heading">Add a therapist, surgeon or admin</h2>
        <p>
          Patients are added by their therapist, with their surgery. New staff set their own password from a one-time link. Someone
          who has forgotten their password needs a reset: it ends their old password and signs them out everywhere.
        </p>
        <AddStaffForm />
      </section>
      <table className="stack-on-phone">
        <caption className="sr-only">Users of this clinic</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Password</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td data-label="Name">{user.name}</td>
              <td data-label="Email">{user.email}</td>
              <td data-label="Role">{ROLE_LABELS[user.role]}</td>
              <td data-label="Status">{user.isActive ? 'Active' : 'Deactivated'}</td>
              <td data-label="Password">{user.hasPassword ? 'Set' : 'Not set yet'}</td>
              <td data-label="Actions">
                {user.id === actor.userId ? null : <UserActiveForm userId={user.id} userName={user.name} isActive={user.isActive} />}
                {user.role !== 'PATIENT' && user.isActive && user.id !== actor.userId ? <StaffSignInForms userId={user.id} userName={user.name} hasPassword={user.hasPassword} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
