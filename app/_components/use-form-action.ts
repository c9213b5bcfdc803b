'use client';

import { useActionState, startTransition, type FormEvent } from 'react';

/**
 * Like useActionState, but submits through onSubmit so React does not clear the form after a failed
 * save: the user keeps what they typed and sees why it was refused. `prepare` may add fields computed at
 * the moment of submitting (a one-time key, what else the page shows).
 */
export function useFormAction<State>(
  action: (state: Awaited<State>, form: FormData) => Promise<State>,
  initial: Awaited<State>,
  { prepare }: { prepare?: (form: FormData) => void } = {},
) {
  const [state, formAction, isPending] = useActionState<State, FormData>(action, initial);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    prepare?.(form);
    startTransition(() => formAction(form));
  }
  return [state, onSubmit, isPending] as const;
}
