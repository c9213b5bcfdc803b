import 'server-only';
import { portalPrescriptions } from '@/lib/domain/visibility';
import { db } from '../db';
import { planItemSelect as itemSelect } from '../plans/plan-item-select';

/**
 * What the patient may be shown, decided by the one visibility rule in lib/domain/visibility.ts. Only
 * approved versions and signed sign-offs are read, so drafts and uncleared items never leave the
 * database for the portal. Internal: callers have already checked the actor is this patient.
 */
export async function loadClearedPrescriptions(patientId: string) {
  const [episode, signed] = await Promise.all([
    db.episode.findFirst({
      where: { patientId },
      orderBy: { surgeryDate: 'desc' },
      select: {
        surgeryDate: true,
        plan: {
          select: {
            versions: {
              where: { status: 'APPROVED' },
              orderBy: { number: 'desc' },
              select: { number: true, precautions: true, items: { select: itemSelect, orderBy: { position: 'asc' } } },
            },
          },
        },
      },
    }),
    db.signOff.findMany({ where: { patientId, status: 'SIGNED' }, select: { contentHash: true } }),
  ]);
  const versions = episode?.plan?.versions ?? [];
  const plan = portalPrescriptions(
    versions.map((version) => ({ number: version.number, items: version.items.map((item) => ({ ...item, itemId: item.id })) })),
    new Set(signed.map((signOff) => signOff.contentHash)),
  );
  return { plan, precautions: versions[0]?.precautions ?? '', surgeryDate: episode?.surgeryDate ?? null };
}
