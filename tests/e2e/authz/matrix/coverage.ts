import type { Resource, Verb } from './pages';

// Every resource against every verb: either some row of the matrix exercises it (found by
// matrix-coverage in actions.spec.ts), or it is here with the reason there is nothing to exercise.

export const RESOURCES: Resource[] = ['patient', 'episode', 'plan', 'planVersion', 'planItem', 'signOff', 'sessionLog', 'protocol', 'exercise', 'user', 'auditLog', 'alert', 'warningSign', 'clinic'];
export const VERBS: Verb[] = ['list', 'read', 'create', 'update', 'approve', 'sign', 'delete'];

const ONLY_VERSIONS_ARE_APPROVED = 'no such endpoint: only a plan version is approved (approveVersionAction)';
const ONLY_SIGN_OFFS_ARE_SIGNED = 'no such endpoint: only a sign-off is signed (decideSignOffAction)';

export const NO_SUCH_ENDPOINT: Partial<Record<`${Resource}.${Verb}`, string>> = {
  'patient.update': "no such endpoint: a patient's details are not edited after registration",
  'patient.approve': ONLY_VERSIONS_ARE_APPROVED,
  'patient.sign': ONLY_SIGN_OFFS_ARE_SIGNED,
  'patient.delete': 'no such endpoint: patients are never deleted (the clinical record is kept); an account is deactivated instead (setUserActiveAction)',
  'episode.list': "no such endpoint: the patient's page shows their latest surgery (read rows)",
  'episode.update': 'no such endpoint: a surgery is not edited; advancing a phase makes a new plan version (advancePhaseAction)',
  'episode.approve': ONLY_VERSIONS_ARE_APPROVED,
  'episode.sign': ONLY_SIGN_OFFS_ARE_SIGNED,
  'episode.delete': 'no such endpoint: surgeries are never deleted',
  'plan.update': 'no such endpoint: a plan changes only through a new version (planVersion rows)',
  'plan.sign': ONLY_SIGN_OFFS_ARE_SIGNED,
  'plan.delete': 'no such endpoint: a plan is never deleted; a draft version is discarded (discardDraftAction)',
  'planVersion.list': "no such endpoint of its own: the patient's page lists the versions (patient read rows)",
  'planVersion.sign': ONLY_SIGN_OFFS_ARE_SIGNED,
  'planItem.list': 'no such endpoint of its own: items are listed on the version, draft and compare pages (planItem read rows)',
  'planItem.approve': 'no such endpoint: items are approved with their version (approveVersionAction)',
  'planItem.sign': 'no such endpoint: an item is signed off through its sign-off (decideSignOffAction)',
  'signOff.create': 'no such endpoint: approving a version requests the sign-offs (the approve cells check the request goes to the right surgeon)',
  'signOff.update': 'no such endpoint: a decision (sign or decline) is the only change, and the database refuses to change a decided one',
  'signOff.approve': ONLY_VERSIONS_ARE_APPROVED,
  'signOff.delete': 'no such endpoint: sign-offs are never deleted (the database refuses to delete a decided one)',
  'sessionLog.update': 'no such endpoint: a logged session is not edited',
  'sessionLog.approve': ONLY_VERSIONS_ARE_APPROVED,
  'sessionLog.sign': ONLY_SIGN_OFFS_ARE_SIGNED,
  'sessionLog.delete': 'no such endpoint: a logged session is not deleted',
  'protocol.approve': 'no such endpoint: protocols are templates, not approved',
  'protocol.sign': ONLY_SIGN_OFFS_ARE_SIGNED,
  'exercise.approve': 'no such endpoint: catalog entries are not approved',
  'exercise.sign': ONLY_SIGN_OFFS_ARE_SIGNED,
  'user.approve': ONLY_VERSIONS_ARE_APPROVED,
  'user.sign': ONLY_SIGN_OFFS_ARE_SIGNED,
  'user.delete': 'no such endpoint: users are deactivated, never deleted (setUserActiveAction rows)',
  'auditLog.read': 'no such endpoint of its own: rows are read through the list and the CSV export',
  'auditLog.create': 'no such endpoint: only the server appends rows, in the same transaction as each change',
  'auditLog.update': 'no such endpoint: the table refuses UPDATE (tests/integration/audit.test.ts)',
  'auditLog.approve': ONLY_VERSIONS_ARE_APPROVED,
  'auditLog.sign': ONLY_SIGN_OFFS_ARE_SIGNED,
  'alert.approve': 'no such endpoint: an alert is acknowledged (acknowledgeAlertAction), not approved',
  'alert.sign': ONLY_SIGN_OFFS_ARE_SIGNED,
  'alert.delete': 'no such endpoint: an alert is closed by acknowledging it, never deleted (a trigger refuses DELETE, migration 20261127093210)',
  'warningSign.list': 'no such endpoint of its own: reported signs reach the care team as alerts (the alert list rows: caseload, sign-off queue)',
  'warningSign.read': "no such endpoint of its own: a report is read as its alert (the alert read rows: the patient's sessions and pain)",
  'warningSign.update': 'no such endpoint: what a patient reported is never changed (a trigger refuses UPDATE)',
  'warningSign.approve': ONLY_VERSIONS_ARE_APPROVED,
  'warningSign.sign': ONLY_SIGN_OFFS_ARE_SIGNED,
  'warningSign.delete': 'no such endpoint: what a patient reported is never deleted (a trigger refuses DELETE)',
  'clinic.list': 'no such endpoint: every user belongs to one clinic and sees only it; there is no list of clinics',
  'clinic.create': 'no such endpoint: clinics are set up by the operators (prisma/seed.ts), not in the app',
  'clinic.approve': ONLY_VERSIONS_ARE_APPROVED,
  'clinic.sign': ONLY_SIGN_OFFS_ARE_SIGNED,
  'clinic.delete': 'no such endpoint: a clinic is never deleted',
};
