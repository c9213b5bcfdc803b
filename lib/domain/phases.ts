// A protocol's phases follow each other in time. Where a patient's plan stands among them, and whether a
// phase's earliest day fits between its neighbours, are decided here.

export type PhaseSummary = { id: string; position: number; earliestDay: number };

export type PhaseProgress<P> = { current: P | null; currentIndex: number; next: P | null };

/**
 * The phase of the current approved version, and the one after it. Phases come in protocol order. Before any
 * version is approved there is no current phase and nothing to advance to.
 */
export function phaseProgress<P extends { id: string }>(phases: readonly P[], currentPhaseId: string | null | undefined): PhaseProgress<P> {
  if (!currentPhaseId) return { current: null, currentIndex: -1, next: null };
  const currentIndex = phases.findIndex((phase) => phase.id === currentPhaseId);
  if (currentIndex === -1) return { current: null, currentIndex: -1, next: null };
  return { current: phases[currentIndex] ?? null, currentIndex, next: phases[currentIndex + 1] ?? null };
}

type PhasePlace = { position: number; earliestDay: number };

/**
 * Phases follow each other in time: a phase may not start before the one above it, nor after the one below
 * it. Returns the problem in plain words, or null when the day fits.
 */
export function phaseOrderProblem({ position, earliestDay, previous, next }: PhasePlace & { previous: PhasePlace | null; next: PhasePlace | null }): string | null {
  if (previous && earliestDay < previous.earliestDay) {
    return `Phase ${position} can't start before phase ${previous.position}, which starts from day ${previous.earliestDay} after surgery. Use day ${previous.earliestDay} or later.`;
  }
  if (next && earliestDay > next.earliestDay) {
    return `Phase ${position} can't start after phase ${next.position}, which starts from day ${next.earliestDay} after surgery. Use day ${next.earliestDay} or earlier.`;
  }
  return null;
}

export type PhaseChange = { at: Date; versionNumber: number; position: number; name: string };

/**
 * The moments the patient's approved plan moved into a phase (the first approved version, and each later one
 * whose phase differs from the version before): the marks on a chart of their progress.
 */
export function phaseChanges(
  approvedOldestFirst: ReadonlyArray<{ number: number; approvedAt: Date; phase: { position: number; name: string } | null }>,
): PhaseChange[] {
  const changes: PhaseChange[] = [];
  let previous: string | null = null;
  for (const version of [...approvedOldestFirst].sort((a, b) => a.number - b.number)) {
    if (!version.phase) continue;
    const key = `${version.phase.position}:${version.phase.name}`;
    if (key !== previous) changes.push({ at: version.approvedAt, versionNumber: version.number, position: version.phase.position, name: version.phase.name });
    previous = key;
  }
  return changes;
}
