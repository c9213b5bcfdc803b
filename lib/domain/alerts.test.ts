import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alertKindsSeenBy, alertsToRaise, PAIN_CAUSE, warningSignCause, warningSignOfCause } from './alerts';
import { WARNING_SIGN_CODES } from './warning-signs';

const high = [{ kind: 'HIGH' as const, region: 'BACK' as const, score: 8 }];

describe('alertsToRaise', () => {
  it('raises a pain alert for a pain flag and one alert per reported sign', () => {
    const raised = alertsToRaise({ painReasons: high, warningSigns: ['SADDLE_NUMBNESS', 'FEVER'], openCauses: new Set() });
    expect(raised.map((alert) => alert.cause)).toEqual([PAIN_CAUSE, 'SIGN:SADDLE_NUMBNESS', 'SIGN:FEVER']);
    expect(raised[0]).toEqual({ kind: 'PAIN', cause: PAIN_CAUSE, detail: { reasons: high } });
  });

  it('raises nothing for a cause that is already open: once per cause, not once per log', () => {
    expect(alertsToRaise({ painReasons: high, warningSigns: ['FEVER'], openCauses: new Set([PAIN_CAUSE, 'SIGN:FEVER']) })).toEqual([]);
  });

  it('raises nothing when there is nothing to look at', () => {
    expect(alertsToRaise({ painReasons: [], warningSigns: [], openCauses: new Set() })).toEqual([]);
  });

  it('never raises two alerts for one cause, nor one for an open cause', () => {
    const codes = fc.constantFrom(...WARNING_SIGN_CODES);
    fc.assert(
      fc.property(fc.array(codes), fc.array(codes), fc.boolean(), fc.boolean(), (reported, open, hasPain, painOpen) => {
        const openCauses = new Set<string>(open.map(warningSignCause));
        if (painOpen) openCauses.add(PAIN_CAUSE);
        const raised = alertsToRaise({ painReasons: hasPain ? high : [], warningSigns: reported, openCauses });
        const causes = raised.map((alert) => alert.cause);
        expect(new Set(causes).size).toBe(causes.length);
        for (const cause of causes) expect(openCauses.has(cause)).toBe(false);
        for (const code of reported) expect(causes.includes(warningSignCause(code)) || openCauses.has(warningSignCause(code))).toBe(true);
      }),
    );
  });
});

describe('warningSignOfCause', () => {
  it('reads the sign back from its cause, and nothing from a pain cause', () => {
    expect(warningSignOfCause(warningSignCause('CALF'))).toBe('CALF');
    expect(warningSignOfCause(PAIN_CAUSE)).toBeNull();
    expect(warningSignOfCause('SIGN:NOT_A_SIGN')).toBeNull();
  });
});

describe('alertKindsSeenBy', () => {
  it('shows therapists and the admin everything, the surgeon the warning signs, patients nothing', () => {
    expect(alertKindsSeenBy('THERAPIST')).toEqual(['PAIN', 'WARNING_SIGN']);
    expect(alertKindsSeenBy('ADMIN')).toEqual(['PAIN', 'WARNING_SIGN']);
    expect(alertKindsSeenBy('SURGEON')).toEqual(['WARNING_SIGN']);
    expect(alertKindsSeenBy('PATIENT')).toEqual([]);
  });
});
