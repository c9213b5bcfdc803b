'use client';

import { startAuthentication } from '@simplewebauthn/browser';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { signInWaitMessage } from '@/lib/domain/throttle';
import { startPasskeySignInAction } from '../actions';

type Method = 'passkey' | 'authenticator' | 'recovery';

const WRONG: Record<Method, string> = {
  authenticator: 'That code is not right. Check the app and enter the newest code.',
  recovery: 'That recovery code is not right, or it was used before.',
  passkey: 'That passkey did not work. Try again, or use another way.',
};

/** The second step of signing in: a passkey, a code from the authenticator app, or a recovery code. */
export function SecondStepForms({ methods }: { methods: Method[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const [showRecovery, setShowRecovery] = useState(!methods.includes('passkey') && !methods.includes('authenticator'));

  async function finish(method: Method, answer: string) {
    const result = await signIn('second-factor', { method, answer, redirect: false });
    if (result?.ok && !result.error) {
      router.replace('/');
      router.refresh();
      return;
    }
    setIsPending(false);
    const rateLimited = /^RATE_LIMITED:(\d+)$/.exec(result?.error ?? '');
    if (rateLimited) {
      setError(`${signInWaitMessage(Number(rateLimited[1]))}`);
      router.refresh();
      return;
    }
    if (result?.error === 'SECOND_STEP_EXPIRED') {
      setError('Your sign-in took too long. Please enter your email and password again.');
      router.refresh();
      return;
    }
    setError(WRONG[method]);
  }

  async function onCode(event: FormEvent<HTMLFormElement>, method: 'authenticator' | 'recovery') {
    event.preventDefault();
    setError(null);
    setIsPending(true);
    const form = new FormData(event.currentTarget);
    await finish(method, String(form.get('code') ?? ''));
  }

  async function onPasskey(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setIsPending(true);
    const options = await startPasskeySignInAction(null, new FormData());
    if (!options.ok) {
      setIsPending(false);
      setError(options.message);
      router.refresh();
      return;
    }
    try {
      const answer = await startAuthentication({ optionsJSON: options.data });
      await finish('passkey', JSON.stringify(answer));
    } catch {
      setIsPending(false);
      setError('The passkey did not answer. Try again, or use another way.');
    }
  }

  return (
    <div className="stack">
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {methods.includes('passkey') ? (
        <section className="card" aria-labelledby="passkey-step-heading">
          <h2 id="passkey-step-heading">Use a passkey</h2>
          <form method="post" onSubmit={onPasskey} aria-label="Use a passkey">
            <p>Your phone or computer asks for your fingerprint, face or screen lock.</p>
            <button type="submit" disabled={isPending}>
              Sign in with a passkey
            </button>
          </form>
        </section>
      ) : null}
      {methods.includes('authenticator') ? (
        <section className="card" aria-labelledby="code-step-heading">
          <h2 id="code-step-heading">Enter the code from your app</h2>
          <form method="post" className="stack" onSubmit={(event) => onCode(event, 'authenticator')} noValidate aria-label="Enter the code from your app">
            <div>
              <label htmlFor="authenticator-code">6-digit code</label>
              <input id="authenticator-code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} required />
            </div>
            <div>
              <button type="submit" disabled={isPending}>
                Sign in with the code
              </button>
            </div>
          </form>
        </section>
      ) : null}
      {methods.includes('recovery') ? (
        showRecovery ? (
          <section className="card" aria-labelledby="recovery-step-heading">
            <h2 id="recovery-step-heading">Use a recovery code</h2>
            <form method="post" className="stack" onSubmit={(event) => onCode(event, 'recovery')} noValidate aria-label="Use a recovery code">
              <p>Each recovery code works once.</p>
              <div>
                <label htmlFor="recovery-code">Recovery code</label>
                <input id="recovery-code" name="code" autoComplete="off" autoCapitalize="none" spellCheck={false} required />
              </div>
              <div>
                <button type="submit" disabled={isPending}>
                  Sign in with the recovery code
                </button>
              </div>
            </form>
          </section>
        ) : (
          <p>
            <button type="button" className="link-button" onClick={() => setShowRecovery(true)}>
              Use a recovery code
            </button>
          </p>
        )
      ) : null}
    </div>
  );
}
