'use client';

import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { approveVersionAction } from '../../../actions';
import { PasswordOrPasskey } from '@/app/_components/password-or-passkey';

const FIELDS = ['mode', 'patientNotes', 'sets', 'reps', 'holdSeconds', 'timesPerDay', 'daysPerWeek', 'minutes', 'side'] as const;

/**
 * What each exercise's form on this page shows at this moment, typed values included: sent with the
 * approval so the server approves exactly what the therapist sees, or refuses while an edit is unsaved.
 */
function shownItems(): string {
  const forms = document.querySelectorAll<HTMLFormElement>('form[data-draft-item]');
  return JSON.stringify(
    [...forms].map((form) => {
      const data = new FormData(form);
      return { itemId: form.dataset.draftItem ?? '', ...Object.fromEntries(FIELDS.map((field) => [field, String(data.get(field) ?? '')])) };
    }),
  );
}

export function ApproveForm({ patientId, versionId, lockVersion, number }: { patientId: string; versionId: string; lockVersion: number; number: number }) {
  const [state, onSubmit, isPending] = useFormAction(approveVersionAction, null, { prepare: (form) => form.set('shownItems', shownItems()) });
  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label="Approve">
      <input type="hidden" name="patientId" value={patientId} />
      <input type="hidden" name="versionId" value={versionId} />
      <input type="hidden" name="lockVersion" value={lockVersion} />
      <PasswordOrPasskey id="approve-password" />
      <FormStatus state={state} />
      <div>
        <button type="submit" disabled={isPending}>
          Approve version {number}
        </button>
      </div>
    </form>
  );
}
