// The "Sessions and pain" section of a patient's page (app/(clinic)/patients/[patientId]/page.tsx): the route
// param as the patient id, and the page number the `?sessions=` search parameter gives through pageFrom()
// (app/(clinic)/_components/page-nav.tsx): a whole number from 1 to 999,999, whatever the browser sent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertKindsSeenBy } from '@/lib/domain/alerts';
import { can } from '@/lib/domain/permissions';
import { pageSlice } from '@/lib/domain/paging';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { getSessionsAndPain, SESSIONS_PAGE_SIZE } from '@/lib/server/patients/get-sessions-and-pain';
import { auditCursor, auditRowsSince } from '../support/audit';
import { TODAY } from '../support/plan-flow';
import { idParameter, mostly } from './support/arbitraries';
import { fuzz, materialize, probe } from './support/harness';
import { idOrNull, maySeePatient, MISSING_ID, openAlertOf, type FuzzWorld } from './support/fuzz-world';

export function describeSessionsAndPainFuzz(getWorld: () => FuzzWorld) {
  describe('sessions and pain', () => {
    it('getSessionsAndPain: any patient id and page answer not found, or that patient’s own sessions and the alerts the actor follows, and write nothing but the read’s audit row', async () => {
      const { a, b, scope } = getWorld();
      // Alerts of both kinds to show or withhold, whatever ran before.
      for (const patient of [a.treated, a.otherTeam, a.otherSurgeonsPatient, b.treated]) {
        await openAlertOf(patient, 'PAIN');
        await openAlertOf(patient, 'SIGN:FALL');
      }
      const arbitrary = fc.record({
        actor: mostly(
          { 'a.therapist': a.world.actors.therapist, 'a.surgeon': a.world.actors.surgeon, 'a.admin': a.world.actors.admin },
          { 'a.other therapist': a.otherTherapist, 'a.other surgeon': a.otherSurgeon, 'a.treated patient': a.treated.actor, 'b.therapist': b.world.actors.therapist, 'b.admin': b.world.actors.admin },
        ),
        patientId: idParameter(
          { 'a.treated patient': a.treated.patientId, 'a.other team’s patient': a.otherTeam.patientId, 'a.other surgeon’s patient': a.otherSurgeonsPatient.patientId },
          { 'a.drafting patient': a.drafting.patientId, 'b.treated patient': b.treated.patientId, 'missing id': MISSING_ID, 'a.treated patient’s user id': a.treated.actor.userId, 'a.exercise id': a.fuzzExerciseIds[0] },
        ),
        // The pages a patient's logs fill, and far past them.
        page: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 999_999 }) }),
      });
      await fuzz('getSessionsAndPain', scope, 150, arbitrary, async (generated) => {
        const { actor, patientId, page } = (await materialize(generated, scope)) as { actor: Actor; patientId: unknown; page: number };
        // A route param is taken as it is (parseId): an id with a space around it is no id.
        const named = idOrNull(patientId) === patientId ? (patientId as string) : null;
        const visible = named !== null && can(actor, 'patient.read') && (await maySeePatient(actor, named));
        const cursor = await auditCursor();
        const outcome = await probe('getSessionsAndPain', scope, () => getSessionsAndPain({ actor, patientId, page, today: TODAY }), {
          allowed: ['NOT_FOUND'],
          isReadOnly: true,
          readMayChange: ['AuditEvent'],
        });
        if (!outcome.ok) {
          expect(visible, 'not found for a patient the actor may see').toBe(false);
          return;
        }
        expect(visible, 'a patient the actor may see').toBe(true);
        const id = String(patientId);
        const { total, sessions: shown, openAlerts, closedAlerts } = outcome.value;
        const logs = await db.sessionLog.findMany({ where: { patientId: id }, orderBy: [{ performedOn: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
        const slice = pageSlice(page, SESSIONS_PAGE_SIZE);
        expect(total).toBe(logs.length);
        expect(outcome.value.page).toBe(slice.page);
        expect(shown.map((session) => session.id)).toEqual(logs.slice(slice.skip, slice.skip + slice.take).map((log) => log.id));
        const kinds = alertKindsSeenBy(actor.role);
        const followed = await db.alert.findMany({ where: { patientId: id, acknowledgedAt: null, kind: { in: [...kinds] } }, orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }], select: { id: true } });
        expect(openAlerts.map((alert) => alert.id)).toEqual(followed.map((alert) => alert.id));
        for (const alert of [...openAlerts, ...closedAlerts]) {
          expect(alert.patient.id).toBe(id);
          expect(kinds).toContain(alert.kind);
        }
        for (const alert of closedAlerts) expect(alert.acknowledgedAt).not.toBeNull();
        const audited = await auditRowsSince(cursor, { clinicId: { in: [...scope.clinicIds] } });
        expect(audited.map((row) => [row.action, row.actorId, row.patientId, row.outcome])).toEqual([['patient.read_sessions', actor.userId, id, 'SUCCESS']]);
      });
    });
  });
}
