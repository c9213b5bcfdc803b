import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { homePathFor } from '@/lib/domain/permissions';
import { getActor } from '@/lib/server/auth/get-actor';
import { SignInForm } from './_components/sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function LoginPage() {
  const actor = await getActor();
  if (actor) redirect(homePathFor(actor.role));
  return (
    <main className="narrow">
      <h1>Sign in to Regimen</h1>
      <div className="card">
        <SignInForm />
      </div>
      <p className="muted">New patient? Use the link your care team gave you to set your password first.</p>
    </main>
  );
}
