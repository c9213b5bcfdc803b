'use client';

import { useFormAction } from '@/app/_components/use-form-action';
import { FormStatus } from '@/app/_components/form-status';
import type { FormState } from '../actions';

/** A single button that removes something from a protocol; `label` names what, uniquely on the page. */
export function RemoveForm({
  action,
  fields,
  label,
  text,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  fields: Record<string, string | number>;
  label: string;
  text: string;
}) {
  const [state, onSubmit, isPending] = useFormAction(action, null);
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="secondary" disabled={isPending} aria-label={label}>
        {text}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
