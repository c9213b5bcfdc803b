'use client';

import { startRegistration } from '@simplewebauthn/browser';
import { useState, type FormEvent } from 'react';
import { Disclosure } from '@/app/_components/disclosure';
import { FormStatus } from '@/app/_components/form-status';
import { PasswordOrPasskey } from '@/app/_components/password-or-passkey';
import { useFormAction } from '@/app/_components/use-form-action';
import type { ActionResult } from '@/lib/server/run-action';
import {
  addPasskeyAction,
  confirmAuthenticatorAppAction,
  makeRecoveryCodesAction,
  removeAuthenticatorAppAction,
  removePasskeyAction,
  startAuthenticatorAppAction,
  startPasskeyRegistrationAction,
} from '../second-factor-actions';

type Failure = { ok: false; message: string };

/** Recovery codes, shown once, right after they are made. */
function RecoveryCodesShown({ codes }: { codes: string[] }) {
  return (
    <section role="status" className="success" aria-labelledby="recovery-codes-heading">
      <h3 id="recovery-codes-heading">Your recovery codes</h3>
      <p>Keep these somewhere safe, apart from your phone. Each one lets you sign in once if you lose your passkey or app. They are shown only now.</p>
      <ul aria-label="Recovery codes" className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AddPasskeyForm() {
  const [state, setState] = useState<ActionResult<{ recoveryCodes: string[] | null }> | Failure | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get('name') ?? '');
    setState(null);
    setIsPending(true);
    try {
      const options = await startPasskeyRegistrationAction(null, new FormData());
      if (!options.ok) {
        setState(options);
        return;
      }
      let answer: string;
      try {
        answer = JSON.stringify(await startRegistration({ optionsJSON: options.data }));
      } catch {
        setState({ ok: false, message: 'No passkey was made. Try again when your device asks.' });
        return;
      }
      const fields = new FormData();
      fields.set('name', name);
      fields.set('answer', answer);
      const added = await addPasskeyAction(null, fields);
      setState(added);
      if (added.ok) form.reset();
    } finally {
      setIsPending(false);
    }
  }

  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label="Add a passkey">
      <div>
        <label htmlFor="passkey-name">
          Name for this passkey <span className="field-hint">(optional, e.g. “Clinic laptop”)</span>
        </label>
        <input id="passkey-name" name="name" maxLength={60} autoComplete="off" />
      </div>
      <FormStatus state={state} />
      {state?.ok ? (
        <p role="status" className="success">
          Passkey added.
        </p>
      ) : null}
      {state?.ok && state.data.recoveryCodes ? <RecoveryCodesShown codes={state.data.recoveryCodes} /> : null}
      <div>
        <button type="submit" disabled={isPending}>
          Add a passkey
        </button>
      </div>
    </form>
  );
}

export function RemovePasskeyForm({ passkeyId, name }: { passkeyId: string; name: string }) {
  const [state, onSubmit, isPending] = useFormAction(removePasskeyAction, null);
  return (
    <Disclosure summary={`Remove ${name}`} startsOpen={false}>
      <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label={`Remove ${name}`}>
        <input type="hidden" name="passkeyId" value={passkeyId} />
        <PasswordOrPasskey id={`remove-passkey-${passkeyId}`} label="Your password, to confirm" />
        <FormStatus state={state} />
        <div>
          <button type="submit" className="secondary" disabled={isPending}>
            Remove this passkey
          </button>
        </div>
      </form>
    </Disclosure>
  );
}

export function StartAuthenticatorAppForm() {
  const [state, onSubmit, isPending] = useFormAction(startAuthenticatorAppAction, null);
  return (
    <form method="post" onSubmit={onSubmit} aria-label="Set up an authenticator app">
      <FormStatus state={state} />
      <button type="submit" disabled={isPending}>
        Set up an authenticator app
      </button>
    </form>
  );
}

export function ConfirmAuthenticatorAppForm() {
  const [state, onSubmit, isPending] = useFormAction(confirmAuthenticatorAppAction, null);
  if (state?.ok) {
    return (
      <div className="stack">
        <p role="status" className="success">
          Authenticator app set up.
        </p>
        {state.data.recoveryCodes ? <RecoveryCodesShown codes={state.data.recoveryCodes} /> : null}
        <p>
          <a href="/account">Done</a>
        </p>
      </div>
    );
  }
  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label="Confirm the authenticator app">
      <div>
        <label htmlFor="confirm-code">6-digit code from the app</label>
        <input id="confirm-code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} required />
      </div>
      <FormStatus state={state} />
      <div>
        <button type="submit" disabled={isPending}>
          Confirm the app
        </button>
      </div>
    </form>
  );
}

export function RemoveAuthenticatorAppForm({ isConfirmed }: { isConfirmed: boolean }) {
  const [state, onSubmit, isPending] = useFormAction(removeAuthenticatorAppAction, null);
  const label = isConfirmed ? 'Remove the authenticator app' : 'Stop setting up the app';
  return (
    <Disclosure summary={label} startsOpen={false}>
      <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label={label}>
        <PasswordOrPasskey id="remove-authenticator-password" label="Your password, to confirm" />
        <FormStatus state={state} />
        <div>
          <button type="submit" className="secondary" disabled={isPending}>
            {label}
          </button>
        </div>
      </form>
    </Disclosure>
  );
}

export function MakeRecoveryCodesForm() {
  const [state, onSubmit, isPending] = useFormAction(makeRecoveryCodesAction, null);
  return (
    <div className="stack">
      {state?.ok ? <RecoveryCodesShown codes={state.data.recoveryCodes} /> : null}
      <Disclosure summary="Make new recovery codes" startsOpen={false}>
        <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label="Make new recovery codes">
          <p>New codes replace the old ones: the old codes stop working.</p>
          <PasswordOrPasskey id="recovery-codes-password" label="Your password, to confirm" />
          <FormStatus state={state} />
          <div>
            <button type="submit" className="secondary" disabled={isPending}>
              Make new recovery codes
            </button>
          </div>
        </form>
      </Disclosure>
    </div>
  );
}
