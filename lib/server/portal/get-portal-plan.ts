import 'server-only';
import { adherence } from '@/lib/domain/adherence';
import { describeDosage } from '@/lib/domain/dosage';
import { daysSinceSurgery } from '@/lib/domain/calendar';
import { dosageOf } from '@/lib/domain/prescription';
import { recentWindow } from '@/lib/domain/windows';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { notFound } from '../errors';
import { loadClearedPrescriptions } from './load-cleared-prescriptions';

type Prescription = Awaited<ReturnType<typeof loadClearedPrescriptions>>['plan']['home'][number];

// Only what the patient's screen shows goes to the browser: no ids of other records, no hashes.
function toPortalExercise(item: Prescription) {
  return {
    exerciseId: item.exerciseId,
    name: item.exerciseName,
    dosageText: describeDosage(dosageOf(item)),
    steps: item.instructions.split('\n').filter((step) => step.trim().length > 0),
    notes: item.patientNotes,
  };
}

export type PortalExercise = ReturnType<typeof toPortalExercise>;

/** The signed-in patient's cleared exercises, this week's adherence and recent logs. */
export async function getPortalPlan({ actor, today = new Date() }: { actor: Actor; today?: Date }) {
  requirePermission(actor, 'portal.view');
  const patientId = actor.patientId;
  if (!patientId) throw notFound('Your plan');
  const since = recentWindow(today).first;
  const [{ plan, precautions, surgeryDate }, sessions] = await Promise.all([
    loadClearedPrescriptions(patientId),
    db.sessionLog.findMany({
      where: { patientId, performedOn: { gte: since } },
      orderBy: [{ performedOn: 'desc' }, { createdAt: 'desc' }],
      select: { id: true, exerciseId: true, exerciseName: true, performedOn: true, completed: true, setsCompleted: true, pain: true },
    }),
  ]);
  const week = adherence({
    sessions,
    prescriptions: plan.home.map((item) => ({ exerciseId: item.exerciseId, timesPerDay: item.timesPerDay, daysPerWeek: item.daysPerWeek })),
    today,
  });
  await recordAudit(db, actorDid(actor, 'portal.read', { type: 'Patient', id: patientId, patientId }));
  return {
    home: plan.home.map(toPortalExercise),
    withTherapist: plan.withTherapist.map(toPortalExercise),
    precautions,
    daysSinceSurgery: surgeryDate ? daysSinceSurgery(surgeryDate, today) : null,
    week,
    recentSessions: sessions.slice(0, 10).map((session) => ({
      id: session.id,
      exerciseName: session.exerciseName,
      performedOn: session.performedOn.toISOString().slice(0, 10),
      completed: session.completed,
      setsCompleted: session.setsCompleted,
      pain: session.pain,
    })),
  };
}

export type PortalPlan = Awaited<ReturnType<typeof getPortalPlan>>;
