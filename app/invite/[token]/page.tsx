import type { Metadata } from 'next';
import Link from 'next/link';
import { INVITATION_PROBLEMS } from '@/lib/schemas/invitation';
import { getInvitation } from '@/lib/server/invitations/get-invitation';
import { SetPasswordForm } from './_components/set-password-form';

// The token is in this page's address: no Referer header may carry it to another site.
export const metadata: Metadata = { title: 'Set your password', referrer: 'no-referrer', robots: { index: false, follow: false } };
export const dynamic = 'force-dynamic';

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await getInvitation({ token });
  if (invitation.status === 'valid') {
    return (
      <main className="narrow">
        <SetPasswordForm token={token} firstName={invitation.firstName} />
      </main>
    );
  }
  const problem = INVITATION_PROBLEMS[invitation.status];
  return (
    <main className="narrow">
      <h1>{problem.title}</h1>
      <div className="card">
        <p>{problem.explanation}</p>
        <p>
          <Link href="/login">Go to sign in</Link>
        </p>
      </div>
    </main>
  );
}
