'use client';

import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { decideSignOffAction } from '../actions';
import { PasswordOrPasskey } from '@/app/_components/password-or-passkey';

/** Sign off or decline one prescription. Both are signatures and ask for the surgeon's password. */
export function DecisionForm({ signOffId, contentHash, exerciseName, patientName }: { signOffId: string; contentHash: string; exerciseName: string; patientName: string }) {
  const [state, onSubmit, isPending] = useFormAction(decideSignOffAction, null);
  const id = signOffId;
  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label={`Decision on ${exerciseName} for ${patientName}`}>
      {/* Neither choice is made for the surgeon: each is a signature. */}
      <input type="hidden" name="signOffId" value={signOffId} />
      <input type="hidden" name="contentHash" value={contentHash} />
      <fieldset>
        <legend>Decision</legend>
        <label style={{ fontWeight: 400 }}>
          <input type="radio" name="decision" value="SIGN" />
          Sign off: safe for the patient to do at home
        </label>
        <label style={{ fontWeight: 400 }}>
          <input type="radio" name="decision" value="DECLINE" />
          Decline
        </label>
      </fieldset>
      <div>
        <label htmlFor={`reason-${id}`}>Reason (needed to decline)</label>
        <textarea id={`reason-${id}`} name="reason" rows={2} />
      </div>
      <PasswordOrPasskey id={`password-${id}`} />
      <FormStatus state={state} />
      <div>
        <button type="submit" disabled={isPending}>
          Record decision on {exerciseName}
        </button>
      </div>
    </form>
  );
}
