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

/** What each audited action is called on the audit page (the CSV export keeps the codes). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'access.denied': 'Was refused access',
  'alert.acknowledge': 'Acknowledged an alert',
  'alert.raise': 'Alert raised',
  'audit.export': 'Exported the audit trail',
  'auth.sign_in': 'Signed in',
  'auth.sign_out': 'Signed out',
  'auth.password_accepted': 'Password accepted, second factor asked',
  'auth.second_factor': 'Second step of signing in',
  'auth.recovery_code_used': 'Used a recovery code',
  'auth.passkey_used': 'Confirmed with a passkey',
  'second_factor.passkey_added': 'Added a passkey',
  'second_factor.passkey_removed': 'Removed a passkey',
  'second_factor.authenticator_started': 'Started setting up an authenticator app',
  'second_factor.authenticator_added': 'Set up an authenticator app',
  'second_factor.authenticator_removed': 'Removed an authenticator app',
  'second_factor.recovery_codes_made': 'Made new recovery codes',
  'clinic.second_factor': 'Changed whether staff need a second factor',
  'auth.sign_out_everywhere': 'Signed out everywhere',
  'clinic.update_settings': 'Changed clinic settings',
  'exercise.create': 'Added an exercise',
  'exercise.update': 'Changed an exercise',
  'exercise.retire': 'Retired an exercise',
  'exercise.restore': 'Restored an exercise',
  'invitation.create': 'Made an invitation link',
  'invitation.accept': 'Set a password from an invitation',
  'media.upload': 'Added a photo or video',
  'media.feature': 'Chose the photo or video patients see',
  'media.remove': 'Removed a photo or video',
  'order.sign': "Signed surgeon's orders",
  'patient.create': 'Added a patient',
  'patient.read': "Opened a patient's record",
  'patient.read_sessions': "Read a patient's sessions and pain",
  'plan.advance': 'Moved a patient to the next phase',
  'plan.approve': 'Approved a plan version',
  'plan.discard_draft': 'Discarded a draft',
  'plan.item_add': 'Added an exercise to a draft',
  'plan.item_remove': 'Removed an exercise from a draft',
  'plan.item_update': 'Changed an exercise in a draft',
  'plan.start_draft': 'Started a draft',
  'portal.read': 'Opened their portal',
  'programme.download': 'Printed a programme',
  'protocol.create': 'Added a protocol',
  'protocol.add_phase': 'Added a protocol phase',
  'protocol.update_phase': 'Changed a protocol phase',
  'protocol.remove_phase': 'Removed a protocol phase',
  'protocol.add_phase_exercise': 'Added an exercise to a protocol phase',
  'protocol.update_phase_exercise': 'Changed an exercise in a protocol phase',
  'protocol.remove_phase_exercise': 'Removed an exercise from a protocol phase',
  'session.log': 'Logged a session',
  'signoff.sign': 'Signed off an exercise',
  'signoff.decline': 'Declined an exercise',
  'user.create': 'Added a user',
  'user.activate': 'Reactivated a user',
  'user.deactivate': 'Deactivated a user',
  'user.change_password': 'Changed their password',
  'user.reset_password': 'Reset a password',
  'warning_sign.report': 'Reported a warning sign',
  'calendar.create': 'Made a calendar link',
  'calendar.revoke': 'Stopped a calendar link',
  'reminders.update': 'Changed reminder settings',
  'invitation.email': 'Emailed an invitation',
};

/** An audited action in words; an action added later without a label shows its code rather than nothing. */
export const auditActionLabel = (action: string): string => AUDIT_ACTION_LABELS[action] ?? action;

/** What kind of record an audit row is about. */
export const AUDIT_RECORD_LABELS: Record<string, string> = {
  Alert: 'Alert',
  AuditEvent: 'Audit trail',
  Clinic: 'Clinic',
  Episode: 'Episode of care',
  Exercise: 'Exercise',
  ExerciseMedia: 'Photo or video',
  Invitation: 'Invitation',
  Patient: 'Patient',
  PlanItem: 'Plan exercise',
  PlanVersion: 'Plan version',
  Protocol: 'Protocol',
  SessionLog: 'Logged session',
  SignOff: 'Sign-off',
  SurgeonOrder: "Surgeon's orders",
  User: 'User',
  WarningSignReport: 'Warning-sign report',
  email: 'Sign-in name',
  password: 'Password',
};

export const AUDIT_OUTCOME_LABELS: Record<string, string> = { SUCCESS: 'Done', DENIED: 'Refused', FAILURE: 'Failed' };

/** The kinds of email Regimen sends, as the clinic admin reads them (never what an email said). */
export const MAIL_KIND_LABELS: Record<MailKind, string> = { INVITATION: 'Invitation', REMINDER: 'Reminder', NEW_EXERCISE: 'New exercise note' };
