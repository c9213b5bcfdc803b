'use server';

import QRCode from 'qrcode';
import { requireActor } from '@/lib/server/auth/get-actor';
import { publicUrl } from '@/lib/server/public-url';
import { runAction, type ActionResult } from '@/lib/server/run-action';
import { createInvitation, type CreatedInvitation } from '@/lib/server/invitations/create-invitation';
import { emailInvitation } from '@/lib/server/invitations/email-invitation';
import { resetPatientPassword } from '@/lib/server/patients/reset-patient-password';

export type InvitationLink = { path: string; url: string; expiresAt: Date; qrSvg: string };

export type CreateInvitationState = ActionResult<InvitationLink> | null;

export type EmailedInvitation = InvitationLink & { email: string };

// The link, printed and in the QR code, uses the configured public address, never the request's Host headers.
async function withQrCode({ path, expiresAt }: CreatedInvitation): Promise<InvitationLink> {
  const url = publicUrl(path);
  const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { path, url, expiresAt, qrSvg };
}

// A server action is a public POST endpoint: the session and the patient's care team are checked again here.
export async function createInvitationAction(_previous: CreateInvitationState, form: FormData): Promise<CreateInvitationState> {
  return runAction(form, async () => {
    const actor = await requireActor();
    return withQrCode(await createInvitation({ actor, patientId: form.get('patientId') }));
  });
}

export async function resetPatientPasswordAction(_previous: CreateInvitationState, form: FormData): Promise<CreateInvitationState> {
  return runAction(form, async () => {
    const actor = await requireActor();
    return withQrCode(await resetPatientPassword({ actor, input: { patientId: form.get('patientId'), password: form.get('password'), passkeyAnswer: form.get('passkeyAnswer') ?? '' } }));
  });
}

/** Makes a new link and emails it to the patient (when mail is set up); the same link is shown to print or copy. */
export async function emailInvitationAction(_previous: ActionResult<EmailedInvitation> | null, form: FormData): Promise<ActionResult<EmailedInvitation> | null> {
  return runAction(form, async () => {
    const actor = await requireActor();
    const { email, ...link } = await emailInvitation({ actor, patientId: form.get('patientId') });
    return { ...(await withQrCode(link)), email };
  });
}
