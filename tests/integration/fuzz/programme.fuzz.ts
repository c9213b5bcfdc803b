// The printed programme (app/api/programme/route.ts): getProgramme with the query string as the route hands it
// over (Object.fromEntries of its search parameters: every value a string, the last of a repeated name wins),
// and with any input another caller of the data layer could pass.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { can } from '@/lib/domain/permissions';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import type { AppError } from '@/lib/server/errors';
import { loadPortalView } from '@/lib/server/portal/get-portal-plan';
import { getProgramme } from '@/lib/server/programme/get-programme';
import { loadProgrammePhotos } from '@/lib/server/programme/load-programme-photos';
import { renderProgrammePdf } from '@/lib/server/programme/programme-document';
import { auditCursor, auditRowsSince } from '../support/audit';
import { hostileInput, mostly, named, nastyString } from './support/arbitraries';
import { fuzz, materialize, probe } from './support/harness';
import { idOrNull, maySeePatient, MISSING_ID, type FuzzWorld } from './support/fuzz-world';

type Input = Record<string, unknown>;

/** The patient whose programme the input asks for, or null when the actor may have none of it. */
async function programmeOwner(actor: Actor, input: unknown): Promise<string | null> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const fields = input as Input;
  const raw = fields.patientId;
  const requested = raw === '' || raw === null || raw === undefined ? null : idOrNull(raw);
  if (requested === null && !(raw === '' || raw === null || raw === undefined)) return null;
  if (actor.role === 'PATIENT') return requested === null || requested === actor.patientId ? actor.patientId : null;
  if (!requested || !can(actor, 'patient.read')) return null;
  return (await maySeePatient(actor, requested)) ? requested : null;
}

/** The paper an accepted input prints on: the one named, in any case, A4 when none is named. */
function paperOf(input: Input): string {
  return input.paper === undefined ? 'A4' : String(input.paper).toUpperCase();
}

/** What Object.fromEntries(new URL(request.url).searchParams) makes of a query string. */
function asTheRouteReads(query: string): Input {
  return Object.fromEntries(new URL(`http://localhost/api/programme?${query}`).searchParams);
}

