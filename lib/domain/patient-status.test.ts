import { describe, expect, it } from 'vitest';
import { addDays } from './calendar';
import { assessPatientStatus, type StatusFacts } from './patient-status';

const today = new Date('2026-11-27T00:00:00Z');
const surgeryDate = addDays(today, -10);
const phases = [
  { id: 'p1', position: 1, name: 'Protect', earliestDay: 0, criteria: [] },
  { id: 'p2', position: 2, name: 'Move', earliestDay: 7, criteria: ['Walks 10 minutes'] },
];
const walking = { itemId: 'i1', exerciseId: 'walk', exerciseName: 'Walking', mode: 'SELF_DIRECTED' as const, contentHash: 'h-walk', timesPerDay: 1, daysPerWeek: 7 };

function facts(overrides: Partial<StatusFacts> = {}): StatusFacts {
  return {
    surgeryDate,
    phases,
    approved: [{ number: 1, phaseId: 'p1', approvedAt: surgeryDate, items: [walking] }],
    hasDraft: false,
    signOffs: [{ contentHash: 'h-walk', status: 'SIGNED', decidedAt: surgeryDate }],
    recentSessions: [],
    latestReading: null,
    loggedDays: [],
    openAlertKinds: [],
    ...overrides,
  };
}

let logged = 0;
const session = (daysAgo: number, back: number, leg: number | null = null, extra: { id?: string; correctsId?: string | null; completed?: boolean } = {}) => {
  logged += 1;
  return { id: extra.id ?? `s${logged}`, correctsId: extra.correctsId ?? null, exerciseId: 'walk', performedOn: addDays(today, -daysAgo), loggedAt: new Date(Date.UTC(2026, 10, 27, 1, 0, logged)), completed: extra.completed ?? true, back, leg };
};

describe('assessPatientStatus', () => {
  it('names the current phase and the day since surgery', () => {
    const status = assessPatientStatus(facts(), today);
    expect(status.phase?.name).toBe('Protect');
    expect(status.daysSinceSurgery).toBe(10);
    expect(status.homeExercises).toEqual(['Walking']);
  });

  it('is ready to advance once the next phase has opened and no draft waits', () => {
    expect(assessPatientStatus(facts(), today).flags).toEqual(['READY_TO_ADVANCE']);
    expect(assessPatientStatus(facts({ hasDraft: true }), today).flags).toEqual(['DRAFT_WAITING']);
    expect(assessPatientStatus(facts({ surgeryDate: addDays(today, -3) }), today).flags).toEqual([]);
  });

  it('flags home exercises waiting for or declined by the surgeon', () => {
    expect(assessPatientStatus(facts({ signOffs: [{ contentHash: 'h-walk', status: 'PENDING', decidedAt: null }] }), today).flags).toContain('WAITING_FOR_SURGEON');
    expect(assessPatientStatus(facts({ signOffs: [{ contentHash: 'h-walk', status: 'DECLINED', decidedAt: today }] }), today).flags).toContain('DECLINED');
  });

  it('puts open alerts first', () => {
    expect(assessPatientStatus(facts({ openAlertKinds: ['PAIN', 'WARNING_SIGN'] }), today).flags.slice(0, 2)).toEqual(['WARNING_SIGN', 'PAIN']);
  });

  it('expects only what the patient can see, from the day it was cleared', () => {
    const sessions = [session(0, 2)];
    expect(assessPatientStatus(facts({ recentSessions: sessions }), today).week).toEqual({ completed: 1, expected: 7, percent: 14 });
    expect(assessPatientStatus(facts({ recentSessions: sessions, signOffs: [] }), today).week.expected).toBe(0);
    const signedYesterday = [{ contentHash: 'h-walk', status: 'SIGNED' as const, decidedAt: addDays(today, -1) }];
    expect(assessPatientStatus(facts({ recentSessions: sessions, signOffs: signedYesterday }), today).week).toEqual({ completed: 1, expected: 2, percent: 50 });
  });

  it('does not count a log that was corrected', () => {
    const first = session(0, 2, null, { id: 'first', completed: true });
    const correction = session(0, 2, null, { correctsId: 'first', completed: false });
    expect(assessPatientStatus(facts({ recentSessions: [first, correction] }), today).week.completed).toBe(0);
  });

  it('takes the latest pain by the day it was done, then by when it was logged, however old', () => {
    const old = { performedOn: addDays(today, -40), loggedAt: addDays(today, -40), back: 6, leg: 2 };
    expect(assessPatientStatus(facts({ latestReading: old }), today).latest).toEqual(old);
    const status = assessPatientStatus(facts({ recentSessions: [session(2, 9), session(1, 5, 1), session(1, 2, 0)], latestReading: old }), today);
    expect(status.latest).toMatchObject({ back: 2, leg: 0 });
  });

  it('gives the pain trend of each region', () => {
    const status = assessPatientStatus(facts({ recentSessions: [session(10, 2, 5), session(2, 5, 2)] }), today);
    expect(status.trend).toEqual({ back: 'RISING', leg: 'FALLING' });
  });

  it('counts the days with data in this monitoring period', () => {
    const status = assessPatientStatus(facts({ loggedDays: [addDays(today, -1), addDays(today, -2), addDays(today, -40)] }), today);
    expect(status.monitoring).toMatchObject({ number: 1, dayOfPeriod: 11, daysWithData: 2 });
  });

  it('has no phase before a first plan is approved', () => {
    const status = assessPatientStatus(facts({ approved: [] }), today);
    expect(status.phase).toBeNull();
    expect(status.flags).toEqual([]);
  });
});
