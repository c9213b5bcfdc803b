import { db } from '@/lib/server/db';
async function main() {
  const pat = await db.patient.findFirstOrThrow({ select: { id: true } });
  const ex = await db.exercise.findFirstOrThrow({ select: { id: true } });
  const mk = (tag: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `probe-${tag}-${i}`, patientId: pat.id, exerciseId: ex.id, exerciseName: 'Walking', performedOn: new Date('2026-11-01'), completed: true, setsCompleted: 1, pain: 3, note: '', createdAt: new Date() }));
  for (const chunk of [1000, 5000]) {
    const rows = mk(`c${chunk}`, 10000);
    const t0 = Date.now();
    for (let s = 0; s < rows.length; s += chunk) await db.sessionLog.createMany({ data: rows.slice(s, s + chunk) });
    console.log('createMany chunk', chunk, Date.now() - t0, 'ms');
  }
  const rows = mk('raw', 10000);
  const t0 = Date.now();
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await db.$executeRaw`INSERT INTO "SessionLog" (id, "patientId", "exerciseId", "exerciseName", "performedOn", completed, "setsCompleted", pain, note, "createdAt")
    SELECT * FROM unnest(${col('id')}::text[], ${col('patientId')}::text[], ${col('exerciseId')}::text[], ${col('exerciseName')}::text[], ${col('performedOn')}::date[], ${col('completed')}::bool[], ${col('setsCompleted')}::int[], ${col('pain')}::int[], ${col('note')}::text[], ${col('createdAt')}::timestamp[])`;
  console.log('unnest', Date.now() - t0, 'ms');
  await db.sessionLog.deleteMany({ where: { id: { startsWith: 'probe-' } } });
}
main().finally(() => db.$disconnect());
