// A patient's session logs are their own report and never change: a correction is a new row that names the
// row it replaces. Everything that counts sessions or reads pain counts the rows that stand.

export type LoggedRow = { id: string; correctsId: string | null };

/** The logs that stand: every row no later row corrects. */
export function standingLogs<T extends LoggedRow>(logs: readonly T[]): T[] {
  const corrected = new Set<string>();
  for (const log of logs) if (log.correctsId !== null) corrected.add(log.correctsId);
  return logs.filter((log) => !corrected.has(log.id));
}
