// A patient may have more than one surgery on record. Their regimen, portal, caseload row and sign-offs
// follow the current one: the most recent surgery (ties, such as a corrected registration, go to the
// episode registered last).

export type EpisodeOrderFields = { id: string; surgeryDate: Date; createdAt: Date };

function compareNewestFirst(a: EpisodeOrderFields, b: EpisodeOrderFields): number {
  return b.surgeryDate.getTime() - a.surgeryDate.getTime() || b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** The patient's current episode of care, or null when none is on record. */
export function currentEpisode<E extends EpisodeOrderFields>(episodes: readonly E[]): E | null {
  let current: E | null = null;
  for (const episode of episodes) {
    if (current === null || compareNewestFirst(episode, current) < 0) current = episode;
  }
  return current;
}
