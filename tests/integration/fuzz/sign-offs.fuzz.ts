// The surgeon's decision (app/(clinic)/sign-offs/actions.ts): signOffId, decision, contentHash, reason and
// password straight from the form.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { decideSignOff } from '@/lib/server/sign-offs/decide-sign-off';
import { PASSWORD } from '../support/plan-flow';
import { hostileInput, mostly, typedText } from './support/arbitraries';
import { deferred, fuzz, materialize, probe } from './support/harness';
import { idOf, MISSING_ID, type FuzzWorld } from './support/fuzz-world';

type Input = Record<string, unknown>;

/** A sign-off request as two live values: its id and the content hash the surgeon was shown. */
function liveSignOff(label: string, where: { surgeonId: string; patientId: string; status?: 'PENDING' | 'SIGNED' }) {
  // Oldest first, so the id and the hash name the same request; once every one is decided, a decided one.
  const find = () =>
    db.signOff.findFirstOrThrow({ where: { surgeonId: where.surgeonId, patientId: where.patientId, ...(where.status ? { status: where.status } : {}) }, orderBy: [{ status: 'asc' }, { requestedAt: 'asc' }, { id: 'asc' }], select: { id: true, contentHash: true } });
  return { id: deferred(label, async () => (await find()).id), hash: deferred(`${label}'s content hash`, async () => (await find()).contentHash) };
}

export function describeSignOffFuzz(getWorld: () => FuzzWorld) {
  describe('sign-offs', () => {
    // Each input that reaches the signature check costs an Argon2 verification: fewer runs.
    it('decideSignOff: refuses cleanly (a wrong password decides nothing), and records exactly the decision accepted', async () => {
      const { a, b, scope } = getWorld();
      const surgeon = a.world.actors.surgeon;
      const own = liveSignOff('a pending sign-off of a.surgeon', { surgeonId: surgeon.userId, patientId: a.treated.patientId });
      const targets = [
        { weight: 6, target: own },
        { weight: 1, target: liveSignOff('a.surgeon’s decided sign-off', { surgeonId: surgeon.userId, patientId: a.treated.patientId, status: 'SIGNED' }) },
        { weight: 1, target: liveSignOff('a.other surgeon’s sign-off', { surgeonId: a.otherSurgeon.userId, patientId: a.otherSurgeonsPatient.patientId }) },
        { weight: 1, target: liveSignOff('b.surgeon’s sign-off', { surgeonId: b.world.users.surgeon.id, patientId: b.treated.patientId }) },
        { weight: 1, target: { id: deferred('missing id', () => MISSING_ID), hash: own.hash } },
      ];
      const valid = fc.oneof(...targets.map(({ weight, target }) => ({ weight, arbitrary: fc.constant(target) }))).chain((target) =>
        fc.record({
          signOffId: fc.constant(target.id),
          decision: fc.constantFrom('SIGN', 'DECLINE'),
          contentHash: fc.oneof({ weight: 4, arbitrary: fc.constant(target.hash) }, { weight: 1, arbitrary: fc.constant('0'.repeat(64)) }),
          reason: fc.oneof(typedText({ minLength: 5, maxLength: 200 }), fc.constant('')),
          password: fc.oneof({ weight: 3, arbitrary: fc.constant(PASSWORD) }, { weight: 1, arbitrary: fc.constantFrom('wrong password', PASSWORD.toUpperCase()) }),
        }),
      );
      const arbitrary = fc.record({
        actor: mostly({ 'a.surgeon': surgeon }, { 'a.other surgeon': a.otherSurgeon, 'a.therapist': a.world.actors.therapist, 'a.admin': a.world.actors.admin, 'a.patient': a.world.actors.patient, 'b.surgeon': b.world.actors.surgeon }),
        input: hostileInput(valid, ['signOffId', 'decision', 'contentHash', 'reason', 'password'], { textKeys: ['reason'] }),
      });
      await fuzz('decideSignOff', scope, 50, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Input };
        const outcome = await probe('decideSignOff', scope, () => decideSignOff({ actor, input }));
        if (!outcome.ok) return;
        expect(input.password).toBe(PASSWORD);
        const signOff = await db.signOff.findUniqueOrThrow({ where: { id: idOf(input.signOffId) }, select: { surgeonId: true, status: true, reason: true, contentHash: true, decidedAt: true } });
        const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
        expect(signOff).toMatchObject({ surgeonId: actor.userId, status: input.decision === 'SIGN' ? 'SIGNED' : 'DECLINED', reason: reason || null, contentHash: input.contentHash });
        expect(signOff.decidedAt).not.toBeNull();
      });
    });
  });
}
