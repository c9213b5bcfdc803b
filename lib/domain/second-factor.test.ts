import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatRecoveryCode,
  hasSecondFactor,
  isSecondFactorRequired,
  isStaffRole,
  mayRemoveFactor,
  mustEnrolSecondFactor,
  normaliseAuthenticatorCode,
  normaliseRecoveryCode,
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODE_LENGTH,
  recoveryCodeFrom,
} from './second-factor';
import type { Role } from './types';

const ROLES: Role[] = ['ADMIN', 'THERAPIST', 'SURGEON', 'PATIENT'];

describe('who must have a second factor', () => {
  it('is clinic staff, and only when their clinic requires it', () => {
    expect(ROLES.filter(isStaffRole)).toEqual(['ADMIN', 'THERAPIST', 'SURGEON']);
    for (const role of ['ADMIN', 'THERAPIST', 'SURGEON'] as const) {
      expect(isSecondFactorRequired({ role, clinicRequiresForStaff: true })).toBe(true);
      expect(isSecondFactorRequired({ role, clinicRequiresForStaff: false })).toBe(false);
    }
  });

  it('is never a patient', () => {
    expect(isSecondFactorRequired({ role: 'PATIENT', clinicRequiresForStaff: true })).toBe(false);
    expect(mustEnrolSecondFactor({ role: 'PATIENT', clinicRequiresForStaff: true, passkeys: 0, hasAuthenticatorApp: false })).toBe(false);
  });

  it('sends staff with no factor to enrol, and lets staff with either factor through', () => {
    const surgeon = { role: 'SURGEON' as const, clinicRequiresForStaff: true };
    expect(mustEnrolSecondFactor({ ...surgeon, passkeys: 0, hasAuthenticatorApp: false })).toBe(true);
    expect(mustEnrolSecondFactor({ ...surgeon, passkeys: 1, hasAuthenticatorApp: false })).toBe(false);
    expect(mustEnrolSecondFactor({ ...surgeon, passkeys: 0, hasAuthenticatorApp: true })).toBe(false);
    expect(mustEnrolSecondFactor({ ...surgeon, clinicRequiresForStaff: false, passkeys: 0, hasAuthenticatorApp: false })).toBe(false);
  });

  it('counts a passkey or an authenticator app as a factor', () => {
    expect(hasSecondFactor({ passkeys: 0, hasAuthenticatorApp: false })).toBe(false);
    expect(hasSecondFactor({ passkeys: 2, hasAuthenticatorApp: false })).toBe(true);
    expect(hasSecondFactor({ passkeys: 0, hasAuthenticatorApp: true })).toBe(true);
  });

  it('keeps the last factor of someone who must have one, and lets everyone else remove theirs', () => {
    const none = { passkeys: 0, hasAuthenticatorApp: false };
    expect(mayRemoveFactor({ role: 'THERAPIST', clinicRequiresForStaff: true }, none)).toBe(false);
    expect(mayRemoveFactor({ role: 'THERAPIST', clinicRequiresForStaff: true }, { passkeys: 1, hasAuthenticatorApp: false })).toBe(true);
    expect(mayRemoveFactor({ role: 'THERAPIST', clinicRequiresForStaff: false }, none)).toBe(true);
    expect(mayRemoveFactor({ role: 'PATIENT', clinicRequiresForStaff: true }, none)).toBe(true);
  });
});

describe('recovery codes', () => {
  it('are 12 letters of the alphabet without look-alikes', () => {
    expect(RECOVERY_CODE_ALPHABET).not.toMatch(/[01ilo]/);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (bytes) => {
        const code = recoveryCodeFrom(bytes);
        // 64 bytes hold at least 12 usable ones unless almost all are in the rejected top band.
        if (code === null) return bytes.filter((byte) => byte < 248).length < RECOVERY_CODE_LENGTH;
        return code.length === RECOVERY_CODE_LENGTH && [...code].every((letter) => RECOVERY_CODE_ALPHABET.includes(letter));
      }),
    );
  });

  it('skip bytes that would make some letters likelier, and say when bytes run out', () => {
    expect(recoveryCodeFrom(new Uint8Array([255, 248, ...Array(12).fill(0)]))).toBe('a'.repeat(12));
    expect(recoveryCodeFrom(new Uint8Array(Array(11).fill(1)))).toBeNull();
    expect(recoveryCodeFrom(new Uint8Array(Array(20).fill(250)))).toBeNull();
  });

  it('are shown in three groups of four and read back however they are typed', () => {
    expect(formatRecoveryCode('k7mq2xrd9fwp')).toBe('k7mq-2xrd-9fwp');
    expect(normaliseRecoveryCode('k7mq-2xrd-9fwp')).toBe('k7mq2xrd9fwp');
    expect(normaliseRecoveryCode(' K7MQ 2XRD 9FWP ')).toBe('k7mq2xrd9fwp');
    expect(normaliseRecoveryCode('k7mq2xrd9fwp')).toBe('k7mq2xrd9fwp');
  });

  it('refuse what cannot be a code', () => {
    expect(normaliseRecoveryCode('')).toBeNull();
    expect(normaliseRecoveryCode('k7mq-2xrd-9fw')).toBeNull();
    expect(normaliseRecoveryCode('k7mq-2xrd-9fwpp')).toBeNull();
    expect(normaliseRecoveryCode('k7mq-2xrd-9fw0')).toBeNull();
    expect(normaliseRecoveryCode('k7mq-2xrd-9fw!')).toBeNull();
    expect(normaliseRecoveryCode('123456')).toBeNull();
  });

  it('survive being shown and typed back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.boolean(), (bytes, upper) => {
        const code = recoveryCodeFrom(bytes);
        if (code === null) return true;
        const shown = formatRecoveryCode(code);
        return normaliseRecoveryCode(upper ? shown.toUpperCase() : shown) === code;
      }),
    );
  });
});

describe('authenticator-app codes', () => {
  it('are six digits, spaces allowed', () => {
    expect(normaliseAuthenticatorCode('123456')).toBe('123456');
    expect(normaliseAuthenticatorCode('123 456')).toBe('123456');
    expect(normaliseAuthenticatorCode(' 012345 ')).toBe('012345');
  });

  it('refuse anything else', () => {
    for (const typed of ['', '12345', '1234567', '12a456', '１２３４５６', '123-456']) expect(normaliseAuthenticatorCode(typed)).toBeNull();
  });
});
