import { z } from 'zod';
import { emailSchema, ownPasswordSchema, passkeyAnswerSchema } from './auth';
import { idSchema } from './id';

// Patients are registered by their therapist with their surgery; admins add the clinic's staff.
export const STAFF_ROLES = ['THERAPIST', 'SURGEON', 'ADMIN'] as const;

export const createStaffUserSchema = z.strictObject({
  name: z.string().trim().min(2, 'Enter the person’s full name.').max(120, 'Name is too long.'),
  email: emailSchema,
  role: z.enum(STAFF_ROLES, { error: 'Choose therapist, surgeon or clinic admin.' }),
});

export const resetStaffPasswordSchema = z.strictObject({ userId: idSchema, password: ownPasswordSchema, passkeyAnswer: passkeyAnswerSchema });

