import type { Metadata } from 'next';
import Link from 'next/link';
import { homePathFor } from '@/lib/domain/permissions';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { ChangePasswordForm, SignOutEverywhereForm } from './_components/account-forms';

export const metadata: Metadata = { title: 'Your account' };
export const dynamic = 'force-dynamic';

export default async function AccountPage() {
  const actor = await requirePageActor();
  return (
    <main className="narrow">
      <p>
        <Link href={homePathFor(actor.role)}>Back</Link>
      </p>
      <h1>Your account</h1>
      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Change your password</h2>
        <p>After the change you sign in again everywhere with the new password.</p>
        <ChangePasswordForm />
      </section>
      <section className="card" aria-labelledby="everywhere-heading">
        <h2 id="everywhere-heading">Lost a phone or left a computer signed in?</h2>
        <SignOutEverywhereForm />
      </section>
    </main>
  );
}
