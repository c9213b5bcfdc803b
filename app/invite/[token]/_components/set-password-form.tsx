'use client';

import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { setPasswordAction } from '../actions';

export function SetPasswordForm({ token, firstName }: { token: string; firstName: string }) {
  const [state, formSubmit, isPending] = useFormAction(setPasswordAction, null);
  const router = useRouter();
  // The chosen password, kept only in this page's memory to sign in with it once it is set.
  const chosen = useRef('');
  const [signInFailed, setSignInFailed] = useState(false);
  const email = state?.ok ? state.data.email : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    chosen.current = String(new FormData(event.currentTarget).get('password') ?? '');
    formSubmit(event);
  }

  // A first visit that just works: once the password is set, sign in with it and go home (the portal, for
  // a patient). Should that fail, the page says how to sign in instead.
  useEffect(() => {
    if (!email) return;
    const password = chosen.current;
    chosen.current = '';
    void signIn('credentials', { email, password, redirect: false })
      .then((result) => {
        if (!result?.ok || result.error) throw new Error('not signed in');
        router.replace('/');
        router.refresh();
      })
      .catch(() => setSignInFailed(true));
  }, [email, router]);

  if (email) {
    return (
      <>
        <h1>Your password is set</h1>
        <div className="card" role="status">
          {signInFailed ? (
            <>
              <p>
                Sign in with your email, <strong>{email}</strong>, and the password you just chose.
              </p>
              <p>
                <Link className="button" href="/login">
                  Sign in
                </Link>
              </p>
            </>
          ) : (
            <p>Signing you in…</p>
          )}
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
        <form method="post" className="stack" onSubmit={onSubmit} noValidate>
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
