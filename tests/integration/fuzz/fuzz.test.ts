// Property-based fuzzing of every server action's and route handler's input, at the data-access function
// each one calls (the three properties are in support/harness.ts). One test file on purpose: the domains
// share one seeded world and one tally, printed at the end as the inputs tried (and accepted) per
// function. Run more inputs with FUZZ_SCALE=10, others with FUZZ_SEED=<n>.
import { afterAll, beforeAll, vi } from 'vitest';

// Before lib/server/db is imported: Prisma then reports every SQL statement, which tells the harness
// whether a refused input could have written anything (support/harness.ts, watchStatements()).
vi.hoisted(() => {
  process.env.REGIMEN_COUNT_QUERIES = '1';
});

import { describeAlertFuzz } from './alerts.fuzz';
import { describeAuditFuzz } from './audit.fuzz';
import { describeAuthFuzz } from './auth.fuzz';
import { describeCatalogFuzz } from './catalog.fuzz';
import { describeClinicFuzz } from './clinic.fuzz';
import { describeInvitationFuzz } from './invitations.fuzz';
import { describeMediaFuzz } from './media.fuzz';
import { describeOrderFuzz } from './orders.fuzz';
import { describePlanFuzz } from './plans.fuzz';
import { describePortalFuzz } from './portal.fuzz';
import { describeProgrammeFuzz } from './programme.fuzz';
import { describeProtocolFuzz } from './protocols.fuzz';
import { describeReminderFuzz } from './reminders.fuzz';
import { describeSecondFactorFuzz } from './second-factor.fuzz';
import { describeSessionsAndPainFuzz } from './sessions-and-pain.fuzz';
import { describeSignOffFuzz } from './sign-offs.fuzz';
import { describeUserFuzz } from './users.fuzz';
import { createFuzzWorld, type FuzzWorld } from './support/fuzz-world';
import { inputCountReport, watchStatements } from './support/harness';

let world: FuzzWorld | undefined;

function getWorld(): FuzzWorld {
  if (!world) throw new Error('the fuzz world is built in beforeAll');
  return world;
}

beforeAll(async () => {
  await watchStatements();
  world = await createFuzzWorld();
});

afterAll(() => {
  console.log(inputCountReport());
  delete process.env.REGIMEN_COUNT_QUERIES;
});

describeAuditFuzz(getWorld);
describeCatalogFuzz(getWorld);
describePlanFuzz(getWorld);
describeSignOffFuzz(getWorld);
describePortalFuzz(getWorld);
// After the portal: the patients have logged and reported, so there are sessions and alerts to page through.
describeAlertFuzz(getWorld);
describeSessionsAndPainFuzz(getWorld);
// The surgeon's orders, then the clinic's photos: both change what the printed programme holds, which is fuzzed after them.
describeOrderFuzz(getWorld);
describeMediaFuzz(getWorld);
describeProgrammeFuzz(getWorld);
describeInvitationFuzz(getWorld);
describeReminderFuzz(getWorld);
describeUserFuzz(getWorld);
describeProtocolFuzz(getWorld);
describeAuthFuzz(getWorld);
// Accounts (and a clinic) of its own: no other domain's actor ever has a second factor.
describeSecondFactorFuzz(getWorld);
// Last: it changes the clinics' emergency numbers and time zones, which the portal's answers repeat.
describeClinicFuzz(getWorld);
