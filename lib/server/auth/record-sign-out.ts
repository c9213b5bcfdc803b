import 'server-only';
import { db } from '../db';
import { recordAudit } from '../audit/record-audit';

export async function recordSignOut(userId: string, sessionId: string | null): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, clinicId: true } });
  if (!user) return;
  await db.$transaction(async (tx) => {
    if (sessionId) await tx.userSession.updateMany({ where: { id: sessionId, userId, endedAt: null }, data: { endedAt: new Date() } });
    await recordAudit(tx, { actorId: user.id, clinicId: user.clinicId, action: 'auth.sign_out', entityType: 'User', entityId: user.id, outcome: 'SUCCESS' });
  });
}
