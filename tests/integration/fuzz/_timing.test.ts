import { it, vi } from 'vitest';
vi.hoisted(() => { process.env.REGIMEN_COUNT_QUERIES = '1'; });
import { queryCount } from '@/lib/server/bench/query-counter';
import { db } from '@/lib/server/db';
import { createClinic, createUser, actorFor } from '@/prisma/factories';
import { createExercise } from '@/lib/server/exercises/create-exercise';
import { setUserActive } from '@/lib/server/users/set-user-active';

it('timing', async () => {
  const c = await createClinic();
  const admin = await createUser({ clinicId: c.id, role: 'ADMIN' });
  const actor = actorFor(admin);
  let q = queryCount();
  await createExercise({ actor, input: { name: 'Probe x', instructions: 'Do the thing slowly.', category: 'MOBILITY', bodyRegion: 'Back', position: 'Standing', isSafeUnsupervised: true, reps: 5 } });
  console.log('create ok queries', queryCount() - q);
  q = queryCount();
  await createExercise({ actor, input: { name: 'Probe x', instructions: 'Do the thing slowly.', category: 'MOBILITY', bodyRegion: 'Back', position: 'Standing', isSafeUnsupervised: true, reps: 5 } }).catch((e) => console.log(e.code));
  console.log('create conflict queries', queryCount() - q);
  q = queryCount();
  await createExercise({ actor, input: { name: 1 } }).catch((e) => console.log(e.code));
  console.log('parse refusal queries', queryCount() - q);
  q = queryCount();
  await setUserActive({ actor, input: { userId: 'nope', isActive: true } }).catch((e) => console.log(e.code));
  console.log('setUserActive notfound queries', queryCount() - q);
  q = queryCount();
  await db.$queryRawUnsafe('select 1');
  console.log('raw', queryCount() - q);
}, 120000);
