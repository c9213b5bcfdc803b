// The audit trail page (app/(clinic)/admin/audit/page.tsx: each filter a single query value or undefined)
// and its CSV export (app/api/audit/export/route.ts: Object.fromEntries of the whole query string).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '@/lib/domain/calendar';
import type { Actor } from '@/lib/server/authz/actor';
import { exportAuditEvents } from '@/lib/server/audit/export-audit-events';
import { listAuditEvents } from '@/lib/server/audit/list-audit-events';
import { db } from '@/lib/server/db';
import { isoDate, TODAY } from '../support/plan-flow';
import { mutatedForm, mostly, nastyFormValue, nastyString, nastyValue } from './support/arbitraries';
import { fuzz, materialize, probe } from './support/harness';
import type { FuzzWorld } from './support/fuzz-world';
import { parseCsv } from '../../support/parse-csv';

type Row = { clinicId: string | null; actorId: string | null; patientId: string | null; action: string; at: Date };


/** Every row is the actor's clinic's, and matches each filter the input set. */
function expectRowsMatch(rows: Row[], actor: Actor, filter: { personId: string; patientId: string; action: string; from: string; to: string }) {
  for (const row of rows) {
    expect(row.clinicId).toBe(actor.clinicId);
    if (filter.personId) expect(row.actorId).toBe(filter.personId);
    if (filter.patientId) expect(row.patientId).toBe(filter.patientId);
    if (filter.action) expect(row.action).toBe(filter.action);
    if (filter.from) expect(row.at.getTime()).toBeGreaterThanOrEqual(new Date(`${filter.from}T00:00:00.000Z`).getTime());
    if (filter.to) expect(row.at.getTime()).toBeLessThan(new Date(`${filter.to}T00:00:00.000Z`).getTime() + 86_400_000);
  }
}

export function describeAuditFuzz(getWorld: () => FuzzWorld) {
  describe('audit trail', () => {
    const filters = ({ a, b }: FuzzWorld) => {
      // A recent day, or any eight digits in the shape of a date (2026-13-45 passes a shape check).
      const day = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: -30, max: 1 }).map((days) => isoDate(addDays(TODAY, days))) }, { weight: 1, arbitrary: fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      return fc.record({
        personId: fc.oneof(fc.constant(''), mostly({ 'a.therapist': a.world.users.therapist.id, 'a.admin': a.world.users.admin.id }, { 'b.therapist': b.world.users.therapist.id })),
        patientId: fc.oneof(fc.constant(''), mostly({ 'a.treated patient': a.treated.patientId }, { 'b.treated patient': b.treated.patientId })),
        action: fc.constantFrom('', 'plan.approve', 'patient.create', 'exercise.update', 'access.denied', 'auth.sign_in'),
        from: fc.oneof(fc.constant(''), day),
        to: fc.oneof(fc.constant(''), day),
        page: fc.constantFrom('', '1', '2', '3'),
      });
    };
    const keys = ['personId', 'patientId', 'action', 'from', 'to', 'page'];
    const actors = ({ a, b }: FuzzWorld) => mostly({ 'a.admin': a.world.actors.admin }, { 'a.therapist': a.world.actors.therapist, 'a.surgeon': a.world.actors.surgeon, 'a.patient': a.world.actors.patient, 'b.admin': b.world.actors.admin });
    /** The page passes each filter as a string or, when blank, undefined. */
    const asThePageSends = (input: unknown) =>
      typeof input === 'object' && input !== null && !Array.isArray(input)
        ? Object.fromEntries(keys.map((key) => [key, typeof (input as Record<string, unknown>)[key] === 'string' && (input as Record<string, string>)[key] !== '' ? (input as Record<string, string>)[key] : undefined]))
        : input;

    it('listAuditEvents: any filters list only the admin’s own clinic’s rows, each matching the filters, and write nothing', async () => {
      const world = getWorld();
      const arbitrary = fc.record({
        actor: actors(world),
        viaPage: fc.boolean(),
        input: fc.oneof({ weight: 6, arbitrary: mutatedForm(filters(world), keys, { values: nastyFormValue }) }, { weight: 3, arbitrary: mutatedForm(filters(world), keys) }, { weight: 1, arbitrary: nastyValue }),
      });
      await fuzz('listAuditEvents', world.scope, 160, arbitrary, async (generated) => {
        const { actor, viaPage, input } = (await materialize(generated, world.scope)) as { actor: Actor; viaPage: boolean; input: unknown };
        const outcome = await probe('listAuditEvents', world.scope, () => listAuditEvents({ actor, input: viaPage ? asThePageSends(input) : input }), { isReadOnly: true });
        if (!outcome.ok) return;
        const rows = await db.auditEvent.findMany({ where: { id: { in: outcome.value.events.map((event) => BigInt(event.id)) } } });
        expect(rows).toHaveLength(outcome.value.events.length);
        expectRowsMatch(rows, actor, outcome.value.filter);
      });
    });

    it('exportAuditEvents: any query string exports only the admin’s own clinic’s rows, each matching the filters', async () => {
      const world = getWorld();
      // A route handler's query string: every value is a string, and any key can be present.
      const queryValue = fc.oneof({ weight: 4, arbitrary: nastyString }, { weight: 1, arbitrary: fc.constant('') });
      const arbitrary = fc.record({ actor: actors(world), input: mutatedForm(filters(world), keys, { values: queryValue }) });
      await fuzz('exportAuditEvents', world.scope, 120, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, world.scope)) as { actor: Actor; input: Record<string, string> };
        const outcome = await probe('exportAuditEvents', world.scope, () => exportAuditEvents({ actor, input }));
        if (!outcome.ok) return;
        const [header, ...cells] = parseCsv(outcome.value);
        expect(header?.slice(0, 5)).toEqual(['id', 'at', 'actorId', 'clinicId', 'action']);
        const rows = cells.map(([, at, actorId, clinicId, action, , , patientId]) => ({ at: new Date(at ?? ''), actorId: actorId || null, clinicId: clinicId || null, action: action ?? '', patientId: patientId || null }));
        const filter = { personId: '', patientId: '', action: '', from: '', to: '', ...Object.fromEntries(Object.entries(input).map(([key, value]) => [key, String(value).trim()])) };
        expectRowsMatch(rows, actor, filter);
      });
    });
  });
}
