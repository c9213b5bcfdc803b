// The readability gate: every patient-facing text the product ships reads at Flesch-Kincaid grade 6 or
// below, each as the patient reads it in one piece. The texts are listed in ./readability/patient-texts.ts.
import { describe, expect, it } from 'vitest';
import { WARNING_SIGNS, signWithAction } from '@/lib/domain/warning-signs';
import { EXERCISES, PROTOCOLS } from '@/prisma/data/catalog';
import { MAX_GRADE, describeGrade, fleschKincaid } from './readability/grade';
import { PATIENT_TEXTS } from './readability/patient-texts';

describe('the readability package', () => {
  it('matches a hand count on one sentence, apart from its rounding of the averages', () => {
    // Loop(1) a(1) tow-el(2) a-round(2) one(1) foot(1) and(1) slow-ly(2) lift(1) that(1) leg(1) up(1):
    // 12 words, 15 syllables, 1 sentence. By hand: 0.39 × 12 + 11.8 × 15/12 − 15.59 = 3.84.
    // The package rounds 15/12 = 1.25 to 1.3 first, so it says 4.4.
    const g = fleschKincaid('Loop a towel around one foot and slowly lift that leg up.');
    expect([g.words, g.sentences, g.syllables]).toEqual([12, 1, 15]);
    expect(g.unrounded).toBeCloseTo(3.84, 2);
    expect(g.library).toBe(4.4);
    expect(g.grade).toBe(4.4);
  });

  it('scores long words up: "Call emergency services now." is above grade 6, "Call 911 now." is not', () => {
    expect(fleschKincaid('Call emergency services now.').grade).toBeGreaterThan(MAX_GRADE);
    expect(fleschKincaid('Call 911 now.').grade).toBeLessThanOrEqual(MAX_GRADE);
  });
});

describe('the table of patient-facing texts', () => {
  it('holds every exercise, every phase of both protocols and every warning sign', () => {
    const names = PATIENT_TEXTS.map(([name]) => name);
    expect(names.filter((name) => name.endsWith(': steps'))).toHaveLength(EXERCISES.length);
    expect(names.filter((name) => name.endsWith(': patient name'))).toHaveLength(EXERCISES.length);
    expect(names.filter((name) => name.endsWith(': precautions'))).toHaveLength(PROTOCOLS.reduce((n, protocol) => n + protocol.phases.length, 0));
    expect(names.filter((name) => name.startsWith('Warning sign '))).toHaveLength(WARNING_SIGNS.length);
    expect(names.some((name) => name.endsWith('the whole notice'))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    for (const [name, text] of PATIENT_TEXTS) expect(text.trim(), name).not.toBe('');
  });
});

describe(`every patient-facing text reads at grade ${MAX_GRADE} or below`, () => {
  it.each(PATIENT_TEXTS)('%s', (name, text) => {
    const g = fleschKincaid(text);
    expect(g.grade, `${name} reads at ${describeGrade(g)}, above grade ${MAX_GRADE}:\n${text}`).toBeLessThanOrEqual(MAX_GRADE);
  });
});

describe('each warning sign with its action, alone, whatever the emergency number', () => {
  const numbers = ['911', '999', '112', '000'];
  it.each(WARNING_SIGNS.flatMap((sign) => numbers.map((emergencyNumber) => [sign.code, emergencyNumber, signWithAction(sign, { emergencyNumber })] as const)))(
    '%s with %s',
    (code, emergencyNumber, text) => {
      const g = fleschKincaid(text);
      expect(g.grade, `Warning sign ${code} (${emergencyNumber}) reads at ${describeGrade(g)}:\n${text}`).toBeLessThanOrEqual(MAX_GRADE);
    },
  );
});
