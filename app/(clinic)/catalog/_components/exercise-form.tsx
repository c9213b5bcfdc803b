'use client';

import { useFormAction } from '@/app/_components/use-form-action';
import { FormStatus } from '@/app/_components/form-status';
import { DosageFields } from '@/app/_components/dosage-fields';
import { EXERCISE_CATEGORIES } from '@/lib/schemas/exercise';
import type { Dosage } from '@/lib/domain/types';
import type { FormState } from '../actions';
import { CATEGORY_LABELS, LOAD_LABELS } from '@/app/_components/labels';

type ExerciseValues = Dosage & {
  id: string;
  name: string;
  patientName: string;
  loads: string[];
  instructions: string;
  therapistNotes: string;
  category: string;
  bodyRegion: string;
  position: string;
  equipment: string;
  isSafeUnsupervised: boolean;
};

export function ExerciseForm({
  action,
  exercise,
  submitLabel,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  exercise?: ExerciseValues;
  submitLabel: string;
}) {
  const [state, onSubmit, isPending] = useFormAction(action, null);
  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate>
      {exercise ? <input type="hidden" name="exerciseId" value={exercise.id} /> : null}
      <div>
        <label htmlFor="name">Name</label>
        <input id="name" name="name" required defaultValue={exercise?.name} />
      </div>
      <div>
        <label htmlFor="patientName">
          Name for patients <span className="field-hint">(plain words, where the name above is jargon; leave empty to use it)</span>
        </label>
        <input id="patientName" name="patientName" defaultValue={exercise?.patientName} />
      </div>
      <fieldset className="choices">
        <legend>What it loads in the lower back (checked against the surgeon&apos;s restrictions)</legend>
        {Object.entries(LOAD_LABELS).map(([value, label]) => (
          <label key={value}>
            <input type="checkbox" name="loads" value={value} defaultChecked={exercise?.loads.includes(value) ?? false} />
            {label}
          </label>
        ))}
      </fieldset>
      <div>
        <label htmlFor="instructions">
          Instructions for the patient <span className="field-hint">(one step per line, plain words)</span>
        </label>
        <textarea id="instructions" name="instructions" required defaultValue={exercise?.instructions} rows={6} />
      </div>
      <div>
        <label htmlFor="therapistNotes">Therapist notes</label>
        <textarea id="therapistNotes" name="therapistNotes" defaultValue={exercise?.therapistNotes} rows={3} />
      </div>
      <div className="row">
        <div>
          <label htmlFor="category">Category</label>
          <select id="category" name="category" defaultValue={exercise?.category ?? 'MOBILITY'}>
            {EXERCISE_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {CATEGORY_LABELS[category]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="bodyRegion">Body region</label>
          <input id="bodyRegion" name="bodyRegion" required defaultValue={exercise?.bodyRegion} />
        </div>
        <div>
          <label htmlFor="position">Position</label>
          <input id="position" name="position" required defaultValue={exercise?.position} />
        </div>
        <div>
          <label htmlFor="equipment">Equipment</label>
          <input id="equipment" name="equipment" defaultValue={exercise?.equipment} />
        </div>
      </div>
      <DosageFields dosage={exercise} legend="Default dosage" />
      <div>
        <label>
          <input type="checkbox" name="isSafeUnsupervised" defaultChecked={exercise?.isSafeUnsupervised ?? false} />
          Safe to do unsupervised by default
        </label>
      </div>
      <FormStatus state={state} />
      <div>
        <button type="submit" disabled={isPending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
