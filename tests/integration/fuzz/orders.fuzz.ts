// The surgeon's orders (app/(clinic)/patients/[patientId]/order-actions.ts): every field of the order form as
// formFields(form) hands it over (patientId, basedOnVersion, password, note, and for each of lifting, bending,
// twisting, sitting and driving a rule, a limit where it has one, and an until date or until phase).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isoDay } from '@/lib/domain/calendar';
import { currentEpisode } from '@/lib/domain/episodes';
import { throttleCounters } from '@/lib/server/auth/throttle-counters';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import type { AppError } from '@/lib/server/errors';
import { recordSurgeonOrder } from '@/lib/server/orders/record-surgeon-order';
import { auditCursor, auditRowsSince } from '../support/audit';
import { PASSWORD, TODAY } from '../support/plan-flow';
import { hostileInput, mostly, named, typedText } from './support/arbitraries';
import { deferred, fuzz, materialize, probe } from './support/harness';
import { idOrNull, maySeePatient, MISSING_ID, type FuzzWorld } from './support/fuzz-world';

type Input = Record<string, unknown>;

const KINDS = ['lifting', 'bending', 'twisting', 'sitting', 'driving'] as const;

/** A patient's current episode: its surgeon, surgery date and protocol phases (null for an id that names none). */
async function episodeOf(patientId: string | null) {
  if (!patientId) return null;
  const episodes = await db.episode.findMany({ where: { patientId }, select: { id: true, surgeryDate: true, createdAt: true, surgeonId: true, protocolId: true } });
  return currentEpisode(episodes);
}

async function latestVersion(patientId: string): Promise<number> {
  const latest = await db.surgeonOrder.findFirst({ where: { episode: { patientId } }, orderBy: { version: 'desc' }, select: { version: true } });
  return latest?.version ?? 0;
}

/**
 * Whether the actor is the surgeon who operated on the named patient and may see them: the one person who may
 * sign that patient's orders (lib/server/orders/record-surgeon-order.ts).
 */
async function isOwnSurgeon(actor: Actor, rawPatientId: unknown): Promise<boolean> {
  const patientId = idOrNull(rawPatientId);
  if (actor.role !== 'SURGEON' || !patientId || !(await maySeePatient(actor, patientId))) return false;
  return (await episodeOf(patientId))?.surgeonId === actor.userId;
}

const blank = (value: unknown) => value === '' || value === null || value === undefined;

/** What an accepted form must store for one restriction, worked out from the form itself. */
function expectedRestriction(input: Input, kind: (typeof KINDS)[number]) {
  const rule = input[`${kind}Rule`];
  const isRestricted = rule === 'LIMIT' || rule === 'AVOID';
  const end = isRestricted
    ? { untilDate: blank(input[`${kind}UntilDate`]) ? null : String(input[`${kind}UntilDate`]), untilPhaseId: blank(input[`${kind}UntilPhaseId`]) ? null : String(input[`${kind}UntilPhaseId`]).trim() }
    : { untilDate: null, untilPhaseId: null };
  switch (kind) {
    case 'lifting':
      // `+ 0`: a -0 sent by code is stored as 0.
      return { kind: 'LIFTING', isAllowed: !isRestricted, limit: isRestricted ? Number(input.liftingLimit) + 0 : null, unit: isRestricted ? (input.liftingUnit === 'LB' ? 'LB' : 'KG') : null, ...end };
    case 'sitting':
      return { kind: 'SITTING', isAllowed: !isRestricted, limit: isRestricted ? Number(input.sittingMinutes) + 0 : null, unit: isRestricted ? 'MINUTES' : null, ...end };
    case 'bending':
    case 'twisting':
    case 'driving':
      return { kind: kind.toUpperCase(), isAllowed: !isRestricted, limit: null, unit: null, ...end };
    default: {
      const unhandled: never = kind;
      throw new Error(`Unhandled restriction ${String(unhandled)}`);
    }
  }
}

