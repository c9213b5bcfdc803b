import 'server-only';
import { can, type Permission } from '@/lib/domain/permissions';
import { SECOND_FACTOR_DUE } from '@/lib/domain/second-factor';
import type { Actor } from '../authz/actor';
import { AppError } from '../errors';

/**
 * Stops an actor who lacks a permission. By default the answer is "not found": a user who may not use a
 * part of the product is not told that what they asked for exists.
 */
export function requirePermission(actor: Actor, permission: Permission, answer: 'NOT_FOUND' | 'FORBIDDEN' = 'NOT_FOUND'): void {
  // Staff whose clinic requires a second factor and who have none may only add one (get-actor.ts), whatever
  // called this function with them.
  if (actor.secondFactorDue && permission !== 'account.second_factor') throw new AppError('FORBIDDEN', SECOND_FACTOR_DUE);
  if (can(actor, permission)) return;
  if (answer === 'FORBIDDEN') throw new AppError('FORBIDDEN', 'You do not have permission to do that.');
  throw new AppError('NOT_FOUND', 'That page or record was not found.');
}
