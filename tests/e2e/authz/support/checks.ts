import path from 'node:path';
import { expect, type APIRequestContext, type APIResponse, type TestInfo } from '@playwright/test';
import { ACTORS, nextIp, type ActorKey } from './actors';
import { auditRowsFor, lastAuditId, rows, snapshot } from './database';
import { bothRules, findLeaks, leakRulesFor, sentText, type LeakRules, type Viewer } from './payload';
import { pdfText } from './pdf';
import { describeAnswer, pageServes, type ActionAnswer } from './server-actions';
import { productOps, type Session } from './world';
import type { PageExpect, PageRow } from '../matrix/pages';
import type { ActionRow, AllowedCell, Prepared } from '../matrix/actions';

/** The project folder: two levels above the Playwright test folder (tests/e2e). */
export function projectRoot(testInfo: TestInfo): string {
  return path.resolve(testInfo.project.testDir, '..', '..');
}

export function baseUrlOf(testInfo: TestInfo): string {
  const { baseURL } = testInfo.project.use;
  if (!baseURL) throw new Error('The Playwright project has no baseURL.');
  return baseURL;
}

/** Runs `work` over `items`, at most `size` at a time: the machine is small and shared. */
export async function inPool<T>(size: number, items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const lane = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(size, queue.length) }, lane));
}

/**
 * Rules around one request. A patient's portal changes while another spec runs (the surgeon signs Knee
 * flexion off): what must be absent is what was hidden both before and after the request.
 */
async function rulesAround<T>(viewer: Viewer, request: () => Promise<T>): Promise<{ result: T; rules: LeakRules }> {
  const before = await leakRulesFor(viewer);
  const result = await request();
  if (viewer.role !== 'PATIENT') return { result, rules: before };
  return { result, rules: bothRules(before, await leakRulesFor(viewer)) };
}

/** Ids a clinic's own trail repeats: the records its own users asked for, allowed or not. */
async function ownAuditTrailText(viewer: Viewer, session: Session): Promise<string> {
  if (!viewer.clinic) return '';
  const [row] = await rows<{ text: string | null }>(
    `SELECT string_agg(concat_ws(' ', "entityId", "patientId", "before"::text, "after"::text), ' ') AS "text" FROM "AuditEvent" WHERE "clinicId" = $1`,
    [session.world.clinicId[viewer.clinic]],
  );
  return row?.text ?? '';
}

function pathOf(location: string | undefined, baseURL: string): string {
  if (!location) return '';
  return new URL(location, baseURL).pathname;
}

/**
 * An answer as text to search: a PDF as the text it prints (a printed programme), a photo or video as its bytes
 * read one character each (an id in it would still show), anything else as it came.
 */
async function answerText(response: APIResponse): Promise<string> {
  const type = response.headers()['content-type'] ?? '';
  const bytes = await response.body();
  if (type.startsWith('application/pdf')) return pdfText(bytes);
  if (type.startsWith('image/') || type.startsWith('video/')) return bytes.toString('latin1');
  return bytes.toString('utf8');
}

async function send(context: APIRequestContext, row: PageRow, world: Session['world'], url: string, ip: string): Promise<APIResponse> {
  const options = { headers: { 'x-forwarded-for': ip, ...row.headers }, maxRedirects: 0 };
  switch (row.method ?? 'GET') {
    case 'GET':
      return context.get(url, options);
    case 'DELETE':
      return context.delete(url, options);
    case 'POST':
      return context.post(url, { ...options, multipart: (await row.body?.(world)) ?? {} });
    default: {
      const unhandled: never = row.method as never;
      throw new Error(`Unhandled method ${String(unhandled)}`);
    }
  }
}

