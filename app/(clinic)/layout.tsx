import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { can, homePathFor, ROLE_LABELS, type Permission } from '@/lib/domain/permissions';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { SignOutButton } from '@/app/_components/sign-out-button';

export const dynamic = 'force-dynamic';

const NAV: Array<{ href: string; label: string; permission: Permission }> = [
  { href: '/caseload', label: 'Caseload', permission: 'caseload.view' },
  { href: '/sign-offs', label: 'Sign-offs', permission: 'signoff.sign' },
  { href: '/patients', label: 'Patients', permission: 'patient.read' },
  { href: '/admin', label: 'Users', permission: 'user.manage' },
  { href: '/catalog', label: 'Exercise catalog', permission: 'catalog.read' },
  { href: '/protocols', label: 'Protocols', permission: 'protocol.read' },
  { href: '/admin/audit', label: 'Audit trail', permission: 'audit.read' },
  { href: '/admin/clinic', label: 'Clinic', permission: 'clinic.settings' },
];

// Navigation only: every page and data-access function checks access again on its own.
export default async function ClinicLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  if (actor.role === 'PATIENT') notFound();
  const links = NAV.filter((item) => can(actor, item.permission));
  return (
    <>
      <header className="topbar">
        <div className="topbar-inner">
          <Link className="brand" href={homePathFor(actor.role)}>
            Regimen
          </Link>
          <nav aria-label="Main">
            <ul>
              {links.map((item) => (
                <li key={item.href}>
                  <Link href={item.href}>{item.label}</Link>
                </li>
              ))}
            </ul>
          </nav>
          <span className="who">
            {actor.name} · {ROLE_LABELS[actor.role]}
          </span>
          <Link href="/account">Your account</Link>
          <SignOutButton />
        </div>
      </header>
      <main className="shell">{children}</main>
    </>
  );
}