export function describeOrderFuzz(getWorld: () => FuzzWorld) {
  describe("surgeon's orders", () => {
    // Each input that reaches the signature check costs an Argon2 verification: fewer runs.
    it('recordSurgeonOrder: refuses cleanly, signs only for the surgeon who operated (with the password and the newest version), and stores exactly the restrictions ordered', async () => {
      const { a, b, scope } = getWorld();
      const surgeon = a.world.actors.surgeon;
      const phases = async (protocolId: string) => (await db.protocolPhase.findMany({ where: { protocolId }, orderBy: { position: 'asc' }, select: { id: true } })).map((phase) => phase.id);
      const [ownPhases, otherProtocolPhases, otherClinicPhases] = await Promise.all([phases(a.world.protocol.id), phases(a.fuzzProtocol.id), phases(b.world.protocol.id)]);
      // a.treated (10 days after surgery) and a.otherTeam are a.surgeon's; a.otherSurgeonsPatient is the other surgeon's.
      const target = mostly(
        { 'a.treated patient': a.treated, 'a.other team’s patient (a.surgeon operated)': a.otherTeam },
        { 'a.other surgeon’s patient': a.otherSurgeonsPatient, 'b.treated patient': b.treated, 'a.drafting patient': a.drafting },
      );
      const day = (days: number) => isoDay(addDays(TODAY, days));
      const goodUntil = fc.oneof(
        { weight: 6, arbitrary: fc.constant({ date: '', phase: '' }) },
        { weight: 3, arbitrary: fc.integer({ min: 1, max: 120 }).map((days) => ({ date: day(days), phase: '' })) },
        { weight: 3, arbitrary: fc.constantFrom(...ownPhases).map((phase) => ({ date: '', phase })) },
      );
      const anyUntil = fc.oneof(
        { weight: 12, arbitrary: goodUntil },
        // Today, a day past, before the surgery; a phase of another protocol of the clinic, or of another clinic; both ends at once.
        { weight: 1, arbitrary: fc.constantFrom(0, -1, -30).map((days) => ({ date: day(days), phase: '' })) },
        { weight: 1, arbitrary: fc.constantFrom(...otherProtocolPhases, ...otherClinicPhases, MISSING_ID).map((phase) => ({ date: '', phase })) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 }).map((days) => ({ date: day(days), phase: ownPhases[1] ?? '' })) },
      );
      /** The order form as a surgeon fills it in (`isClean`: nothing wrong with it), or with the odd wrong value in it. */
      const orderForm = (isClean: boolean) => {
        const endsOf = (kind: string) => (isClean ? goodUntil : anyUntil).map((end) => ({ [`${kind}UntilDate`]: end.date, [`${kind}UntilPhaseId`]: end.phase }));
        const sometimes = <T,>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>, odds: number) => (isClean ? good : fc.oneof({ weight: odds, arbitrary: good }, { weight: 1, arbitrary: bad }));
        return fc
          .record({
            target,
            basedOn: sometimes(fc.constant('current'), fc.constantFrom('next', 'zero', 'previous'), 6),
            asNumber: fc.boolean(),
            password: sometimes(fc.constant(PASSWORD), fc.constantFrom('wrong password', PASSWORD.toUpperCase(), ''), 5),
            note: fc.oneof(fc.constant(''), typedText({ maxLength: 1_000 })),
            liftingRule: fc.constantFrom('ALLOWED', 'LIMIT', 'LIMIT'),
            // In range for kilograms (0-50) or pounds (0-110), and past both.
            liftingLimit: sometimes(fc.integer({ min: 0, max: 50 }).map(String), fc.constantFrom('', '0', '110', '111', '999', '2.5', '1e1', ' 5', '-1'), 4),
            liftingUnit: fc.constantFrom('KG', 'LB', ''),
            bendingRule: fc.constantFrom('ALLOWED', 'AVOID'),
            twistingRule: fc.constantFrom('ALLOWED', 'AVOID'),
            sittingRule: fc.constantFrom('ALLOWED', 'LIMIT'),
            sittingMinutes: sometimes(fc.integer({ min: 5, max: 240 }).map(String), fc.constantFrom('', '4', '241', '30.5'), 4),
            drivingRule: fc.constantFrom('ALLOWED', 'AVOID'),
            ends: fc.tuple(...KINDS.map(endsOf)),
          })
          .map(({ target: patient, basedOn, asNumber, ends, ...fields }) => {
            const form: Input = { ...fields, ...Object.assign({}, ...ends) };
            // The page's basedOnVersion: the newest version when the form is sent (made when used), or a stale one.
            form.patientId = deferred('the patient’s id', async () => ((await materialize(patient, scope)) as { patientId: string }).patientId);
            form.basedOnVersion = deferred(`the ${basedOn} version`, async () => {
              const { patientId } = (await materialize(patient, scope)) as { patientId: string };
              const current = await latestVersion(patientId);
              const version = { current, next: current + 1, zero: 0, previous: Math.max(0, current - 1) }[basedOn] ?? current;
              return asNumber ? version : String(version);
            });
            return form;
          });
      };
      const keys = ['patientId', 'basedOnVersion', 'password', 'note', ...KINDS.flatMap((kind) => [`${kind}Rule`, `${kind}UntilDate`, `${kind}UntilPhaseId`]), 'liftingLimit', 'liftingUnit', 'sittingMinutes'];
      const arbitrary = fc.record({
        actor: mostly({ 'a.surgeon': surgeon }, { 'a.other surgeon': a.otherSurgeon, 'b.surgeon': b.world.actors.surgeon, 'a.therapist': a.world.actors.therapist, 'a.admin': a.world.actors.admin, 'a.treated patient': a.treated.actor }),
        // A quarter are forms as a surgeon fills them in, so the signature, the versions and the stored rows are reached often.
        input: fc.oneof({ weight: 1, arbitrary: orderForm(true) }, { weight: 3, arbitrary: hostileInput(orderForm(false), keys, { textKeys: ['note'] }) }),
      });
      await fuzz('recordSurgeonOrder', scope, 120, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Input };
        const patientId = typeof input === 'object' && input !== null ? idOrNull(input.patientId) : null;
        const isOwn = await isOwnSurgeon(actor, input?.patientId);
        const versionBefore = patientId ? await latestVersion(patientId) : 0;
        // A wrong password is counted against the account (the fifth in a row ends its sessions: tested in
        // tests/integration/password-rechecks.test.ts); here each input starts from a clean count.
        await throttleCounters().passwordRecheck.clear(actor.userId);
        const cursor = await auditCursor();
        const outcome = await probe('recordSurgeonOrder', scope, () => recordSurgeonOrder({ actor, input }));
        if (!outcome.ok) {
          const { code } = outcome.error as AppError;
          // Only the surgeon who operated learns more than "not found" about a patient: an order that is out of
          // date, a date or phase that does not fit this patient, a wrong password.
          if (actor.role !== 'SURGEON') expect(code, 'every other role is told there is no such patient').toBe('NOT_FOUND');
          if (isOwn) expect(code, 'the surgeon who operated is never told the patient does not exist').not.toBe('NOT_FOUND');
          if (code === 'CONFLICT') expect(isOwn, 'only the surgeon who operated is told the orders changed').toBe(true);
          if (patientId) expect(await latestVersion(patientId)).toBe(versionBefore);
          return;
        }
        expect(isOwn, 'signed only by the surgeon who operated').toBe(true);
        expect(input.password).toBe(PASSWORD);
        expect(Number(input.basedOnVersion) === versionBefore, 'signed only from a page showing the newest version').toBe(true);
        const { value } = outcome;
        expect(value).toMatchObject({ version: versionBefore + 1, patientId });
        const episode = await episodeOf(patientId);
        const stored = await db.surgeonOrder.findUniqueOrThrow({
          where: { id: value.orderId },
          select: { episodeId: true, version: true, surgeonId: true, note: true, contentHash: true, signatureHash: true, restrictions: { select: { kind: true, isAllowed: true, limit: true, unit: true, untilDate: true, untilPhaseId: true } } },
        });
        expect(stored).toMatchObject({ episodeId: episode?.id, version: versionBefore + 1, surgeonId: actor.userId, note: typeof input.note === 'string' ? input.note.trim() : '' });
        expect(stored.contentHash).toMatch(/^[0-9a-f]{64}$/);
        expect(stored.signatureHash).toMatch(/^[0-9a-f]{64}$/);
        const restrictions = stored.restrictions.map((row) => ({ ...row, untilDate: row.untilDate ? isoDay(row.untilDate) : null })).sort((x, y) => x.kind.localeCompare(y.kind));
        expect(restrictions).toEqual(KINDS.map((kind) => expectedRestriction(input, kind)).sort((x, y) => x.kind.localeCompare(y.kind)));
        // Every end is after today, and every phase is one of this patient's protocol.
        for (const restriction of restrictions) {
          if (restriction.untilDate) expect(restriction.untilDate > isoDay(TODAY)).toBe(true);
          if (restriction.untilPhaseId) expect(ownPhases).toContain(restriction.untilPhaseId);
        }
        const audited = await auditRowsSince(cursor, { action: 'order.sign', patientId: patientId ?? '' });
        expect(audited.map((row) => [row.entityId, row.actorId, row.outcome])).toEqual([[value.orderId, actor.userId, 'SUCCESS']]);
      });
    });

    it('recordSurgeonOrder: who is refused does not depend on the form, and nobody but the surgeon who operated writes anything', async () => {
      const { a, b, scope } = getWorld();
      // One valid order, sent by everyone for every patient: only a.surgeon, for a.treated and a.otherTeam, signs.
      const arbitrary = fc.record({
        actor: named({
          'a.surgeon': a.world.actors.surgeon,
          'a.other surgeon': a.otherSurgeon,
          'b.surgeon': b.world.actors.surgeon,
          'a.therapist': a.world.actors.therapist,
          'a.admin': a.world.actors.admin,
          'a.treated patient': a.treated.actor,
        }),
        patient: named({ 'a.treated': a.treated, 'a.other surgeon’s patient': a.otherSurgeonsPatient, 'b.treated': b.treated, 'a.drafting': a.drafting, 'missing id': { patientId: MISSING_ID } }),
      });
      await fuzz('recordSurgeonOrder (who)', scope, 40, arbitrary, async (generated) => {
        const { actor, patient } = (await materialize(generated, scope)) as { actor: Actor; patient: { patientId: string } };
        const input = {
          patientId: patient.patientId,
          basedOnVersion: String(await latestVersion(patient.patientId)),
          password: PASSWORD,
          liftingRule: 'LIMIT',
          liftingLimit: '5',
          liftingUnit: 'KG',
          bendingRule: 'AVOID',
          twistingRule: 'ALLOWED',
          sittingRule: 'ALLOWED',
          drivingRule: 'ALLOWED',
        };
        const isOwn = await isOwnSurgeon(actor, patient.patientId);
        const outcome = await probe('recordSurgeonOrder', scope, () => recordSurgeonOrder({ actor, input }), { allowed: ['NOT_FOUND'] });
        expect(outcome.ok, 'signed exactly when the actor operated on this patient').toBe(isOwn);
      });
    });
  });
}