export async function checkPageCell(session: Session, row: PageRow, actor: ActorKey, expected: PageExpect): Promise<void> {
  const { world } = session;
  const url = row.path(world);
  const method = row.method ?? 'GET';
  const label = `${ACTORS[actor].label}: ${method} ${url}`;
  const viewer = session.viewer(actor);
  const context = session.context(actor);
  // A write (an upload) that is refused must change nothing: its probes read the same, and it leaves no SUCCESS audit row.
  const probes = expected.kind === 'shown' ? [] : (row.probes?.(world) ?? []);
  const before = await snapshot(probes);
  const auditFrom = await lastAuditId();
  const ip = nextIp();
  const { result: response, rules } = await rulesAround(viewer, () => send(context, row, world, url, ip));
  const status = response.status();
  const body = await answerText(response);
  const text = sentText(body);
  const location = pathOf(response.headers().location, world.baseURL);
  const record = row.record?.(world) ?? [];
  switch (expected.kind) {
    case 'shown': {
      const wantedStatus = expected.status ?? 200;
      expect.soft(status, `${label} answers ${wantedStatus}`).toBe(wantedStatus);
      for (const wanted of expected.contains?.(world) ?? []) expect.soft(text.includes(wanted), `${label} shows "${wanted}"`).toBe(true);
      for (const unwanted of expected.lacks?.(world) ?? []) expect.soft(text.includes(unwanted), `${label} does not show "${unwanted}"`).toBe(false);
      if (expected.contentType) expect.soft(response.headers()['content-type'] ?? '', `${label} content type`).toContain(expected.contentType);
      for (const [name, value] of Object.entries((await expected.headers?.(world)) ?? {})) expect.soft(response.headers()[name], `${label} header ${name}`).toBe(value);
      if (expected.bytes) expect.soft(Buffer.from(body, 'latin1').equals(await expected.bytes(world)), `${label} sends exactly the stored bytes`).toBe(true);
      break;
    }
    case 'notFound':
      expect.soft(status, `${label} answers 404`).toBe(404);
      break;
    case 'signIn':
      expect.soft(status, `${label} redirects`).toBe(307);
      expect.soft(location, `${label} redirects to the sign-in page`).toBe('/login');
      break;
    case 'redirect':
      expect.soft(status, `${label} redirects`).toBe(307);
      expect.soft(location, `${label} redirects to ${expected.to}`).toBe(expected.to);
      break;
    case 'status':
      expect.soft(status, `${label} answers ${expected.status}`).toBe(expected.status);
      break;
    default: {
      const unhandled: never = expected;
      throw new Error(`Unhandled expectation ${String(unhandled)}`);
    }
  }
  if (expected.kind !== 'shown') {
    for (const identifying of record) expect.soft(text.includes(identifying), `${label} refuses without the record ("${identifying}")`).toBe(false);
    expect.soft(await snapshot(probes), `${label} changes nothing`).toEqual(before);
    const written = (await auditRowsFor(ip, auditFrom)).filter((audit) => audit.outcome === 'SUCCESS');
    expect.soft(written, `${label} writes no successful audit row`).toEqual([]);
  }
  const requested = `${url} ${row.echoesOwnAuditTrail ? await ownAuditTrailText(viewer, session) : ''}`;
  expect.soft(findLeaks(body, rules, requested), `${label} sends nothing this viewer may not see`).toEqual([]);
}

function codeOf(answer: ActionAnswer): string {
  return answer.kind === 'result' && !answer.result.ok ? (answer.result.code ?? '?') : describeAnswer(answer);
}

