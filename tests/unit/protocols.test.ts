// The seeded protocols: phase order and timing, entry criteria, where each exercise sits, and that no
// home exercise of the early phases loads what the phase's own restrictions forbid.
// The sources behind each of these are in docs/clinical-basis.md.
import { EXERCISE_LOADS, restrictedLoads, restrictionsOfPhase, type PhaseRestrictions } from '@/lib/domain/restrictions';
import { describe, expect, it } from 'vitest';
import { dosageProblems } from '@/lib/domain/dosage';
import {
  DECOMPRESSION_PROTOCOL,
  EXERCISES,
  FUSION_PROTOCOL,
  PROTOCOLS,
  type CatalogExercise,
  type CatalogProtocol,
  type SeedRestrictions,
} from '@/prisma/data/catalog';

const byName = new Map(EXERCISES.map((exercise) => [exercise.name, exercise]));

function exercise(name: string): CatalogExercise {
  const found = byName.get(name);
  if (!found) throw new Error(`Not in the catalogue: ${name}`);
  return found;
}

/** Every placement of a protocol, with the phase it is in. */
function placements(protocol: CatalogProtocol) {
  return protocol.phases.flatMap((phase, index) => phase.exercises.map((entry) => ({ ...entry, phase, phaseNumber: index + 1, exercise: exercise(entry.name) })));
}

// Limits of the protocol editor (lib/schemas/protocol.ts), so the seed is something a clinic could have typed.
const CRITERION_MAX_CHARACTERS = 200;
const CRITERIA_MAX = 20;
const PHASE_NAME_MAX = 25;

