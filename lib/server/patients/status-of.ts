import 'server-only';
import { currentEpisode } from '@/lib/domain/episodes';
import { assessPatientStatus, type PatientStatus } from '@/lib/domain/patient-status';
import type { PatientStatusRows, StatusEpisode } from './load-status-facts';

/** A patient's status from their rows (loadStatusFacts): their current episode, read by the domain's rules. */
export function statusOf(rows: PatientStatusRows | undefined, today: Date): { episode: StatusEpisode | null; status: PatientStatus } {
  const episode = currentEpisode(rows?.episodes ?? []);
  const status = assessPatientStatus(
    {
      surgeryDate: episode?.surgeryDate ?? null,
      phases: episode?.phases ?? [],
      approved: episode?.approved ?? [],
      hasDraft: episode?.hasDraft ?? false,
      signOffs: rows?.signOffs ?? [],
      recentSessions: rows?.recentSessions ?? [],
      latestReading: rows?.latestReading ?? null,
      loggedDays: rows?.loggedDays ?? [],
      openAlertKinds: rows?.openAlertKinds ?? [],
    },
    today,
  );
  return { episode, status };
}
