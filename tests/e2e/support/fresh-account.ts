import { randomBytes } from 'node:crypto';
import { one, rows } from '../authz/support/database';
import { CLINIC_NAMES, type Clinic } from '../authz/support/actors';

/**
 * A staff account of its own for a test that signs it out everywhere, deactivates it, or guesses at its password,
 * so no other spec running at the same time loses a session or meets a throttle. Written straight to the database
 * with the demo password (the demo therapist's hash).
 */
export async function freshAccount(role: 'ADMIN' | 'THERAPIST' | 'SURGEON', clinic: Clinic = 'harbor'): Promise<{ email: string; userId: string }> {
  const tag = randomBytes(6).toString('hex');
  const email = `fresh-${role.toLowerCase()}-${tag}@${clinic}.test`;
  const userId = `c${randomBytes(12).toString('hex')}`;
  await rows(
    `INSERT INTO "User" ("id", "clinicId", "email", "name", "role", "passwordHash", "isActive", "sessionVersion", "createdAt", "updatedAt")
     SELECT $1, c."id", $2, $3, $4::"Role", (SELECT "passwordHash" FROM "User" WHERE "email" = 'therapist@harbor.test'), true, 0, now(), now()
     FROM "Clinic" c WHERE c."name" = $5`,
    [userId, email, `Fresh ${role.toLowerCase()} ${tag}`, role, CLINIC_NAMES[clinic]],
  );
  return { email, userId: (await one<{ id: string }>('SELECT "id" FROM "User" WHERE "email" = $1', [email])).id };
}

let counter = 0;

/** An address no other request of the run uses (the throttle counts per address). */
export function freshAddress(): string {
  counter += 1;
  return `fd00:7:${process.pid.toString(16)}::${counter.toString(16)}`;
}
