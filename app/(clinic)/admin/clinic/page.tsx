import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { formatMoment } from '@/lib/domain/clinic-time';
import { getClinicSettings } from '@/lib/server/clinics/get-clinic-settings';
import { getMailStatus } from '@/lib/server/mail/get-mail-status';
import { orNotFound } from '@/lib/server/page-guard';
import { MAIL_KIND_LABELS } from '@/app/_components/labels';
import { ClinicSettingsForm, StaffSecondFactorForm } from './_components/clinic-settings-form';

export const metadata: Metadata = { title: 'Clinic settings' };

export default async function ClinicSettingsPage() {
  const actor = await requirePageActor();
  const [settings, mail] = await orNotFound(Promise.all([getClinicSettings({ actor }), getMailStatus({ actor })]));
  const zones = Intl.supportedValuesOf('timeZone');
  const timeZones = zones.includes(settings.timeZone) ? zones : [settings.timeZone, ...zones];
  return (
    <>
      <h1>{settings.name}</h1>
      <section className="card" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Clinic settings</h2>
        <p>Patients see the clinic phone and the emergency number with their warning signs. Every date and time in Regimen is shown in the clinic&apos;s time zone.</p>
        <ClinicSettingsForm settings={settings} timeZones={timeZones} />
      </section>
      <section className="card" aria-labelledby="second-factor-heading">
        <h2 id="second-factor-heading">Second factor for staff</h2>
        <p>
          A passkey or an authenticator app keeps an account safe when a password is guessed or stolen. Each person adds theirs on their account page. Patients may
          add one too; it is never required of them.
        </p>
        <StaffSecondFactorForm isRequired={settings.requireStaffSecondFactor} />
      </section>
      <section className="card" aria-labelledby="mail-heading">
        <h2 id="mail-heading">Mail</h2>
        {mail.isConfigured ? (
          <p>
            Regimen emails patients their invitations, a reminder after two days with nothing logged, and a note when a new exercise is ready. An email that
            cannot be sent is tried again for about half an hour; then it shows here as failed.
          </p>
        ) : (
          <p>
            Email is not set up, so Regimen sends none: invitations are printed or copied, and patients get no reminder emails. To send email, start Regimen with
            SMTP_URL set to your mail server (see the README).
          </p>
        )}
        <dl className="facts" aria-label={`Emails of the last ${mail.days} days`}>
          <dt>{`Sent (last ${mail.days} days)`}</dt>
          <dd>{mail.sent}</dd>
          <dt>Waiting to be sent</dt>
          <dd>{mail.queued}</dd>
          <dt>Being tried again</dt>
          <dd>{mail.retrying}</dd>
          <dt>{`Failed (last ${mail.days} days)`}</dt>
          <dd>{mail.failed}</dd>
        </dl>
        {mail.failures.length > 0 ? (
          <table>
            <caption>Latest failed emails</caption>
            <thead>
              <tr>
                <th scope="col">Queued</th>
                <th scope="col">Email</th>
                <th scope="col">Tries</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {mail.failures.map((failure) => (
                <tr key={failure.id}>
                  <td>{formatMoment(failure.createdAt, actor.timeZone)}</td>
                  <td>{MAIL_KIND_LABELS[failure.kind]}</td>
                  <td>{failure.attempts}</td>
                  <td>{failure.lastError}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </>
  );
}
