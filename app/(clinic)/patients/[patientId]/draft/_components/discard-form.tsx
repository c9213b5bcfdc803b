'use client';

import { useState } from 'react';
import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { discardDraftAction } from '../../../actions';

/** Discarding throws the therapist's work away, so it asks once more before it does. */
export function DiscardForm({ patientId, versionId, lockVersion, number }: { patientId: string; versionId: string; lockVersion: number; number: number }) {
  const [isConfirming, setConfirming] = useState(false);
  const [state, onSubmit, isPending] = useFormAction(discardDraftAction, null);
  if (!isConfirming) {
    return (
      <p>
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          Discard draft
        </button>
      </p>
    );
  }
  return (
    <form method="post" className="stack notice" onSubmit={onSubmit} noValidate aria-label="Discard draft">
      <input type="hidden" name="patientId" value={patientId} />
      <input type="hidden" name="versionId" value={versionId} />
      <input type="hidden" name="lockVersion" value={lockVersion} />
      <p>
        Discard draft version {number}? Its changes are lost; the approved plan stays as it is.
      </p>
      <FormStatus state={state} />
      <div className="row">
        <div>
          <button type="submit" className="danger" disabled={isPending}>
            Yes, discard draft
          </button>
        </div>
        <div>
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Keep the draft
          </button>
        </div>
      </div>
    </form>
  );
}
