import type { Role } from './types';

// Permissions are data: to change who may do what, change this table and nothing else. Each permission says
// what it allows; a data-access function asks for the one that names what it does.
export const PERMISSIONS = {
  'catalog.read': 'Browse the clinic\'s exercise catalog.',
  'catalog.write': 'Add, edit and retire exercises in the clinic\'s catalog.',
  'media.upload': 'Add photos and videos to the clinic\'s exercises, remove them, and choose which one patients see first.',
  'protocol.read': 'Read the clinic\'s recovery protocols.',
  'protocol.write': 'Create protocols and edit their phases, criteria, precautions and exercises.',
  'patient.read': 'Open the record of a patient one may see (their care team, or the clinic admin).',
  'patient.create': 'Register a new patient with their surgery, surgeon, protocol and care team.',
  'caseload.view': 'See one\'s caseload: every patient one treats, with adherence, pain and what waits.',
  'plan.edit': 'Open, change and discard a draft of a patient\'s plan, and advance them to the next phase.',
  'plan.approve': 'Approve a draft, so it becomes the patient\'s plan (with the password typed again).',
  'invitation.issue': 'Make a one-time link for one\'s patient to set the password of their portal account, and email it to them.',
  'patient.password.reset': 'Take away a patient\'s forgotten password and make them a new set-password link.',
  'signoff.sign': 'Sign off or decline a home exercise for one\'s patient (with the password typed again).',
  'order.sign': 'Record and sign the restrictions for one\'s own surgical patient (lifting, bending, twisting, sitting, driving).',
  'alert.acknowledge': 'Close an alert on one\'s patient (pain, or a warning sign they reported) with a note.',
  'session.log': 'Log one\'s own exercise sessions and pain.',
  'portal.view': 'See one\'s own cleared exercises in the patient portal.',
  'reminders.manage': 'Choose one\'s own reminder time and emails, and make or stop one\'s private calendar link.',
  'warning_sign.report': 'Tell one\'s care team about a warning sign, and be told whom to call.',
  'audit.read': 'Read and export the clinic\'s audit trail.',
  'user.manage': 'Add the clinic\'s staff, deactivate them, and reset their passwords.',
  'clinic.settings': 'Set the clinic\'s phone number, emergency number and time zone.',
  'account.second_factor': 'Add and remove one\'s own second factors (passkeys, an authenticator app) and recovery codes.',
  'clinic.second_factor': 'Require the clinic\'s staff to have a second factor.',
  'mail.status': 'See whether the clinic\'s emails went out: how many wait or failed, and why (no health information).',
} as const satisfies Record<string, string>;

export type Permission = keyof typeof PERMISSIONS;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ADMIN: ['catalog.read', 'catalog.write', 'media.upload', 'protocol.read', 'protocol.write', 'patient.read', 'audit.read', 'user.manage', 'clinic.settings', 'clinic.second_factor', 'mail.status', 'account.second_factor'],
  THERAPIST: [
    'catalog.read',
    'media.upload',
    'protocol.read',
    'protocol.write',
    'patient.read',
    'patient.create',
    'caseload.view',
    'plan.edit',
    'plan.approve',
    'invitation.issue',
    'patient.password.reset',
    'alert.acknowledge',
    'account.second_factor',
  ],
  SURGEON: ['patient.read', 'signoff.sign', 'order.sign', 'alert.acknowledge', 'account.second_factor'],
  PATIENT: ['portal.view', 'session.log', 'warning_sign.report', 'reminders.manage', 'account.second_factor'],
};

export function can(actor: { role: Role }, permission: Permission): boolean {
  return ROLE_PERMISSIONS[actor.role].includes(permission);
}

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Clinic admin',
  THERAPIST: 'Physical therapist',
  SURGEON: 'Spine surgeon',
  PATIENT: 'Patient',
};

/** Where each role lands after signing in. */
export function homePathFor(role: Role): string {
  switch (role) {
    case 'ADMIN':
      return '/admin';
    case 'THERAPIST':
      return '/caseload';
    case 'SURGEON':
      return '/sign-offs';
    case 'PATIENT':
      return '/portal';
    default: {
      const unhandled: never = role;
      throw new Error(`Unhandled role ${String(unhandled)}`);
    }
  }
}
