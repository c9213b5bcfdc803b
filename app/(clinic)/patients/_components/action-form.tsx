'use client';

import type { ReactNode } from 'react';
import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import type { PlanFormState } from '../actions';

/**
 * A form bound to one server action: hidden fields, the visible controls, and the action's message.
 * Shows a success note when the action returns without navigating.
 */
export function ActionForm({
  action,
  hidden,
  children,
  successText,
  className,
  label,
  draftItemId,
}: {
  action: (state: PlanFormState, form: FormData) => Promise<PlanFormState>;
  hidden: Record<string, string | number>;
  children: ReactNode;
  successText?: string;
  className?: string;
  label?: string;
  /** Marks the form of one draft item, whose shown values the approval sends (draft/_components/approve-form.tsx). */
  draftItemId?: string;
}) {
  const [state, onSubmit, isPending] = useFormAction(action, null);
  return (
    <form method="post" className={className} onSubmit={onSubmit} noValidate aria-label={label} aria-busy={isPending} data-draft-item={draftItemId}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <fieldset disabled={isPending} style={{ border: 'none', padding: 0, margin: 0 }}>
        {children}
      </fieldset>
      <FormStatus state={state} />
      {state?.ok && successText ? (
        <p role="status" className="success">
          {successText}
        </p>
      ) : null}
    </form>
  );
}
