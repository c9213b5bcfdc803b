'use client';

import { useFormAction } from '@/app/_components/use-form-action';
import { FormStatus } from '@/app/_components/form-status';
import { createProtocolAction } from '../actions';

export function NewProtocolForm() {
  const [state, onSubmit, isPending] = useFormAction(createProtocolAction, null);
  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label="New protocol">
      <div>
        <label htmlFor="new-protocol-name">Name</label>
        <input id="new-protocol-name" name="name" required maxLength={120} />
      </div>
      <div>
        <label htmlFor="new-protocol-description">
          Description <span className="field-hint">(who it is for and how it progresses)</span>
        </label>
        <textarea id="new-protocol-description" name="description" rows={3} />
      </div>
      <FormStatus state={state} />
      <div>
        <button type="submit" disabled={isPending}>
          Create protocol
        </button>
      </div>
    </form>
  );
}
