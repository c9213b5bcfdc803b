// The patient's session log (app/portal/actions.ts): each field is form.get(…), so a string, a file or null.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '@/lib/domain/calendar';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { logSession } from '@/lib/server/portal/log-session';
import { isoDate, TODAY } from '../support/plan-flow';
import { hostileInput, mostly, typedText } from './support/arbitraries';
import { fuzz, materialize, probe } from './support/harness';
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
  });
}
