'use client';

import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { useSubmissionKey } from '@/app/_components/use-submission-key';
import { logSessionAction } from '../actions';
import { PORTAL_COPY } from '@/lib/content/portal';

const COPY = PORTAL_COPY.log;

export type LogDay = { value: string; label: string };

const PAIN_SCORES = Array.from({ length: 11 }, (_, score) => score);

/**
 * Logs one home exercise where it stands on the list: open, pick back and leg pain, save. A one-time key
 * goes with each submit, so a double tap saves one log. Logging again the same day corrects today's log.
 */
export function LogSessionForm({
  exerciseId,
  exerciseName,
  days,
  correctsId,
  clinicPhone,
}: {
  exerciseId: string;
  exerciseName: string;
  days: LogDay[];
  /** Today's log of this exercise, which a new log replaces. */
  correctsId: string | null;
  clinicPhone: string;
}) {
  const submission = useSubmissionKey();
  const [state, onSubmit, isPending] = useFormAction(
    async (previous: Awaited<ReturnType<typeof logSessionAction>> | null, form: FormData) => {
      const result = await logSessionAction(previous, form);
      // The next save is a new log, with a key of its own.
      if (result.ok) submission.done();
      return result;
    },
    null,
    { prepare: submission.addTo },
  );
  const id = `log-${exerciseId}`;
  const saved = state?.ok ? state.data : null;
  return (
    <form method="post" className="stack log-form" onSubmit={onSubmit} noValidate aria-label={`Log ${exerciseName}`}>
      <input type="hidden" name="exerciseId" value={exerciseId} />
      {correctsId ? <input type="hidden" name="correctsId" value={correctsId} /> : null}
      <fieldset className="choices">
        <legend>{COPY.didYou}</legend>
        <label>
          <input type="radio" name="completed" value="yes" defaultChecked />
          {COPY.yes}
        </label>
        <label>
          <input type="radio" name="completed" value="no" />
          {COPY.no}
        </label>
      </fieldset>
      <div className="row">
        <div>
          <label htmlFor={`${id}-back`}>{COPY.backPain}</label>
          <select id={`${id}-back`} name="backPain" defaultValue="" aria-describedby={`${id}-scale`}>
            <option value="" disabled>
              0 to 10
            </option>
            {PAIN_SCORES.map((score) => (
              <option key={score} value={score}>
                {score}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-leg`}>{COPY.legPain}</label>
          <select id={`${id}-leg`} name="legPain" defaultValue="" aria-describedby={`${id}-scale`}>
            <option value="" disabled>
              0 to 10
            </option>
            {PAIN_SCORES.map((score) => (
              <option key={score} value={score}>
                {score}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id={`${id}-scale`} className="field-hint">
        {COPY.scaleHint}
      </p>
      <details>
        <summary>{COPY.more}</summary>
        <div className="stack">
          <div>
            <label htmlFor={`${id}-sets`}>{COPY.sets}</label>
            <input id={`${id}-sets`} name="setsCompleted" type="number" inputMode="numeric" min={0} max={20} />
          </div>
          <div>
            <label htmlFor={`${id}-day`}>{COPY.day}</label>
            <select id={`${id}-day`} name="performedOn" defaultValue={days[0]?.value}>
              {days.map((day) => (
                <option key={day.value} value={day.value}>
                  {day.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-note`}>{COPY.note}</label>
            <textarea id={`${id}-note`} name="note" rows={2} />
          </div>
        </div>
      </details>
      <FormStatus state={state} />
      {saved ? (
        saved.isHighPain ? (
          <div role="alert" className="notice stop">
            <p>
              <strong>{COPY.stop(exerciseName)}</strong> {COPY.highPain}
            </p>
            <p>
              {clinicPhone ? (
                <>
                  {COPY.callClinic}: <a href={`tel:${clinicPhone.replace(/[^+\d]/g, '')}`}>{clinicPhone}</a>.
                </>
              ) : (
                `${COPY.callClinic}.`
              )}{' '}
              {COPY.warningSignHint}
            </p>
            {saved.alertRaised ? <p>{COPY.told}</p> : null}
          </div>
        ) : (
          <p role="status" className="success">
            {COPY.saved(exerciseName)}
          </p>
        )
      ) : null}
      <div>
        <button type="submit" disabled={isPending}>
          {COPY.save(exerciseName)}
        </button>
      </div>
    </form>
  );
}
