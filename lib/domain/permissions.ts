import type { Role } from './types';

// Permissions are data: to change who may do what, change this table and nothing else.
export const PERMISSIONS = [
  'catalog.read',
  'catalog.write',
  'protocol.read',
  'protocol.write',
  'patient.read',
  'patient.create',
  'plan.edit',
  'plan.approve',
  'signoff.sign',
  'session.log',
  'portal.view',
  'audit.read',
  'user.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ADMIN: ['catalog.read', 'catalog.write', 'protocol.read', 'protocol.write', 'patient.read', 'audit.read', 'user.manage'],
  THERAPIST: [
    'catalog.read',
    'protocol.read',
    'protocol.write',
    'patient.read',
    'patient.create',
    'plan.edit',
    'plan.approve',
  ],
  SURGEON: ['patient.read', 'signoff.sign'],
  PATIENT: ['portal.view', 'session.log'],
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
