// Alerts to the care team (app/(clinic)/caseload/actions.ts): acknowledging one hands the form's fields
// (alertId, note) to acknowledgeAlert; the caseload and the sign-off queue list the open ones with
// listOpenAlerts({ actor }), which takes nothing from the request but the session.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { can } from '@/lib/domain/permissions';
import { acknowledgeAlert } from '@/lib/server/alerts/acknowledge-alert';
import { listOpenAlerts, OPEN_ALERTS_SHOWN } from '@/lib/server/alerts/list-open-alerts';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import type { AppError } from '@/lib/server/errors';
import { auditCursor, auditRowsSince } from '../support/audit';
import { hostileInput, mostly, named, typedText } from './support/arbitraries';
import { deferred, fieldOf, fuzz, materialize, probe } from './support/harness';
import { closedAlertOf, followsAlert, idOf, idOrNull, MISSING_ID, openAlertOf, type FuzzWorld } from './support/fuzz-world';

type Input = Record<string, unknown>;

const alertColumns = { id: true, clinicId: true, patientId: true, kind: true, acknowledgedAt: true, acknowledgedById: true, acknowledgementNote: true } as const;

export function describeAlertFuzz(getWorld: () => FuzzWorld) {
  describe('alerts', () => {
    it('acknowledgeAlert: refuses cleanly (CONFLICT only to those who follow the alert), and closes only an open alert the actor follows, with exactly the note accepted', async () => {
      const { a, b, scope } = getWorld();
      const open = (label: string, patient: Parameters<typeof openAlertOf>[0], cause: Parameters<typeof openAlertOf>[1]) => deferred(label, (wrote) => openAlertOf(patient, cause, wrote));
      // Care teams: a.treated has the therapist and the surgeon; a.other team's patient the other therapist and
      // the surgeon; a.other surgeon's patient the therapist and the other surgeon.
      const valid = fc.record({
        alertId: mostly(
          { 'a.treated open pain alert': open('a.treated open pain alert', a.treated, 'PAIN'), 'a.treated open fall alert': open('a.treated open fall alert', a.treated, 'SIGN:FALL') },
          {
            'a.treated closed alert': deferred('a.treated closed alert', (wrote) => closedAlertOf(a.treated, a.world.actors.therapist, wrote)),
            'a.other team’s open fall alert': open('a.other team’s open fall alert', a.otherTeam, 'SIGN:FALL'),
            'a.other surgeon’s patient’s open pain alert': open('a.other surgeon’s patient’s open pain alert', a.otherSurgeonsPatient, 'PAIN'),
            'b.treated open fall alert': open('b.treated open fall alert', b.treated, 'SIGN:FALL'),
            'missing id': MISSING_ID,
            'a.treated patient id (not an alert id)': a.treated.patientId,
          },
        ),
        note: fc.oneof({ weight: 5, arbitrary: typedText({ minLength: 3, maxLength: 300 }) }, { weight: 1, arbitrary: typedText({ maxLength: 4 }) }),
      });
      const arbitrary = fc.record({
        actor: mostly(
          { 'a.therapist': a.world.actors.therapist, 'a.surgeon': a.world.actors.surgeon },
          {
            'a.other therapist': a.otherTherapist,
            'a.other surgeon': a.otherSurgeon,
            'a.admin': a.world.actors.admin,
            'a.treated patient': a.treated.actor,
            'b.therapist': b.world.actors.therapist,
            'b.surgeon': b.world.actors.surgeon,
          },
        ),
        input: hostileInput(valid, ['alertId', 'note'], { textKeys: ['note'] }),
      });
      await fuzz('acknowledgeAlert', scope, 200, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Input };
        const namedId = idOrNull(fieldOf(input, 'alertId'));
        const before = namedId ? await db.alert.findUnique({ where: { id: namedId }, select: alertColumns }) : null;
        const cursor = await auditCursor();
        const outcome = await probe('acknowledgeAlert', scope, () => acknowledgeAlert({ actor, input }), { allowed: ['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT'] });
        const follows = before !== null && can(actor, 'alert.acknowledge') && (await followsAlert(actor, before));
        if (!outcome.ok) {
          const { code } = outcome.error as AppError;
          // "Already acknowledged" would confirm the alert to someone who may not see it.
          if (code === 'CONFLICT') expect(follows && before?.acknowledgedAt != null, 'CONFLICT only for a closed alert the actor follows').toBe(true);
          // Not found only when it is not theirs to close (or not there).
          if (code === 'NOT_FOUND') expect(follows, 'NOT_FOUND for an alert the actor follows').toBe(false);
          return;
        }
        expect(follows && before?.acknowledgedAt === null, 'an open alert the actor follows').toBe(true);
        const alert = await db.alert.findUniqueOrThrow({ where: { id: idOf(input.alertId) }, select: alertColumns });
        expect(alert).toMatchObject({ acknowledgedById: actor.userId, acknowledgementNote: String(input.note).trim() });
        expect(alert.acknowledgedAt).not.toBeNull();
        expect(outcome.value).toEqual({ alertId: alert.id, patientId: alert.patientId });
        const audited = await auditRowsSince(cursor, { entityId: alert.id });
        expect(audited.map((row) => [row.action, row.actorId, row.outcome])).toEqual([['alert.acknowledge', actor.userId, 'SUCCESS']]);
      });
    });

    it('listOpenAlerts: lists every open alert the actor follows and no other, newest first, however alerts are raised and closed in between, and writes nothing', async () => {
      const { a, b, scope } = getWorld();
      const patients = { 'a.treated': a.treated, 'a.other team’s patient': a.otherTeam, 'a.other surgeon’s patient': a.otherSurgeonsPatient, 'b.treated': b.treated };
      // Something the patients or their care team did just before the list is read: a new report or high pain, or an acknowledgement.
      const changes = Object.entries(patients).flatMap(([label, patient]) => [
        deferred(`${label} reports a fall`, (wrote) => openAlertOf(patient, 'SIGN:FALL', wrote)),
        deferred(`${label} logs high pain`, (wrote) => openAlertOf(patient, 'PAIN', wrote)),
        deferred(`${label}'s care team closes their alerts`, async (wrote) => {
          const clinician = patient === b.treated ? b.world.actors.therapist : patient === a.otherTeam ? a.otherTherapist : a.world.actors.therapist;
          for (const alert of await db.alert.findMany({ where: { patientId: patient.patientId, acknowledgedAt: null }, select: { id: true } })) {
            await acknowledgeAlert({ actor: clinician, input: { alertId: alert.id, note: 'Closed for the fuzzing.' } });
            wrote();
          }
        }),
      ]);
      const arbitrary = fc.record({
        change: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: fc.constantFrom(...changes) }),
        actor: named({
          'a.therapist': a.world.actors.therapist,
          'a.surgeon': a.world.actors.surgeon,
          'a.admin': a.world.actors.admin,
          'a.other therapist': a.otherTherapist,
          'a.other surgeon': a.otherSurgeon,
          'a.treated patient': a.treated.actor,
          'a.patient account with no patient record': { ...a.treated.actor, patientId: null },
          'b.therapist': b.world.actors.therapist,
          'b.surgeon': b.world.actors.surgeon,
          'b.admin': b.world.actors.admin,
        }),
        // The pages pass no limit; code may pass a smaller or larger one.
        limit: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 30 }) }),
      });
      await fuzz('listOpenAlerts', scope, 150, arbitrary, async (generated) => {
        const { actor, limit } = (await materialize(generated, scope)) as { actor: Actor; limit: number | undefined };
        const outcome = await probe('listOpenAlerts', scope, () => listOpenAlerts({ actor, limit }), { allowed: ['NOT_FOUND'], isReadOnly: true });
        if (!outcome.ok) {
          expect(actor.role, 'only a patient, who follows no alerts, is refused').toBe('PATIENT');
          return;
        }
        const open = await db.alert.findMany({ where: { clinicId: { in: scope.clinicIds as string[] }, acknowledgedAt: null }, orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }], select: alertColumns });
        const followed: string[] = [];
        for (const alert of open) if (await followsAlert(actor, alert)) followed.push(alert.id);
        expect(outcome.value.total).toBe(followed.length);
        expect(outcome.value.alerts.map((alert) => alert.id)).toEqual(followed.slice(0, limit ?? OPEN_ALERTS_SHOWN));
        for (const alert of outcome.value.alerts) {
          expect(alert.acknowledgedAt).toBeNull();
          expect(alert.summary.trim().length).toBeGreaterThan(3);
        }
      });
    });
  });
}
