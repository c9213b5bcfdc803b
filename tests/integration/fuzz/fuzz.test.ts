// Property-based fuzzing of every server action's and route handler's input, at the data-access function
// each one calls (the properties are in support/harness.ts). One test file on purpose: the properties of
// every domain share one seeded world and one tally, printed at the end as inputs tried per function.
import { afterAll, beforeAll } from 'vitest';
import { describeCatalogFuzz } from './catalog.fuzz';
import { createFuzzWorld, type FuzzWorld } from './support/fuzz-world';
import { inputCountReport } from './support/harness';

let world: FuzzWorld | undefined;

function getWorld(): FuzzWorld {
  if (!world) throw new Error('the fuzz world is built in beforeAll');
  return world;
}

beforeAll(async () => {
  world = await createFuzzWorld();
});

afterAll(() => {
  console.log(inputCountReport());
});

describeCatalogFuzz(getWorld);
