'use client';

import Link from 'next/link';
import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { setPasswordAction } from '../actions';

export function SetPasswordForm({ token, firstName }: { token: string; firstName: string }) {
  const [state, onSubmit, isPending] = useFormAction(setPasswordAction, null);
  if (state?.ok) {
    return (
      <>
        <h1>Your password is set</h1>
        <div className="card" role="status">
          <p>
            Sign in with your email, <strong>{state.data.email}</strong>, and the password you just chose.
          </p>
          <p>
            <Link className="button" href="/login">
              Sign in
            </Link>
          </p>
        </div>
      </>
    );
  }
  return (
    <>
      <h1>Set your password</h1>
      <p>
        Hello {firstName}. Choose a password for Regimen, where you will find the exercises your care team plans for
        you.
      </p>
      <div className="card">
        <form className="stack" onSubmit={onSubmit} noValidate>
          <input type="hidden" name="token" value={token} />
          <div>
            <label htmlFor="password">New password</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={12}
              aria-describedby="password-hint"
            />
            <p id="password-hint" className="field-hint">
              At least 12 characters. A few words you will remember make a good password.
            </p>
          </div>
          <div>
            <label htmlFor="repeatPassword">Repeat password</label>
            <input id="repeatPassword" name="repeatPassword" type="password" autoComplete="new-password" required />
          </div>
          <FormStatus state={state} />
          <div>
            <button type="submit" disabled={isPending}>
              {isPending ? 'Setting password…' : 'Set password'}
            </button>
          </div>
        </form>
      </div>
    </>
  );
}
