import 'server-only';
import type { Actor } from '../authz/actor';
import { notFound } from '../errors';

/** Reminders are always the signed-in patient's own: no form names a patient. */
export function ownPatientId(actor: Actor): string {
  if (!actor.patientId) throw notFound('Your reminders');
  return actor.patientId;
}
