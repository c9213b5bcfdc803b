'use client';

import { startAuthentication } from '@simplewebauthn/browser';
import { useRef, useState, type MouseEvent } from 'react';
import { startPasskeyConfirmationAction } from './passkey-actions';

/**
 * The password typed again to sign or confirm, or one of the user's passkeys in its place: "Use passkey" asks
 * the server for a challenge, lets the browser answer it with a passkey, and sends the form with the answer
 * (field passkeyAnswer) instead of the password. The server checks the answer (lib/server/auth/confirm-password.ts).
 */
export function PasswordOrPasskey({ id, label = 'Your password', name = 'password' }: { id: string; label?: string; name?: string }) {
  const answerRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [isAsking, setIsAsking] = useState(false);

  async function usePasskey(event: MouseEvent<HTMLButtonElement>) {
    const form = event.currentTarget.form;
    if (!form || !answerRef.current) return;
    setError(null);
    setIsAsking(true);
    try {
      const result = await startPasskeyConfirmationAction(null, new FormData());
      if (!result.ok) {
        setError(result.message);
        return;
      }
      const answer = await startAuthentication({ optionsJSON: result.data });
      answerRef.current.value = JSON.stringify(answer);
      if (passwordRef.current) passwordRef.current.value = '';
      form.requestSubmit();
      // The answer works once: the next submission types the password or asks the passkey again.
      answerRef.current.value = '';
    } catch {
      setError('The passkey did not answer. Try again, or type your password.');
    } finally {
      setIsAsking(false);
    }
  }

  return (
    <div className="stack">
      <div>
        <label htmlFor={id}>{label}</label>
        <input ref={passwordRef} id={id} name={name} type="password" autoComplete="current-password" />
      </div>
      <input ref={answerRef} type="hidden" name="passkeyAnswer" defaultValue="" />
      <div>
        <button type="button" className="secondary passkey-button" onClick={usePasskey} disabled={isAsking}>
          Use passkey
        </button>
      </div>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
