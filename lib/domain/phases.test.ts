import { describe, expect, it } from 'vitest';
import { phaseChanges, phaseOrderProblem, phaseProgress } from './phases';

const phases = [
  { id: 'p1', position: 1, earliestDay: 0 },
  { id: 'p2', position: 2, earliestDay: 7 },
  { id: 'p3', position: 3, earliestDay: 28 },
];

describe('phaseProgress', () => {
  it('has neither a current nor a next phase before a plan is approved', () => {
    expect(phaseProgress(phases, null)).toEqual({ current: null, currentIndex: -1, next: null });
  });

  it('gives the phase after the current one', () => {
    expect(phaseProgress(phases, 'p1')).toEqual({ current: phases[0], currentIndex: 0, next: phases[1] });
  });

  it('has no next phase in the last phase', () => {
    expect(phaseProgress(phases, 'p3')).toEqual({ current: phases[2], currentIndex: 2, next: null });
  });

  it('does not guess when the current phase is not in the protocol', () => {
    expect(phaseProgress(phases, 'gone')).toEqual({ current: null, currentIndex: -1, next: null });
  });
});

describe('phaseOrderProblem', () => {
  it('accepts a day between its neighbours, the same day included', () => {
    expect(phaseOrderProblem({ position: 2, earliestDay: 7, previous: phases[0]!, next: phases[2]! })).toBeNull();
    expect(phaseOrderProblem({ position: 2, earliestDay: 28, previous: phases[0]!, next: phases[2]! })).toBeNull();
  });

  it('refuses a phase that starts before the one above it', () => {
    expect(phaseOrderProblem({ position: 3, earliestDay: 5, previous: phases[1]!, next: null })).toBe(
      "Phase 3 can't start before phase 2, which starts from day 7 after surgery. Use day 7 or later.",
    );
  });

  it('refuses a phase that starts after the one below it', () => {
    expect(phaseOrderProblem({ position: 1, earliestDay: 10, previous: null, next: phases[1]! })).toBe(
      "Phase 1 can't start after phase 2, which starts from day 7 after surgery. Use day 7 or earlier.",
    );
  });
});

describe('phaseChanges', () => {
  const at = (n: number) => new Date(Date.UTC(2026, 10, n));
  it('marks the first approved version and every move to another phase', () => {
    const changes = phaseChanges([
      { number: 3, approvedAt: at(12), phase: { position: 2, name: 'Move' } },
      { number: 1, approvedAt: at(1), phase: { position: 1, name: 'Protect' } },
      { number: 2, approvedAt: at(5), phase: { position: 1, name: 'Protect' } },
    ]);
    expect(changes).toEqual([
      { at: at(1), versionNumber: 1, position: 1, name: 'Protect' },
      { at: at(12), versionNumber: 3, position: 2, name: 'Move' },
    ]);
  });
});
