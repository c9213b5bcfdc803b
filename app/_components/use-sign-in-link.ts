'use client';

import { useId, useState } from 'react';
import type { ActionResult } from '@/lib/server/run-action';
import { useFormAction } from './use-form-action';

type Expiring = { expiresAt: string | Date };
type Action<Data> = (state: ActionResult<Data> | null, form: FormData) => Promise<ActionResult<Data> | null>;

/**
 * The two ways back into an account, shared by the admin's staff list and the patient's page: a one-time link
 * while the account has no password, a deliberate reset once it has one. Both answer with a link, and only the
 * newest link works (both last seven days from when they were made), so `shown` is the newest made here.
 */
export function useSignInLink<LinkData extends Expiring, ResetData extends Expiring>(linkAction: Action<LinkData>, resetAction: Action<ResetData>) {
  const [linkState, onLink, isLinking] = useFormAction(linkAction, null);
  const [resetState, onReset, isResetting] = useFormAction(resetAction, null);
  const [isResetOpen, setResetOpen] = useState(false);
  const resetFormId = useId();
  const link = linkState?.ok ? linkState.data : null;
  const reset = resetState?.ok ? resetState.data : null;
  const isResetNewest = reset !== null && (link === null || new Date(reset.expiresAt) > new Date(link.expiresAt));
  const shown = isResetNewest ? ({ kind: 'reset', data: reset } as const) : link ? ({ kind: 'link', data: link } as const) : null;
  return { linkState, onLink, isLinking, resetState, onReset, isResetting, isResetOpen, setResetOpen, resetFormId, hasReset: reset !== null, shown };
}
