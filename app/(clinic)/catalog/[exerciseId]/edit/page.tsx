import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { can } from '@/lib/domain/permissions';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { getExercise } from '@/lib/server/exercises/get-exercise';
import { orNotFound } from '@/lib/server/page-guard';
import { updateExerciseAction } from '../../actions';
import { ExerciseForm } from '../../_components/exercise-form';

export const metadata: Metadata = { title: 'Edit exercise' };

export default async function EditExercisePage({ params }: { params: Promise<{ exerciseId: string }> }) {
  const { exerciseId } = await params;
  const actor = await requirePageActor();
  if (!can(actor, 'catalog.write')) notFound();
  const exercise = await orNotFound(getExercise({ actor, exerciseId }));
  return (
    <>
      <h1>Edit {exercise.name}</h1>
      <div className="card">
        <ExerciseForm action={updateExerciseAction} exercise={exercise} submitLabel="Save changes" />
      </div>
    </>
  );
}
