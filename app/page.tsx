import { redirect } from 'next/navigation';
import { homePathFor } from '@/lib/domain/permissions';
import { getActor } from '@/lib/server/auth/get-actor';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const actor = await getActor();
  redirect(actor ? homePathFor(actor.role) : '/login');
}
