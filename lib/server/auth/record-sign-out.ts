import 'server-only';
import { db } from '../db';
import { recordAudit } from '../audit/record-audit';

export async function recordSignOut(userId: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, clinicId: true } });
  if (!user) return;
  await db.$transaction((tx) =>
    recordAudit(tx, { actorId: user.id, clinicId: user.clinicId, action: 'auth.sign_out', entityType: 'User', entityId: user.id, outcome: 'SUCCESS' }),
  );
}
