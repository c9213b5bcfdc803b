'use client';

import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { addDraftItemAction } from '../../../actions';

/** Adds a catalog exercise to the draft, and says so when it conflicts with the restrictions in force. */
export function AddExerciseForm({ patientId, versionId, lockVersion, exercises }: { patientId: string; versionId: string; lockVersion: number; exercises: Array<{ id: string; name: string }> }) {
  const [state, onSubmit, isPending] = useFormAction(addDraftItemAction, null);
  const warning = state?.ok ? (state.data as { warning?: string | null }).warning : null;
  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label="Add an exercise">
      <input type="hidden" name="patientId" value={patientId} />
      <input type="hidden" name="versionId" value={versionId} />
      <input type="hidden" name="lockVersion" value={lockVersion} />
      <div className="row">
        <div>
          <label htmlFor="exerciseId">Exercise</label>
          <select id="exerciseId" name="exerciseId">
            {exercises.map((exercise) => (
              <option key={exercise.id} value={exercise.id}>
                {exercise.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit" disabled={isPending}>
            Add exercise
          </button>
        </div>
      </div>
      <FormStatus state={state} />
      {warning ? (
        <p role="alert" className="notice">
          Added, with a warning: {warning} Check with the surgeon, or make it supervised.
        </p>
      ) : state?.ok ? (
        <p role="status" className="success">
          Added.
        </p>
      ) : null}
    </form>
  );
}
