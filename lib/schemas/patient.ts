import { z } from 'zod';
import { ownPasswordSchema, passkeyAnswerSchema } from './auth';
import { dateOnly } from './fields';
import { idSchema } from './id';

export const createPatientSchema = z
  .strictObject({
    firstName: z.string().trim().min(1, 'First name is required.').max(80, 'First name is too long.'),
    lastName: z.string().trim().min(1, 'Last name is required.').max(80, 'Last name is too long.'),
    dateOfBirth: dateOnly('Date of birth'),
    phone: z.string().trim().max(40, 'Phone is too long.').default(''),
    email: z.string().trim().toLowerCase().max(254).pipe(z.email('Enter a valid email address for the patient’s sign-in.')),
    procedure: z.string().trim().min(3, 'Describe the procedure.').max(200, 'Procedure is too long.'),
    surgeryDate: dateOnly('Surgery date'),
    surgeonId: idSchema,
    protocolId: idSchema,
  })
  .superRefine((patient, ctx) => {
    // zod runs this even when a field failed; only compare dates that parsed.
    if (!(patient.dateOfBirth instanceof Date) || !(patient.surgeryDate instanceof Date)) return;
    const today = Date.now();
    if (patient.dateOfBirth.getTime() > today) ctx.addIssue({ code: 'custom', message: 'Date of birth cannot be in the future.', path: ['dateOfBirth'] });
    if (patient.dateOfBirth.getUTCFullYear() < 1900) ctx.addIssue({ code: 'custom', message: 'Date of birth looks wrong.', path: ['dateOfBirth'] });
    const yearMs = 366 * 24 * 60 * 60 * 1000;
    if (Math.abs(patient.surgeryDate.getTime() - today) > yearMs) {
      ctx.addIssue({ code: 'custom', message: 'Surgery date must be within a year of today.', path: ['surgeryDate'] });
    }
  });

export const resetPatientPasswordSchema = z.strictObject({ patientId: idSchema, password: ownPasswordSchema, passkeyAnswer: passkeyAnswerSchema });
