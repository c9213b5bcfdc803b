import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/server/auth/get-actor';
import { readUpload } from '@/lib/server/media/read-upload';
import { storeExerciseMedia } from '@/lib/server/media/store-exercise-media';
import { handleRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

// A clinic's photo or video for one exercise: the session is checked first, then the data layer decides
// whether this user may add media to this exercise and what the file really is.
export async function POST(request: Request, { params }: { params: Promise<{ exerciseId: string }> }) {
  return handleRoute(async () => {
    const actor = await requireActor();
    const { exerciseId } = await params;
    const upload = await readUpload(request);
    try {
      const media = await storeExerciseMedia({ actor, exerciseId, description: upload.fields.description ?? '', file: upload.file });
      return NextResponse.json({ media }, { status: 201 });
    } finally {
      // Whatever was not read of a refused upload is dropped, never buffered.
      upload.discard();
    }
  });
}
