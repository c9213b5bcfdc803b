import 'server-only';
import { PASSWORD_RECHECK_LIMIT, recheckVerdict, SIGNED_OUT_AFTER_WRONG_PASSWORDS, triesLeftWords } from '@/lib/domain/throttle';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { db } from '../db';
import { AppError } from '../errors';
import { endAllSessions } from './end-sessions';
import { verifyPassword } from './password';
import { throttleCounters } from './throttle-counters';

const NOTHING_SIGNED = 'That password is not right, so nothing was signed. Please try again.';

/**
 * The one password re-check. Approvals, sign-offs and a surgeon's order are signatures, and resetting someone
 * else's password or changing one's own is a deliberate act: the actor types their own password again. A wrong
 * password is recorded and nothing is done; `refusal` says what was not done, and how many tries are left.
 *
 * Wrong passwords are counted per account (lib/domain/throttle.ts, in the shared counters), so a session that
 * is not its owner's cannot guess at the password: at the limit every session of the account ends (audited as
 * auth.sessions_ended) and the user must sign in again, which starts the count over. The attempt is counted
 * before the check, so parallel guesses cannot get past the limit either.
 */
export async function confirmPassword(
  actor: Actor,
  password: string,
  action: string,
  entity: { type: string; id: string; patientId?: string | null },
  refusal: string = NOTHING_SIGNED,
  { field = 'password' }: { field?: string } = {},
): Promise<void> {
  const counter = throttleCounters().passwordRecheck;
  const record = { type: entity.type, id: entity.id, patientId: entity.patientId ?? null };
  const { count } = await counter.add(actor.userId, 1);
  if (count > PASSWORD_RECHECK_LIMIT.failures) {
    // The limit was reached before: the sessions ended then, and only signing in again starts over.
    await recordAudit(db, actorDid(actor, action, record, { outcome: 'FAILURE', after: { reason: 'signed out after too many wrong passwords' } }));
    throw new AppError('UNAUTHENTICATED', SIGNED_OUT_AFTER_WRONG_PASSWORDS);
  }
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (await verifyPassword(user?.passwordHash ?? null, password)) {
    await counter.clear(actor.userId);
    return;
  }
  await recordAudit(db, actorDid(actor, action, record, { outcome: 'FAILURE', after: { reason: 'password did not match' } }));
  const verdict = recheckVerdict(count);
  if (verdict.kind === 'end_sessions') {
    await db.$transaction(async (tx) => {
      await endAllSessions(tx, actor.userId);
      await recordAudit(tx, actorDid(actor, 'auth.sessions_ended', { type: 'User', id: actor.userId }, { after: { reason: 'too many wrong passwords', failures: count, during: action } }));
    });
    throw new AppError('UNAUTHENTICATED', SIGNED_OUT_AFTER_WRONG_PASSWORDS);
  }
  throw new AppError('INVALID_INPUT', `${refusal} ${triesLeftWords(verdict.triesLeft)}`, { [field]: ['Password is not right.'] });
}
