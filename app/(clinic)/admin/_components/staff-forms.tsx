'use client';

import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { useSignInLink } from '@/app/_components/use-sign-in-link';
import { createStaffUserAction, inviteStaffUserAction, resetStaffPasswordAction, type InvitationResult } from '../actions';
import { PasswordOrPasskey } from '@/app/_components/password-or-passkey';

function InvitationLink({ name, path, url, expiresAt, intro }: InvitationResult & { intro: string }) {
  return (
    <div role="status">
      <p>
        {intro} It expires on {new Date(expiresAt).toLocaleString('en', { dateStyle: 'long', timeStyle: 'short' })}.
      </p>
      <label htmlFor={`link-${path}`}>Invitation link for {name}</label>
      <input id={`link-${path}`} readOnly value={url} />
    </div>
  );
}

export function AddStaffForm() {
  const [state, onSubmit, isPending] = useFormAction(createStaffUserAction, null);
  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label="Add a person">
      <div className="row">
        <div>
          <label htmlFor="staff-name">Full name</label>
          <input id="staff-name" name="name" required autoComplete="off" />
        </div>
        <div>
          <label htmlFor="staff-email">Email</label>
          <input id="staff-email" name="email" type="email" required autoComplete="off" />
        </div>
        <div>
          <label htmlFor="staff-role">Role</label>
          <select id="staff-role" name="role" defaultValue="THERAPIST">
            <option value="THERAPIST">Physical therapist</option>
            <option value="SURGEON">Spine surgeon</option>
            <option value="ADMIN">Clinic admin</option>
          </select>
        </div>
      </div>
      <FormStatus state={state} />
      {state?.ok ? <InvitationLink {...state.data} intro={`Give this one-time link to ${state.data.name}, so they can set their password.`} /> : null}
      <div>
        <button type="submit" disabled={isPending}>
          Add person
        </button>
      </div>
    </form>
  );
}

/**
 * A staff member's way back in. While they have no password: a new one-time link (the last one was lost or
 * ran out). Once they have one, a link cannot replace it: the admin resets it instead, deliberately and
 * with their own password, which ends the old password and every session of the person first.
 */
export function StaffSignInForms({ userId, userName, hasPassword }: { userId: string; userName: string; hasPassword: boolean }) {
  const { linkState: inviteState, onLink: onInvite, isLinking: isInviting, resetState, onReset, isResetting, isResetOpen, setResetOpen, resetFormId, hasReset, shown } =
    useSignInLink(inviteStaffUserAction, resetStaffPasswordAction);
  return (
    <div>
      {hasPassword && !hasReset ? (
        <>
          <button
            type="button"
            className="secondary"
            aria-expanded={isResetOpen}
            aria-controls={resetFormId}
            aria-label={`Reset password for ${userName}`}
            onClick={() => setResetOpen(!isResetOpen)}
          >
            Reset password
          </button>
          {isResetOpen ? (
            <form method="post" id={resetFormId} className="stack" onSubmit={onReset} noValidate aria-label={`Reset password for ${userName}`}>
              <p>
                Resetting stops {userName}’s password from working at once and signs them out on every device. You then get a
                one-time link to give them, so they can choose a new password.
              </p>
              <input type="hidden" name="userId" value={userId} />
              <PasswordOrPasskey id={`${resetFormId}-password`} label="Your password, to confirm" />
              <FormStatus state={resetState} />
              <div>
                <button type="submit" disabled={isResetting}>
                  Reset password and make a link
                </button>
              </div>
            </form>
          ) : null}
        </>
      ) : (
        <form method="post" onSubmit={onInvite} noValidate>
          <input type="hidden" name="userId" value={userId} />
          <button type="submit" className="secondary" disabled={isInviting} aria-label={`New sign-in link for ${userName}`}>
            New sign-in link
          </button>
          <FormStatus state={inviteState} />
        </form>
      )}
      {shown?.kind === 'reset' ? (
        <InvitationLink
          {...shown.data}
          intro={`${shown.data.name}’s password is reset: the old one no longer works and they are signed out everywhere. Give them this one-time link to choose a new password.`}
        />
      ) : shown?.kind === 'link' ? (
        <InvitationLink {...shown.data} intro={`Give this one-time link to ${shown.data.name}, so they can set their password. Any earlier link stops working.`} />
      ) : null}
    </div>
  );
}
