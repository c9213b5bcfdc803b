import { z } from 'zod';
import { dosageFields } from './dosage';
import { dosageProblems } from '@/lib/domain/dosage';
import { ITEM_MODES } from '@/lib/domain/types';
import { idSchema } from './exercise';

export const itemModeSchema = z.enum(ITEM_MODES as ['SUPERVISED', 'SELF_DIRECTED'], { error: 'Choose supervised or home exercise.' });

export const lockVersionSchema = z.coerce
  .number({ error: 'Missing version stamp. Reload the page.' })
  .int('Reload the page and try again.')
  .min(0, 'Reload the page and try again.')
  .max(2_147_483_647, 'Reload the page and try again.');

export const prescriptionSchema = z
  .strictObject({
    mode: itemModeSchema,
    patientNotes: z.string().trim().max(1_000, 'Notes to the patient are too long (1,000 characters at most).').default(''),
    ...dosageFields,
  })
  .superRefine((item, ctx) => {
    for (const problem of dosageProblems(item)) ctx.addIssue({ code: 'custom', message: problem, path: ['dosage'] });
  });

export const addDraftItemSchema = z.strictObject({
  versionId: idSchema,
  lockVersion: lockVersionSchema,
  exerciseId: idSchema,
});

export const updateDraftItemSchema = z.strictObject({ itemId: idSchema, lockVersion: lockVersionSchema });

export const signaturePasswordSchema = z.string().min(1, 'Enter your password to sign.').max(200, 'Password is too long.');

export const approveVersionSchema = z.strictObject({
  versionId: idSchema,
  lockVersion: lockVersionSchema,
  password: signaturePasswordSchema,
});

export const advancePhaseSchema = z.strictObject({
  patientId: idSchema,
  criteriaMet: z.array(z.string().max(500)).max(50).default([]),
  reason: z.string().trim().max(2_000, 'The reason is too long.').optional().default(''),
});

const dateOnly = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    // JavaScript rolls 1971-02-30 over to March 2nd: a date is real only if it survives the round trip.
    .transform((value, ctx) => {
      const date = new Date(`${value}T00:00:00.000Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a real date.` });
        return z.NEVER;
      }
      return date;
    });

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

export const decideSignOffSchema = z
  .strictObject({
    signOffId: idSchema,
    decision: z.enum(['SIGN', 'DECLINE'], { error: 'Choose sign off or decline.' }),
    contentHash: z.string().regex(/^[a-f0-9]{64}$/, 'Reload the page and try again.'),
    reason: z.string().trim().max(1_000, 'The reason is too long.').optional().default(''),
    password: signaturePasswordSchema,
  })
  .superRefine((input, ctx) => {
    if (input.decision === 'DECLINE' && input.reason.length < 5) {
      ctx.addIssue({ code: 'custom', message: 'Say why you are declining, so the therapist can adjust the plan.', path: ['reason'] });
    }
  });

export const logSessionSchema = z.strictObject({
  exerciseId: idSchema,
  performedOn: dateOnly('Date'),
  completed: z.preprocess((value) => value === true || value === 'yes' || value === 'on' || value === 'true', z.boolean()),
  setsCompleted: z.preprocess(
    (value) => (value === '' || value === undefined || value === null ? null : Number(value)),
    z.number({ error: 'Sets done must be a number.' }).int('Sets done must be a whole number.').min(0, 'Sets done cannot be negative.').max(20, 'Sets done looks too high.').nullable(),
  ),
  pain: z.preprocess(
    (value) => (value === '' || value === undefined || value === null ? undefined : Number(value)),
    z.number({ error: 'Choose your pain from 0 to 10.' }).int('Choose your pain from 0 to 10.').min(0, 'Pain goes from 0 to 10.').max(10, 'Pain goes from 0 to 10.'),
  ),
  note: z.string().trim().max(500, 'Please keep the note under 500 characters.').optional().default(''),
});

export const compareVersionsSchema = z.strictObject({
  patientId: idSchema,
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
