import 'server-only';
import { hasSecondFactor } from '@/lib/domain/second-factor';
import { db } from '../db';

/** Whether the user has a passkey or a confirmed authenticator app. */
export async function userHasSecondFactor(userId: string): Promise<boolean> {
  const [passkeys, app] = await Promise.all([db.passkey.count({ where: { userId } }), db.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } })]);
  return hasSecondFactor({ passkeys, hasAuthenticatorApp: Boolean(app?.confirmedAt) });
}
