import 'server-only';
import { hashPrescription } from '@/lib/domain/content-hash';
import type { Dosage, ItemMode } from '@/lib/domain/types';

/**
 * The columns of a plan item. The exercise's name and instructions are copied in, and the content hash
 * is computed here, so what a patient reads and what a surgeon signs can never drift apart.
 */
export function planItemData(args: {
  exercise: { id: string; name: string; patientName: string; instructions: string };
  mode: ItemMode;
  dosage: Dosage;
  patientNotes: string;
  position: number;
}) {
  const content = {
    exerciseId: args.exercise.id,
    exerciseName: args.exercise.name,
    instructions: args.exercise.instructions,
    mode: args.mode,
    dosage: args.dosage,
    patientNotes: args.patientNotes,
  };
  return {
    exerciseId: args.exercise.id,
    exerciseName: args.exercise.name,
    // The plain name is a label for the patient, frozen with the item but outside what the surgeon signs.
    patientName: args.exercise.patientName,
    instructions: args.exercise.instructions,
    mode: args.mode,
    patientNotes: args.patientNotes,
    position: args.position,
    ...args.dosage,
    contentHash: hashPrescription(content),
  };
}
