import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from './calendar';
import {
  conflictWarning,
  isInForce,
  phaseRestrictionsOf,
  restrictedLoads,
  restrictionSentence,
  restrictionsInForce,
  restrictionsOfPhase,
  type Restriction,
} from './restrictions';

const today = new Date('2026-11-27T00:00:00Z');
const phase3 = { id: 'p3', position: 3, name: 'More movement' };
const lifting = (limit: number, extra: Partial<Restriction> = {}): Restriction => ({ kind: 'LIFTING', isAllowed: false, limit, unit: 'KG', untilDate: null, untilPhase: null, ...extra });
const avoid = (kind: Restriction['kind'], extra: Partial<Restriction> = {}): Restriction => ({ kind, isAllowed: false, limit: null, unit: null, untilDate: null, untilPhase: null, ...extra });
const early = { liftingKg: 4, bending: 'AVOID', twisting: 'AVOID', sittingMinutes: 30, driving: 'NO' } as const;

describe('restrictions in force', () => {
  it('are the phase defaults until the surgeon orders, then the order alone', () => {
    expect(restrictionsInForce({ order: null, phaseDefaults: early, today, currentPhasePosition: 1 }).source).toBe('PROTOCOL');
    const ordered = restrictionsInForce({ order: [lifting(5)], phaseDefaults: early, today, currentPhasePosition: 1 });
    expect(ordered).toEqual({ source: 'SURGEON', restrictions: [lifting(5)] });
  });

  it('end on their date or when the plan reaches their phase, and are then lifted, not replaced by defaults', () => {
    const byDate = lifting(5, { untilDate: addDays(today, 1) });
    expect(isInForce(byDate, { today, currentPhasePosition: 1 })).toBe(true);
    expect(isInForce(byDate, { today: addDays(today, 1), currentPhasePosition: 1 })).toBe(false);
    const byPhase = avoid('BENDING', { untilPhase: phase3 });
    expect(isInForce(byPhase, { today, currentPhasePosition: 2 })).toBe(true);
    expect(isInForce(byPhase, { today, currentPhasePosition: 3 })).toBe(false);
    expect(restrictionsInForce({ order: [byDate], phaseDefaults: early, today: addDays(today, 5), currentPhasePosition: 1 }).restrictions).toEqual([]);
  });

  it('read a phase’s stored defaults, and nothing from rubbish', () => {
    expect(phaseRestrictionsOf(early)).toEqual(early);
    expect(phaseRestrictionsOf('nonsense')).toEqual({ liftingKg: null, bending: 'ALLOWED', twisting: 'ALLOWED', sittingMinutes: null, driving: 'ALLOWED' });
    expect(restrictedLoads(restrictionsOfPhase(phaseRestrictionsOf({})))).toEqual([]);
  });
});

describe('conflicts with what an exercise loads', () => {
  const inForce = { source: 'SURGEON' as const, restrictions: [lifting(5), avoid('TWISTING')] };

  it('warn about an exercise that loads a restricted movement, naming it', () => {
    expect(conflictWarning({ name: 'Bird dog', loads: ['TWISTING', 'LUMBAR_EXTENSION'] }, inForce)).toBe("Bird dog loads twisting, which the surgeon's orders rule out for now.");
    expect(conflictWarning({ name: 'Lifting practice', loads: ['LIFTING', 'BENDING'] }, inForce)).toBe("Lifting practice loads lifting, which the surgeon's orders rule out for now.");
  });

  it('say nothing for an exercise that fits', () => {
    expect(conflictWarning({ name: 'Walking', loads: [] }, inForce)).toBeNull();
    expect(conflictWarning({ name: 'Bridging', loads: ['LUMBAR_EXTENSION'] }, inForce)).toBeNull();
  });

  it('never warn when nothing is restricted, and always when every load is', () => {
    const load = fc.constantFrom('BENDING', 'LIFTING', 'TWISTING', 'LUMBAR_EXTENSION' as const);
    fc.assert(
      fc.property(fc.array(load, { minLength: 1 }), (loads) => {
        expect(conflictWarning({ name: 'X', loads }, { source: 'PROTOCOL', restrictions: [] })).toBeNull();
        const all = { source: 'SURGEON' as const, restrictions: [lifting(0), avoid('BENDING'), avoid('TWISTING')] };
        expect(conflictWarning({ name: 'X', loads }, all) === null).toBe(loads.every((entry) => entry === 'LUMBAR_EXTENSION'));
      }),
    );
  });
});

describe('restrictionSentence', () => {
  it('says each restriction in a short sentence of its own', () => {
    expect(restrictionSentence(lifting(5, { untilDate: new Date('2026-12-18T00:00:00Z') }), today)).toBe('Do not lift more than 5 kg until Fri 18 Dec.');
    expect(restrictionSentence(lifting(10, { unit: 'LB' }), today)).toBe('Do not lift more than 10 pounds.');
    expect(restrictionSentence(avoid('BENDING', { untilPhase: phase3 }), today)).toBe('Do not bend forward at the waist until you reach phase 3.');
    expect(restrictionSentence({ ...avoid('SITTING'), limit: 30, unit: 'MINUTES' }, today)).toBe('Do not sit for more than 30 minutes at a time.');
    expect(restrictionSentence(avoid('DRIVING'), today)).toBe('Do not drive.');
    expect(restrictionSentence(avoid('TWISTING'), today)).toBe('Do not twist your back.');
  });
});
