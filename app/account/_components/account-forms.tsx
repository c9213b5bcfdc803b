'use client';

import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { changePasswordAction, signOutEverywhereAction } from '../actions';

export function ChangePasswordForm() {
  const [state, onSubmit, isPending] = useFormAction(changePasswordAction, null);
  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label="Change password">
      <div>
        <label htmlFor="currentPassword">Current password</label>
        <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
      </div>
      <div>
        <label htmlFor="newPassword">
          New password <span className="field-hint">(at least 12 characters; a few words is easiest)</span>
        </label>
        <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required />
      </div>
      <div>
        <label htmlFor="repeatPassword">Repeat new password</label>
        <input id="repeatPassword" name="repeatPassword" type="password" autoComplete="new-password" required />
      </div>
      <FormStatus state={state} />
      <div>
        <button type="submit" disabled={isPending}>
          Change password
        </button>
      </div>
    </form>
  );
}

export function SignOutEverywhereForm() {
  const [state, onSubmit, isPending] = useFormAction(signOutEverywhereAction, null);
  return (
    <form method="post" onSubmit={onSubmit} aria-label="Sign out everywhere">
      <p>Signs you out on every phone and computer, including this one.</p>
      <FormStatus state={state} />
      <button type="submit" className="secondary" disabled={isPending}>
        Sign out everywhere
      </button>
    </form>
  );
}
