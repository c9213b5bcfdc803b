import 'server-only';
import { dosageSelect } from '../dosage-select';

/** The columns of a plan item that clinicians and the portal read: the prescription as approved. */
export const planItemSelect = {
  id: true,
  exerciseId: true,
  exerciseName: true,
  patientName: true,
  instructions: true,
  patientNotes: true,
  mode: true,
  position: true,
  contentHash: true,
  ...dosageSelect,
} as const;
