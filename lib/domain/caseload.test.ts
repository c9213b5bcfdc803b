import { describe, expect, it } from 'vitest';
import { addDays } from './calendar';
import { assessCaseloadPatient, type CaseloadFacts } from './caseload';

const today = new Date('2026-11-27T12:00:00Z');
const surgeryDate = addDays(today, -10);
const phases = [
  { id: 'p1', position: 1, name: 'Protect', earliestDay: 0, criteria: [] },
  { id: 'p2', position: 2, name: 'Move', earliestDay: 7, criteria: ['Walks 10 minutes'] },
];
const walking = { itemId: 'i1', exerciseId: 'walk', mode: 'SELF_DIRECTED' as const, contentHash: 'h-walk', timesPerDay: 1, daysPerWeek: 7 };

function facts(overrides: Partial<CaseloadFacts> = {}): CaseloadFacts {
  return {
    surgeryDate,
    phases,
    approved: [{ number: 1, phaseId: 'p1', items: [walking] }],
    hasDraft: false,
    signOffs: [{ contentHash: 'h-walk', status: 'SIGNED' }],
    recentSessions: [],
    painReadings: [],
    ...overrides,
  };
}

describe('assessCaseloadPatient', () => {
  it('names the current phase and the day since surgery', () => {
    const assessment = assessCaseloadPatient(facts(), today);
    expect(assessment.phase?.name).toBe('Protect');
    expect(assessment.daysSinceSurgery).toBe(10);
  });

  it('is ready to advance once the next phase has opened and no draft waits', () => {
    expect(assessCaseloadPatient(facts(), today).flags).toEqual(['READY_TO_ADVANCE']);
    expect(assessCaseloadPatient(facts({ hasDraft: true }), today).flags).toEqual(['DRAFT_WAITING']);
    expect(assessCaseloadPatient(facts({ surgeryDate: addDays(today, -3) }), today).flags).toEqual([]);
  });

  it('flags home exercises waiting for or declined by the surgeon', () => {
    expect(assessCaseloadPatient(facts({ signOffs: [{ contentHash: 'h-walk', status: 'PENDING' }] }), today).flags).toContain('WAITING_FOR_SURGEON');
    expect(assessCaseloadPatient(facts({ signOffs: [{ contentHash: 'h-walk', status: 'DECLINED' }] }), today).flags).toContain('DECLINED');
  });

  it('expects only what the patient can see: an unsigned home exercise is not counted', () => {
    const sessions = [{ exerciseId: 'walk', performedOn: today, completed: true, pain: 2 }];
    expect(assessCaseloadPatient(facts({ recentSessions: sessions }), today).adherence).toEqual({ completed: 1, expected: 7, percent: 14 });
    expect(assessCaseloadPatient(facts({ recentSessions: sessions, signOffs: [] }), today).adherence.expected).toBe(0);
  });

  it('takes the latest pain by the day it was done, then by when it was logged', () => {
    const assessment = assessCaseloadPatient(
      facts({
        painReadings: [
          { performedOn: addDays(today, -1), loggedAt: new Date('2026-11-27T08:00:00Z'), pain: 2 },
          { performedOn: addDays(today, -2), loggedAt: new Date('2026-11-27T09:00:00Z'), pain: 9 },
          { performedOn: addDays(today, -1), loggedAt: new Date('2026-11-27T07:00:00Z'), pain: 5 },
        ],
      }),
      today,
    );
    expect(assessment.latestPain).toBe(2);
    expect(assessment.flags).not.toContain('PAIN');
  });

  it('flags pain at the alert level', () => {
    const assessment = assessCaseloadPatient(facts({ painReadings: [{ performedOn: today, loggedAt: today, pain: 8 }] }), today);
    expect(assessment.flags).toContain('PAIN');
  });

  it('has no phase before a first plan is approved', () => {
    const assessment = assessCaseloadPatient(facts({ approved: [] }), today);
    expect(assessment.phase).toBeNull();
    expect(assessment.flags).toEqual([]);
  });
});