export function describeProgrammeFuzz(getWorld: () => FuzzWorld) {
  describe('the printed programme', () => {
    it('getProgramme: any input answers not found, or exactly the portal view of a patient the actor may see, on the paper asked for, and writes only its own audit row', async () => {
      const { a, b, scope } = getWorld();
      const patients = {
        'a.treated patient': a.treated.patientId,
        'a.other team’s patient': a.otherTeam.patientId,
        'a.other surgeon’s patient': a.otherSurgeonsPatient.patientId,
      };
      const valid = fc.record(
        {
          patientId: mostly({ ...patients, none: '' }, { 'a.drafting patient': a.drafting.patientId, 'b.treated patient': b.treated.patientId, 'missing id': MISSING_ID, 'a.treated patient’s user id': a.treated.actor.userId }),
          paper: fc.constantFrom('A4', 'LETTER', 'a4', 'letter', 'Letter', 'A5', 'legal', ' A4', ''),
        },
        { requiredKeys: [] },
      );
      // A query string as a browser or a hand-written link sends it: the two fields in any order, repeated, encoded, or other names.
      const query = fc
        .tuple(
          fc.array(
            fc.oneof(
              { weight: 4, arbitrary: fc.tuple(fc.constantFrom('patientId', 'paper'), fc.oneof(fc.constantFrom(...Object.values(patients), 'A4', 'LETTER', 'letter', ''), nastyString.map(String))) },
              { weight: 1, arbitrary: fc.tuple(fc.constantFrom('patientid', 'paper[]', 'utm_source', '__proto__', 'constructor', ''), fc.string({ maxLength: 8 })) },
            ),
            { maxLength: 4 },
          ),
          fc.boolean(),
        )
        // A lone surrogate cannot be percent-encoded: such a value is sent as it is.
        .map(([pairs, encode]) => pairs.map(([key, value]) => (encode && value.isWellFormed() ? `${encodeURIComponent(key)}=${encodeURIComponent(value)}` : `${key}=${value}`)).join('&'));
      const arbitrary = fc.record({
        actor: mostly(
          { 'a.treated patient': a.treated.actor, 'a.therapist': a.world.actors.therapist, 'a.surgeon': a.world.actors.surgeon, 'a.admin': a.world.actors.admin },
          { 'a.other therapist': a.otherTherapist, 'a.other surgeon': a.otherSurgeon, 'a.patient with no plan': a.world.actors.patient, 'b.therapist': b.world.actors.therapist, 'b.treated patient': b.treated.actor },
        ),
        input: fc.oneof({ weight: 3, arbitrary: query.map(asTheRouteReads) }, { weight: 3, arbitrary: hostileInput(valid, ['patientId', 'paper']) }),
      });
      const rendered = new Set<string>();
      await fuzz('getProgramme', scope, 150, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: unknown };
        const owner = await programmeOwner(actor, input);
        const now = new Date();
        const cursor = await auditCursor();
        const outcome = await probe('getProgramme', scope, () => getProgramme({ actor, input, now }), { allowed: ['NOT_FOUND', 'INVALID_INPUT'], isReadOnly: true, readMayChange: ['AuditEvent'] });
        if (!outcome.ok) {
          // A malformed field is refused as such (INVALID_INPUT, whoever asks); "not found" only for a programme the actor may not have.
          if ((outcome.error as AppError).code === 'NOT_FOUND') expect(owner, 'not found only for a programme the actor may not have').toBeNull();
          return;
        }
        expect(owner, 'a programme of the patient themself, or of a patient the actor may see').not.toBeNull();
        const fields = input as Input;
        const programme = outcome.value;
        const patient = await db.patient.findUniqueOrThrow({ where: { id: owner ?? '' }, select: { firstName: true, lastName: true } });
        expect(programme.patientName).toBe(`${patient.firstName} ${patient.lastName}`);
        expect(programme.paper).toBe(paperOf(fields));
        // Exactly what the patient's portal shows at that moment.
        expect(programme.view).toEqual(await loadPortalView({ patientId: owner ?? '', clinicId: actor.clinicId, timeZone: actor.timeZone, now }));
        const audited = await auditRowsSince(cursor, { clinicId: { in: [...scope.clinicIds] } });
        expect(audited.map((row) => [row.action, row.actorId, row.patientId, row.outcome, row.after])).toEqual([['programme.download', actor.userId, owner, 'SUCCESS', { paper: programme.paper }]]);
        // Each patient's programme prints, whatever it holds by now (the clinic's photos included).
        if (owner && !rendered.has(`${owner}:${programme.paper}`)) {
          rendered.add(`${owner}:${programme.paper}`);
          const pdf = await renderProgrammePdf(programme, { photos: await loadProgrammePhotos(programme), now });
          expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        }
      });
    });

    it('getProgramme: who gets a programme depends on who asks and for whom, never on the paper', async () => {
      const { a, b, scope } = getWorld();
      const arbitrary = fc.record({
        actor: named({
          'a.treated patient': a.treated.actor,
          'a.patient with no plan': a.world.actors.patient,
          'a.therapist': a.world.actors.therapist,
          'a.other therapist': a.otherTherapist,
          'a.surgeon': a.world.actors.surgeon,
          'a.other surgeon': a.otherSurgeon,
          'a.admin': a.world.actors.admin,
          'b.admin': b.world.actors.admin,
          'b.treated patient': b.treated.actor,
        }),
        patientId: named({ none: undefined, 'a.treated': a.treated.patientId, 'a.other team': a.otherTeam.patientId, 'a.other surgeon’s': a.otherSurgeonsPatient.patientId, 'b.treated': b.treated.patientId }),
        paper: fc.constantFrom('A4', 'LETTER'),
      });
      await fuzz('getProgramme (who)', scope, 60, arbitrary, async (generated) => {
        const { actor, patientId, paper } = (await materialize(generated, scope)) as { actor: Actor; patientId: string | undefined; paper: string };
        const input = patientId === undefined ? { paper } : { patientId, paper };
        const owner = await programmeOwner(actor, input);
        const outcome = await probe('getProgramme', scope, () => getProgramme({ actor, input }), { allowed: ['NOT_FOUND'], isReadOnly: true, readMayChange: ['AuditEvent'] });
        expect(outcome.ok, 'a programme exactly for the patient themself, their care team and their clinic’s admin').toBe(owner !== null);
      });
    });
  });
}
