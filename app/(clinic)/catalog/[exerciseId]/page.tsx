import type { Metadata } from 'next';
import Link from 'next/link';
import { can } from '@/lib/domain/permissions';
import { describeDosage } from '@/lib/domain/dosage';

import { requirePageActor } from '@/lib/server/auth/get-actor';
import { getExercise } from '@/lib/server/exercises/get-exercise';
import { orNotFound } from '@/lib/server/page-guard';
import { MEDIA_LIMITS } from '@/lib/domain/media';
import { listExerciseMedia } from '@/lib/server/media/list-exercise-media';
import { FeatureMediaForm, RemoveMediaForm } from '../_components/media-forms';
import { MediaUploadForm } from '../_components/media-upload-form';
import { RetireForm } from '../_components/retire-form';

const MB = 1024 * 1024;
import { CATEGORY_LABELS, LOAD_LABELS } from '@/app/_components/labels';
import { ExerciseDrawing } from '@/app/_components/exercise-drawing';
import { isIllustration } from '@/lib/domain/drawings/validate';

export const metadata: Metadata = { title: 'Exercise' };

export default async function ExercisePage({ params }: { params: Promise<{ exerciseId: string }> }) {
  const { exerciseId } = await params;
  const actor = await requirePageActor();
  const [exercise, gallery] = await orNotFound(Promise.all([getExercise({ actor, exerciseId }), listExerciseMedia({ actor, exerciseId })]));
  const isAdmin = can(actor, 'catalog.write');
  const canManageMedia = can(actor, 'media.upload');
  return (
    <>
      <p>
        <Link href="/catalog">Back to the catalog</Link>
      </p>
      <h1>
        {exercise.name} {exercise.retiredAt ? <span className="badge">Retired</span> : null}
      </h1>
      {isIllustration(exercise.illustration) ? <ExerciseDrawing illustration={exercise.illustration} hasCaption /> : null}
      <div className="card">
        <dl className="facts">
          <dt>Name for patients</dt>
          <dd>{exercise.patientName || exercise.name}</dd>
          <dt>Loads</dt>
          <dd>{exercise.loads.length === 0 ? 'Nothing (the back stays still)' : exercise.loads.map((load) => LOAD_LABELS[load]).join(', ')}</dd>
          <dt>Category</dt>
          <dd>{CATEGORY_LABELS[exercise.category]}</dd>
          <dt>Body region</dt>
          <dd>{exercise.bodyRegion}</dd>
          <dt>Position</dt>
          <dd>{exercise.position}</dd>
          <dt>Equipment</dt>
          <dd>{exercise.equipment || 'None'}</dd>
          <dt>Default dosage</dt>
          <dd>{describeDosage(exercise)}</dd>
          <dt>Unsupervised</dt>
          <dd>{exercise.isSafeUnsupervised ? 'Safe to do alone by default' : 'Supervised by default'}</dd>
        </dl>
      </div>
      <section className="card" aria-labelledby="instructions-heading">
        <h2 id="instructions-heading">Instructions for the patient</h2>
        <ol className="steps">
          {exercise.instructions.split('\n').map((step, index) => (
            <li key={index}>{step}</li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="media-heading">
        <h2 id="media-heading">Photos and videos</h2>
        <p>
          {gallery.featuredMediaId ? 'Patients see the one marked first, then the drawing.' : 'Patients see the drawing. Add your own photo or video, then choose to show it first.'}
        </p>
        {gallery.media.length === 0 ? <p>None yet.</p> : null}
        <ul className="gallery">
          {gallery.media.map((media) => (
            <li key={media.id} className="card">
              {media.kind === 'IMAGE' ? (
                // eslint-disable-next-line @next/next/no-img-element -- a private, access-checked file: not for the image optimiser
                <img src={`/api/media/${media.id}`} alt={media.description || `Photo of ${exercise.name}`} width={media.width ?? undefined} height={media.height ?? undefined} loading="lazy" />
              ) : (
                <video src={`/api/media/${media.id}`} controls preload="metadata" aria-label={media.description || `Video of ${exercise.name}`} />
              )}
              <p>
                {media.description || 'No description.'} {media.id === gallery.featuredMediaId ? <span className="badge ok">Shown first</span> : null}
              </p>
              {canManageMedia ? (
                <div className="row">
                  {media.id === gallery.featuredMediaId ? (
                    <FeatureMediaForm exerciseId={exercise.id} mediaId="" label="Show the drawing first" />
                  ) : (
                    <FeatureMediaForm exerciseId={exercise.id} mediaId={media.id} label="Show to patients first" />
                  )}
                  <RemoveMediaForm mediaId={media.id} label="Remove" />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
        {canManageMedia ? <MediaUploadForm exerciseId={exercise.id} exerciseName={exercise.name} limits={`PNG, JPEG or WebP photos up to ${MEDIA_LIMITS.imageBytes / MB} MB; MP4 or WebM videos up to ${MEDIA_LIMITS.videoBytes / MB} MB`} /> : null}
      </section>
      <section className="card" aria-labelledby="notes-heading">
        <h2 id="notes-heading">Therapist notes</h2>
        <p>{exercise.therapistNotes || 'None.'}</p>
      </section>
      {isAdmin ? (
        <div className="row">
          <div>
            <Link className="button secondary" href={`/catalog/${exercise.id}/edit`}>
              Edit exercise
            </Link>
          </div>
          <div>
            <RetireForm exerciseId={exercise.id} isRetired={exercise.retiredAt !== null} />
          </div>
        </div>
      ) : null}
    </>
  );
}
