// When a patient's logged pain should make their therapist look. Pain is the patient's own 0 to 10 score.

/** Pain (0–10) at or above which the therapist is alerted whatever the trend. */
export const PAIN_ALERT_LEVEL = 7;
/** Rise above the patient's baseline pain that alerts the therapist. */
export const PAIN_RISE_ALERT = 3;

export type PainReading = { performedOn: Date; loggedAt: Date; pain: number };

/** Readings in the order the patient lived them: by the day done, then by when they were logged. */
export function painsOldestFirst(readings: readonly PainReading[]): number[] {
  return [...readings]
    .sort((a, b) => a.performedOn.getTime() - b.performedOn.getTime() || a.loggedAt.getTime() - b.loggedAt.getTime())
    .map((reading) => reading.pain);
}

/** Whether the therapist should look at this patient's pain now. The baseline is the first reading. */
export function painFlag(painsOldestFirst: readonly number[]): boolean {
  // A corrupt entry must not decide either way; judge on the real readings.
  const pains = painsOldestFirst.filter((p) => Number.isFinite(p));
  const baseline = pains[0];
  const latest = pains[pains.length - 1];
  if (baseline === undefined || latest === undefined) return false;
  if (latest >= PAIN_ALERT_LEVEL) return true;
  return latest - baseline >= PAIN_RISE_ALERT;
}
