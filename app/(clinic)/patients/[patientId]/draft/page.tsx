import type { Metadata } from 'next';
import Link from 'next/link';
import { localDay } from '@/lib/domain/clinic-time';
import { isIllustration } from '@/lib/domain/drawings/validate';
import { ExerciseDrawing } from '@/app/_components/exercise-drawing';
import { DosageFields } from '@/app/_components/dosage-fields';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { listExercises } from '@/lib/server/exercises/list-exercises';
import { orNotFound } from '@/lib/server/page-guard';
import { getPlanOverview } from '@/lib/server/plans/get-plan-overview';
import { requirePermission } from '@/lib/server/authz/require-permission';
import { removeDraftItemAction, updateDraftItemAction } from '../../actions';
import { ActionForm } from '../../_components/action-form';

import { VersionDiff } from '../../_components/version-diff';
import { RestrictionList } from '../_components/surgeon-orders';
import { AddExerciseForm } from './_components/add-exercise-form';
import { ApproveForm } from './_components/approve-form';
import { DiscardForm } from './_components/discard-form';
import { MODE_LABELS } from '@/app/_components/labels';

export const metadata: Metadata = { title: 'Draft plan' };

export default async function DraftPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await requirePageActor();
  const [overview, catalog] = await orNotFound(
    (async () => {
      requirePermission(actor, 'plan.edit');
      return Promise.all([getPlanOverview({ actor, patientId }), listExercises({ actor, search: { q: '', category: '', bodyRegion: '', includeRetired: false } })]);
    })(),
  );
  const { patient, draft, current } = overview;
  const today = localDay(new Date(), actor.timeZone);
  const name = `${patient.firstName} ${patient.lastName}`;
  if (!draft) {
    return (
      <>
        <h1>No open draft for {name}</h1>
        <p>
          <Link href={`/patients/${patient.id}`}>Back to {name}</Link>
        </p>
      </>
    );
  }
  const onPlan = new Set(draft.items.map((item) => item.exerciseId));
  const addable = catalog.filter((exercise) => !onPlan.has(exercise.id));
  const hidden = { patientId: patient.id, lockVersion: draft.lockVersion };
  return (
    <>
      <p>
        <Link href={`/patients/${patient.id}`}>Back to {name}</Link>
      </p>
      <h1>
        Draft version {draft.number} for {name}
      </h1>
      <p>
        {draft.phase ? `Phase ${draft.phase.position}: ${draft.phase.name}. ` : null}
        Nothing here reaches the patient until you approve it. Home exercises also need the surgeon&apos;s sign-off.
      </p>
      {draft.criteriaMet.length > 0 || draft.advanceReason ? (
        <div className="card">
          <h2>Why this phase</h2>
          {draft.criteriaMet.length > 0 ? (
            <ul aria-label="Criteria met">
              {draft.criteriaMet.map((criterion) => (
                <li key={criterion}>{criterion}</li>
              ))}
            </ul>
          ) : null}
          {draft.advanceReason ? <p>Reason: {draft.advanceReason}</p> : null}
        </div>
      ) : null}

      <section className="card" aria-labelledby="restrictions-heading">
        <h2 id="restrictions-heading">Restrictions</h2>
        <p>
          {overview.restrictions.draft.source === 'SURGEON'
            ? `The surgeon's orders (version ${overview.orders[0]?.version ?? ''}) replace the protocol's defaults.`
            : "No surgeon's orders yet: these are the defaults of the draft's phase."}
        </p>
        <RestrictionList inForce={overview.restrictions.draft} today={today} label="Restrictions in force for this draft" />
      </section>

      <section aria-labelledby="exercises-heading">
      <h2 id="exercises-heading">Exercises</h2>
      {draft.items.length === 0 ? <p>No exercises yet. Add one below.</p> : null}
      {draft.items.map((item) => (
        <section key={item.id} className="card" aria-labelledby={`item-${item.id}`}>
          <h3 id={`item-${item.id}`}>{item.exerciseName}</h3>
          {isIllustration(item.exercise.illustration) ? <ExerciseDrawing illustration={item.exercise.illustration} className="compact" /> : null}
          {item.conflict ? (
            <p className="notice" role="note">
              {item.conflict}
            </p>
          ) : null}
          <ActionForm action={updateDraftItemAction} hidden={{ ...hidden, itemId: item.id }} className="stack" label={item.exerciseName} successText="Saved." draftItemId={item.id}>
            <div className="stack">
              <div>
                <label htmlFor={`mode-${item.id}`}>Mode</label>
                <select id={`mode-${item.id}`} name="mode" defaultValue={item.mode}>
                  <option value="SELF_DIRECTED">{MODE_LABELS.SELF_DIRECTED}</option>
                  <option value="SUPERVISED">{MODE_LABELS.SUPERVISED}</option>
                </select>
              </div>
              <DosageFields dosage={item.dosage} idPrefix={`${item.id}-`} />
              <div>
                <label htmlFor={`notes-${item.id}`}>Notes to the patient</label>
                <textarea id={`notes-${item.id}`} name="patientNotes" rows={2} defaultValue={item.patientNotes} />
              </div>
              <div>
                <button type="submit">Save {item.exerciseName}</button>
              </div>
            </div>
          </ActionForm>
          <ActionForm action={removeDraftItemAction} hidden={{ ...hidden, itemId: item.id }}>
            <button type="submit" className="secondary">
              Remove {item.exerciseName}
            </button>
          </ActionForm>
        </section>
      ))}
      </section>

      <section className="card" aria-labelledby="add-heading">
        <h2 id="add-heading">Add an exercise</h2>
        <AddExerciseForm patientId={patient.id} versionId={draft.id} lockVersion={draft.lockVersion} exercises={addable.map((exercise) => ({ id: exercise.id, name: exercise.name }))} />
      </section>

      {current ? (
        <section className="card" aria-labelledby="diff-heading">
          <h2 id="diff-heading">Changes from version {current.number}</h2>
          <VersionDiff before={current.items} after={draft.items} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="approve-heading">
        <h2 id="approve-heading">Approve</h2>
        <p>Approving is your signature: it records your name, the time, and exactly what you approved. The approved version never changes again.</p>
        <ApproveForm patientId={patient.id} versionId={draft.id} lockVersion={draft.lockVersion} number={draft.number} />
        <DiscardForm patientId={patient.id} versionId={draft.id} lockVersion={draft.lockVersion} number={draft.number} />
      </section>
    </>
  );
}
