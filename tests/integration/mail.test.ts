// Email, end to end: the real queue (pg-boss on this PostgreSQL), the real worker, nodemailer, and a real
// SMTP server the test starts (smtp-server) on 127.0.0.1. Time is not measured: each step waits until the
// database says the email reached its next state.
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@/lib/domain/calendar';
import { db } from '@/lib/server/db';
import { type AppError } from '@/lib/server/errors';
import { acceptInvitation } from '@/lib/server/invitations/accept-invitation';
import { createInvitation } from '@/lib/server/invitations/create-invitation';
import { emailInvitation, MAIL_NOT_SET_UP } from '@/lib/server/invitations/email-invitation';
import { getMailStatus } from '@/lib/server/mail/get-mail-status';
import { startMailQueue, stopMailQueue } from '@/lib/server/mail/mail-queue';
import { queueDueReminders } from '@/lib/server/mail/queue-due-reminders';
import { REMINDER_QUEUE } from '@/lib/server/mail/queue-handle';
import { logSession } from '@/lib/server/portal/log-session';
import { updateReminderPreference } from '@/lib/server/reminders/update-reminder-preference';
import { auditCursor, auditRowsSince } from './support/audit';
import { advance, approveDraft, decide, isoDate, registerPatient, settle, TODAY, type RegisteredPatient } from './support/plan-flow';
import { createWorld, type World } from './support/world';

type Received = { to: string; subject: string; text: string };

const PUBLIC = 'https://regimen.example.test';
const REFUSED_DOMAIN = 'refused.example.test';
const received: Received[] = [];
let smtp: SMTPServer;
let smtpUrl: string;
let deadUrl: string;
let world: World;

