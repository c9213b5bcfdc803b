import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/server/authz/actor';
import { getPatient } from '@/lib/server/patients/get-patient';
import { listPatients } from '@/lib/server/patients/list-patients';
import { auditCursor, auditRowsSince } from './support/audit';
import { createPatient, createUser } from '@/prisma/factories';
import { createWorld, type ClinicWorld, type World } from './support/world';

let world: World;

beforeAll(async () => {
  world = await createWorld();
});

type PatientKey = keyof ClinicWorld['patients'];

const sortedIds = (patients: ReadonlyArray<{ id: string }>) => patients.map((patient) => patient.id).sort();

async function readAuditOf(actor: Actor, patientId: string, read: () => Promise<unknown>) {
  const cursor = await auditCursor();
  const outcome = await read().then(
    (value) => ({ value, error: null }),
    (error: unknown) => ({ value: null, error }),
  );
  const rows = await auditRowsSince(cursor, { actorId: actor.userId, entityId: patientId });
  return { ...outcome, rows };
}

describe('listPatients', () => {
  it('the admin sees every patient of their clinic and none of the other clinic', async () => {
    const { patients: listed } = await listPatients({ actor: world.a.actors.admin });
    const ids = sortedIds(listed);

    expect(ids).toEqual(sortedIds(Object.values(world.a.patients)));
    for (const other of Object.values(world.b.patients)) expect(ids).not.toContain(other.id);
  });

  it("the therapist sees exactly the patients whose care team they are on", async () => {
    const { patients: listed } = await listPatients({ actor: world.a.actors.therapist });
    expect(sortedIds(listed)).toEqual(sortedIds([world.a.patients.self, world.a.patients.therapistOnly]));
  });

  it('the surgeon sees exactly the patients whose care team they are on', async () => {
    const { patients: listed } = await listPatients({ actor: world.a.actors.surgeon });
    expect(sortedIds(listed)).toEqual(sortedIds([world.a.patients.self]));
  });

  it('lists by last name, with only the summary fields', async () => {
    const { patients: listed } = await listPatients({ actor: world.a.actors.admin });

    expect(listed.map((patient) => patient.id)).toEqual([world.a.patients.self.id, world.a.patients.therapistOnly.id, world.a.patients.otherTeam.id]);
    for (const patient of listed) expect(Object.keys(patient).sort()).toEqual(['dateOfBirth', 'firstName', 'id', 'lastName']);
  });

  it('a patient cannot list patients: NOT_FOUND', async () => {
    await expect(listPatients({ actor: world.a.actors.patient })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each(['admin', 'therapist', 'surgeon'] as const)("the other clinic's %s sees none of this clinic's patients", async (role) => {
    const { patients: listed } = await listPatients({ actor: world.b.actors[role] });
    const ids = listed.map((patient) => patient.id);

    expect(ids.length).toBeGreaterThan(0);
    for (const patient of Object.values(world.a.patients)) expect(ids).not.toContain(patient.id);
  });

  it('comes a page at a time: the pages together hold every patient exactly once, by name', async () => {
    const whole = await listPatients({ actor: world.a.actors.admin });
    expect(whole).toMatchObject({ total: 3, page: 1, pageCount: 1 });
    const first = await listPatients({ actor: world.a.actors.admin, pageSize: 2 });
    const second = await listPatients({ actor: world.a.actors.admin, page: 2, pageSize: 2 });
    expect(first).toMatchObject({ total: 3, page: 1, pageCount: 2 });
    expect(second).toMatchObject({ total: 3, page: 2, pageCount: 2 });
    expect([...first.patients, ...second.patients]).toEqual(whole.patients);
  });
});

describe('getPatient', () => {
  const allowed: Array<[keyof ClinicWorld['actors'], PatientKey]> = [
    ['admin', 'self'],
    ['admin', 'therapistOnly'],
    ['admin', 'otherTeam'],
    ['therapist', 'self'],
    ['therapist', 'therapistOnly'],
    ['surgeon', 'self'],
    ['patient', 'self'],
  ];

  it.each(allowed)('the %s reads patient "%s" and the read is audited as SUCCESS', async (role, patientKey) => {
    const actor = world.a.actors[role];
    const patientId = world.a.patients[patientKey].id;

    const { value, error, rows } = await readAuditOf(actor, patientId, () => getPatient({ actor, patientId }));

    expect(error).toBeNull();
    expect(value).toMatchObject({ id: patientId, lastName: world.a.patients[patientKey].lastName });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'patient.read',
      entityType: 'Patient',
      entityId: patientId,
      patientId,
      clinicId: world.a.clinic.id,
      outcome: 'SUCCESS',
      ip: actor.ip,
    });
  });

  const refused: Array<[string, (w: World) => Actor, (w: World) => string]> = [
    ['the therapist, for a same-clinic patient not on their care team', (w) => w.a.actors.therapist, (w) => w.a.patients.otherTeam.id],
    ['the surgeon, for a same-clinic patient not on their care team', (w) => w.a.actors.surgeon, (w) => w.a.patients.therapistOnly.id],
    ['the surgeon, for another same-clinic patient not on their care team', (w) => w.a.actors.surgeon, (w) => w.a.patients.otherTeam.id],
    ['the patient, for another patient of their clinic', (w) => w.a.actors.patient, (w) => w.a.patients.therapistOnly.id],
    ["the other clinic's admin", (w) => w.b.actors.admin, (w) => w.a.patients.self.id],
    ["the other clinic's therapist", (w) => w.b.actors.therapist, (w) => w.a.patients.self.id],
    ["the other clinic's surgeon", (w) => w.b.actors.surgeon, (w) => w.a.patients.self.id],
    ["the other clinic's patient", (w) => w.b.actors.patient, (w) => w.a.patients.self.id],
    ['the admin, for a patient id that does not exist', (w) => w.a.actors.admin, () => 'nosuchpatient'],
  ];

  it.each(refused)('NOT_FOUND for %s, audited as DENIED', async (_who, pickActor, pickPatientId) => {
    const actor = pickActor(world);
    const patientId = pickPatientId(world);

    const { error, rows } = await readAuditOf(actor, patientId, () => getPatient({ actor, patientId }));

    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'patient.read',
      entityType: 'Patient',
      entityId: patientId,
      // The refused row does not link the record to the patient's trail: the actor never saw it.
      patientId: null,
      clinicId: actor.clinicId,
      outcome: 'DENIED',
      ip: actor.ip,
    });
  });

  it('a patient account not linked to a patient record sees nobody', async () => {
    const actor: Actor = { ...world.a.actors.patient, patientId: null };
    const patientId = world.a.patients.self.id;

    const { error, rows } = await readAuditOf(actor, patientId, () => getPatient({ actor, patientId }));

    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    expect(rows.map((row) => row.outcome)).toEqual(['DENIED']);
  });

  it('returns the care team without any account secrets', async () => {
    const record = await getPatient({ actor: world.a.actors.therapist, patientId: world.a.patients.self.id });

    const team = record.careTeam.map((member) => member.user).sort((x, y) => x.id.localeCompare(y.id));
    const expected = [world.a.users.therapist, world.a.users.surgeon]
      .map((user) => ({ id: user.id, name: user.name, role: user.role }))
      .sort((x, y) => x.id.localeCompare(y.id));
    expect(team).toEqual(expected);
    expect(JSON.stringify(record)).not.toMatch(/passwordHash|sessionVersion|\$argon2/);
  });

  it('says where the portal sign-in stands: no account, waiting for a first password, or a password set', async () => {
    const therapist = world.a.actors.therapist;
    const waitingUser = await createUser({ clinicId: world.a.clinic.id, role: 'PATIENT', password: null });
    const waiting = await createPatient({ clinicId: world.a.clinic.id, careTeam: [world.a.users.therapist.id], userId: waitingUser.id });

    expect((await getPatient({ actor: therapist, patientId: world.a.patients.therapistOnly.id })).portalAccount).toBe('none');
    expect((await getPatient({ actor: therapist, patientId: waiting.id })).portalAccount).toBe('awaitingPassword');
    expect((await getPatient({ actor: therapist, patientId: world.a.patients.self.id })).portalAccount).toBe('hasPassword');
  });
});
