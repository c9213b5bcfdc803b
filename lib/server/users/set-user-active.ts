import 'server-only';
import { z } from 'zod';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { endAllSessions } from '../auth/end-sessions';
import { db } from '../db';
import { AppError, notFound } from '../errors';
import { parseInput } from '../parse-input';

const inputSchema = z.strictObject({ userId: z.string().min(1).max(64), isActive: z.boolean() });

/** Deactivating a user also ends every session they have, on their very next request. */
export async function setUserActive({ actor, input }: { actor: Actor; input: unknown }) {
  requirePermission(actor, 'user.manage', 'FORBIDDEN');
  const { userId, isActive } = parseInput(inputSchema, input);
  if (userId === actor.userId && !isActive) throw new AppError('INVALID_INPUT', 'You cannot deactivate your own account.');
  return db.$transaction(async (tx) => {
    const before = await tx.user.findFirst({ where: { id: userId, clinicId: actor.clinicId }, select: { id: true, isActive: true } });
    if (!before) throw notFound('That user');
    const after = await tx.user.update({ where: { id: userId }, data: { isActive }, select: { id: true, isActive: true } });
    if (!isActive) await endAllSessions(tx, userId);
    await recordAudit(tx, actorDid(actor, isActive ? 'user.activate' : 'user.deactivate', { type: 'User', id: userId }, { before, after }));
    return after;
  });
}
