import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, APIResponse } from '@playwright/test';

/**
 * Server actions, posted directly the way the browser posts them (recorded from a real form submit in
 * Chromium against this app's production build, Next.js 16.4 / React 19.3):
 *
 *   POST <the page's own URL>
 *   Next-Action: <action id>                  (from <distDir>/server/server-reference-manifest.json)
 *   Accept: text/x-component
 *   Content-Type: multipart/form-data, in this order:
 *     "_1_<name>" = <value>                   each entry of the form's FormData, prefixed with its number
 *     "0"         = [null,"$K1"]              the argument list React's encodeReply builds for
 *                                             useActionState's (previousState, formData): null, then a
 *                                             reference to FormData number 1. It must come last: the
 *                                             server resolves the arguments when it reads "0"
 *
 * The browser also sends Next-Router-State-Tree; the server does not need it to run the action. The answer
 * is a React Server Components stream, `text/x-component`, one row per line:
 *
 *   0:{"a":"$@1","q":"","i":false,"b":"<build id>"}          row 0 points at the action's return value
 *   1:{"ok":false,"code":"NOT_FOUND","message":"…"}          our actions' ActionResult
 *
 * An action that ends in redirect() answers with the header `x-action-redirect: /path;push` (and the new
 * page's payload) instead. A thrown error comes back as a row starting with `E` (digest only) and status 500.
 */

export type ActionName =
  | 'createPatientAction'
  | 'startDraftAction'
  | 'addDraftItemAction'
  | 'updateDraftItemAction'
  | 'removeDraftItemAction'
  | 'discardDraftAction'
  | 'approveVersionAction'
  | 'advancePhaseAction'
  | 'createInvitationAction'
  | 'resetPatientPasswordAction'
  | 'decideSignOffAction'
  | 'recordSurgeonOrderAction'
  | 'logSessionAction'
  | 'reportWarningSignsAction'
  | 'acknowledgeAlertAction'
  | 'createExerciseAction'
  | 'updateExerciseAction'
  | 'setExerciseRetiredAction'
  | 'setFeaturedMediaAction'
  | 'removeExerciseMediaAction'
  | 'createProtocolAction'
  | 'addProtocolPhaseAction'
  | 'updateProtocolPhaseAction'
  | 'removeProtocolPhaseAction'
  | 'setPhaseExerciseAction'
  | 'removePhaseExerciseAction'
  | 'setUserActiveAction'
  | 'createStaffUserAction'
  | 'inviteStaffUserAction'
  | 'resetStaffPasswordAction'
  | 'updateClinicSettingsAction'
  | 'changePasswordAction'
  | 'signOutEverywhereAction'
  | 'setPasswordAction'
  | 'emailInvitationAction'
  | 'saveRemindersAction'
  | 'makeCalendarLinkAction'
  | 'stopCalendarLinkAction'
  | 'startPasskeyRegistrationAction'
  | 'addPasskeyAction'
  | 'removePasskeyAction'
  | 'startAuthenticatorAppAction'
  | 'confirmAuthenticatorAppAction'
  | 'removeAuthenticatorAppAction'
  | 'makeRecoveryCodesAction'
  | 'setStaffSecondFactorAction'
  | 'startPasskeySignInAction'
  | 'startPasskeyConfirmationAction';

