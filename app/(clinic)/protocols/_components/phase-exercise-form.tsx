'use client';

import { useState } from 'react';
import { useFormAction } from '@/app/_components/use-form-action';
import { FormStatus } from '@/app/_components/form-status';
import { DosageFields } from '@/app/_components/dosage-fields';
import type { Dosage, ItemMode } from '@/lib/domain/types';
import { ITEM_MODES } from '@/lib/domain/types';

import { setPhaseExerciseAction } from '../actions';
import { MODE_LABELS } from '@/app/_components/labels';

type PhaseRef = { id: string; position: number };

function ModeSelect({ idPrefix, mode }: { idPrefix: string; mode: ItemMode }) {
  return (
    <div>
      <label htmlFor={`${idPrefix}mode`}>Mode</label>
      <select id={`${idPrefix}mode`} name="mode" defaultValue={mode}>
        {ITEM_MODES.map((value) => (
          <option key={value} value={value}>
            {MODE_LABELS[value]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Changes the mode and default dosage of an exercise a phase already adds. */
export function PhaseExerciseForm({
  lockVersion,
  phase,
  item,
}: {
  lockVersion: number;
  phase: PhaseRef;
  item: Dosage & { id: string; exerciseId: string; name: string; mode: ItemMode };
}) {
  const [state, onSubmit, isPending] = useFormAction(setPhaseExerciseAction, null);
  const idPrefix = `item-${item.id}-`;
  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label={`Change ${item.name} in phase ${phase.position}`}>
      <input type="hidden" name="lockVersion" value={lockVersion} />
      <input type="hidden" name="phaseId" value={phase.id} />
      <input type="hidden" name="exerciseId" value={item.exerciseId} />
      <ModeSelect idPrefix={idPrefix} mode={item.mode} />
      <DosageFields dosage={item} idPrefix={idPrefix} legend={`Default dosage of ${item.name}`} />
      <FormStatus state={state} />
      <div>
        <button type="submit" disabled={isPending} aria-label={`Save ${item.name} in phase ${phase.position}`}>
          Save exercise
        </button>
      </div>
    </form>
  );
}

export type CatalogChoice = Dosage & { id: string; name: string };

/** Adds an exercise from the catalog to a phase, starting from the catalog's default dosage. */
export function AddPhaseExerciseForm({ lockVersion, phase, catalog }: { lockVersion: number; phase: PhaseRef; catalog: CatalogChoice[] }) {
  const [state, onSubmit, isPending] = useFormAction(setPhaseExerciseAction, null);
  const [chosenId, setChosenId] = useState('');
  const chosen = catalog.find((exercise) => exercise.id === chosenId);
  const idPrefix = `add-to-${phase.id}-`;
  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label={`Add an exercise to phase ${phase.position}`}>
      <input type="hidden" name="lockVersion" value={lockVersion} />
      <input type="hidden" name="phaseId" value={phase.id} />
      <div className="row">
        <div>
          <label htmlFor={`${idPrefix}exerciseId`}>Exercise</label>
          <select id={`${idPrefix}exerciseId`} name="exerciseId" value={chosenId} onChange={(event) => setChosenId(event.target.value)}>
            <option value="">Choose an exercise</option>
            {catalog.map((exercise) => (
              <option key={exercise.id} value={exercise.id}>
                {exercise.name}
              </option>
            ))}
          </select>
        </div>
        <ModeSelect idPrefix={idPrefix} mode="SUPERVISED" />
      </div>
      {/* A new choice starts from that exercise's catalog dosage. */}
      <DosageFields key={chosenId} dosage={chosen} idPrefix={idPrefix} legend="Default dosage" />
      <FormStatus state={state} />
      <div>
        <button type="submit" disabled={isPending} aria-label={`Add exercise to phase ${phase.position}`}>
          Add exercise
        </button>
      </div>
    </form>
  );
}
