import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { getClinicSettings } from '@/lib/server/clinics/get-clinic-settings';
import { orNotFound } from '@/lib/server/page-guard';
import { ClinicSettingsForm } from './_components/clinic-settings-form';

export const metadata: Metadata = { title: 'Clinic settings' };

export default async function ClinicSettingsPage() {
  const actor = await requirePageActor();
  const settings = await orNotFound(getClinicSettings({ actor }));
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
    </>
  );
}
