import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { SignOutButton } from '@/app/_components/sign-out-button';

export const dynamic = 'force-dynamic';

// Navigation only: the portal's data-access functions check the patient again.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  if (actor.role !== 'PATIENT') notFound();
  return (
    <>
      <header className="topbar">
        <div className="topbar-inner">
          <Link className="brand" href="/portal">
            Regimen
          </Link>
          <span className="who">{actor.name}</span>
          <Link href="/account">Your account</Link>
          <SignOutButton />
        </div>
      </header>
      <main className="narrow">{children}</main>
    </>
  );
}
