import 'server-only';
import { getActor } from './get-actor';
import { db } from '../db';
import type { AppError } from '../errors';
import { logger } from '../logger';
import { recordAudit } from '../audit/record-audit';

/**
 * Writes an 'access.denied' row for a refusal that no data-access function recorded itself. Called from
 * the three places every request ends: pages, server actions and route handlers. Never throws: a failure
 * to audit a refusal must not turn it into an error page.
 */
export async function recordDeniedAccess(error: AppError, where: string): Promise<void> {
  try {
    const actor = await getActor();
    await recordAudit(db, {
      actorId: actor?.userId ?? null,
      clinicId: actor?.clinicId ?? null,
      action: 'access.denied',
      outcome: 'DENIED',
      ip: actor?.ip ?? null,
      after: { code: error.code, where },
    });
  } catch (auditError) {
    logger.error('could not record a denied access', { error: auditError instanceof Error ? auditError.message : String(auditError) });
  }
}
