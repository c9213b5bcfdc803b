import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MIN_EARLY_REASON_CHARACTERS, advanceProblems, phaseGate } from './phase-gate';
import { daysSinceSurgery } from './calendar';

const d = (iso: string): Date => new Date(iso);

// 1970..2100, any time of day.
const dateArb = fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms));

describe('phaseGate', () => {
  const phase = { earliestDay: 42, criteria: ['Walks 20 minutes', 'Pain under 4'] };
  const surgeryDate = d('2025-01-01');

  it('is early before the earliest day', () => {
    const gate = phaseGate({ surgeryDate, today: d('2025-02-01'), phase });
    expect(gate.earliestDate.toISOString()).toBe('2025-02-12T00:00:00.000Z');
    expect(gate.daysUntilEarliest).toBe(11);
    expect(gate.isEarly).toBe(true);
    expect(gate.criteria).toEqual(phase.criteria);
  });

  it('is not early on the earliest day itself', () => {
    const gate = phaseGate({ surgeryDate, today: d('2025-02-12T08:00:00Z'), phase });
    expect(gate.isEarly).toBe(false);
    expect(gate.daysUntilEarliest).toBe(0);
  });

  it('is early on the day before, whatever the hour', () => {
    const gate = phaseGate({ surgeryDate, today: d('2025-02-11T23:59:00Z'), phase });
    expect(gate.isEarly).toBe(true);
    expect(gate.daysUntilEarliest).toBe(1);
  });

  it('never counts days below zero after the earliest day', () => {
    const gate = phaseGate({ surgeryDate, today: d('2025-06-01'), phase });
    expect(gate.isEarly).toBe(false);
    expect(gate.daysUntilEarliest).toBe(0);
  });

  it('copies criteria so a caller cannot change the phase through the gate', () => {
    const criteria = ['A'];
    const gate = phaseGate({ surgeryDate, today: surgeryDate, phase: { earliestDay: 0, criteria } });
    gate.criteria.push('B');
    expect(criteria).toEqual(['A']);
  });

  it('is early exactly when days remain, for any dates', () => {
    fc.assert(
      fc.property(dateArb, dateArb, fc.integer({ min: 0, max: 400 }), (surgery, today, earliestDay) => {
        const gate = phaseGate({ surgeryDate: surgery, today, phase: { earliestDay, criteria: [] } });
        expect(gate.daysUntilEarliest).toBeGreaterThanOrEqual(0);
        expect(gate.isEarly).toBe(gate.daysUntilEarliest > 0);
        expect(gate.isEarly).toBe(daysSinceSurgery(surgery, today) < earliestDay);
      }),
    );
  });
});

describe('advanceProblems', () => {
  const criteria = ['Walks 20 minutes', 'Pain under 4'];
  const early = phaseGate({ surgeryDate: d('2025-01-01'), today: d('2025-01-10'), phase: { earliestDay: 42, criteria } });
  const onTime = phaseGate({ surgeryDate: d('2025-01-01'), today: d('2025-03-01'), phase: { earliestDay: 42, criteria } });

  it('needs no reason on or after the earliest day', () => {
    expect(advanceProblems({ gate: onTime, reason: null, criteriaMet: [] })).toEqual([]);
  });

  it('needs a reason when advancing early', () => {
    const problems = advanceProblems({ gate: early, reason: undefined, criteriaMet: criteria });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/33 days/);
  });

  it('rejects a reason that is too short once spaces are ignored', () => {
    expect(advanceProblems({ gate: early, reason: ' a b c d e f g h i ', criteriaMet: [] })).toHaveLength(1);
  });

  it('accepts a reason of exactly ten non-space characters', () => {
    expect(advanceProblems({ gate: early, reason: '  abcde fghij  ', criteriaMet: [] })).toEqual([]);
  });

  it('allows advancing without every criterion met', () => {
    expect(advanceProblems({ gate: onTime, reason: null, criteriaMet: ['Pain under 4'] })).toEqual([]);
  });

  it('reports an unknown criterion once', () => {
    expect(advanceProblems({ gate: onTime, reason: null, criteriaMet: ['Runs a marathon', 'Runs a marathon'] })).toEqual([
      '"Runs a marathon" is not one of this phase\'s criteria.',
    ]);
  });

  it('reports both a missing reason and an unknown criterion', () => {
    expect(advanceProblems({ gate: early, reason: 'soon', criteriaMet: ['Other'] })).toHaveLength(2);
  });

  it('accepts any early advance with a long enough reason and known criteria', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: MIN_EARLY_REASON_CHARACTERS }).filter((s) => s.replace(/\s/g, '').length >= MIN_EARLY_REASON_CHARACTERS),
        fc.subarray(criteria),
        (reason, met) => {
          expect(advanceProblems({ gate: early, reason, criteriaMet: met })).toEqual([]);
        },
      ),
    );
  });

  it('rejects any early advance with a blank-only reason', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\s*$/), (reason) => {
        expect(advanceProblems({ gate: early, reason, criteriaMet: [] }).length).toBe(1);
      }),
    );
  });
});
