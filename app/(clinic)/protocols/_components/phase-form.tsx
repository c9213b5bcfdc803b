'use client';

import { useFormAction } from '@/app/_components/use-form-action';
import { FormStatus } from '@/app/_components/form-status';
import { EARLIEST_DAY_MAX } from '@/lib/schemas/protocol';
import { addProtocolPhaseAction, updateProtocolPhaseAction } from '../actions';

type PhaseValues = { id: string; position: number; name: string; earliestDay: number; criteria: string[]; precautions: string };

/** Edits a phase's own fields; without a phase, adds a new last phase to the protocol. */
export function PhaseForm({ protocolId, lockVersion, phase }: { protocolId: string; lockVersion: number; phase?: PhaseValues }) {
  const [state, onSubmit, isPending] = useFormAction(phase ? updateProtocolPhaseAction : addProtocolPhaseAction, null);
  const idPrefix = phase ? `phase-${phase.id}-` : 'new-phase-';
  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label={phase ? `Edit phase ${phase.position}` : 'Add a phase'}>
      <input type="hidden" name="lockVersion" value={lockVersion} />
      {phase ? <input type="hidden" name="phaseId" value={phase.id} /> : <input type="hidden" name="protocolId" value={protocolId} />}
      <div className="row">
        <div>
          <label htmlFor={`${idPrefix}name`}>Phase name</label>
          <input id={`${idPrefix}name`} name="name" required maxLength={80} defaultValue={phase?.name} />
        </div>
        <div>
          <label htmlFor={`${idPrefix}earliestDay`}>
            Earliest day after surgery <span className="field-hint">(0 is the day of surgery)</span>
          </label>
          <input
            id={`${idPrefix}earliestDay`}
            name="earliestDay"
            type="number"
            inputMode="numeric"
            min={0}
            max={EARLIEST_DAY_MAX}
            required
            defaultValue={phase?.earliestDay}
          />
        </div>
      </div>
      <div>
        <label htmlFor={`${idPrefix}criteria`}>
          Entry criteria <span className="field-hint">(one per line; what the patient must manage before starting)</span>
        </label>
        <textarea id={`${idPrefix}criteria`} name="criteria" rows={4} defaultValue={phase?.criteria.join('\n')} />
      </div>
      <div>
        <label htmlFor={`${idPrefix}precautions`}>
          Precautions <span className="field-hint">(plain words the patient will read)</span>
        </label>
        <textarea id={`${idPrefix}precautions`} name="precautions" rows={3} defaultValue={phase?.precautions} />
      </div>
      <FormStatus state={state} />
      <div>
        <button type="submit" disabled={isPending} aria-label={phase ? `Save phase ${phase.position}` : undefined}>
          {phase ? 'Save phase' : 'Add phase'}
        </button>
      </div>
    </form>
  );
}
