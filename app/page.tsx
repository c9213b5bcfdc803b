import { redirect } from 'next/navigation';
import { homePathFor } from '@/lib/domain/permissions';
import { SECOND_FACTOR_PATH } from '@/lib/domain/second-factor';
import { getActor } from '@/lib/server/auth/get-actor';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const actor = await getActor();
  redirect(actor ? (actor.secondFactorDue ? SECOND_FACTOR_PATH : homePathFor(actor.role)) : '/login');
}
