'use client';

import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { useSubmissionKey } from '@/app/_components/use-submission-key';
import { reportWarningSignsAction } from '../actions';
import { PORTAL_COPY } from '@/lib/content/portal';

const COPY = PORTAL_COPY.signs;

const digits = (phone: string) => phone.replace(/[^+\d]/g, '');

/** The patient ticks the signs they have; the answer says at once whom to call, and the care team is told. */
export function ReportSignsForm({ signs }: { signs: Array<{ code: string; text: string }> }) {
  const submission = useSubmissionKey();
  const [state, onSubmit, isPending] = useFormAction(
    async (previous: Awaited<ReturnType<typeof reportWarningSignsAction>> | null, form: FormData) => {
      const result = await reportWarningSignsAction(previous, form);
      if (result.ok) submission.done();
      return result;
    },
    null,
    { prepare: submission.addTo },
  );
  const answer = state?.ok ? state.data : null;
  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label="Tell your care team">
      <fieldset className="choices">
        <legend>{COPY.question}</legend>
        {signs.map((sign) => (
          <label key={sign.code}>
            <input type="checkbox" name="signs" value={sign.code} />
            {sign.text}
          </label>
        ))}
      </fieldset>
      <FormStatus state={state} />
      {answer ? (
        <div role="alert" className={`notice ${answer.urgency === 'EMERGENCY' ? 'stop' : ''}`}>
          {answer.urgency === 'EMERGENCY' ? (
            <p className="call-now">
              <strong>
                <a href={`tel:${answer.emergencyNumber}`}>{COPY.callNow(answer.emergencyNumber)}</a>
              </strong>
            </p>
          ) : (
            <p className="call-now">
              <strong>
                {COPY.callClinic}
                {answer.clinicPhone ? (
                  <>
                    : <a href={`tel:${digits(answer.clinicPhone)}`}>{answer.clinicPhone}</a>
                  </>
                ) : null}
                .
              </strong>
            </p>
          )}
          <ul>
            {answer.signs.map((sign) => (
              <li key={sign.sign}>
                {sign.sign} {sign.action}
              </li>
            ))}
          </ul>
          <p>{COPY.told}</p>
        </div>
      ) : null}
      <div>
        <button type="submit" className="danger" disabled={isPending}>
          {COPY.send}
        </button>
      </div>
    </form>
  );
}
