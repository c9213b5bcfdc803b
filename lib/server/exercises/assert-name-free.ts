import 'server-only';
import type { Tx } from '../db';
import { AppError } from '../errors';

export async function assertNameFree(tx: Tx, clinicId: string, name: string, exceptId?: string): Promise<void> {
  const clash = await tx.exercise.findFirst({
    where: { clinicId, name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new AppError('CONFLICT', `An exercise called "${name}" is already in the catalog.`, { name: ['This name is taken.'] });
}
