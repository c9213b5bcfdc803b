// What the seed needs to act through the product's own forms as a clinician would.
import { db } from '@/lib/server/db';

/** A draft's items as its page shows them once saved: what the approve form sends as `shownItems`. */
export async function shownItemsOf(versionId: string): Promise<string> {
  const items = await db.planItem.findMany({
    where: { versionId },
    select: { id: true, mode: true, patientNotes: true, sets: true, reps: true, holdSeconds: true, timesPerDay: true, daysPerWeek: true, minutes: true, side: true },
  });
  const text = (value: number | null) => (value === null ? '' : String(value));
  return JSON.stringify(
    items.map((item) => ({
      itemId: item.id,
      mode: item.mode,
      patientNotes: item.patientNotes,
      sets: text(item.sets),
      reps: text(item.reps),
      holdSeconds: text(item.holdSeconds),
      timesPerDay: text(item.timesPerDay),
      daysPerWeek: text(item.daysPerWeek),
      minutes: text(item.minutes),
      side: item.side,
    })),
  );
}
