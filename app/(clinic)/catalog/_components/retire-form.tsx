'use client';

import { useFormAction } from '@/app/_components/use-form-action';
import { FormStatus } from '@/app/_components/form-status';
import { setExerciseRetiredAction } from '../actions';

export function RetireForm({ exerciseId, isRetired }: { exerciseId: string; isRetired: boolean }) {
  const [state, onSubmit, isPending] = useFormAction(setExerciseRetiredAction, null);
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="exerciseId" value={exerciseId} />
      <input type="hidden" name="retire" value={isRetired ? 'false' : 'true'} />
      <button type="submit" className="secondary" disabled={isPending}>
        {isRetired ? 'Bring back exercise' : 'Retire exercise'}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