export async function checkRefusedCell(session: Session, row: ActionRow, actor: ActorKey): Promise<void> {
  const expected = row.expect[actor];
  if (expected.kind !== 'refused') throw new Error(`${row.title}: ${actor} is not a refused cell`);
  const { world } = session;
  const page = row.page(world);
  const fields = await row.fields(world);
  const label = `${ACTORS[actor].label}: ${row.action} at ${page}`;
  expect.soft(session.actions[row.action].pages.some((worker) => pageServes(worker, page)), `${label}: the page that posts this action`).toBe(true);
  const probes = row.probes(world, fields);
  const before = await snapshot(probes);
  const auditFrom = await lastAuditId();
  const ip = nextIp();
  const { result: answer, rules } = await rulesAround(session.viewer(actor), () => session.act(actor, row.action, page, fields, { ip }));
  expect.soft(codeOf(answer), `${label} is refused`).toBe(expected.code);
  expect.soft(await snapshot(probes), `${label} changes nothing`).toEqual(before);
  const written = (await auditRowsFor(ip, auditFrom)).filter((audit) => audit.outcome === 'SUCCESS');
  expect.soft(written, `${label} writes no successful audit row`).toEqual([]);
  expect.soft(findLeaks(answer.body, rules, `${page} ${JSON.stringify(fields)}`), `${label} answers with nothing this viewer may not see`).toEqual([]);
}

function viewerOfCell(session: Session, cell: AllowedCell, prepared: Prepared): Viewer {
  if (prepared.actAsViewer) return prepared.actAsViewer;
  if (prepared.actAs && prepared.patient) {
    return { clinic: prepared.patient.clinic, role: 'PATIENT', userId: prepared.patient.userId, patientId: prepared.patient.patientId };
  }
  return session.viewer(cell.actor);
}

export async function checkAllowedCell(session: Session, cell: AllowedCell): Promise<void> {
  const { world } = session;
  const prepared = await cell.prepare(session, productOps(session));
  const { page, fields, origin } = await cell.request(world, prepared);
  const label = `${ACTORS[cell.actor].label}: ${cell.action} at ${page}`;
  expect.soft(session.actions[cell.action].pages.some((worker) => pageServes(worker, page)), `${label}: the page that posts this action`).toBe(true);
  const probes = cell.probes?.(world, prepared, fields) ?? [];
  const before = await snapshot(probes);
  const auditFrom = await lastAuditId();
  const ip = nextIp();
  const { result: answer, rules } = await rulesAround(viewerOfCell(session, cell, prepared), () =>
    session.act(prepared.actAs ?? cell.actor, cell.action, page, fields, { ip, origin }),
  );
  const audit = await auditRowsFor(ip, auditFrom);
  const succeeded = audit.filter((row) => row.outcome === 'SUCCESS').map((row) => row.action);
  const { expect: expected } = cell;
  switch (expected.outcome) {
    case 'redirect':
      expect(answer.kind, `${label}: ${describeAnswer(answer)}`).toBe('redirect');
      expect(answer.kind === 'redirect' ? answer.location : '', label).toMatch(expected.to(prepared));
      expect(succeeded, `${label} is on the audit trail`).toContain(expected.audit);
      break;
    case 'ok':
      expect(answer.kind === 'result' && answer.result.ok, `${label}: ${describeAnswer(answer)}`).toBe(true);
      // null: an answer that changes nothing worth a row (a passkey challenge, a setting saved as it was).
      if (expected.audit === null) expect(succeeded, `${label} writes no audit row`).toEqual([]);
      else expect(succeeded, `${label} is on the audit trail`).toContain(expected.audit);
      break;
    case 'refused':
      expect(codeOf(answer), `${label} is refused`).toBe(expected.code);
      expect(succeeded, `${label} writes no successful audit row`).toEqual([]);
      break;
    case 'error':
      expect(answer.kind, `${label}: ${describeAnswer(answer)}`).toBe('error');
      expect(answer.status, label).toBeGreaterThanOrEqual(400);
      expect(succeeded, `${label} writes no successful audit row`).toEqual([]);
      break;
    default: {
      const unhandled: never = expected;
      throw new Error(`Unhandled expectation ${String(unhandled)}`);
    }
  }
  expect(await snapshot(probes), `${label} changes nothing it may not`).toEqual(before);
  await cell.verify?.(world, prepared, answer, session);
  const sends = cell.sends?.(prepared).join(' ') ?? '';
  expect(findLeaks(answer.body, rules, `${page} ${JSON.stringify(fields)} ${sends}`), `${label} answers with nothing this viewer may not see`).toEqual([]);
}