const NO_NEW_DEFICIT = /no new numbness or weakness/i;
/** A leg-pain line that sends unchanged or worse nerve pain to the surgeon instead of passing it. */
function routesLegPainToSurgeon(criterion: string): boolean {
  return /leg/i.test(criterion) && /pain/i.test(criterion) && /(same|unchanged) or worse/i.test(criterion) && /surgeon/i.test(criterion) && /(do not|don't) advance|refer/i.test(criterion);
}

/** The loads a phase's default restrictions rule out (lib/domain/restrictions.ts). */
const restrictedLoadsOf = (restrictions: PhaseRestrictions) => restrictedLoads(restrictionsOfPhase(restrictions));

describe('the two protocols', () => {
  it('are the decompression and the fusion protocol, with their names', () => {
    expect(PROTOCOLS.map((protocol) => protocol.name)).toEqual(['Lumbar decompression (microdiscectomy, laminectomy)', 'Lumbar fusion']);
  });

  it('pin the decompression phases, in order, with their earliest days', () => {
    expect(DECOMPRESSION_PROTOCOL.phases.map((phase) => [phase.name, phase.earliestDay])).toEqual([
      ['Protect and walk', 0],
      ['Gentle movement', 7],
      ['More movement', 14],
      ['Build strength', 28],
      ['Back to full activity', 84],
    ]);
  });

  it('pin the fusion phases, in order, with their earliest days', () => {
    expect(FUSION_PROTOCOL.phases.map((phase) => [phase.name, phase.earliestDay])).toEqual([
      ['Protect the fusion', 0],
      ['Start stabilising', 42],
      ['Build strength', 84],
      ['Back to full activity', 182],
    ]);
  });
});

describe.each(PROTOCOLS.map((protocol) => [protocol.name, protocol] as const))('%s', (_name, protocol) => {
  it('has four phases or more, from day 0 to day 84 or later, never going back in time', () => {
    expect(protocol.phases.length).toBeGreaterThanOrEqual(4);
    expect(protocol.phases[0]?.earliestDay).toBe(0);
    expect(Math.max(...protocol.phases.map((phase) => phase.earliestDay))).toBeGreaterThanOrEqual(84);
    protocol.phases.forEach((phase, index) => {
      const previous = protocol.phases[index - 1];
      if (previous) expect(phase.earliestDay, phase.name).toBeGreaterThanOrEqual(previous.earliestDay);
    });
  });

  it('has short, distinct phase names', () => {
    const names = protocol.phases.map((phase) => phase.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name.length, name).toBeLessThanOrEqual(PHASE_NAME_MAX);
  });

  it('has no entry criteria for phase 1, and from phase 2 on a "no new numbness or weakness" line and a leg-pain line that sends unchanged or worse pain to the surgeon', () => {
    expect(protocol.phases[0]?.criteria).toEqual([]);
    for (const phase of protocol.phases.slice(1)) {
      expect(phase.criteria.some((criterion) => NO_NEW_DEFICIT.test(criterion)), phase.name).toBe(true);
      expect(phase.criteria.some(routesLegPainToSurgeon), phase.name).toBe(true);
      // Nothing may pass unchanged nerve pain, as "the same or less than before surgery" did.
      for (const criterion of phase.criteria) expect(criterion, phase.name).not.toMatch(/same or less/i);
    }
  });

  it('has criteria the protocol editor would accept: distinct, at most 200 characters, at most 20 a phase', () => {
    for (const phase of protocol.phases) {
      expect(phase.criteria.length, phase.name).toBeLessThanOrEqual(CRITERIA_MAX);
      expect(new Set(phase.criteria).size, phase.name).toBe(phase.criteria.length);
      for (const criterion of phase.criteria) {
        expect(criterion.trim(), phase.name).toBe(criterion);
        expect(criterion.length, criterion).toBeLessThanOrEqual(CRITERION_MAX_CHARACTERS);
      }
    }
  });

  it('has precautions for every phase that leave the numbers to the plan (defaults or the surgeon’s orders)', () => {
    for (const phase of protocol.phases) {
      expect(phase.precautions.trim(), phase.name).not.toBe('');
      // A lifting, sitting or driving limit written into the text would contradict a surgeon's order.
      expect(phase.precautions, phase.name).not.toMatch(/[0-9]|\b(kg|kilo|pound|lb|minute|hour)s?\b|kettle/i);
      if (restrictedLoadsOf(phase.restrictions).length > 0) expect(phase.precautions, phase.name).toMatch(/your plan/);
    }
  });

  it('names only catalogue exercises, each placed once, with a valid dosage', () => {
    const names = placements(protocol).map((entry) => entry.name);
    for (const name of names) expect(byName.has(name), name).toBe(true);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
    for (const entry of placements(protocol)) expect(dosageProblems(entry.dosage), entry.name).toEqual([]);
  });

  it('starts with walking, ankle pumps, quadriceps and gluteal sets, abdominal bracing and breathing, all at home', () => {
    const first = protocol.phases[0]?.exercises ?? [];
    for (const name of ['Walking', 'Ankle pumps', 'Quad sets', 'Gluteal squeeze', 'Abdominal bracing', 'Diaphragmatic breathing']) {
      expect(first.find((entry) => entry.name === name)?.mode, name).toBe('SELF_DIRECTED');
    }
  });

  it('teaches the tummy brace in a phase before any exercise that asks for it', () => {
    const bracing = placements(protocol).find((entry) => entry.name === 'Abdominal bracing');
    expect(bracing).toBeDefined();
    for (const entry of placements(protocol)) {
      if (entry.name === 'Abdominal bracing' || !/tummy brace/i.test(entry.exercise.instructions)) continue;
      expect(entry.phaseNumber, entry.name).toBeGreaterThan(bracing?.phaseNumber ?? Infinity);
    }
  });

  it('makes self-directed only what the catalogue marks safe to do alone', () => {
    for (const entry of placements(protocol)) {
      if (entry.mode === 'SELF_DIRECTED') expect(entry.exercise.isSafeUnsupervised, entry.name).toBe(true);
    }
  });

  it('gives no home exercise of phase 1 or 2 a load that the phase’s own restrictions forbid', () => {
    for (const phase of protocol.phases.slice(0, 2)) {
      const restricted = restrictedLoadsOf(phase.restrictions);
      for (const entry of phase.exercises) {
        if (entry.mode !== 'SELF_DIRECTED') continue;
        expect(exercise(entry.name).loads.filter((load) => restricted.includes(load)), `${phase.name}: ${entry.name}`).toEqual([]);
      }
    }
  });

  it('forbids bending, lifting and twisting by default in phase 1, and only relaxes restrictions as phases go on', () => {
    const first = protocol.phases[0]?.restrictions;
    expect(first && restrictedLoadsOf(first).sort()).toEqual(['BENDING', 'LIFTING', 'TWISTING']);
    expect(first?.driving).toBe('NO');
    const limit = (value: number | null) => value ?? Infinity;
    const asStrict = (r: SeedRestrictions) => [limit(r.liftingKg), r.bending === 'ALLOWED' ? 1 : 0, r.twisting === 'ALLOWED' ? 1 : 0, limit(r.sittingMinutes), r.driving === 'ALLOWED' ? 1 : 0];
    protocol.phases.forEach((phase, index) => {
      const previous = protocol.phases[index - 1];
      if (!previous) return;
      asStrict(phase.restrictions).forEach((value, field) => expect(value, `${phase.name}, field ${field}`).toBeGreaterThanOrEqual(asStrict(previous.restrictions)[field] ?? 0));
    });
    const last = protocol.phases.at(-1)?.restrictions;
    expect(last && restrictedLoadsOf(last)).toEqual([]);
  });
});

describe('the fusion protocol', () => {
  const fusion = placements(FUSION_PROTOCOL);

  it('starts stabilisation and strength work no earlier than 6 weeks', () => {
    for (const entry of fusion) {
      if (entry.exercise.purpose === 'STRENGTH' || entry.exercise.purpose === 'STABILISATION') expect(entry.phase.earliestDay, entry.name).toBeGreaterThanOrEqual(42);
    }
    expect(fusion.some((entry) => entry.exercise.purpose === 'STABILISATION' && entry.phase.earliestDay === 42)).toBe(true);
  });

  it('has nothing before 6 weeks that bends, arches or twists the back, at home or in clinic', () => {
    for (const entry of fusion.filter((candidate) => candidate.phase.earliestDay < 42)) {
      expect(entry.exercise.loads, entry.name).toEqual([]);
    }
  });

  it('keeps lifting to about 2 kg, with no bending or twisting, for the first 6 weeks', () => {
    expect(FUSION_PROTOCOL.phases[0]?.restrictions).toMatchObject({ liftingKg: 2, bending: 'AVOID', twisting: 'AVOID', driving: 'NO' });
  });

  it('moves the back (pelvic tilt, lying on the stomach, bird dog) only from 12 weeks', () => {
    for (const name of ['Pelvic tilt', 'Prone lying', 'Bird dog']) {
      expect(fusion.find((entry) => entry.name === name)?.phase.earliestDay, name).toBeGreaterThanOrEqual(84);
    }
  });
});

describe('the decompression protocol', () => {
  const decompression = placements(DECOMPRESSION_PROTOCOL);

  it('starts the hamstring stretch from 2 weeks, supervised, not as day-7 home work', () => {
    const hamstring = decompression.find((entry) => entry.name === 'Hamstring stretch');
    expect(hamstring?.phase.earliestDay).toBeGreaterThanOrEqual(14);
    expect(hamstring?.mode).toBe('SUPERVISED');
  });

  it('keeps the demo story: Knee flexion is home work of phase 2, Bridging comes with phase 3', () => {
    expect(decompression.find((entry) => entry.name === 'Knee flexion')).toMatchObject({ phaseNumber: 2, mode: 'SELF_DIRECTED' });
    expect(decompression.find((entry) => entry.name === 'Bridging')).toMatchObject({ phaseNumber: 3 });
  });
});

describe('the catalogue', () => {
  // Other code and tests look these up by name: they stay.
  const ORIGINAL_NAMES = [
    'Walking', 'Stationary bike', 'Hamstring stretch', 'Gentle piriformis stretch', 'Ankle pumps', 'Knee flexion', 'Pelvic tilt', 'Diaphragmatic breathing',
    'Prone lying', 'Abdominal bracing', 'Lying march', 'Gluteal squeeze', 'Quad sets', 'Bridging', 'Side-lying clam', 'Seated knee extension', 'Sit to stand',
    'Standing hip abduction', 'Standing hip extension', 'Calf raises', 'Mini squats', 'Wall sit', 'Bird dog',
  ];

  it('keeps every original exercise name, and names are unique', () => {
    for (const name of ORIGINAL_NAMES) expect(byName.has(name), name).toBe(true);
    expect(byName.size).toBe(EXERCISES.length);
  });

  it('places every exercise in a phase, or marks it as part of neither protocol', () => {
    const placed = new Set(PROTOCOLS.flatMap((protocol) => placements(protocol).map((entry) => entry.name)));
    for (const candidate of EXERCISES) {
      expect(placed.has(candidate.name), `${candidate.name} is ${candidate.protocolUse}`).toBe(candidate.protocolUse === 'PHASED');
    }
    expect(EXERCISES.filter((candidate) => candidate.protocolUse === 'NOT_IN_PROTOCOL').map((candidate) => candidate.name)).toEqual(['Sciatic nerve glide']);
  });

  it('gives every exercise a plain name, known loads, and a valid default dosage', () => {
    for (const candidate of EXERCISES) {
      expect(candidate.patientName.trim(), candidate.name).not.toBe('');
      expect(new Set(candidate.loads).size, candidate.name).toBe(candidate.loads.length);
      for (const load of candidate.loads) expect(EXERCISE_LOADS, candidate.name).toContain(load);
      expect(dosageProblems(candidate.dosage), candidate.name).toEqual([]);
    }
  });

  it('tags what the flagged exercises load', () => {
    expect(exercise('Pelvic tilt').loads).toEqual(['BENDING']);
    expect(exercise('Bridging').loads).toEqual(['LUMBAR_EXTENSION']);
    expect(exercise('Prone lying').loads).toEqual(['LUMBAR_EXTENSION']);
    expect(exercise('Bird dog').loads).toEqual(['LUMBAR_EXTENSION', 'TWISTING']);
    expect(exercise('Lifting practice').loads).toEqual(['LIFTING', 'BENDING']);
    expect(exercise('Walking').loads).toEqual([]);
  });

  it('measures in everyday terms, not centimetres or feet, and Bridging starts with a small lift', () => {
    for (const candidate of EXERCISES) expect(candidate.instructions, candidate.name).not.toMatch(/\b(centimet|millimet|inch|inches|foot in front|a foot\b|feet in front of you)/i);
    expect(exercise('Bridging').instructions).toMatch(/hand’s width/);
    expect(exercise('Bridging').instructions).not.toMatch(/straight line/i);
  });
});
