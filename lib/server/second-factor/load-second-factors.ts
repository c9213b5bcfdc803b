import 'server-only';
import { generateURI } from 'otplib';
import { hasSecondFactor, isSecondFactorRequired } from '@/lib/domain/second-factor';
import { openFactorSecret } from '../auth/factor-key';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';

/**
 * The actor's own second factors, for the account page: their passkeys, whether an authenticator app is set up
 * (and, while it waits for its first code, the secret to scan or type), how many recovery codes are left, and
 * whether their clinic requires a factor of them.
 */
export async function loadSecondFactors({ actor }: { actor: Actor }) {
  requirePermission(actor, 'account.second_factor');
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: {
      email: true,
      role: true,
      clinic: { select: { name: true, requireStaffSecondFactor: true } },
      passkeys: { select: { id: true, name: true, createdAt: true, lastUsedAt: true }, orderBy: { createdAt: 'asc' } },
      totpFactor: { select: { secretSealed: true, confirmedAt: true } },
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  const app = user.totpFactor;
  const pendingSecret = app && !app.confirmedAt ? openFactorSecret(app.secretSealed, actor.userId) : null;
  const hasAuthenticatorApp = Boolean(app?.confirmedAt);
  return {
    passkeys: user.passkeys,
    hasAuthenticatorApp,
    pendingAuthenticatorApp: pendingSecret ? { secret: pendingSecret, uri: generateURI({ issuer: `Regimen (${user.clinic.name})`, label: user.email, secret: pendingSecret }) } : null,
    recoveryCodesLeft: user._count.recoveryCodes,
    hasSecondFactor: hasSecondFactor({ passkeys: user.passkeys.length, hasAuthenticatorApp }),
    isRequired: isSecondFactorRequired({ role: user.role, clinicRequiresForStaff: user.clinic.requireStaffSecondFactor }),
  };
}
