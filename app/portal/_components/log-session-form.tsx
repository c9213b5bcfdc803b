'use client';

import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { logSessionAction } from '../actions';

export function LogSessionForm({ exercises, today }: { exercises: Array<{ exerciseId: string; name: string }>; today: string }) {
  const [state, onSubmit, isPending] = useFormAction(logSessionAction, null);
  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-label="Log a session">
      <div>
        <label htmlFor="exerciseId">Exercise</label>
        <select id="exerciseId" name="exerciseId">
          {exercises.map((exercise) => (
            <option key={exercise.exerciseId} value={exercise.exerciseId}>
              {exercise.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="performedOn">Date</label>
        <input id="performedOn" name="performedOn" type="date" defaultValue={today} max={today} />
      </div>
      <fieldset>
        <legend>Did you do it?</legend>
        <label style={{ fontWeight: 400 }}>
          <input type="radio" name="completed" value="yes" defaultChecked />
          Yes, I did it
        </label>
        <label style={{ fontWeight: 400 }}>
          <input type="radio" name="completed" value="no" />
          No, I could not
        </label>
      </fieldset>
      <div>
        <label htmlFor="setsCompleted">Sets done</label>
        <input id="setsCompleted" name="setsCompleted" type="number" inputMode="numeric" min={0} max={20} />
      </div>
      <div>
        <label htmlFor="pain">
          Pain during or after <span className="field-hint">(0 = none, 10 = worst you can imagine)</span>
        </label>
        <select id="pain" name="pain" defaultValue="">
          <option value="" disabled>
            Choose 0 to 10
          </option>
          {Array.from({ length: 11 }, (_, pain) => (
            <option key={pain} value={pain}>
              {pain}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="note">Note (optional)</label>
        <textarea id="note" name="note" rows={2} />
      </div>
      <FormStatus state={state} />
      {state?.ok ? (
        <p role="status" className="success">
          Saved {state.data.exerciseName}. Well done.
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={isPending}>
          Save session
        </button>
      </div>
    </form>
  );
}