const ACTION_FILES: Record<ActionName, string> = {
  createPatientAction: 'app/(clinic)/patients/actions.ts',
  startDraftAction: 'app/(clinic)/patients/actions.ts',
  addDraftItemAction: 'app/(clinic)/patients/actions.ts',
  updateDraftItemAction: 'app/(clinic)/patients/actions.ts',
  removeDraftItemAction: 'app/(clinic)/patients/actions.ts',
  discardDraftAction: 'app/(clinic)/patients/actions.ts',
  approveVersionAction: 'app/(clinic)/patients/actions.ts',
  advancePhaseAction: 'app/(clinic)/patients/actions.ts',
  createInvitationAction: 'app/(clinic)/patients/[patientId]/invitation-actions.ts',
  resetPatientPasswordAction: 'app/(clinic)/patients/[patientId]/invitation-actions.ts',
  decideSignOffAction: 'app/(clinic)/sign-offs/actions.ts',
  recordSurgeonOrderAction: 'app/(clinic)/patients/[patientId]/order-actions.ts',
  logSessionAction: 'app/portal/actions.ts',
  reportWarningSignsAction: 'app/portal/actions.ts',
  acknowledgeAlertAction: 'app/(clinic)/caseload/actions.ts',
  createExerciseAction: 'app/(clinic)/catalog/actions.ts',
  updateExerciseAction: 'app/(clinic)/catalog/actions.ts',
  setExerciseRetiredAction: 'app/(clinic)/catalog/actions.ts',
  setFeaturedMediaAction: 'app/(clinic)/catalog/actions.ts',
  removeExerciseMediaAction: 'app/(clinic)/catalog/actions.ts',
  createProtocolAction: 'app/(clinic)/protocols/actions.ts',
  addProtocolPhaseAction: 'app/(clinic)/protocols/actions.ts',
  updateProtocolPhaseAction: 'app/(clinic)/protocols/actions.ts',
  removeProtocolPhaseAction: 'app/(clinic)/protocols/actions.ts',
  setPhaseExerciseAction: 'app/(clinic)/protocols/actions.ts',
  removePhaseExerciseAction: 'app/(clinic)/protocols/actions.ts',
  setUserActiveAction: 'app/(clinic)/admin/actions.ts',
  createStaffUserAction: 'app/(clinic)/admin/actions.ts',
  inviteStaffUserAction: 'app/(clinic)/admin/actions.ts',
  resetStaffPasswordAction: 'app/(clinic)/admin/actions.ts',
  updateClinicSettingsAction: 'app/(clinic)/admin/clinic/actions.ts',
  changePasswordAction: 'app/account/actions.ts',
  signOutEverywhereAction: 'app/account/actions.ts',
  setPasswordAction: 'app/invite/[token]/actions.ts',
  emailInvitationAction: 'app/(clinic)/patients/[patientId]/invitation-actions.ts',
  saveRemindersAction: 'app/portal/reminder-actions.ts',
  makeCalendarLinkAction: 'app/portal/reminder-actions.ts',
  stopCalendarLinkAction: 'app/portal/reminder-actions.ts',
  startPasskeyRegistrationAction: 'app/account/second-factor-actions.ts',
  addPasskeyAction: 'app/account/second-factor-actions.ts',
  removePasskeyAction: 'app/account/second-factor-actions.ts',
  startAuthenticatorAppAction: 'app/account/second-factor-actions.ts',
  confirmAuthenticatorAppAction: 'app/account/second-factor-actions.ts',
  removeAuthenticatorAppAction: 'app/account/second-factor-actions.ts',
  makeRecoveryCodesAction: 'app/account/second-factor-actions.ts',
  setStaffSecondFactorAction: 'app/(clinic)/admin/clinic/actions.ts',
  startPasskeySignInAction: 'app/login/actions.ts',
  startPasskeyConfirmationAction: 'app/_components/passkey-actions.ts',
};

type ManifestEntry = { workers: Record<string, unknown>; filename: string; exportedName: string };
type Manifest = { node: Record<string, ManifestEntry> };

export type ActionRef = { id: string; name: ActionName; pages: string[] };

/** The build folder the server under test runs from: `next build` honours REGIMEN_DIST_DIR (next.config.js). */
export function buildFolder(projectRoot: string): string {
  return path.resolve(projectRoot, process.env.REGIMEN_DIST_DIR ?? '.next');
}

export function loadActions(projectRoot: string): Record<ActionName, ActionRef> {
  const file = path.join(buildFolder(projectRoot), 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  const found: Partial<Record<ActionName, ActionRef>> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    const name = entry.exportedName as ActionName;
    if (ACTION_FILES[name] !== entry.filename) continue;
    found[name] = { id, name, pages: Object.keys(entry.workers) };
  }
  const missing = (Object.keys(ACTION_FILES) as ActionName[]).filter((name) => !found[name]);
  if (missing.length > 0) throw new Error(`Server actions missing from ${file}: ${missing.join(', ')}. Was the app rebuilt after they moved?`);
  return found as Record<ActionName, ActionRef>;
}

