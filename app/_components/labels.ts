import type { Clearance } from '@/lib/domain/clearance';
import type { StatusFlag } from '@/lib/domain/patient-status';
import type { ExerciseLoad } from '@/lib/domain/restrictions';
import type { ItemMode } from '@/lib/domain/types';
import type { MailKind } from '@/lib/content/reminders';
import type { EXERCISE_CATEGORIES } from '@/lib/schemas/exercise';

// The words the product uses for its codes, one set for every page.

export const MODE_LABELS: Record<ItemMode, string> = {
  SELF_DIRECTED: 'Self-directed at home',
  SUPERVISED: 'Supervised in clinic',
};

export const CATEGORY_LABELS: Record<(typeof EXERCISE_CATEGORIES)[number], string> = {
  CARDIO: 'Cardio',
  STRETCHING: 'Stretching',
  MOBILITY: 'Mobility',
  STRENGTHENING: 'Strengthening',
};

export const CLEARANCE_LABELS: Record<Clearance, { text: string; tone: string }> = {
  CLEARED: { text: 'Cleared', tone: 'ok' },
  WAITING_FOR_SURGEON: { text: 'Waiting for surgeon', tone: 'warn' },
  DECLINED: { text: 'Declined by surgeon', tone: 'danger' },
  NOT_SENT: { text: 'Not sent', tone: '' },
};

export const FLAG_LABELS: Record<StatusFlag, { text: string; tone: string }> = {
  WARNING_SIGN: { text: 'Warning sign', tone: 'danger' },
  PAIN: { text: 'Pain alert', tone: 'danger' },
  DRAFT_WAITING: { text: 'Draft waiting', tone: 'warn' },
  WAITING_FOR_SURGEON: { text: 'Waiting for surgeon', tone: 'warn' },
  DECLINED: { text: 'Declined by surgeon', tone: 'danger' },
  READY_TO_ADVANCE: { text: 'Ready to advance', tone: 'ok' },
};

export const LOAD_LABELS: Record<ExerciseLoad, string> = {
  BENDING: 'Bending',
  LIFTING: 'Lifting',
  TWISTING: 'Twisting',
  LUMBAR_EXTENSION: 'Arching the back',
};

/** The kinds of email Regimen sends, as the clinic admin reads them (never what an email said). */
export const MAIL_KIND_LABELS: Record<MailKind, string> = { INVITATION: 'Invitation', REMINDER: 'Reminder', NEW_EXERCISE: 'New exercise note' };
