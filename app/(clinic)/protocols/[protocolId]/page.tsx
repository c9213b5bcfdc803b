import type { Metadata } from 'next';
import Link from 'next/link';
import { describeDosage } from '@/lib/domain/dosage';
import { can } from '@/lib/domain/permissions';
import { exerciseSearchSchema } from '@/lib/schemas/exercise';

import { requirePageActor } from '@/lib/server/auth/get-actor';
import { listExercises } from '@/lib/server/exercises/list-exercises';
import { orNotFound } from '@/lib/server/page-guard';
import { getProtocol } from '@/lib/server/protocols/get-protocol';
import type { PhaseDto, ProtocolDto } from '@/lib/server/protocols/protocol-select';
import { removePhaseExerciseAction, removeProtocolPhaseAction } from '../actions';
import { AddPhaseExerciseForm, PhaseExerciseForm, type CatalogChoice } from '../_components/phase-exercise-form';
import { PhaseForm } from '../_components/phase-form';
import { RemoveForm } from '../_components/remove-form';
import { MODE_LABELS } from '@/app/_components/labels';

export const metadata: Metadata = { title: 'Protocol' };

export default async function ProtocolPage({ params }: { params: Promise<{ protocolId: string }> }) {
  const { protocolId } = await params;
  const actor = await requirePageActor();
  const protocol = await orNotFound(getProtocol({ actor, protocolId }));
  const canEdit = can(actor, 'protocol.write');
  const catalog = canEdit ? await orNotFound(listExercises({ actor, search: exerciseSearchSchema.parse({}) })) : [];
  // An exercise belongs to one phase of a protocol, so the ones already in it are not offered again.
  const inProtocol = new Set(protocol.phases.flatMap((phase) => phase.exercises.map((item) => item.exerciseId)));
  const choices: CatalogChoice[] = catalog
    .filter((exercise) => !inProtocol.has(exercise.id))
    .map(({ id, name, sets, reps, holdSeconds, timesPerDay, daysPerWeek, minutes, side }) => ({
      id,
      name,
      sets,
      reps,
      holdSeconds,
      timesPerDay,
      daysPerWeek,
      minutes,
      side,
    }));
  return (
    <>
      <p>
        <Link href="/protocols">All protocols</Link>
      </p>
      <h1>{protocol.name}</h1>
      {protocol.description ? <p>{protocol.description}</p> : null}
      <p className="notice">Changes here apply to plans made from now on. Plans already made from this protocol keep what they copied.</p>
      {protocol.phases.length === 0 ? <p>This protocol has no phases yet.</p> : null}
      {protocol.phases.map((phase, index) => (
        <PhaseSection
          key={phase.id}
          protocol={protocol}
          phase={phase}
          isLast={index === protocol.phases.length - 1}
          canEdit={canEdit}
          choices={choices}
        />
      ))}
      {canEdit ? (
        <section className="card" aria-labelledby="add-phase-heading">
          <h2 id="add-phase-heading">Add a phase</h2>
          <p className="muted">A new phase comes after the last one and can&apos;t start before it.</p>
          <PhaseForm key={protocol.lockVersion} protocolId={protocol.id} lockVersion={protocol.lockVersion} />
        </section>
      ) : null}
    </>
  );
}

function PhaseSection({
  protocol,
  phase,
  isLast,
  canEdit,
  choices,
}: {
  protocol: ProtocolDto;
  phase: PhaseDto;
  isLast: boolean;
  canEdit: boolean;
  choices: CatalogChoice[];
}) {
  const { lockVersion } = protocol;
  const headingId = `phase-${phase.id}-heading`;
  const phaseRef = { id: phase.id, position: phase.position };
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        Phase {phase.position}: {phase.name}
      </h2>
      <p>From day {phase.earliestDay} after surgery</p>
      <h3>Entry criteria</h3>
      {phase.criteria.length > 0 ? (
        <ul>
          {phase.criteria.map((criterion, index) => (
            <li key={index}>{criterion}</li>
          ))}
        </ul>
      ) : (
        <p>None.</p>
      )}
      <h3>Precautions</h3>
      <p>{phase.precautions || 'None.'}</p>
      <h3>Exercises this phase adds</h3>
      {phase.exercises.length > 0 ? (
        <table className="stack-on-phone">
          <caption className="sr-only">Exercises phase {phase.position} adds</caption>
          <thead>
            <tr>
              <th scope="col">Exercise</th>
              <th scope="col">Mode</th>
              <th scope="col">Default dosage</th>
              <th scope="col">Safe alone by default</th>
            </tr>
          </thead>
          <tbody>
            {phase.exercises.map((item) => (
              <tr key={item.id}>
                <th scope="row" style={{ fontSize: 'inherit', color: 'inherit' }}>
                  {item.exercise.name}
                  {item.exercise.retiredAt ? (
                    <>
                      {' '}
                      <span className="badge warn">Retired</span>
                    </>
                  ) : null}
                </th>
                <td data-label="Mode">{MODE_LABELS[item.mode]}</td>
                <td data-label="Default dosage">{describeDosage(item)}</td>
                <td data-label="Safe alone by default">{item.exercise.isSafeUnsupervised ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>None yet.</p>
      )}
      {canEdit ? (
        <>
          <h3>Change phase {phase.position}</h3>
          <PhaseForm key={`edit-phase-${lockVersion}`} protocolId={protocol.id} lockVersion={lockVersion} phase={phase} />
          {phase.exercises.map((item) => (
            <div key={item.id} className="card">
              {item.exercise.retiredAt ? (
                <p>{item.exercise.name} is retired from the catalog. It can be removed from this phase but not changed.</p>
              ) : (
                <PhaseExerciseForm
                  key={`change-${lockVersion}`}
                  lockVersion={lockVersion}
                  phase={phaseRef}
                  item={{ ...item, name: item.exercise.name }}
                />
              )}
              <RemoveForm
                key={`remove-exercise-${lockVersion}`}
                action={removePhaseExerciseAction}
                fields={{ lockVersion, phaseId: phase.id, exerciseId: item.exerciseId }}
                label={`Remove ${item.exercise.name} from phase ${phase.position}`}
                text="Remove from phase"
              />
            </div>
          ))}
          <h3>Add an exercise to phase {phase.position}</h3>
          <AddPhaseExerciseForm key={`add-exercise-${lockVersion}`} lockVersion={lockVersion} phase={phaseRef} catalog={choices} />
          {isLast ? (
            <div>
              <p className="muted">Only the last phase can be removed, and only while no patient&apos;s plan is in it.</p>
              <RemoveForm
                key={`remove-phase-${lockVersion}`}
                action={removeProtocolPhaseAction}
                fields={{ lockVersion, phaseId: phase.id }}
                label={`Remove phase ${phase.position}`}
                text="Remove this phase"
              />
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
