// Password re-checks are throttled per account: approving, signing off, signing a surgeon's order, resetting
// another account's password and changing one's own all count wrong passwords, and at the limit every session of
// the account ends (the probe: 30 wrong passwords on change-password and on a sign-off, none slowed).
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDay } from '@/lib/domain/calendar';
import { PASSWORD_RECHECK_LIMIT, SIGNED_OUT_AFTER_WRONG_PASSWORDS } from '@/lib/domain/throttle';
import { authenticate } from '@/lib/server/auth/authenticate';
import { loadLiveSession } from '@/lib/server/auth/load-live-session';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { recordSurgeonOrder } from '@/lib/server/orders/record-surgeon-order';
import { resetPatientPassword } from '@/lib/server/patients/reset-patient-password';
import { approvePlanVersion } from '@/lib/server/plans/approve-plan-version';
import { decideSignOff } from '@/lib/server/sign-offs/decide-sign-off';
import { changePassword } from '@/lib/server/users/change-password';
import { resetStaffPassword } from '@/lib/server/users/reset-staff-password';
import { createUser } from '@/prisma/factories';
import { PASSWORD, TODAY, approveDraft, draftOf, pendingSignOff, registerPatient, shownItemsOf } from './support/plan-flow';
import { auditCursor, auditRowsSince } from './support/audit';
import { createActor, createWorld, uniqueIp, type World } from './support/world';

let world: World;

beforeAll(async () => {
  world = await createWorld();
});

type Recheck = {
  /** A fresh account and a call that re-checks its password, for a password given. */
  setUp: () => Promise<{ actor: Actor; email: string; attempt: (password: string) => Promise<unknown> }>;
};

async function freshActor(role: 'ADMIN' | 'THERAPIST' | 'SURGEON') {
  const { user, actor } = await createActor(world.a.clinic.id, role);
  return { actor, email: user.email };
}

const RECHECKS: Record<string, Recheck> = {
  'approving a plan version': {
    async setUp() {
      const { actor, email } = await freshActor('THERAPIST');
      const patient = await registerPatient(world.a, { therapist: actor });
      return {
        actor,
        email,
        attempt: async (password) => {
          const draft = await draftOf(patient.patientId);
          return approvePlanVersion({ actor, input: { versionId: draft.id, lockVersion: draft.lockVersion, password, shownItems: await shownItemsOf(draft.id) } });
        },
      };
    },
  },
  'deciding a sign-off': {
    async setUp() {
      const { actor, email } = await freshActor('SURGEON');
      const patient = await registerPatient(world.a, { surgeonId: actor.userId });
      await approveDraft(world.a.actors.therapist, patient.patientId);
      const pending = await pendingSignOff(patient.patientId, 'Walking');
      return { actor, email, attempt: (password) => decideSignOff({ actor, input: { signOffId: pending.id, decision: 'SIGN', contentHash: pending.contentHash, password, reason: '' } }) };
    },
  },
  "recording a surgeon's order": {
    async setUp() {
      const { actor, email } = await freshActor('SURGEON');
      const patient = await registerPatient(world.a, { surgeonId: actor.userId });
      const order = (password: string) => ({
        patientId: patient.patientId,
        basedOnVersion: 0,
        password,
        note: '',
        liftingRule: 'LIMIT',
        liftingLimit: '5',
        liftingUnit: 'KG',
        liftingUntilDate: isoDay(addDays(TODAY, 30)),
        bendingRule: 'AVOID',
        twistingRule: 'AVOID',
        sittingRule: 'ALLOWED',
        drivingRule: 'AVOID',
      });
      return { actor, email, attempt: (password) => recordSurgeonOrder({ actor, input: order(password), now: TODAY }) };
    },
  },
  "resetting a staff member's password": {
    async setUp() {
      const { actor, email } = await freshActor('ADMIN');
      const staff = await createUser({ clinicId: world.a.clinic.id, role: 'THERAPIST' });
      return { actor, email, attempt: (password) => resetStaffPassword({ actor, input: { userId: staff.id, password } }) };
    },
  },
  "resetting a patient's password": {
    async setUp() {
      const { actor, email } = await freshActor('THERAPIST');
      const patient = await registerPatient(world.a, { therapist: actor });
      return { actor, email, attempt: (password) => resetPatientPassword({ actor, input: { patientId: patient.patientId, password } }) };
    },
  },
  'changing one’s own password': {
    async setUp() {
      const { actor, email } = await freshActor('THERAPIST');
      return { actor, email, attempt: (password) => changePassword({ actor, input: { currentPassword: password, newPassword: 'a brand new passphrase', repeatPassword: 'a brand new passphrase' } }) };
    },
  },
};

async function settle(call: Promise<unknown>): Promise<{ code: string; message: string } | 'ok'> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return { code: code ?? 'thrown', message: message ?? '' };
  }
}

const LIMIT = PASSWORD_RECHECK_LIMIT.failures;

