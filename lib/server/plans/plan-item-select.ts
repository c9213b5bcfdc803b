import 'server-only';

/** The columns of a plan item that clinicians and the portal read: the prescription as approved. */
export const planItemSelect = {
  id: true,
  exerciseId: true,
  exerciseName: true,
  instructions: true,
  patientNotes: true,
  mode: true,
  position: true,
  contentHash: true,
  sets: true,
  reps: true,
  holdSeconds: true,
  timesPerDay: true,
  daysPerWeek: true,
  minutes: true,
  side: true,
} as const;
