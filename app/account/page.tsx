import type { Metadata } from 'next';
import Link from 'next/link';
import QRCode from 'qrcode';
import { formatMoment } from '@/lib/domain/clinic-time';
import { homePathFor } from '@/lib/domain/permissions';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { orNotFound } from '@/lib/server/page-guard';
import { loadSecondFactors } from '@/lib/server/second-factor/load-second-factors';
import { SignOutButton } from '@/app/_components/sign-out-button';
import { ChangePasswordForm, SignOutEverywhereForm } from './_components/account-forms';
import {
  AddPasskeyForm,
  ConfirmAuthenticatorAppForm,
  MakeRecoveryCodesForm,
  RemoveAuthenticatorAppForm,
  RemovePasskeyForm,
  StartAuthenticatorAppForm,
} from './_components/second-factor-forms';

export const metadata: Metadata = { title: 'Your account' };
export const dynamic = 'force-dynamic';

export default async function AccountPage() {
  // The one page a staff member who must add a second factor can open (their clinic requires one).
  const actor = await requirePageActor({ allowSecondFactorDue: true });
  const factors = await orNotFound(loadSecondFactors({ actor }));
  const pendingQr = factors.pendingAuthenticatorApp ? await QRCode.toString(factors.pendingAuthenticatorApp.uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : null;
  const isDue = Boolean(actor.secondFactorDue);
  return (
    <main className="narrow">
      <p>{isDue ? <SignOutButton /> : <Link href={homePathFor(actor.role)}>Back</Link>}</p>
      <h1>Your account</h1>
      {isDue ? (
        <p role="alert" className="notice">
          Your clinic asks staff to add a second factor before anything else. Add a passkey or set up an authenticator app below.
        </p>
      ) : null}
      <section className="card factor-section" aria-labelledby="second-factor-heading">
        <h2 id="second-factor-heading">Second factor</h2>
        <p>
          {factors.hasSecondFactor
            ? 'After your password, Regimen asks for your passkey or a code from your app.'
            : 'A second factor keeps your account safe even if someone learns your password. After your password, Regimen asks for it.'}
          {factors.isRequired ? ' Your clinic requires one.' : ''}
        </p>

        <h3>Passkeys</h3>
        {factors.passkeys.length > 0 ? (
          <ul className="stack" aria-label="Your passkeys">
            {factors.passkeys.map((passkey) => (
              <li key={passkey.id}>
                <strong>{passkey.name}</strong>{' '}
                <span className="muted">
                  added {formatMoment(passkey.createdAt, actor.timeZone)}
                  {passkey.lastUsedAt ? `, last used ${formatMoment(passkey.lastUsedAt, actor.timeZone)}` : ''}
                </span>
                <RemovePasskeyForm passkeyId={passkey.id} name={passkey.name} />
              </li>
            ))}
          </ul>
        ) : (
          <p>A passkey signs you in with your fingerprint, face or screen lock. You can also sign with it instead of typing your password.</p>
        )}
        <AddPasskeyForm />

        <h3>Authenticator app</h3>
        {factors.hasAuthenticatorApp ? (
          <>
            <p>Your authenticator app is set up.</p>
            <RemoveAuthenticatorAppForm isConfirmed />
          </>
        ) : factors.pendingAuthenticatorApp && pendingQr ? (
          <div className="stack">
            <p>Scan this code with your authenticator app, or type the key into it. Then enter the 6-digit code the app shows.</p>
            {/* A data URL of an SVG the server made: there is nothing for next/image to optimise. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img className="qr" src={`data:image/svg+xml;utf8,${encodeURIComponent(pendingQr)}`} alt="QR code for your authenticator app" width={200} height={200} />
            <p>
              Key: <code aria-label="Key for your authenticator app">{factors.pendingAuthenticatorApp.secret}</code>
            </p>
            <ConfirmAuthenticatorAppForm />
            <RemoveAuthenticatorAppForm isConfirmed={false} />
          </div>
        ) : (
          <>
            <p>An app on your phone (such as Google Authenticator or Microsoft Authenticator) shows a new 6-digit code every 30 seconds.</p>
            <StartAuthenticatorAppForm />
          </>
        )}

        <h3>Recovery codes</h3>
        {factors.hasSecondFactor ? (
          <>
            <p>{factors.recoveryCodesLeft === 1 ? 'You have 1 recovery code left.' : `You have ${factors.recoveryCodesLeft} recovery codes left.`} Each one lets you sign in once without your passkey or app.</p>
            <MakeRecoveryCodesForm />
          </>
        ) : (
          <p>You get recovery codes when you add your first passkey or app.</p>
        )}
      </section>
      {isDue ? null : (
        <>
          <section className="card" aria-labelledby="password-heading">
            <h2 id="password-heading">Change your password</h2>
            <p>After the change you sign in again everywhere with the new password.</p>
            <ChangePasswordForm />
          </section>
          <section className="card" aria-labelledby="everywhere-heading">
            <h2 id="everywhere-heading">Lost a phone or left a computer signed in?</h2>
            <SignOutEverywhereForm />
          </section>
        </>
      )}
    </main>
  );
}
