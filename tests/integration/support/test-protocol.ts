// The protocol the data-layer tests build their clinics with: a fixed, three-phase fixture (walking from day 0,
// four exercises at day 7 of which one is supervised, bridging at day 28), so a test of approving, signing
// off or advancing pins the mechanism, not the seeded clinical content, which clinics edit and
// prisma/data/catalog.ts keeps (tested in tests/unit/protocols.test.ts). Its exercises are catalog entries.
import type { SeedDosage, SeedProtocol } from '@/prisma/data/catalog';

function dose(d: Partial<SeedDosage>): SeedDosage {
  return {
    sets: d.sets ?? null,
    reps: d.reps ?? null,
    holdSeconds: d.holdSeconds ?? null,
    timesPerDay: d.timesPerDay ?? null,
    daysPerWeek: d.daysPerWeek ?? null,
    minutes: d.minutes ?? null,
    side: d.side ?? 'NONE',
  };
}

export const TEST_PROTOCOL: SeedProtocol = {
  name: 'Lumbar post-op (test fixture)',
  description:
    'Staged home exercise plan after lumbar spine surgery such as microdiscectomy or laminectomy. ' +
    'Each phase keeps the exercises from earlier phases and adds new ones. Move on only when the criteria are met ' +
    'and the earliest day has passed. Always follow the surgeon\'s specific restrictions, especially after a fusion.',
  phases: [
    {
      name: 'Protect and walk',
      earliestDay: 0,
      criteria: [],
      restrictions: { liftingKg: 3, bending: 'AVOID', twisting: 'AVOID', sittingMinutes: 45, driving: 'NO' },
      precautions:
        'Do not bend forward from your back, lift anything heavier than a full kettle (about 2–3 kg), or twist your back. ' +
        'Change position every 30–45 minutes — do not sit for longer than that at a time. ' +
        'Get in and out of bed by rolling onto your side in one piece, like a log. ' +
        'Walk little and often. No driving, housework like vacuuming, or sport until your surgeon says so. ' +
        'Keep your wound clean and dry.',
      exercises: [
        {
          name: 'Walking',
          mode: 'SELF_DIRECTED',
          dosage: dose({ minutes: 10, timesPerDay: 3, daysPerWeek: 7 }),
        },
      ],
    },
    {
      name: 'Gentle movement',
      earliestDay: 7,
      restrictions: { liftingKg: 3, bending: 'AVOID', twisting: 'AVOID', sittingMinutes: 45, driving: 'NO' },
      criteria: [
        'Walks 10 minutes without more leg pain',
        'Wound healing with no signs of infection',
        'Leg pain the same or less than before surgery',
        'Can get in and out of bed safely by rolling on to the side',
      ],
      precautions:
        'Still no bending forward from your back, lifting more than about 2–3 kg, or twisting. ' +
        'Keep changing position every 30–45 minutes. ' +
        'Exercises should feel easy to moderate — mild stretch or effort is fine, but sharp pain is not. ' +
        'Do not push into pain that spreads down your leg. ' +
        'Keep walking every day.',
      exercises: [
        {
          name: 'Hamstring stretch',
          mode: 'SELF_DIRECTED',
          dosage: dose({ sets: 1, reps: 3, holdSeconds: 30, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }),
        },
        {
          name: 'Knee flexion',
          mode: 'SELF_DIRECTED',
          dosage: dose({ sets: 1, reps: 10, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }),
        },
        {
          name: 'Pelvic tilt',
          mode: 'SELF_DIRECTED',
          dosage: dose({ sets: 1, reps: 10, holdSeconds: 5, timesPerDay: 2, daysPerWeek: 7 }),
        },
        {
          name: 'Lying march',
          mode: 'SUPERVISED',
          dosage: dose({ sets: 1, reps: 10, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }),
        },
      ],
    },
    {
      name: 'Build strength',
      earliestDay: 28,
      criteria: [
        'Does pelvic tilts and lying march without pain',
        'Walks 20–30 minutes at a time',
        'No new numbness or weakness in the legs',
        'Surgeon has cleared progression at follow-up',
      ],
      precautions:
        'Lift light items only, held close to your body, bending at your knees and hips rather than your back. ' +
        'No heavy lifting, running, or sport until your surgeon says so. ' +
        'Add one new exercise at a time. Some muscle tiredness is normal, but pain should settle by the next morning. ' +
        'If pain spreads down your leg, go back to the easier exercises and tell us.',
      exercises: [
        {
          name: 'Bridging',
          mode: 'SELF_DIRECTED',
          dosage: dose({ sets: 1, reps: 10, holdSeconds: 5, timesPerDay: 1, daysPerWeek: 7 }),
        },
      ],
    },
  ],
};
