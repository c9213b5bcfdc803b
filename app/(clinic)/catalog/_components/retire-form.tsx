'use client';

import { useActionState } from 'react';
import { FormStatus } from '@/app/_components/form-status';
import { setExerciseRetiredAction } from '../actions';

export function RetireForm({ exerciseId, isRetired }: { exerciseId: string; isRetired: boolean }) {
  const [state, formAction, isPending] = useActionState(setExerciseRetiredAction, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="exerciseId" value={exerciseId} />
      <input type="hidden" name="retire" value={isRetired ? 'false' : 'true'} />
      <button type="submit" className="secondary" disabled={isPending}>
        {isRetired ? 'Bring back exercise' : 'Retire exercise'}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
