import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { can } from '@/lib/domain/permissions';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { createExerciseAction } from '../actions';
import { ExerciseForm } from '../_components/exercise-form';

export const metadata: Metadata = { title: 'Add exercise' };

export default async function NewExercisePage() {
  const actor = await requirePageActor();
  // The action checks again; this only spares a form the user could not submit.
  if (!can(actor, 'catalog.write')) notFound();
  return (
    <>
      <h1>Add exercise</h1>
      <div className="card">
        <ExerciseForm action={createExerciseAction} submitLabel="Save exercise" />
      </div>
    </>
  );
}
