import type { FieldErrors } from '@/lib/server/errors';

type Failure = { ok: false; message: string; fieldErrors?: FieldErrors };

/** The one place a failed form result is shown: a message read out by screen readers. */
export function FormStatus({ state }: { state: { ok: boolean } | Failure | null }) {
  if (!state || state.ok) return null;
  const failure = state as Failure;
  const details = Object.entries(failure.fieldErrors ?? {})
    .flatMap(([, messages]) => messages)
    // "Please check the form. X" already says X: a detail the message holds is not repeated under it.
    .filter((message, index, all) => all.indexOf(message) === index && !failure.message.includes(message));
  return (
    <div role="alert" className="error">
      <p>{failure.message}</p>
      {details.length > 0 ? (
        <ul>
          {details.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
