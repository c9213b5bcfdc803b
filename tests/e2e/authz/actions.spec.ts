import { expect, test } from '@playwright/test';
import { ROLE_PERMISSIONS } from '../../../lib/domain/permissions';
import { ACTORS, ACTOR_KEYS, nextIp } from './support/actors';
import { auditRowsFor, lastAuditId } from './support/database';
import { checkAllowedCell, checkRefusedCell, inPool, projectRoot } from './support/checks';
import { allActionNames, coveredActionNames, describeAnswer, postActionArguments, type ActionName } from './support/server-actions';
import { sharedSession } from './support/shared-session';
import { ACTION_ROWS, ALLOWED_CELLS, EXISTENCE_CASES, UNKNOWN_ID, type ActionExpect } from './matrix/actions';
import { NO_SUCH_ENDPOINT, RESOURCES, VERBS } from './matrix/coverage';
import { PAGE_ROWS } from './matrix/pages';

// Issue "Trust", item 1, server actions: every action posted directly (Next-Action header, multipart body;
// the wire format is in support/server-actions.ts) by every actor. Refused cells run against the demo data
// and the suite's own off-care-team patients, and must change nothing. Allowed cells run on records each
// actor makes for itself first, so the demo plan other specs rely on is never approved, signed or discarded.

const open = sharedSession(test);

function outcomeOf(expected: ActionExpect): string {
  return expected.kind === 'refused' ? expected.code : 'allowed';
}