/** All server actions the build knows, so the suite notices an action it does not cover yet. */
export function allActionNames(projectRoot: string): string[] {
  const file = path.join(buildFolder(projectRoot), 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  return [...new Set(Object.values(manifest.node).map((entry) => `${entry.filename}#${entry.exportedName}`))].sort();
}

export function coveredActionNames(): string[] {
  return (Object.entries(ACTION_FILES) as Array<[ActionName, string]>).map(([name, file]) => `${file}#${name}`).sort();
}

/** Whether a URL path is served by a worker such as "app/(clinic)/patients/[patientId]/draft/page". */
export function pageServes(worker: string, urlPath: string): boolean {
  const route = worker
    .replace(/^app/, '')
    .replace(/\/page$/, '')
    .split('/')
    .filter((segment) => segment !== '' && !/^\(.*\)$/.test(segment));
  const parts = urlPath.split('?')[0]!.split('/').filter(Boolean);
  if (route.length !== parts.length) return false;
  return route.every((segment, index) => /^\[.+\]$/.test(segment) || segment === parts[index]);
}

export type Fields = Record<string, string | readonly string[]>;

export type ActionResult = { ok: boolean; code?: string; message?: string; data?: unknown; fieldErrors?: unknown };

export type ActionAnswer =
  | { kind: 'result'; status: number; result: ActionResult; body: string }
  | { kind: 'redirect'; status: number; location: string; body: string }
  | { kind: 'error'; status: number; body: string };

export function describeAnswer(answer: ActionAnswer): string {
  switch (answer.kind) {
    case 'result':
      return answer.result.ok ? `ok (HTTP ${answer.status})` : `${answer.result.code ?? '?'}: ${answer.result.message ?? ''} (HTTP ${answer.status})`;
    case 'redirect':
      return `redirect to ${answer.location} (HTTP ${answer.status})`;
    case 'error':
      return `error (HTTP ${answer.status}): ${answer.body.slice(0, 200)}`;
    default: {
      const unhandled: never = answer;
      throw new Error(`Unhandled answer ${String(unhandled)}`);
    }
  }
}

function parseRows(body: string): Map<string, string> {
  const parsed = new Map<string, string>();
  for (const line of body.split('\n')) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) parsed.set(match[1], match[2]);
  }
  return parsed;
}

/** The action's return value from the RSC stream, or null when the stream carries an error instead. */
export function actionResultOf(body: string): ActionResult | null {
  const parsed = parseRows(body);
  const root = parsed.get('0');
  if (!root) return null;
  const { a } = JSON.parse(root) as { a?: unknown };
  let value: unknown = a;
  if (typeof a === 'string' && a.startsWith('$@')) {
    const row = parsed.get(a.slice(2));
    if (!row || !row.startsWith('{')) return null;
    value = JSON.parse(row);
  }
  if (!value || typeof value !== 'object' || !('ok' in value)) return null;
  return value as ActionResult;
}

/** Reads a server action's answer: a redirect, its result, or an error. */
async function answerOf(response: APIResponse): Promise<ActionAnswer> {
  const status = response.status();
  const body = await response.text();
  const redirect = response.headers()['x-action-redirect'];
  if (redirect) return { kind: 'redirect', status, location: redirect.split(';')[0] ?? redirect, body };
  const result = actionResultOf(body);
  if (result) return { kind: 'result', status, result, body };
  return { kind: 'error', status, body };
}

export async function postAction(
  context: APIRequestContext,
  action: ActionRef,
  page: string,
  fields: Fields,
  { ip, origin }: { ip: string; origin?: string },
): Promise<ActionAnswer> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const single of typeof value === 'string' ? [value] : value) form.append(`_1_${name}`, single);
  }
  // Last, as the browser sends it: the server resolves the arguments as soon as it reads "0", so the
  // FormData it points at must have arrived before it (sent first, its entries would be missing).
  form.append('0', '[null,"$K1"]');
  const headers: Record<string, string> = { 'Next-Action': action.id, Accept: 'text/x-component', 'x-forwarded-for': ip };
  if (origin) headers.Origin = origin;
  return answerOf(await context.post(page, { headers, multipart: form, maxRedirects: 0 }));
}

/**
 * Posts a server action with an argument list of one's own choosing, as any client may: `encodedArguments`
 * is React's reply encoding of the list, e.g. `[null,{"patientId":"…"}]` for (previousState, a plain object)
 * where the form would send (previousState, FormData). Sent as the browser sends a reply without files.
 */
export async function postActionArguments(
  context: APIRequestContext,
  action: ActionRef,
  page: string,
  encodedArguments: string,
  { ip, origin }: { ip: string; origin: string },
): Promise<ActionAnswer> {
  const headers = { 'Next-Action': action.id, Accept: 'text/x-component', 'Content-Type': 'text/plain;charset=UTF-8', 'x-forwarded-for': ip, Origin: origin };
  return answerOf(await context.post(page, { headers, data: encodedArguments, maxRedirects: 0 }));
}
