import 'server-only';
import { localDay } from '@/lib/domain/clinic-time';
import { newHomeExercises } from '@/lib/domain/reminders';
import { db } from '../db';
import { isUniqueViolation } from '../errors';
import { logger } from '../logger';
import { loadClearedPrescriptions } from '../portal/load-cleared-prescriptions';
import { enqueueMail } from './enqueue-mail';
import { mailSettings } from './mail-settings';

/** The home exercises the patient sees now (ids), to compare after a sign-off. */
export async function homeExerciseIds(patientId: string): Promise<string[]> {
  const { plan } = await loadClearedPrescriptions(patientId);
  return plan.home.map((item) => item.exerciseId);
}

/**
 * After a sign-off: when the patient now has a home exercise they did not have before, they get an email
 * saying there is an update (at most one such note a day). Never fails the sign-off: a problem is logged.
 */
export async function noteNewHomeExercise({ patientId, homeBefore, now = new Date() }: { patientId: string; homeBefore: readonly string[]; now?: Date }): Promise<boolean> {
  if (!mailSettings().isConfigured) return false;
  try {
    const added = newHomeExercises(homeBefore, await homeExerciseIds(patientId));
    if (added.length === 0) return false;
    const patient = await db.patient.findUnique({
      where: { id: patientId },
      select: { clinicId: true, userId: true, user: { select: { isActive: true, passwordHash: true } }, clinic: { select: { timeZone: true } } },
    });
    // Only a patient who has set their password can open the programme the note points to.
    if (!patient?.userId || !patient.user?.isActive || patient.user.passwordHash === null) return false;
    const { userId, clinicId } = patient;
    const day = localDay(now, patient.clinic.timeZone);
    const messageId = await db.$transaction((tx) => enqueueMail(tx, { clinicId, userId, patientId, kind: 'NEW_EXERCISE', day }));
    return messageId !== null;
  } catch (error) {
    if (!isUniqueViolation(error)) logger.warn('new-exercise note not queued', { patientId, error: error instanceof Error ? error.message : String(error) });
    return false;
  }
}
