'use client';

import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { removeExerciseMediaAction, setFeaturedMediaAction } from '../actions';

export function FeatureMediaForm({ exerciseId, mediaId, label }: { exerciseId: string; mediaId: string; label: string }) {
  const [state, onSubmit, isPending] = useFormAction(setFeaturedMediaAction, null);
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="exerciseId" value={exerciseId} />
      <input type="hidden" name="mediaId" value={mediaId} />
      <button type="submit" className="secondary compact" disabled={isPending}>
        {label}
      </button>
      <FormStatus state={state} />
    </form>
  );
}

export function RemoveMediaForm({ mediaId, label }: { mediaId: string; label: string }) {
  const [state, onSubmit, isPending] = useFormAction(removeExerciseMediaAction, null);
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="mediaId" value={mediaId} />
      <button type="submit" className="secondary compact" disabled={isPending}>
        {label}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
