'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { FormStatus } from '@/app/_components/form-status';

type Failure = { ok: false; message: string };

/**
 * Sends a photo or video to the upload route as it is (multipart), so it streams to the server rather than
 * through a server action's size-limited body. The server decides what the file is and whether it fits.
 */
export function MediaUploadForm({ exerciseId, exerciseName, limits }: { exerciseId: string; exerciseName: string; limits: string }) {
  const router = useRouter();
  const [state, setState] = useState<Failure | { ok: true } | null>(null);
  const [isPending, setPending] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setPending(true);
    try {
      const answer = await fetch(`/api/exercises/${encodeURIComponent(exerciseId)}/media`, { method: 'POST', body: new FormData(form) });
      if (answer.ok) {
        setState({ ok: true });
        form.reset();
        router.refresh();
      } else {
        const body = (await answer.json().catch(() => null)) as { error?: string } | null;
        setState({ ok: false, message: body?.error ?? 'The upload did not work. Nothing was saved. Please try again.' });
      }
    } catch {
      setState({ ok: false, message: 'The upload did not reach Regimen. Nothing was saved. Please try again.' });
    } finally {
      setPending(false);
    }
  }
  return (
    <form method="post" className="stack" onSubmit={onSubmit} noValidate aria-label={`Add a photo or video of ${exerciseName}`} encType="multipart/form-data">
      <div>
        <label htmlFor="media-description">What it shows (read aloud to patients who cannot see it)</label>
        <input id="media-description" name="description" maxLength={300} />
      </div>
      <div>
        <label htmlFor="media-file">
          Photo or video <span className="field-hint">({limits})</span>
        </label>
        <input id="media-file" name="file" type="file" accept="image/png,image/jpeg,image/webp,video/mp4,video/webm" />
      </div>
      <FormStatus state={state} />
      {state?.ok ? (
        <p role="status" className="success">
          Added.
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={isPending}>
          Upload
        </button>
      </div>
    </form>
  );
}
