import 'server-only';
import { PASSWORD_RECHECK_LIMIT, recheckVerdict, SIGNED_OUT_AFTER_WRONG_PASSWORDS, triesLeftWords } from '@/lib/domain/throttle';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { db } from '../db';
import { AppError } from '../errors';
import { endAllSessions } from './end-sessions';
import { verifyPassword } from './password';
import { verifyPasskeyAnswer } from './verify-passkey-answer';
import { throttleCounters } from './throttle-counters';

const PASSKEY_REFUSED = 'That passkey did not work, so nothing was done. Please try again.';
const NOTHING_SIGNED = 'That password is not right, so nothing was signed. Please try again.';

/**
 * The one password re-check (or a passkey in its place). Approvals, sign-offs and a surgeon's order are signatures, and resetting someone
 * else's password or changing one's own is a deliberate act: the actor types their own password again, or answers
 * with one of their passkeys (a challenge issued for this, start-passkey-confirmation.ts). A wrong passkey counts as
 * a wrong password. A wrong
 * password is recorded and nothing is done; `refusal` says what was not done, and how many tries are left.
 *
 * Wrong passwords are counted per account (lib/domain/throttle.ts, in the shared counters), so a session that
 * is not its owner's cannot guess at the password: at the limit every session of the account ends (audited as
 * auth.sessions_ended) and the user must sign in again, which starts the count over. The attempt is counted
 * before the check, so parallel guesses cannot get past the limit either.
 */
export async function confirmPassword(
  actor: Actor,
  proof: string | { password: string; passkeyAnswer?: string },
  action: string,
  entity: { type: string; id: string; patientId?: string | null },
  refusal: string = NOTHING_SIGNED,
  { field = 'password' }: { field?: string } = {},
): Promise<void> {
  const { password, passkeyAnswer = '' } = typeof proof === 'string' ? { password: proof } : proof;
  const usesPasskey = passkeyAnswer.length > 0;
  if (!usesPasskey && !password) throw new AppError('INVALID_INPUT', 'Enter your password, or use your passkey.', { [field]: ['Enter your password, or use your passkey.'] });
  const counter = throttleCounters().passwordRecheck;
  const record = { type: entity.type, id: entity.id, patientId: entity.patientId ?? null };
  const { count } = await counter.add(actor.userId, 1);
  if (count > PASSWORD_RECHECK_LIMIT.failures) {
    // The limit was reached before: the sessions ended then, and only signing in again starts over.
    await recordAudit(db, actorDid(actor, action, record, { outcome: 'FAILURE', after: { reason: 'signed out after too many wrong passwords' } }));
    throw new AppError('UNAUTHENTICATED', SIGNED_OUT_AFTER_WRONG_PASSWORDS);
  }
  if (usesPasskey) {
    // A fresh passkey answer over a challenge issued to this user for signing (single use, short-lived).
    const passkeyId = await verifyPasskeyAnswer(actor.userId, 'PASSKEY_CONFIRM', passkeyAnswer);
    if (passkeyId) {
      await counter.clear(actor.userId);
      await recordAudit(db, actorDid(actor, 'auth.passkey_used', { type: 'Passkey', id: passkeyId }, { after: { for: action } }));
      return;
    }
  } else {
    const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
    if (await verifyPassword(user?.passwordHash ?? null, password)) {
      await counter.clear(actor.userId);
      return;
    }
  }
  await recordAudit(db, actorDid(actor, action, record, { outcome: 'FAILURE', after: { reason: usesPasskey ? 'passkey did not answer' : 'password did not match' } }));
  const verdict = recheckVerdict(count);
  if (verdict.kind === 'end_sessions') {
    await db.$transaction(async (tx) => {
      await endAllSessions(tx, actor.userId);
      await recordAudit(tx, actorDid(actor, 'auth.sessions_ended', { type: 'User', id: actor.userId }, { after: { reason: 'too many wrong passwords', failures: count, during: action } }));
    });
    throw new AppError('UNAUTHENTICATED', SIGNED_OUT_AFTER_WRONG_PASSWORDS);
  }
  if (usesPasskey) throw new AppError('INVALID_INPUT', `${PASSKEY_REFUSED} ${triesLeftWords(verdict.triesLeft)}`, { [field]: ['The passkey did not answer.'] });
  throw new AppError('INVALID_INPUT', `${refusal} ${triesLeftWords(verdict.triesLeft)}`, { [field]: ['Password is not right.'] });
}