describe.each(Object.entries(RECHECKS))('%s', (_name, recheck) => {
  it(`counts wrong passwords, ends every session of the account at the ${LIMIT}th, and lets the user back in only by signing in again`, async () => {
    const { actor, email, attempt } = await recheck.setUp();
    const signedIn = await authenticate({ email, password: PASSWORD, ip: uniqueIp() });
    const claims = { uid: actor.userId, sid: signedIn!.sessionId, sv: signedIn!.sessionVersion };
    const cursor = await auditCursor();

    for (let wrong = 1; wrong < LIMIT; wrong += 1) {
      const answer = await settle(attempt(`wrong password ${wrong}`));
      expect(answer).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(`try ${LIMIT - wrong} more`) });
    }
    expect(await loadLiveSession(claims, new Date())).not.toBeNull();
    expect(await settle(attempt('wrong password, once too often'))).toEqual({ code: 'UNAUTHENTICATED', message: SIGNED_OUT_AFTER_WRONG_PASSWORDS });

    // The session is over, on every device, and the audit trail says why.
    expect(await loadLiveSession(claims, new Date())).toBeNull();
    expect(await db.userSession.count({ where: { userId: actor.userId, endedAt: null } })).toBe(0);
    const ended = await auditRowsSince(cursor, { actorId: actor.userId, action: 'auth.sessions_ended' });
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ outcome: 'SUCCESS', entityType: 'User', entityId: actor.userId, after: { reason: 'too many wrong passwords', failures: LIMIT } });
    const failures = await auditRowsSince(cursor, { actorId: actor.userId, outcome: 'FAILURE' });
    expect(failures).toHaveLength(LIMIT);

    // Even the right password does nothing until the user signs in again...
    expect(await settle(attempt(PASSWORD))).toEqual({ code: 'UNAUTHENTICATED', message: SIGNED_OUT_AFTER_WRONG_PASSWORDS });
    // ...which starts the count over.
    expect(await authenticate({ email, password: PASSWORD, ip: uniqueIp() })).not.toBeNull();
    expect(await settle(attempt(PASSWORD))).toBe('ok');
  });
});

describe('the count', () => {
  it('10 wrong re-checks in a row: the session ends at the 5th, and no later one even checks the password', async () => {
    const { actor, attempt } = await RECHECKS['deciding a sign-off']!.setUp();
    const cursor = await auditCursor();
    const answers: Array<Awaited<ReturnType<typeof settle>>> = [];
    for (let wrong = 0; wrong < 10; wrong += 1) answers.push(await settle(attempt(`guess ${wrong}`)));
    expect(answers.map((answer) => (answer === 'ok' ? 'ok' : answer.code))).toEqual([...Array(LIMIT - 1).fill('INVALID_INPUT'), ...Array(10 - LIMIT + 1).fill('UNAUTHENTICATED')]);
    const rows = await auditRowsSince(cursor, { actorId: actor.userId });
    expect(rows.filter((row) => (row.after as { reason?: string } | null)?.reason === 'password did not match')).toHaveLength(LIMIT);
    expect(rows.filter((row) => row.action === 'auth.sessions_ended')).toHaveLength(1);
  });

  it('is per account, across every kind of re-check', async () => {
    const { actor, attempt: approve } = await RECHECKS['approving a plan version']!.setUp();
    const change = (password: string) => changePassword({ actor, input: { currentPassword: password, newPassword: 'a brand new passphrase', repeatPassword: 'a brand new passphrase' } });
    for (let wrong = 0; wrong < LIMIT - 1; wrong += 1) expect(await settle(wrong % 2 === 0 ? approve('guess') : change('guess'))).toMatchObject({ code: 'INVALID_INPUT' });
    // Another account's wrong passwords are its own.
    const other = await RECHECKS['changing one’s own password']!.setUp();
    for (let wrong = 0; wrong < LIMIT - 1; wrong += 1) expect(await settle(other.attempt('guess'))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await settle(change('guess'))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await settle(other.attempt(PASSWORD))).toBe('ok');
  });

  it('the right password starts the count over', async () => {
    const { attempt } = await RECHECKS["resetting a staff member's password"]!.setUp();
    for (let round = 0; round < 3; round += 1) {
      for (let wrong = 0; wrong < LIMIT - 1; wrong += 1) expect(await settle(attempt('typo'))).toMatchObject({ code: 'INVALID_INPUT' });
      expect(await settle(attempt(PASSWORD))).toBe('ok');
    }
  });

  it('parallel guesses get no more checks than the limit', async () => {
    const { actor, attempt } = await RECHECKS['changing one’s own password']!.setUp();
    const cursor = await auditCursor();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => settle(attempt(`parallel guess ${index}`))));
    expect(answers.filter((answer) => typeof answer === 'object' && answer.code === 'UNAUTHENTICATED').length).toBeGreaterThanOrEqual(20 - LIMIT + 1);
    const checked = (await auditRowsSince(cursor, { actorId: actor.userId })).filter((row) => (row.after as { reason?: string } | null)?.reason === 'password did not match');
    expect(checked).toHaveLength(LIMIT);
  });
});
