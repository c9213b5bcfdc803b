'use client';

import { useId, useState } from 'react';
import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { useSignInLink } from '@/app/_components/use-sign-in-link';
import { createInvitationAction, emailInvitationAction, resetPatientPasswordAction, type InvitationLink } from '../invitation-actions';
import { PasswordOrPasskey } from '@/app/_components/password-or-passkey';

const expiryFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short' });

// Printing shows only the sheet the patient takes home: the link, its QR code and one line of instructions.
// `:has()` keeps the sheet's ancestors displayed while everything beside them is left off the page.
const PRINT_CSS = `
.invitation-print-only { display: none; }
@media print {
  body *:not(:has(.invitation-sheet)):not(.invitation-sheet):not(.invitation-sheet *) { display: none !important; }
  body *:has(.invitation-sheet) { border: 0 !important; padding: 0 !important; margin: 0 !important; background: none !important; }
  .invitation-sheet .invitation-screen-only { display: none !important; }
  .invitation-sheet .invitation-print-only { display: block !important; }
  .invitation-sheet { font-size: 14pt; }
  .invitation-sheet img { width: 7cm; height: 7cm; }
}
`;

/**
 * The patient's way into the portal. While their account has no password: a one-time link to set one. Once
 * it has one, a link cannot replace it: the therapist resets it instead, deliberately and with their own
 * password, which ends the old password and every session of the patient first.
 */
export function InvitationPanel({ patientId, patientName, hasPassword, isMailReady }: { patientId: string; patientName: string; hasPassword: boolean; isMailReady: boolean }) {
  const { linkState: createState, onLink: onCreate, isLinking: isCreating, resetState, onReset, isResetting, isResetOpen, setResetOpen, resetFormId, hasReset, shown: shownLink } =
    useSignInLink(createInvitationAction, resetPatientPasswordAction);
  const [emailState, onEmail, isEmailing] = useFormAction(emailInvitationAction, null);
  const mailHintId = useId();
  const emailed = emailState?.ok ? emailState.data : null;
  // Every button makes a new link that replaces the others: show the newest.
  const isEmailNewest = emailed !== null && (shownLink === null || new Date(emailed.expiresAt) > new Date(shownLink.data.expiresAt));
  const shown = isEmailNewest ? ({ kind: 'email', data: emailed } as const) : shownLink;
  return (
    <section className="card" aria-labelledby="invitation-heading">
      <style>{PRINT_CSS}</style>
      <h2 id="invitation-heading">Portal invitation</h2>
      {hasPassword && !hasReset ? (
        <>
          <p>
            {patientName} has set a password and can sign in to the portal. If they have forgotten it, reset it: their
            password stops working at once, they are signed out on every device, and you get a new one-time link to give them.
          </p>
          <button type="button" className="secondary" aria-expanded={isResetOpen} aria-controls={resetFormId} onClick={() => setResetOpen(!isResetOpen)}>
            Reset password
          </button>
          {isResetOpen ? (
            <form method="post" id={resetFormId} className="stack" onSubmit={onReset} noValidate aria-label={`Reset ${patientName}’s password`}>
              <input type="hidden" name="patientId" value={patientId} />
              <PasswordOrPasskey id={`${resetFormId}-password`} label="Your password, to confirm" />
              <FormStatus state={resetState} />
              <div>
                <button type="submit" disabled={isResetting}>
                  {isResetting ? 'Resetting…' : 'Reset password and make a link'}
                </button>
              </div>
            </form>
          ) : null}
        </>
      ) : (
        <>
          <p>
            A one-time link for {patientName} to set a password and see their exercises on their phone. Making a new link
            stops any earlier one from working.
          </p>
          <div className="button-row">
            <form method="post" onSubmit={onCreate} noValidate>
              <input type="hidden" name="patientId" value={patientId} />
              <button type="submit" disabled={isCreating}>
                {isCreating ? 'Creating link…' : 'Create invitation link'}
              </button>
            </form>
            <form method="post" onSubmit={onEmail} noValidate>
              <input type="hidden" name="patientId" value={patientId} />
              <button type="submit" className="secondary" disabled={!isMailReady || isEmailing} aria-describedby={isMailReady ? undefined : mailHintId}>
                {isEmailing ? 'Emailing…' : 'Email invitation'}
              </button>
            </form>
          </div>
          {isMailReady ? null : (
            <p id={mailHintId} className="field-hint">
              Email is not set up for this clinic, so Regimen cannot send the link. Copy or print it instead.
            </p>
          )}
          <FormStatus state={createState} />
          <FormStatus state={emailState} />
        </>
      )}
      {shown?.kind === 'reset' ? (
        <InvitationSheet
          invitation={shown.data}
          announcement={`Password reset. ${patientName}’s old password no longer works and they are signed out everywhere. Give them this new link on paper, or let them scan the code.`}
        />
      ) : shown?.kind === 'email' ? (
        <InvitationSheet
          invitation={shown.data}
          announcement={`Invitation emailed to ${shown.data.email}. The email holds this link, and earlier links no longer work. If it does not arrive, print it or copy it.`}
        />
      ) : shown?.kind === 'link' ? (
        <InvitationSheet invitation={shown.data} announcement={`Invitation link created for ${patientName}. Give it to them on paper, or let them scan the code.`} />
      ) : null}
    </section>
  );
}

function InvitationSheet({ invitation, announcement }: { invitation: InvitationLink; announcement: string }) {
  const { url } = invitation;
  const expiry = expiryFormat.format(new Date(invitation.expiresAt));
  const [copied, setCopied] = useState<string | null>(null);
  async function copyLink() {
    try {
      // The clipboard API needs a secure page (https, or localhost); elsewhere copy the selected field.
      if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(url);
      else {
        const field = document.getElementById('invitation-link') as HTMLInputElement | null;
        field?.select();
        if (!document.execCommand('copy')) throw new Error('copy refused');
      }
      setCopied('Link copied.');
    } catch {
      setCopied('Could not copy. Select the link and copy it.');
    }
  }
  return (
    <div className="invitation-sheet">
      <p className="invitation-screen-only success" role="status">
        {announcement}
      </p>
      <p className="invitation-print-only">
        Scan this code with your phone camera, or type the link, to set your Regimen password. The link works once and
        expires on {expiry}.
      </p>
      <div className="invitation-screen-only">
        <label htmlFor="invitation-link">Invitation link</label>
        <input id="invitation-link" readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
      </div>
      {/* A data URL of an SVG the server made: there is nothing for next/image to optimise. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        alt="QR code for the invitation link"
        src={`data:image/svg+xml;utf8,${encodeURIComponent(invitation.qrSvg)}`}
        width={200}
        height={200}
      />
      <p className="invitation-print-only" style={{ overflowWrap: 'anywhere', fontFamily: 'monospace' }}>
        {url}
      </p>
      <p className="invitation-screen-only">Expires on {expiry}.</p>
      <div className="invitation-screen-only button-row">
        <button type="button" onClick={() => void copyLink()}>
          Copy link
        </button>
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <p className="invitation-screen-only" aria-live="polite">
        {copied}
      </p>
    </div>
  );
}
