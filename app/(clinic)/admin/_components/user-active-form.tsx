'use client';

import { useFormAction } from '@/app/_components/use-form-action';
import { FormStatus } from '@/app/_components/form-status';
import { setUserActiveAction } from '../actions';

export function UserActiveForm({ userId, userName, isActive }: { userId: string; userName: string; isActive: boolean }) {
  const [state, onSubmit, isPending] = useFormAction(setUserActiveAction, null);
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="isActive" value={isActive ? 'false' : 'true'} />
      <button type="submit" className="secondary" disabled={isPending} aria-label={`${isActive ? 'Deactivate' : 'Reactivate'} ${userName}`}>
        {isActive ? 'Deactivate' : 'Reactivate'}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