function summarize(outcomes: string[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return [...counts].map(([outcome, count]) => `${count} ${outcome}`).join(', ');
}

test.describe('refused: every actor the rules turn away', () => {
  for (const row of ACTION_ROWS) {
    test(`${row.action}: ${row.title}`, async ({}, testInfo) => {
      testInfo.setTimeout(240_000);
      const refused = ACTOR_KEYS.filter((actor) => row.expect[actor].kind === 'refused');
      // One at a time: if a refusal ever fails, the probes then say exactly which actor changed what.
      await inPool(1, refused, (actor) => checkRefusedCell(open(), row, actor));
      testInfo.annotations.push({ type: 'cells', description: `${refused.length} refused here: ${summarize(refused.map((actor) => outcomeOf(row.expect[actor])))}` });
    });
  }
});

test.describe('allowed: on records the actor owns', () => {
  for (const cell of ALLOWED_CELLS) {
    test(`${cell.action}: ${cell.title}`, async ({}, testInfo) => {
      testInfo.setTimeout(180_000);
      await checkAllowedCell(open(), cell);
    });
  }
});

test.describe('refused as if it did not exist: never confirms a record', () => {
  for (const existence of EXISTENCE_CASES) {
    test(`${existence.action}${existence.record ? ` (${existence.record})` : ''}: another's record answers exactly as an unknown id`, async () => {
      const { world } = open();
      const realId = await existence.realId(world);
      for (const actor of existence.actors) {
        const page = existence.page(world);
        const real = await open().act(actor, existence.action, page, await existence.fields(world, realId), { ip: nextIp() });
        const unknown = await open().act(actor, existence.action, page, await existence.fields(world, UNKNOWN_ID), { ip: nextIp() });
        const answerOf = (answer: typeof real) => (answer.kind === 'result' ? { code: answer.result.code, message: answer.result.message } : answer.kind);
        expect.soft(answerOf(real), `${ACTORS[actor].label}: ${existence.action} on a record they may not see vs an unknown id`).toEqual(answerOf(unknown));
        expect.soft(answerOf(real), `${ACTORS[actor].label}: ${existence.action} is refused as not found`).toMatchObject({ code: 'NOT_FOUND' });
      }
    });
  }
});

test.describe('refused before anything else: an argument that is not FormData', () => {
  // A form posts FormData, but a server action is a public endpoint: anyone can post it a plain object
  // (JSON), a string or nothing. Each must answer a clear INVALID_INPUT and do nothing, signed in or not.
  test('every action answers INVALID_INPUT to a plain object, a string or no form at all, and writes nothing', async ({}, testInfo) => {
    testInfo.setTimeout(240_000);
    const { world, actions } = open();
    const tried = new Set<ActionName>();
    for (const row of ACTION_ROWS) {
      if (tried.has(row.action)) continue;
      tried.add(row.action);
      const mayUse = ACTOR_KEYS.find((actor) => row.expect[actor].kind === 'allowed') ?? 'harborAdmin';
      const fields = await row.fields(world);
      for (const actor of ['signedOut', mayUse] as const) {
        for (const [shape, encoded] of [
          ['the form fields as a plain object', JSON.stringify([null, fields])],
          ['a string', '[null,"patientId=anything"]'],
          ['no form', '[null]'],
        ] as const) {
          const ip = nextIp();
          const auditFrom = await lastAuditId();
          const answer = await postActionArguments(open().context(actor), actions[row.action], row.page(world), encoded, { ip, origin: world.origin });
          const label = `${row.action} by ${ACTORS[actor].label}, with ${shape}`;
          expect.soft(answer.kind === 'result' && !answer.result.ok ? answer.result.code : describeAnswer(answer), label).toBe('INVALID_INPUT');
          expect.soft(answer.kind === 'result' ? answer.result.message : '', label).toContain('did not come from one of our forms');
          expect.soft(await auditRowsFor(ip, auditFrom), `${label} writes nothing, not even an audit row`).toEqual([]);
        }
      }
    }
    expect([...tried].sort()).toEqual(coveredActionNames().map((name) => name.split('#')[1]).sort());
  });
});

test.describe('the matrix itself', () => {
  test('every allowed cell of a row is proven on the actor’s own records', () => {
    const missing = ACTION_ROWS.flatMap((row) =>
      ACTOR_KEYS.filter((actor) => row.expect[actor].kind === 'allowed')
        .filter((actor) => !ALLOWED_CELLS.some((cell) => cell.action === row.action && cell.actor === actor && cell.expect.outcome !== 'refused' && cell.expect.outcome !== 'error'))
        .map((actor) => `${row.action} by ${actor}`),
    );
    expect(missing).toEqual([]);
  });

  test('every server action of the build has rows', ({}, testInfo) => {
    const inMatrix = new Set(ACTION_ROWS.map((row) => row.action));
    expect(allActionNames(projectRoot(testInfo)), 'server actions in the build vs the matrix').toEqual(coveredActionNames());
    for (const name of coveredActionNames()) expect(inMatrix.has(name.split('#')[1] as never), `${name} has a row`).toBe(true);
  });

  test('every resource and verb is exercised by a row or has no endpoint, with the reason', ({}, testInfo) => {
    const exercised = new Set([...PAGE_ROWS, ...ACTION_ROWS, ...ALLOWED_CELLS].flatMap((row) => row.resources.map((resource) => `${resource}.${row.verb}`)));
    const combinations = RESOURCES.flatMap((resource) => VERBS.map((verb) => `${resource}.${verb}` as const));
    const unaccounted = combinations.filter((combination) => !exercised.has(combination) && !NO_SUCH_ENDPOINT[combination]);
    const explainedButExercised = combinations.filter((combination) => exercised.has(combination) && NO_SUCH_ENDPOINT[combination]);
    expect(unaccounted, 'resource.verb with neither a row nor a reason').toEqual([]);
    expect(explainedButExercised, 'resource.verb marked "no such endpoint" but exercised: drop the reason').toEqual([]);
    testInfo.annotations.push({
      type: 'cells',
      description: `${combinations.length} resource x verb: ${combinations.filter((combination) => exercised.has(combination)).length} exercised, ${Object.keys(NO_SUCH_ENDPOINT).length} with no such endpoint`,
    });
  });

  test('the permission table is the one this matrix was written for', () => {
    // If this fails, the role table changed: update the expectations in matrix/*.ts to the new rules first.
    expect(ROLE_PERMISSIONS).toEqual({
      ADMIN: ['catalog.read', 'catalog.write', 'media.upload', 'protocol.read', 'protocol.write', 'patient.read', 'audit.read', 'user.manage', 'clinic.settings', 'clinic.second_factor', 'mail.status', 'account.second_factor'],
      THERAPIST: [
        'catalog.read',
        'media.upload',
        'protocol.read',
        'protocol.write',
        'patient.read',
        'patient.create',
        'caseload.view',
        'plan.edit',
        'plan.approve',
        'invitation.issue',
        'patient.password.reset',
        'alert.acknowledge',
        'account.second_factor',
      ],
      SURGEON: ['patient.read', 'signoff.sign', 'order.sign', 'alert.acknowledge', 'account.second_factor'],
      PATIENT: ['portal.view', 'session.log', 'warning_sign.report', 'reminders.manage', 'account.second_factor'],
    });
  });

  test('action matrix size', ({}, testInfo) => {
    const rowOutcomes = ACTION_ROWS.flatMap((row) => ACTOR_KEYS.map((actor) => outcomeOf(row.expect[actor])));
    const allowedOutcomes = ALLOWED_CELLS.map((cell) => (cell.expect.outcome === 'refused' ? cell.expect.code : cell.expect.outcome === 'error' ? 'refused by Next.js' : 'allowed, own record'));
    const description =
      `${rowOutcomes.length} action cells (${ACTION_ROWS.length} rows x ${ACTOR_KEYS.length} actors): ${summarize(rowOutcomes)}; ` +
      `${ALLOWED_CELLS.length} cells run on the actor's own records: ${summarize(allowedOutcomes)}`;
    testInfo.annotations.push({ type: 'cells', description });
    console.log(`authorization matrix: ${description}`);
    expect(rowOutcomes.length).toBe(ACTION_ROWS.length * ACTOR_KEYS.length);
  });
});
