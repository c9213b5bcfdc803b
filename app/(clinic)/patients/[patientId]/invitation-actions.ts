'use server';

import { headers } from 'next/headers';
import QRCode from 'qrcode';
import { idSchema } from '@/lib/schemas/exercise';
import { requireActor } from '@/lib/server/auth/get-actor';
import { parseInput } from '@/lib/server/errors';
import { runAction, type ActionResult } from '@/lib/server/run-action';
import { createInvitation } from '@/lib/server/invitations/create-invitation';

export type InvitationLink = { path: string; expiresAt: Date; qrSvg: string };

export type CreateInvitationState = ActionResult<InvitationLink> | null;

async function requestOrigin(): Promise<string> {
  const requestHeaders = await headers();
  const host = requestHeaders.get('x-forwarded-host') ?? requestHeaders.get('host') ?? 'localhost';
  const protocol = requestHeaders.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? (host.startsWith('localhost') ? 'http' : 'https');
  return `${protocol}://${host}`;
}

// A server action is a public POST endpoint: the session and the patient's care team are checked again here.
export async function createInvitationAction(_previous: CreateInvitationState, form: FormData): Promise<CreateInvitationState> {
  return runAction(async () => {
    const actor = await requireActor();
    const patientId = parseInput(idSchema, form.get('patientId'));
    const { path, expiresAt } = await createInvitation({ actor, patientId });
    const qrSvg = await QRCode.toString(`${await requestOrigin()}${path}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { path, expiresAt, qrSvg };
  });
}
