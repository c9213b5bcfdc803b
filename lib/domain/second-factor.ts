import type { Role } from './types';

// The second factor: what counts as one, who must have one, and the shape of the codes people type.
// A second factor is a passkey or a confirmed authenticator app. Recovery codes are a way back in when both are
// lost, not a factor of their own: they are made with the first factor and never make one required.

/** Clinic staff: the roles a clinic admin can require a second factor of. Patients never have to add one. */
export function isStaffRole(role: Role): boolean {
  switch (role) {
    case 'ADMIN':
    case 'THERAPIST':
    case 'SURGEON':
      return true;
    case 'PATIENT':
      return false;
    default: {
      const unhandled: never = role;
      throw new Error(`Unhandled role ${String(unhandled)}`);
    }
  }
}

/** Whether this user must have a second factor: staff of a clinic that requires one. */
export function isSecondFactorRequired({ role, clinicRequiresForStaff }: { role: Role; clinicRequiresForStaff: boolean }): boolean {
  return clinicRequiresForStaff && isStaffRole(role);
}

export type FactorCounts = { passkeys: number; hasAuthenticatorApp: boolean };

export function hasSecondFactor({ passkeys, hasAuthenticatorApp }: FactorCounts): boolean {
  return passkeys > 0 || hasAuthenticatorApp;
}

/**
 * Whether a signed-in user may do nothing but add a second factor (and sign out): it is required of them and
 * they have none yet.
 */
export function mustEnrolSecondFactor(user: { role: Role; clinicRequiresForStaff: boolean } & FactorCounts): boolean {
  return isSecondFactorRequired(user) && !hasSecondFactor(user);
}

/** Where a user who must add a second factor is sent, and what they are told when they try anything else. */
export const SECOND_FACTOR_PATH = '/account';
export const SECOND_FACTOR_DUE = 'Your clinic asks staff to add a passkey or an authenticator app before anything else. Add one on your account page.';

/**
 * Whether removing one factor is allowed: a user who must have a second factor keeps at least one. `remaining`
 * is what they would have left.
 */
export function mayRemoveFactor(user: { role: Role; clinicRequiresForStaff: boolean }, remaining: FactorCounts): boolean {
  return !isSecondFactorRequired(user) || hasSecondFactor(remaining);
}

export const LAST_FACTOR = 'Your clinic asks staff to keep a second factor. Add another one before you remove this one.';

// ---------------------------------------------------------------------------------------------------------
// Recovery codes: 12 letters and digits in three groups of four ("k7mq-2xrd-9fwp"), from an alphabet without
// the look-alikes 0/o, 1/i/l, so a code read off paper is typed right. 31^12 is about 2^59.

export const RECOVERY_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_LENGTH = 12;
export const RECOVERY_CODE_COUNT = 10;

/**
 * A recovery code from random bytes (at least RECOVERY_CODE_LENGTH of them). Each byte picks a letter; bytes
 * at or above the largest multiple of the alphabet's length are skipped so every letter is equally likely, and
 * null means there were not enough usable bytes (ask for more).
 */
export function recoveryCodeFrom(bytes: Uint8Array): string | null {
  const size = RECOVERY_CODE_ALPHABET.length;
  const limit = 256 - (256 % size);
  let code = '';
  for (const byte of bytes) {
    if (byte >= limit) continue;
    code += RECOVERY_CODE_ALPHABET[byte % size];
    if (code.length === RECOVERY_CODE_LENGTH) return code;
  }
  return null;
}

/** A code as typed (any case, spaces or dashes anywhere) as stored, or null when it cannot be a recovery code. */
export function normaliseRecoveryCode(typed: string): string | null {
  const code = typed.toLowerCase().replace(/[\s-]/g, '');
  if (code.length !== RECOVERY_CODE_LENGTH) return null;
  for (const letter of code) if (!RECOVERY_CODE_ALPHABET.includes(letter)) return null;
  return code;
}

/** How a code is shown: three groups of four. */
export function formatRecoveryCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

// ---------------------------------------------------------------------------------------------------------
// Authenticator-app codes: six digits, a new one every 30 seconds. People type them with spaces ("123 456").

export const TOTP_DIGITS = 6;

/** The code as typed without spaces, or null when it is not six digits. */
export function normaliseAuthenticatorCode(typed: string): string | null {
  const code = typed.replace(/\s/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

// ---------------------------------------------------------------------------------------------------------
// Lifetimes and limits.

/** How long after the right password the second step may be completed. */
export const SECOND_STEP_MINUTES = 5;
/** How long a passkey challenge (adding one, signing in, signing with one) may be answered. */
export const PASSKEY_CHALLENGE_SECONDS = 120;
/** Wrong second steps (codes, recovery codes, passkeys) per account before the second step is refused for a while. */
export const SECOND_STEP_LIMIT = { failures: 5, seconds: 15 * 60 } as const;
/** A passkey's name as the user gives it (or the one we give it). */
export const PASSKEY_NAME_MAX = 60;
