import { z } from 'zod';
import { emailSchema } from './auth';
import { idSchema } from './exercise';

// Patients are registered by their therapist with their surgery; admins add the clinic's staff.
export const STAFF_ROLES = ['THERAPIST', 'SURGEON', 'ADMIN'] as const;

export const createStaffUserSchema = z.strictObject({
  name: z.string().trim().min(2, 'Enter the person’s full name.').max(120, 'Name is too long.'),
  email: emailSchema,
  role: z.enum(STAFF_ROLES, { error: 'Choose therapist, surgeon or clinic admin.' }),
});

/** The acting person's own password, typed again to confirm that they mean to reset someone else's. */
export const ownPasswordSchema = z.string().min(1, 'Enter your own password to confirm.').max(200, 'Password is too long.');

export const resetStaffPasswordSchema = z.strictObject({ userId: idSchema, password: ownPasswordSchema });

export const resetPatientPasswordSchema = z.strictObject({ patientId: idSchema, password: ownPasswordSchema });
