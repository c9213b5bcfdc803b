import 'server-only';
import { can, type Permission } from '@/lib/domain/permissions';
import type { Actor } from '../authz/actor';
import { AppError } from '../errors';

/**
 * Stops an actor who lacks a permission. By default the answer is "not found": a user who may not use a
 * part of the product is not told that what they asked for exists.
 */
export function requirePermission(actor: Actor, permission: Permission, answer: 'NOT_FOUND' | 'FORBIDDEN' = 'NOT_FOUND'): void {
  if (can(actor, permission)) return;
  if (answer === 'FORBIDDEN') throw new AppError('FORBIDDEN', 'You do not have permission to do that.');
  throw new AppError('NOT_FOUND', 'That page or record was not found.');
}
