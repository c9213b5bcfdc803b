import 'server-only';
import { verifyRegistrationResponse } from '@simplewebauthn/server';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { addPasskeySchema } from '@/lib/schemas/second-factor';
import { relyingParty } from '../auth/relying-party';
import { takePasskeyChallenge } from '../auth/take-passkey-challenge';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../parse-input';
import { issueRecoveryCodes } from './issue-recovery-codes';

const NOT_ADDED = 'That passkey could not be added. Please try again.';

function parseRegistration(text: string): { answer: RegistrationResponseJSON; challenge: string } | null {
  try {
    const answer = JSON.parse(text) as RegistrationResponseJSON;
    if (typeof answer?.id !== 'string' || typeof answer.response?.clientDataJSON !== 'string' || typeof answer.response.attestationObject !== 'string') return null;
    const clientData = JSON.parse(Buffer.from(answer.response.clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof clientData.challenge === 'string' ? { answer, challenge: clientData.challenge } : null;
  } catch {
    return null;
  }
}

/**
 * Adds the passkey the browser just made (over a challenge issued to the actor for this, used up here) to the
 * actor's account. A first second factor comes with a new set of recovery codes, returned to be shown once.
 */
export async function addPasskey({ actor, input }: { actor: Actor; input: unknown }): Promise<{ recoveryCodes: string[] | null }> {
  requirePermission(actor, 'account.second_factor');
  const { name, answer } = parseInput(addPasskeySchema, input);
  const parsed = parseRegistration(answer);
  if (!parsed || !(await takePasskeyChallenge(actor.userId, 'PASSKEY_REGISTER', parsed.challenge))) throw new AppError('INVALID_INPUT', NOT_ADDED);
  const party = relyingParty();
  const verified = await verifyRegistrationResponse({
    response: parsed.answer,
    expectedChallenge: parsed.challenge,
    expectedOrigin: party.origin,
    expectedRPID: party.id,
    requireUserVerification: true,
  }).catch(() => null);
  if (!verified?.verified) throw new AppError('INVALID_INPUT', NOT_ADDED);
  const { credential } = verified.registrationInfo;
  return db.$transaction(async (tx) => {
    if (await tx.passkey.findUnique({ where: { credentialId: credential.id }, select: { id: true } })) throw new AppError('CONFLICT', 'That passkey is already added.');
    const count = await tx.passkey.count({ where: { userId: actor.userId } });
    const passkey = await tx.passkey.create({
      data: {
        userId: actor.userId,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey),
        counter: BigInt(credential.counter),
        transports: credential.transports ?? [],
        name: name || `Passkey ${count + 1}`,
      },
      select: { id: true, name: true },
    });
    await recordAudit(tx, actorDid(actor, 'second_factor.passkey_added', { type: 'Passkey', id: passkey.id }, { after: { name: passkey.name } }));
    const unusedCodes = await tx.recoveryCode.count({ where: { userId: actor.userId, usedAt: null } });
    if (unusedCodes > 0) return { recoveryCodes: null };
    const recoveryCodes = await issueRecoveryCodes(tx, actor.userId);
    await recordAudit(tx, actorDid(actor, 'second_factor.recovery_codes_made', { type: 'User', id: actor.userId }, { after: { count: recoveryCodes.length } }));
    return { recoveryCodes };
  });
}
