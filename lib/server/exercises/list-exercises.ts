import 'server-only';
import type { ExerciseSearch } from '@/lib/schemas/exercise';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { exerciseSelect, type ExerciseDto } from './exercise-select';

export async function listExercises({ actor, search }: { actor: Actor; search: ExerciseSearch }): Promise<ExerciseDto[]> {
  requirePermission(actor, 'catalog.read');
  const where: Prisma.ExerciseWhereInput = { clinicId: actor.clinicId };
  if (!search.includeRetired) where.retiredAt = null;
  if (search.category) where.category = search.category;
  if (search.bodyRegion) where.bodyRegion = { equals: search.bodyRegion, mode: 'insensitive' };
  if (search.q) {
    // Prisma passes the text to ILIKE as is: escape its wildcards so "%" or "_" match themselves.
    const contains = { contains: search.q.replace(/[\\%_]/g, (character) => `\\${character}`), mode: 'insensitive' } as const;
    where.OR = [{ name: contains }, { instructions: contains }, { therapistNotes: contains }, { bodyRegion: contains }, { equipment: contains }];
  }
  return db.exercise.findMany({ where, select: exerciseSelect, orderBy: { name: 'asc' } });
}

export async function listBodyRegions({ actor }: { actor: Actor }): Promise<string[]> {
  requirePermission(actor, 'catalog.read');
  const rows = await db.exercise.findMany({
    where: { clinicId: actor.clinicId },
    select: { bodyRegion: true },
    distinct: ['bodyRegion'],
    orderBy: { bodyRegion: 'asc' },
  });
  return rows.map((row) => row.bodyRegion);
}
