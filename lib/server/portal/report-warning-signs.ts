import 'server-only';
import { actionText, warningSign, type WarningSignUrgency } from '@/lib/domain/warning-signs';
import { reportWarningSignsSchema } from '@/lib/schemas/warning-sign';
import { raiseAlerts } from '../alerts/raise-alerts';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { isUniqueViolation, notFound } from '../errors';
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
  try {
    await db.$transaction(async (tx) => {
      for (const code of codes) {
        const report = await tx.warningSignReport.create({ data: { patientId, code, submissionKey: submissionKey ?? null }, select: { id: true } });
        await recordAudit(tx, actorDid(actor, 'warning_sign.report', { type: 'WarningSignReport', id: report.id, patientId }, { after: { code } }));
      }
      await raiseAlerts(tx, { actor, patientId, warningSigns: codes });
    });
  } catch (error) {
    // The same submit twice (a double tap): the first was kept; the patient still needs the answer.
    if (!(submissionKey && isUniqueViolation(error))) throw error;
  }
  return answer;
}
