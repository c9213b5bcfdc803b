import 'server-only';
import { hashPrescription, hashSignature } from '@/lib/domain/content-hash';
import { dosageOf } from '@/lib/domain/prescription';
import { decideSignOffSchema } from '@/lib/schemas/sign-off';
import type { Actor } from '../authz/actor';
import { confirmPassword } from '../auth/confirm-password';
import { actorDid, recordAudit } from '../audit/record-audit';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { dosageSelect } from '../dosage-select';
import { AppError, notFound } from '../errors';
import { mailSettings } from '../mail/mail-settings';
import { homeExerciseIds, noteNewHomeExercise } from '../mail/note-new-home-exercise';
import { parseInput } from '../parse-input';

/**
 * The surgeon signs off (or declines, with a reason) one self-directed prescription. The signature is
 * bound to the hash of exactly what the surgeon was shown; if the prescription is not that content any
 * more, nothing is signed.
 */
export async function decideSignOff({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  requirePermission(actor, 'signoff.sign');
  const { signOffId, decision, contentHash, reason, password, passkeyAnswer } = parseInput(decideSignOffSchema, input);
  const visible = await db.signOff.findFirst({
    where: { id: signOffId, surgeonId: actor.userId, item: { version: { plan: { episode: { patient: patientVisibleTo(actor) } } } } },
    select: { id: true, patientId: true },
  });
  if (!visible) throw notFound('That sign-off request');
  await confirmPassword(actor, { password, passkeyAnswer }, decision === 'SIGN' ? 'signoff.sign' : 'signoff.decline', { type: 'SignOff', id: signOffId, patientId: visible.patientId });
  // What the patient had at home before, to tell them by email when this signature gives them a new exercise.
  const homeBefore = decision === 'SIGN' && mailSettings().isConfigured ? await homeExerciseIds(visible.patientId) : null;

  const decidedResult = await db.$transaction(async (tx) => {
    const signOff = await tx.signOff.findUnique({
      where: { id: signOffId },
      select: {
        id: true,
        status: true,
        contentHash: true,
        patientId: true,
        item: { select: { exerciseId: true, exerciseName: true, instructions: true, mode: true, patientNotes: true, ...dosageSelect } },
      },
    });
    if (!signOff) throw notFound('That sign-off request');
    if (signOff.status !== 'PENDING') throw new AppError('CONFLICT', 'This request was already decided.');
    const currentHash = hashPrescription({ ...signOff.item, dosage: dosageOf(signOff.item) });
    if (contentHash !== signOff.contentHash || currentHash !== signOff.contentHash) {
      throw new AppError('CONFLICT', 'This prescription changed after you opened it, so it was not signed. Reload and review it again.');
    }
    const decidedAt = now;
    const status = decision === 'SIGN' ? 'SIGNED' : 'DECLINED';
    const signatureHash = hashSignature({ contentHash, signerId: actor.userId, decision: status, at: decidedAt, reason: reason || null });
    const decided = await tx.signOff.updateMany({
      where: { id: signOffId, status: 'PENDING', contentHash },
      data: { status, decidedAt, reason: reason || null, signatureHash },
    });
    if (decided.count !== 1) throw new AppError('CONFLICT', 'This request was already decided.');
    await recordAudit(tx, actorDid(actor, decision === 'SIGN' ? 'signoff.sign' : 'signoff.decline', { type: 'SignOff', id: signOffId, patientId: signOff.patientId }, { before: { status: 'PENDING' }, after: { status, contentHash, signatureHash, reason: reason || null, exercise: signOff.item.exerciseName } }));
    return { signOffId, status, exerciseName: signOff.item.exerciseName };
  });
  if (homeBefore) await noteNewHomeExercise({ patientId: visible.patientId, homeBefore, now });
  return decidedResult;
}
