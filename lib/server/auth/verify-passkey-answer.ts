import 'server-only';
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { db } from '../db';
import type { PasskeyPurpose } from './issue-passkey-challenge';
import { relyingParty } from './relying-party';
import { takePasskeyChallenge } from './take-passkey-challenge';

/** The challenge a browser's answer says it signed, or null when the answer is not one. */
function challengeOf(answer: AuthenticationResponseJSON): string | null {
  try {
    const clientData = JSON.parse(Buffer.from(answer.response.clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof clientData.challenge === 'string' ? clientData.challenge : null;
  } catch {
    return null;
  }
}

function parseAnswer(text: string): AuthenticationResponseJSON | null {
  try {
    const answer = JSON.parse(text) as AuthenticationResponseJSON;
    if (typeof answer?.id !== 'string' || typeof answer.response?.clientDataJSON !== 'string' || typeof answer.response.authenticatorData !== 'string' || typeof answer.response.signature !== 'string') return null;
    return answer;
  } catch {
    return null;
  }
}

/**
 * Checks a passkey answer (the JSON @simplewebauthn/browser's startAuthentication gives): made by one of
 * `userId`'s passkeys, over a challenge the server issued to that user for `purpose` (used up here, so an answer
 * works once), for this app's relying party and origin, with the user verified. Returns the passkey's id, or null
 * for anything else. The passkey's signature counter and last use are updated.
 */
export async function verifyPasskeyAnswer(userId: string, purpose: PasskeyPurpose, answerText: string, now = new Date()): Promise<string | null> {
  const answer = parseAnswer(answerText);
  if (!answer) return null;
  const challenge = challengeOf(answer);
  if (!challenge || !(await takePasskeyChallenge(userId, purpose, challenge, now))) return null;
  const passkey = await db.passkey.findFirst({ where: { userId, credentialId: answer.id }, select: { id: true, credentialId: true, publicKey: true, counter: true, transports: true } });
  if (!passkey) return null;
  const party = relyingParty();
  try {
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({
      response: answer,
      expectedChallenge: challenge,
      expectedOrigin: party.origin,
      expectedRPID: party.id,
      requireUserVerification: true,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: Number(passkey.counter), transports: passkey.transports },
    });
    if (!verified) return null;
    await db.passkey.update({ where: { id: passkey.id }, data: { counter: BigInt(authenticationInfo.newCounter), lastUsedAt: now } });
    return passkey.id;
  } catch {
    // A malformed answer, a wrong origin, a bad signature or a counter that went backwards (a cloned key).
    return null;
  }
}
