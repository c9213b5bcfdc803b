'use client';

import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { acknowledgeAlertAction } from '../caseload/actions';

/** Closes one alert with a short note on what the clinician did. */
export function AcknowledgeForm({ alertId, label }: { alertId: string; label: string }) {
  const [state, onSubmit, isPending] = useFormAction(acknowledgeAlertAction, null);
  if (state?.ok) {
    return (
      <p role="status" className="success">
        Acknowledged.
      </p>
    );
  }
  return (
    <form method="post" className="row acknowledge" onSubmit={onSubmit} noValidate aria-label={`Acknowledge ${label}`}>
      <input type="hidden" name="alertId" value={alertId} />
      <div>
        <label htmlFor={`note-${alertId}`}>Note</label>
        <input id={`note-${alertId}`} name="note" type="text" maxLength={1000} placeholder="What you did" />
      </div>
      <div>
        <button type="submit" disabled={isPending}>
          Acknowledge
        </button>
      </div>
      <FormStatus state={state} />
    </form>
  );
}
