'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { signInWaitMessage } from '@/lib/domain/throttle';

export function SignInForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setIsPending(true);
    const form = new FormData(event.currentTarget);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      // The home page redirects each role to its own home, now that the session cookie is set.
      router.replace('/');
      router.refresh();
      return;
    }
    if (result?.error === 'SECOND_STEP') {
      // The password was right; the page now asks for the second factor (the second step's cookie is set).
      router.refresh();
      return;
    }
    setIsPending(false);
    // RATE_LIMITED:<milliseconds to wait> (lib/server/auth/auth-options.ts).
    const rateLimited = /^RATE_LIMITED:(\d+)$/.exec(result?.error ?? '');
    if (rateLimited) {
      setError(signInWaitMessage(Number(rateLimited[1])));
      return;
    }
    // One message whatever was wrong, so nobody can learn which emails have accounts.
    setError('That email and password do not match an active account.');
  }

  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate>
      <div>
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
      </div>
      <div>
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={isPending}>
          {isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
    </form>
  );
}
