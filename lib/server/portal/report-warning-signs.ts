import 'server-only';
import { actionText, warningSign, type WarningSignUrgency } from '@/lib/domain/warning-signs';
import { reportWarningSignsSchema } from '@/lib/schemas/warning-sign';
import { raiseAlerts } from '../alerts/raise-alerts';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { notFound } from '../errors';
import { parseInput } from '../parse-input';

export type WarningSignAnswer = {
  /** EMERGENCY when any reported sign needs the emergency number now. */
  urgency: WarningSignUrgency;
  emergencyNumber: string;
  clinicName: string;
  clinicPhone: string;
  signs: Array<{ sign: string; action: string }>;
};

/**
 * The patient tells their care team they have one or more warning signs. What they reported is kept (never
 * changed), each sign raises an alert to the care team (once per sign while it is open), and the answer
 * says at once what to do now: the emergency number, or the clinic's phone.
 */
export async function reportWarningSigns({ actor, input }: { actor: Actor; input: unknown }): Promise<WarningSignAnswer> {
  requirePermission(actor, 'warning_sign.report');
  const patientId = actor.patientId;
  if (!patientId) throw notFound('Your plan');
  const { signs, submissionKey } = parseInput(reportWarningSignsSchema, input);
  const codes = [...new Set(signs)];
  const clinic = await db.clinic.findUniqueOrThrow({ where: { id: actor.clinicId }, select: { name: true, phone: true, emergencyNumber: true } });
  const settings = { emergencyNumber: clinic.emergencyNumber };
  const answer: WarningSignAnswer = {
    urgency: codes.some((code) => warningSign(code).urgency === 'EMERGENCY') ? 'EMERGENCY' : 'CLINIC',
    emergencyNumber: clinic.emergencyNumber,
    clinicName: clinic.name,
    clinicPhone: clinic.phone,
    signs: codes.map((code) => ({ sign: warningSign(code).sign, action: actionText(warningSign(code), settings) })),
  };
  await db.$transaction(async (tx) => {
    // A retried submit (same key, perhaps with signs ticked since) stores only the signs not yet kept under
    // that key: ON CONFLICT DO NOTHING on (patient, key, sign), so a concurrent double tap stores each once.
    const stored = await tx.warningSignReport.createManyAndReturn({
      data: codes.map((code) => ({ patientId, code, submissionKey: submissionKey ?? null })),
      skipDuplicates: true,
      select: { id: true, code: true },
    });
    for (const report of stored) {
      await recordAudit(tx, actorDid(actor, 'warning_sign.report', { type: 'WarningSignReport', id: report.id, patientId }, { after: { code: report.code } }));
    }
    if (stored.length > 0) await raiseAlerts(tx, { actor, patientId, warningSigns: codes.filter((code) => stored.some((report) => report.code === code)) });
  });
  return answer;
}
