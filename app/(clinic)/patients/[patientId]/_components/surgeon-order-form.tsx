'use client';

import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { recordSurgeonOrderAction } from '../order-actions';
import { PasswordOrPasskey } from '@/app/_components/password-or-passkey';

export type OrderDefaults = {
  lifting: { rule: 'ALLOWED' | 'LIMIT'; limit: string; unit: 'KG' | 'LB'; untilDate: string; untilPhaseId: string };
  bending: { rule: 'ALLOWED' | 'AVOID'; untilDate: string; untilPhaseId: string };
  twisting: { rule: 'ALLOWED' | 'AVOID'; untilDate: string; untilPhaseId: string };
  sitting: { rule: 'ALLOWED' | 'LIMIT'; minutes: string; untilDate: string; untilPhaseId: string };
  driving: { rule: 'ALLOWED' | 'AVOID'; untilDate: string; untilPhaseId: string };
};

type Phase = { id: string; position: number; name: string };

function Until({ prefix, label, values, phases }: { prefix: string; label: string; values: { untilDate: string; untilPhaseId: string }; phases: Phase[] }) {
  return (
    <div className="row">
      <div>
        <label htmlFor={`${prefix}UntilDate`}>{label}: until date</label>
        <input id={`${prefix}UntilDate`} name={`${prefix}UntilDate`} type="date" defaultValue={values.untilDate} />
      </div>
      <div>
        <label htmlFor={`${prefix}UntilPhaseId`}>{label}: or until phase</label>
        <select id={`${prefix}UntilPhaseId`} name={`${prefix}UntilPhaseId`} defaultValue={values.untilPhaseId}>
          <option value="">No phase</option>
          {phases.map((phase) => (
            <option key={phase.id} value={phase.id}>
              Phase {phase.position}: {phase.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function Choice({ name, legend, options, value }: { name: string; legend: string; options: Array<[string, string]>; value: string }) {
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      {options.map(([optionValue, label]) => (
        <label key={optionValue}>
          <input type="radio" name={name} value={optionValue} defaultChecked={value === optionValue} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** The surgeon's restrictions for this patient, signed with the password as a new version of the orders. */
export function SurgeonOrderForm({ patientId, basedOnVersion, defaults, phases }: { patientId: string; basedOnVersion: number; defaults: OrderDefaults; phases: Phase[] }) {
  const [state, onSubmit, isPending] = useFormAction(recordSurgeonOrderAction, null);
  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label="Record orders">
      <input type="hidden" name="patientId" value={patientId} />
      <input type="hidden" name="basedOnVersion" value={basedOnVersion} />
      <Choice name="liftingRule" legend="Lifting" value={defaults.lifting.rule} options={[['ALLOWED', 'No limit'], ['LIMIT', 'Limit']]} />
      <div className="row">
        <div>
          <label htmlFor="liftingLimit">Lifting limit</label>
          <input id="liftingLimit" name="liftingLimit" inputMode="numeric" defaultValue={defaults.lifting.limit} />
        </div>
        <div>
          <label htmlFor="liftingUnit">Unit</label>
          <select id="liftingUnit" name="liftingUnit" defaultValue={defaults.lifting.unit}>
            <option value="KG">kg</option>
            <option value="LB">lb</option>
          </select>
        </div>
      </div>
      <Until prefix="lifting" label="Lifting" values={defaults.lifting} phases={phases} />
      <Choice name="bendingRule" legend="Bending forward" value={defaults.bending.rule} options={[['ALLOWED', 'Allowed'], ['AVOID', 'Avoid']]} />
      <Until prefix="bending" label="Bending" values={defaults.bending} phases={phases} />
      <Choice name="twistingRule" legend="Twisting" value={defaults.twisting.rule} options={[['ALLOWED', 'Allowed'], ['AVOID', 'Avoid']]} />
      <Until prefix="twisting" label="Twisting" values={defaults.twisting} phases={phases} />
      <Choice name="sittingRule" legend="Sitting" value={defaults.sitting.rule} options={[['ALLOWED', 'No limit'], ['LIMIT', 'Limit']]} />
      <div>
        <label htmlFor="sittingMinutes">Sitting limit (minutes at a time)</label>
        <input id="sittingMinutes" name="sittingMinutes" inputMode="numeric" defaultValue={defaults.sitting.minutes} />
      </div>
      <Until prefix="sitting" label="Sitting" values={defaults.sitting} phases={phases} />
      <Choice name="drivingRule" legend="Driving" value={defaults.driving.rule} options={[['ALLOWED', 'Allowed'], ['AVOID', 'Not allowed']]} />
      <Until prefix="driving" label="Driving" values={defaults.driving} phases={phases} />
      <div>
        <label htmlFor="order-note">Note for the care team (optional)</label>
        <textarea id="order-note" name="note" rows={2} />
      </div>
      <PasswordOrPasskey id="order-password" />
      <FormStatus state={state} />
      {state?.ok ? (
        <p role="status" className="success">
          Orders version {state.data.version} signed.
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={isPending}>
          Sign orders
        </button>
      </div>
    </form>
  );
}