/** The text of a message as a reader sees it: headers unfolded, quoted-printable undone. */
function readMessage(raw: string): Received {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(headers)?.[1]?.trim() ?? '';
  const body = rest.join('\n\n');
  const text = /quoted-printable/i.test(header('Content-Transfer-Encoding'))
    ? body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : body;
  return { to: header('To'), subject: header('Subject'), text: text.replace(/\r\n/g, '\n').trimEnd() };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until `check` holds (the worker runs on its own); fails with what was last seen after a long while. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  for (let attempt = 0; attempt < 600; attempt += 1) {
    last = await read();
    if (check(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: still ${JSON.stringify(last)}`);
}

const messagesOf = (patientId: string) =>
  db.mailMessage.findMany({ where: { patientId }, orderBy: { createdAt: 'asc' }, select: { id: true, kind: true, status: true, attempts: true, lastError: true, sealedLink: true, jobId: true, day: true } });

const settled = (messages: Array<{ status: string }>) => messages.length > 0 && messages.every((message) => message.status !== 'QUEUED');

const inbox = (email: string) => received.filter((message) => message.to.includes(email));

/** A patient whose plan is approved, with Walking waiting for the surgeon; `withPassword` sets their password through the invitation. */
async function portalPatient({ withPassword = true, email }: { withPassword?: boolean; email?: string } = {}): Promise<RegisteredPatient> {
  const patient = await registerPatient(world.a);
  if (email) {
    await db.user.update({ where: { id: patient.actor.userId }, data: { email } });
    await db.patient.update({ where: { id: patient.patientId }, data: { email } });
    patient.email = email;
  }
  await approveDraft(world.a.actors.therapist, patient.patientId);
  if (withPassword) {
    const token = (await createInvitation({ actor: world.a.actors.therapist, patientId: patient.patientId })).path.slice('/invite/'.length);
    await acceptInvitation({ token, password: 'a patient password', repeatPassword: 'a patient password', ip: null });
  }
  return patient;
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith(`@${REFUSED_DOMAIN}`)) return callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected`), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(readMessage(Buffer.concat(chunks).toString('utf8')));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const address = smtp.server.address();
  smtpUrl = `smtp://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  deadUrl = `smtp://127.0.0.1:${await freePort()}`;
  process.env.SMTP_URL = smtpUrl;
  process.env.SMTP_FROM = 'Regimen <no-reply@regimen.example.test>';
  process.env.NEXTAUTH_SECRET = 'mail-test-secret-not-for-production';
  process.env.REGIMEN_PUBLIC_URL = PUBLIC;
  world = await createWorld();
  await startMailQueue({ retryLimit: 2, retryDelaySeconds: 1, retryBackoff: false, pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await stopMailQueue();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  delete process.env.SMTP_URL;
});

describe('the invitation by email', () => {
  it('arrives with the same one-time link the therapist sees, and that link sets the password', async () => {
    const patient = await portalPatient({ withPassword: false });
    const cursor = await auditCursor();
    const invitation = await emailInvitation({ actor: world.a.actors.therapist, patientId: patient.patientId });
    expect(invitation.email).toBe(patient.email);
    const [message] = await eventually(() => messagesOf(patient.patientId), settled, 'the invitation is sent');
    expect(message).toMatchObject({ kind: 'INVITATION', status: 'SENT', attempts: 1, sealedLink: null });
    expect(message?.jobId).toBeTruthy();
    const [mail] = inbox(patient.email);
    expect(inbox(patient.email)).toHaveLength(1);
    expect(mail?.subject).toBe(`A message from ${world.a.clinic.name}`);
    expect(mail?.text).toContain(`${PUBLIC}${invitation.path}`);
    for (const word of ['Walking', 'Daily walks', 'microdiscectomy', 'surgery', patient.lastName]) expect(mail?.text).not.toContain(word);
    const audited = await auditRowsSince(cursor, { patientId: patient.patientId });
    expect(audited.map((row) => row.action)).toEqual(['invitation.create', 'invitation.email']);
    const token = invitation.path.slice('/invite/'.length);
    await expect(acceptInvitation({ token, password: 'chosen from the email', repeatPassword: 'chosen from the email', ip: null })).resolves.toEqual({ email: patient.email });
  });

  it('is only the therapist’s of the care team to send', async () => {
    const patient = await portalPatient({ withPassword: false });
    for (const actor of [world.a.actors.admin, world.a.actors.surgeon, world.b.actors.therapist, world.a.actors.patient]) {
      const outcome = await settle(emailInvitation({ actor, patientId: patient.patientId }));
      expect(outcome.ok ? 'sent' : (outcome.error as AppError).code).toBe('NOT_FOUND');
    }
    expect(await messagesOf(patient.patientId)).toEqual([]);
  });
});

describe('the reminder after two days with nothing logged', () => {
  // Three days on, at noon in the clinic (UTC): the plan was cleared today, so two whole days have passed.
  const later = new Date(addDays(TODAY, 3).getTime() + 12 * 60 * 60 * 1000);

  it('arrives once, not twice the same day; again the next day', async () => {
    const patient = await portalPatient();
    await decide(world.a.actors.surgeon, patient.patientId, 'Walking');
    await eventually(() => messagesOf(patient.patientId), settled, 'the new-exercise note is sent');
    const before = inbox(patient.email).length;
    expect(await queueDueReminders({ now: later, clinicIds: [world.a.clinic.id] })).toBeGreaterThanOrEqual(1);
    expect(await queueDueReminders({ now: new Date(later.getTime() + 60 * 60 * 1000), clinicIds: [world.a.clinic.id] })).toBe(0);
    const messages = await eventually(() => messagesOf(patient.patientId), settled, 'the reminder is sent');
    expect(messages.filter((message) => message.kind === 'REMINDER').map((message) => [message.status, message.day?.toISOString()])).toEqual([['SENT', addDays(TODAY, 3).toISOString()]]);
    const reminders = inbox(patient.email).slice(before);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.subject).toBe(`A message from ${world.a.clinic.name}`);
    expect(reminders[0]?.text).toContain(`You have an update. Open your programme:\n\n${PUBLIC}/portal`);

    await queueDueReminders({ now: new Date(later.getTime() + 24 * 60 * 60 * 1000), clinicIds: [world.a.clinic.id] });
    const nextDay = await eventually(() => messagesOf(patient.patientId), settled, 'the next day’s reminder is sent');
    expect(nextDay.filter((message) => message.kind === 'REMINDER')).toHaveLength(2);
  });

  it('waits for the patient’s time, and is not sent after a log in the last two days', async () => {
    const patient = await portalPatient();
    await decide(world.a.actors.surgeon, patient.patientId, 'Walking');
    await updateReminderPreference({ actor: patient.actor, input: { time: '18:00', emailReminders: 'on' } });
    await queueDueReminders({ now: later, clinicIds: [world.a.clinic.id] });
    expect((await messagesOf(patient.patientId)).filter((message) => message.kind === 'REMINDER')).toEqual([]);

    await logSession({ actor: patient.actor, input: { exerciseId: world.a.exerciseIds.get('Walking'), performedOn: isoDate(addDays(TODAY, 2)), completed: 'yes', backPain: '2', legPain: '1' }, today: addDays(TODAY, 3) });
    await queueDueReminders({ now: new Date(later.getTime() + 8 * 60 * 60 * 1000), clinicIds: [world.a.clinic.id] });
    expect((await messagesOf(patient.patientId)).filter((message) => message.kind === 'REMINDER')).toEqual([]);
  });

  it('never arrives when the patient turned reminders off, nor for a patient who has not set a password', async () => {
    const off = await portalPatient();
    const noPassword = await portalPatient({ withPassword: false });
    for (const patient of [off, noPassword]) await decide(world.a.actors.surgeon, patient.patientId, 'Walking');
    await updateReminderPreference({ actor: off.actor, input: { time: '09:00' } });
    await queueDueReminders({ now: later, clinicIds: [world.a.clinic.id] });
    await eventually(() => messagesOf(off.patientId), settled, 'the new-exercise note is sent');
    expect((await messagesOf(off.patientId)).map((message) => message.kind)).toEqual(['NEW_EXERCISE']);
    expect(await messagesOf(noPassword.patientId)).toEqual([]);
    expect(inbox(noPassword.email)).toEqual([]);
  });
});

describe('the note that a new exercise is ready', () => {
  it('arrives when a sign-off gives the patient a new home exercise, at most once a day', async () => {
    const patient = await portalPatient();
    await decide(world.a.actors.surgeon, patient.patientId, 'Walking');
    const [note] = await eventually(() => messagesOf(patient.patientId), settled, 'the note is sent');
    expect(note).toMatchObject({ kind: 'NEW_EXERCISE', status: 'SENT' });
    const [mail] = inbox(patient.email);
    expect(mail?.subject).toBe(`A message from ${world.a.clinic.name}`);
    expect(mail?.text).toBe(`You have an update. Open your programme:\n\n${PUBLIC}/portal`);

    // A second new exercise the same day: no second note.
    await advance(world.a.actors.therapist, patient.patientId, { reason: 'Mail test: moving on.' });
    await approveDraft(world.a.actors.therapist, patient.patientId);
    await decide(world.a.actors.surgeon, patient.patientId, 'Hamstring stretch');
    expect((await messagesOf(patient.patientId)).map((message) => message.kind)).toEqual(['NEW_EXERCISE']);
    expect(inbox(patient.email)).toHaveLength(1);
  });

  it('is not sent for a declined exercise', async () => {
    const patient = await portalPatient();
    await decide(world.a.actors.surgeon, patient.patientId, 'Walking', 'DECLINE');
    expect(await messagesOf(patient.patientId)).toEqual([]);
  });
});

describe('when mail fails', () => {
  it('the action still succeeds, the email is retried, and once it works it is sent', async () => {
    process.env.SMTP_URL = deadUrl;
    const patient = await portalPatient({ withPassword: false });
    const invitation = await emailInvitation({ actor: world.a.actors.therapist, patientId: patient.patientId });
    expect(invitation.path).toMatch(/^\/invite\//);
    const [failing] = await eventually(() => messagesOf(patient.patientId), (messages) => (messages[0]?.attempts ?? 0) >= 1, 'a first try fails');
    expect(failing?.status).toBe('QUEUED');
    expect(failing?.lastError).toMatch(/ECONNREFUSED/);
    process.env.SMTP_URL = smtpUrl;
    const [sent] = await eventually(() => messagesOf(patient.patientId), settled, 'a later try sends it');
    expect(sent?.status).toBe('SENT');
    expect(sent?.attempts).toBeGreaterThanOrEqual(2);
    expect(inbox(patient.email)).toHaveLength(1);
  });

  it('after the last try it shows the clinic admin as failed, with the reason and no address', async () => {
    const patient = await portalPatient({ withPassword: false, email: `nobody-${Date.now()}@${REFUSED_DOMAIN}` });
    await emailInvitation({ actor: world.a.actors.therapist, patientId: patient.patientId });
    const [refused] = await eventually(() => messagesOf(patient.patientId), settled, 'the refused email fails for good');
    process.env.SMTP_URL = deadUrl;
    const down = await portalPatient({ withPassword: false });
    await emailInvitation({ actor: world.a.actors.therapist, patientId: down.patientId });
    const [unreachable] = await eventually(() => messagesOf(down.patientId), settled, 'the unreachable server fails for good');
    process.env.SMTP_URL = smtpUrl;
    // One first try and two retries each.
    expect(refused).toMatchObject({ status: 'FAILED', attempts: 3, sealedLink: null });
    expect(unreachable).toMatchObject({ status: 'FAILED', attempts: 3, sealedLink: null });
    expect(refused?.lastError).toContain('Recipient address rejected');
    expect(refused?.lastError).not.toContain(REFUSED_DOMAIN);

    const status = await getMailStatus({ actor: world.a.actors.admin });
    expect(status).toMatchObject({ isConfigured: true, retrying: 0 });
    expect(status.failed).toBeGreaterThanOrEqual(2);
    expect(status.failures.map((failure) => failure.id)).toEqual(expect.arrayContaining([refused?.id, unreachable?.id]));
    for (const failure of status.failures) expect(Object.keys(failure).sort()).toEqual(['attempts', 'createdAt', 'id', 'kind', 'lastError']);
    // Another clinic's admin sees none of it; nobody but the admin sees it at all.
    expect(await getMailStatus({ actor: world.b.actors.admin })).toMatchObject({ sent: 0, failed: 0, failures: [] });
    for (const actor of [world.a.actors.therapist, world.a.actors.surgeon, world.a.actors.patient]) {
      const outcome = await settle(getMailStatus({ actor }));
      expect(outcome.ok ? 'shown' : (outcome.error as AppError).code).toBe('NOT_FOUND');
    }
  });
});

describe('the queue', () => {
  it('runs the reminder round on a schedule', async () => {
    const { runningMailQueue } = await import('@/lib/server/mail/queue-handle');
    const schedules = await runningMailQueue()?.getSchedules();
    expect(schedules?.map((schedule) => [schedule.name, schedule.cron])).toContainEqual([REMINDER_QUEUE, '*/15 * * * *']);
  });
});

describe('without SMTP_URL', () => {
  it('nothing is sent or recorded, the invitation button is refused with a clear message, and sign-offs carry on', async () => {
    process.env.SMTP_URL = '';
    try {
      const patient = await portalPatient({ withPassword: false });
      const outcome = await settle(emailInvitation({ actor: world.a.actors.therapist, patientId: patient.patientId }));
      expect(outcome.ok ? 'sent' : (outcome.error as AppError).message).toBe(MAIL_NOT_SET_UP);
      expect(await db.invitation.count({ where: { userId: patient.actor.userId } })).toBe(0);
      const withPassword = await portalPatient();
      await decide(world.a.actors.surgeon, withPassword.patientId, 'Walking');
      await queueDueReminders({ now: new Date(addDays(TODAY, 3).getTime() + 12 * 60 * 60 * 1000), clinicIds: [world.a.clinic.id] });
      expect(await messagesOf(withPassword.patientId)).toEqual([]);
      expect(await getMailStatus({ actor: world.a.actors.admin })).toMatchObject({ isConfigured: false });
    } finally {
      process.env.SMTP_URL = smtpUrl;
    }
  });
});
