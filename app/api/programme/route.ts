import { requireActor } from '@/lib/server/auth/get-actor';
import { getProgramme } from '@/lib/server/programme/get-programme';
import { loadProgrammePhotos } from '@/lib/server/programme/load-programme-photos';
import { renderProgrammePdf } from '@/lib/server/programme/programme-document';
import { handleRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

// The printed programme (PDF): the patient's own, or one of their care team's patients'. The session is
// checked here; who may see which patient is decided in the data layer.
export async function GET(request: Request) {
  return handleRoute(async () => {
    const actor = await requireActor();
    const now = new Date();
    const programme = await getProgramme({ actor, input: Object.fromEntries(new URL(request.url).searchParams), now });
    const pdf = await renderProgrammePdf(programme, { photos: await loadProgrammePhotos(programme), now });
    return new Response(new Uint8Array(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        // No name in the file name: it travels in download lists and logs.
        'Content-Disposition': 'attachment; filename="exercise-plan.pdf"',
        'Cache-Control': 'no-store',
      },
    });
  });
}
