'use client';

import { useActionState, startTransition, type FormEvent } from 'react';

/**
 * Like useActionState, but submits through onSubmit so React does not clear the form after a failed
 * save: the user keeps what they typed and sees why it was refused.
 */
export function useFormAction<State>(action: (state: Awaited<State>, form: FormData) => Promise<State>, initial: Awaited<State>) {
  const [state, formAction, isPending] = useActionState<State, FormData>(action, initial);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => formAction(form));
  }
  return [state, onSubmit, isPending] as const;
}
