// The patient portal's "log a session" form, saved over HTTP as the browser saves it: the server action
// `logSessionAction` posted to /portal (the encoding is described in tests/e2e/authz/support/server-actions.ts).
import { actionResultOf, loadActions } from '../../e2e/authz/support/server-actions';
import type { Answer, Visitor } from './next-server';
import { repoRoot } from './processes';

export type Saved = { answer: Answer; sessionId: string | null; kind: string };

let actionId: string | undefined;

/** Saves one session log of `exerciseId` for the signed-in patient. `kind` is "ok" or what came back instead. */
export async function logSessionOverHttp(
  patient: Visitor,
  { exerciseId, performedOn, note, backPain, timeoutMs = 20_000 }: { exerciseId: string; performedOn: string; note: string; backPain: number; timeoutMs?: number },
): Promise<Saved> {
  actionId ??= loadActions(repoRoot).logSessionAction.id;
  const form = new FormData();
  const fields = { exerciseId, performedOn, completed: 'yes', setsCompleted: '', backPain: String(backPain), legPain: '0', note };
  for (const [name, value] of Object.entries(fields)) form.append(`_1_${name}`, value);
  // Last: the server resolves the arguments when it reads "0".
  form.append('0', '[null,"$K1"]');
  const answer = await patient.request('/portal', { method: 'POST', headers: { 'Next-Action': actionId, Accept: 'text/x-component', Origin: patient.baseUrl }, body: form }, timeoutMs);
  const result = answer.status === 200 ? actionResultOf(answer.body) : null;
  const data = result?.data as { sessionId?: unknown } | undefined;
  if (result?.ok && typeof data?.sessionId === 'string') return { answer, sessionId: data.sessionId, kind: 'ok' };
  return { answer, sessionId: null, kind: result ? `${answer.status} ${result.code ?? '?'}: ${result.message ?? ''}` : `${answer.status} ${answer.contentType.split(';')[0]}` };
}

/** Today in the clinic's time zone (the demo's Harbor keeps New York time): the day a patient logs. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}
