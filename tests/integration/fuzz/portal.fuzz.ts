// The patient's portal (app/portal/actions.ts): the session log (each field is form.get(…), so a string, a
// file or null) and the warning-sign report (the ticked signs as a list, form.getAll('signs'), and the
// form's one-time submission key).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { warningSignCause } from '@/lib/domain/alerts';
import { addDays } from '@/lib/domain/calendar';
import { actionText, isWarningSignCode, warningSign, WARNING_SIGN_CODES, type WarningSignCode } from '@/lib/domain/warning-signs';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { logSession } from '@/lib/server/portal/log-session';
import { reportWarningSigns } from '@/lib/server/portal/report-warning-signs';
import { unique } from '@/prisma/factories';
import { auditCursor, auditRowsSince } from '../support/audit';
import { isoDate, registerPatient, TODAY } from '../support/plan-flow';
import { hostileInput, mostly, typedText } from './support/arbitraries';
import { deferred, fieldOf, fuzz, materialize, probe } from './support/harness';
import { idOf, MISSING_ID, type FuzzWorld } from './support/fuzz-world';

type Input = Record<string, unknown>;

export function describePortalFuzz(getWorld: () => FuzzWorld) {
  describe('portal', () => {
    it('logSession: refuses cleanly, and logs exactly what the patient entered, for a cleared exercise of their own', async () => {
      const { a, b, scope } = getWorld();
      const exerciseId = (name: string) => a.world.exerciseIds.get(name);
      const valid = fc.record({
        // Walking is signed off (home); Lying march is supervised (done at visits, never logged at home);
        // Hamstring stretch still waits for the surgeon.
        exerciseId: mostly({ 'a.Walking (cleared)': exerciseId('Walking') }, { 'a.Lying march (with the therapist)': exerciseId('Lying march'), 'a.Hamstring stretch (not cleared)': exerciseId('Hamstring stretch'), 'b.Walking': b.world.exerciseIds.get('Walking'), 'missing id': MISSING_ID }),
        performedOn: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: -6, max: 0 }) }, { weight: 1, arbitrary: fc.constantFrom(-7, 1, -400) }).map((days) => isoDate(addDays(TODAY, days))),
        completed: fc.constantFrom('yes', 'on', 'true', true, '', null),
        setsCompleted: fc.oneof(fc.integer({ min: 0, max: 20 }).map(String), fc.integer({ min: 0, max: 20 }), fc.constant('')),
        backPain: fc.oneof(fc.integer({ min: 0, max: 10 }).map(String), fc.integer({ min: 0, max: 10 })),
        legPain: fc.oneof(fc.integer({ min: 0, max: 10 }).map(String), fc.integer({ min: 0, max: 10 })),
        note: typedText({ maxLength: 500 }),
      });
      const arbitrary = fc.record({
        actor: mostly(
          { 'a.treated patient': a.treated.actor },
          {
            'a.patient with no plan': a.world.actors.patient,
            'b.treated patient': b.treated.actor,
            'a.patient account with no patient record': { ...a.treated.actor, patientId: null },
            'a.therapist': a.world.actors.therapist,
          },
        ),
        input: hostileInput(valid, ['exerciseId', 'performedOn', 'completed', 'setsCompleted', 'backPain', 'legPain', 'note'], { textKeys: ['note'] }),
      });
      await fuzz('logSession', scope, 250, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Input };
        const outcome = await probe('logSession', scope, () => logSession({ actor, input, today: TODAY }));
        if (!outcome.ok) return;
        const session = await db.sessionLog.findUniqueOrThrow({ where: { id: outcome.value.sessionId } });
        const count = (value: unknown) => (value === '' || value === undefined || value === null ? null : Number(value));
        expect(session).toMatchObject({
          patientId: actor.patientId,
          exerciseId: idOf(input.exerciseId),
          completed: input.completed === true || input.completed === 'yes' || input.completed === 'on' || input.completed === 'true',
          setsCompleted: count(input.setsCompleted),
          backPain: count(input.backPain),
          legPain: count(input.legPain),
          note: typeof input.note === 'string' ? input.note.trim() : '',
        });
        expect(isoDate(session.performedOn)).toBe(input.performedOn);
      });
    });

    it('reportWarningSigns: refuses cleanly, says whom to call, keeps each sign reported once per submit and alerts the care team once per sign while open', async () => {
      const { a, b, scope } = getWorld();
      const code = fc.constantFrom(...WARNING_SIGN_CODES);
      const valid = fc.record(
        {
          // The form's checkbox group comes as a list; a caller of the data layer may pass one code as a string.
          signs: fc.oneof({ weight: 4, arbitrary: fc.array(code, { minLength: 1, maxLength: 4 }) }, { weight: 1, arbitrary: code }),
          submissionKey: fc.constant(deferred('a new submission key', () => `fuzz-${unique()}`)),
        },
        { requiredKeys: ['signs'] },
      );
      const arbitrary = fc.record({
        // Now and then the last accepted submit again, as a double tap or a retry after a lost answer sends it.
        isAgain: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
        actor: mostly(
          { 'a.treated patient': a.treated.actor },
          {
            'a.patient with no plan': a.world.actors.patient,
            'b.treated patient': b.treated.actor,
            'a.patient account with no patient record': { ...a.treated.actor, patientId: null },
            'a.therapist': a.world.actors.therapist,
            'a.admin': a.world.actors.admin,
          },
        ),
        input: hostileInput(valid, ['signs', 'submissionKey']),
      });
      let lastAccepted: { actor: Actor; input: Input } | null = null;
      await fuzz('reportWarningSigns', scope, 200, arbitrary, async (generated) => {
        const made = (await materialize(generated, scope)) as { isAgain: boolean; actor: Actor; input: Input };
        const { actor, input } = made.isAgain && lastAccepted ? lastAccepted : made;
        const patientId = actor.patientId;
        const submissionKey = fieldOf(input, 'submissionKey');
        const key = typeof submissionKey === 'string' ? submissionKey : null;
        const reportsOf = () => (patientId ? db.warningSignReport.findMany({ where: { patientId }, select: { id: true, code: true, submissionKey: true } }) : Promise.resolve([]));
        const openCausesOf = async () => (patientId ? (await db.alert.findMany({ where: { patientId, acknowledgedAt: null }, select: { cause: true } })).map((alert) => alert.cause) : []);
        const [reportsBefore, openBefore] = await Promise.all([reportsOf(), openCausesOf()]);
        const cursor = await auditCursor();
        const outcome = await probe('reportWarningSigns', scope, () => reportWarningSigns({ actor, input }), { allowed: ['INVALID_INPUT', 'NOT_FOUND'] });
        if (!outcome.ok) return;
        lastAccepted = { actor, input };
        expect(patientId, 'only a patient reports').not.toBeNull();
        const codes = [...new Set([input.signs].flat())].filter(isWarningSignCode);
        expect(codes.length).toBeGreaterThan(0);
        const clinic = await db.clinic.findUniqueOrThrow({ where: { id: actor.clinicId }, select: { name: true, phone: true, emergencyNumber: true } });
        expect(outcome.value).toEqual({
          urgency: codes.some((reported) => warningSign(reported).urgency === 'EMERGENCY') ? 'EMERGENCY' : 'CLINIC',
          emergencyNumber: clinic.emergencyNumber,
          clinicName: clinic.name,
          clinicPhone: clinic.phone,
          signs: codes.map((reported) => ({ sign: warningSign(reported).sign, action: actionText(warningSign(reported), { emergencyNumber: clinic.emergencyNumber }) })),
        });
        // What this submit kept: every sign it names, unless the same key already kept it (a repeat keeps nothing new).
        const keptBefore = new Set(reportsBefore.filter((report) => key !== null && report.submissionKey === key).map((report) => report.code));
        const expectedCodes = codes.filter((reported) => !keptBefore.has(reported)).sort();
        const reportsAfter = await reportsOf();
        const known = new Set(reportsBefore.map((report) => report.id));
        const kept = reportsAfter.filter((report) => !known.has(report.id));
        expect(kept.map((report) => report.code).sort()).toEqual(expectedCodes);
        for (const report of kept) expect(report.submissionKey).toBe(key);
        const expectedAlerts = expectedCodes.map((reported) => warningSignCause(reported as WarningSignCode)).filter((cause) => !openBefore.includes(cause)).sort();
        const openAfter = await openCausesOf();
        expect(openAfter.filter((cause) => !openBefore.includes(cause)).sort()).toEqual(expectedAlerts);
        const audited = await auditRowsSince(cursor, { patientId: patientId ?? '' });
        expect(audited.filter((row) => row.action === 'warning_sign.report')).toHaveLength(expectedCodes.length);
        expect(audited.filter((row) => row.action === 'alert.raise')).toHaveLength(expectedAlerts.length);
      });
    });

    // useSubmissionKey keeps a report's key until a submit succeeds, so a report that reached the server but whose
    // answer was lost is retried with the same key and whatever the patient ticked since: the added sign is kept.
    it('reportWarningSigns: a retry with the same key and a sign ticked since keeps and alerts the added sign', async () => {
      const { a } = getWorld();
      const patient = await registerPatient(a.world);
      const submissionKey = `retry-${unique()}`;
      await reportWarningSigns({ actor: patient.actor, input: { signs: ['FALL'], submissionKey } });
      const answer = await reportWarningSigns({ actor: patient.actor, input: { signs: ['FALL', 'CALF'], submissionKey } });
      expect(answer.signs).toHaveLength(2);
      const reports = await db.warningSignReport.findMany({ where: { patientId: patient.patientId }, orderBy: { code: 'asc' }, select: { code: true } });
      const alerts = await db.alert.findMany({ where: { patientId: patient.patientId, acknowledgedAt: null }, orderBy: { cause: 'asc' }, select: { cause: true } });
      expect({ reports, alerts }).toEqual({ reports: [{ code: 'CALF' }, { code: 'FALL' }], alerts: [{ cause: 'SIGN:CALF' }, { cause: 'SIGN:FALL' }] });
    });
  });
}
