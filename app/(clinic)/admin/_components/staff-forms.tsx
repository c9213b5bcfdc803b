'use client';

import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { createStaffUserAction, inviteStaffUserAction } from '../actions';

function InvitationLink({ name, path, expiresAt }: { name: string; path: string; expiresAt: string }) {
  const link = typeof window === 'undefined' ? path : `${window.location.origin}${path}`;
  return (
    <div role="status">
      <p>
        Give this one-time link to {name}. It expires on {new Date(expiresAt).toLocaleString('en', { dateStyle: 'long', timeStyle: 'short' })}.
      </p>
      <label htmlFor={`link-${path}`}>Invitation link for {name}</label>
      <input id={`link-${path}`} readOnly value={link} />
    </div>
  );
}

export function AddStaffForm() {
  const [state, onSubmit, isPending] = useFormAction(createStaffUserAction, null);
  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-label="Add a person">
      <div className="row">
        <div>
          <label htmlFor="staff-name">Full name</label>
          <input id="staff-name" name="name" required autoComplete="off" />
        </div>
        <div>
          <label htmlFor="staff-email">Email</label>
          <input id="staff-email" name="email" type="email" required autoComplete="off" />
        </div>
        <div>
          <label htmlFor="staff-role">Role</label>
          <select id="staff-role" name="role" defaultValue="THERAPIST">
            <option value="THERAPIST">Physical therapist</option>
            <option value="SURGEON">Spine surgeon</option>
            <option value="ADMIN">Clinic admin</option>
          </select>
        </div>
      </div>
      <FormStatus state={state} />
      {state?.ok ? <InvitationLink {...state.data} /> : null}
      <div>
        <button type="submit" disabled={isPending}>
          Add person
        </button>
      </div>
    </form>
  );
}

export function InviteStaffForm({ userId, userName }: { userId: string; userName: string }) {
  const [state, onSubmit, isPending] = useFormAction(inviteStaffUserAction, null);
  return (
    <form onSubmit={onSubmit} noValidate>
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" className="secondary" disabled={isPending} aria-label={`New sign-in link for ${userName}`}>
        New sign-in link
      </button>
      <FormStatus state={state} />
      {state?.ok ? <InvitationLink {...state.data} /> : null}
    </form>
  );
}
