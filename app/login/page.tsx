import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { homePathFor } from '@/lib/domain/permissions';
import { getActor } from '@/lib/server/auth/get-actor';
import { loadSecondStep } from '@/lib/server/auth/load-second-step';
import { secondStepTokenOfRequest } from '@/lib/server/auth/second-step-cookie';
import { SecondStepForms } from './_components/second-step-forms';
import { SignInForm } from './_components/sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function LoginPage() {
  const actor = await getActor();
  if (actor) redirect(homePathFor(actor.role));
  // The password was right and the account has a second factor: ask for it (no session exists yet).
  const secondStep = await loadSecondStep(await secondStepTokenOfRequest());
  if (secondStep) {
    return (
      <main className="narrow">
        <h1>One more step</h1>
        <SecondStepForms methods={secondStep.methods} />
      </main>
    );
  }
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
