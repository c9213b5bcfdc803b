import { requireActor } from '@/lib/server/auth/get-actor';
import { exportAuditEvents } from '@/lib/server/audit/export-audit-events';
import { handleRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return handleRoute(async () => {
    const actor = await requireActor();
    const input = Object.fromEntries(new URL(request.url).searchParams);
    const csv = await exportAuditEvents({ actor, input });
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="audit-trail-${new Date().toISOString().slice(0, 10)}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  });
}
