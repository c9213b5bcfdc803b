import 'server-only';
import { generateRegistrationOptions } from '@simplewebauthn/server';
import { PASSKEY_CHALLENGE_SECONDS } from '@/lib/domain/second-factor';
import { issuePasskeyChallenge } from '../auth/issue-passkey-challenge';
import { relyingParty } from '../auth/relying-party';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';

/** What the browser needs to make a new passkey for the actor; the challenge stays on the server. */
export async function startPasskeyRegistration({ actor }: { actor: Actor }) {
  requirePermission(actor, 'account.second_factor');
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true, name: true, passkeys: { select: { credentialId: true, transports: true } } } });
  const challenge = await issuePasskeyChallenge(actor.userId, 'PASSKEY_REGISTER');
  const party = relyingParty();
  return generateRegistrationOptions({
    rpName: party.name,
    rpID: party.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: new Uint8Array(Buffer.from(actor.userId, 'utf8')),
    challenge: new Uint8Array(Buffer.from(challenge, 'base64url')),
    timeout: PASSKEY_CHALLENGE_SECONDS * 1_000,
    attestationType: 'none',
    excludeCredentials: user.passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
  });
}
