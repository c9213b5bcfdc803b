'use client';

import { useActionState } from 'react';
import { FormStatus } from '@/app/_components/form-status';
import { setUserActiveAction } from '../actions';

export function UserActiveForm({ userId, userName, isActive }: { userId: string; userName: string; isActive: boolean }) {
  const [state, formAction, isPending] = useActionState(setUserActiveAction, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="isActive" value={isActive ? 'false' : 'true'} />
      <button type="submit" className="secondary" disabled={isPending} aria-label={`${isActive ? 'Deactivate' : 'Reactivate'} ${userName}`}>
        {isActive ? 'Deactivate' : 'Reactivate'}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
