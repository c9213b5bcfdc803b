'use client';

import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { setStaffSecondFactorAction, updateClinicSettingsAction } from '../actions';

export function ClinicSettingsForm({ settings, timeZones }: { settings: { phone: string; emergencyNumber: string; timeZone: string }; timeZones: string[] }) {
  const [state, onSubmit, isPending] = useFormAction(updateClinicSettingsAction, null);
  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label="Clinic settings">
      <div>
        <label htmlFor="phone">
          Clinic phone <span className="field-hint">(patients tap it to call you)</span>
        </label>
        <input id="phone" name="phone" type="tel" autoComplete="tel" defaultValue={settings.phone} />
      </div>
      <div>
        <label htmlFor="emergencyNumber">
          Emergency number <span className="field-hint">(where your patients live: 911, 999, 112...)</span>
        </label>
        <input id="emergencyNumber" name="emergencyNumber" inputMode="numeric" defaultValue={settings.emergencyNumber} />
      </div>
      <div>
        <label htmlFor="timeZone">Time zone</label>
        <select id="timeZone" name="timeZone" defaultValue={settings.timeZone}>
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </div>
      <FormStatus state={state} />
      {state?.ok ? (
        <p role="status" className="success">
          Saved.
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={isPending}>
          Save clinic settings
        </button>
      </div>
    </form>
  );
}

export function StaffSecondFactorForm({ isRequired }: { isRequired: boolean }) {
  const [state, onSubmit, isPending] = useFormAction(setStaffSecondFactorAction, null);
  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label="Second factor for staff">
      <fieldset>
        <legend>Staff must have a second factor</legend>
        <label>
          <input type="radio" name="required" value="yes" defaultChecked={isRequired} /> Yes: after signing in, staff without a passkey or authenticator app can only add one
        </label>
        <label>
          <input type="radio" name="required" value="no" defaultChecked={!isRequired} /> No: each person chooses
        </label>
      </fieldset>
      <FormStatus state={state} />
      {state?.ok ? (
        <p role="status" className="success">
          Saved.
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={isPending}>
          Save second factor setting
        </button>
      </div>
    </form>
  );
}
