import type { ExerciseLoad, PhaseRestrictions } from '@/lib/domain/restrictions';

// Clinical seed content for Regimen: the exercise catalogue and two post-operative lumbar protocols
// (decompression, fusion). Pure data, no runtime imports. Written for Regimen; not copied from any
// brochure or website. The published source behind every phase timing, criterion, precaution,
// default restriction and exercise placement is listed in docs/clinical-basis.md. These are starting
// points: each clinic edits them for its own surgeons, and a surgeon's orders replace the defaults.
//
// Patient-facing text (patientName, instructions, phase precautions) stays at grade 6 or below by
// Flesch-Kincaid, checked by tests/unit/readability.test.ts. Criteria and therapist notes are for
// clinicians.

export type SeedSide = 'NONE' | 'LEFT' | 'RIGHT' | 'EACH' | 'BOTH';
export type SeedCategory = 'CARDIO' | 'STRETCHING' | 'MOBILITY' | 'STRENGTHENING';
export type SeedMode = 'SUPERVISED' | 'SELF_DIRECTED';
export type SeedDosage = {
  sets: number | null;
  reps: number | null;
  holdSeconds: number | null;
  timesPerDay: number | null;
  daysPerWeek: number | null;
  minutes: number | null;
  side: SeedSide;
};

/**
 * What an exercise loads in the lower back, for checking it against a surgeon's restrictions:
 * BENDING: rounds the lower back forward (lumbar flexion), or bends forward to reach or lift.
 * LIFTING: lifts or carries a load.
 * TWISTING: rotates the lower back, or has to resist a twist (as on hands and knees with a limb raised).
 * LUMBAR_EXTENSION: arches the lower back, or works the back muscles that arch it against gravity.
 */
export type SeedLoad = ExerciseLoad;

/**
 * What an exercise is for. The fusion protocol starts STRENGTH and STABILISATION work no earlier than
 * six weeks; CIRCULATION, BREATHING and ACTIVATION (holding a muscle tight without moving the spine)
 * start on day 0 in both protocols.
 */
export type SeedPurpose =
  | 'CIRCULATION'
  | 'BREATHING'
  | 'ACTIVATION'
  | 'FITNESS'
  | 'FUNCTION'
  | 'MOBILITY'
  | 'STRETCH'
  | 'STRENGTH'
  | 'STABILISATION';

/**
 * PHASED: placed in a phase of at least one seeded protocol (tests/unit/protocols.test.ts checks it is).
 * NOT_IN_PROTOCOL: in the catalogue for a therapist to add to one patient's plan, never seeded into a
 * protocol; the therapist notes say why.
 */
export type SeedProtocolUse = 'PHASED' | 'NOT_IN_PROTOCOL';

/**
 * A catalogue entry as the factories and tests build one. The clinical fields added for the two
 * protocols are optional here so hand-made test entries stay valid; every entry of EXERCISES has them
 * (CatalogExercise).
 */
export type SeedExercise = {
  name: string; // clinical name, unique in the catalogue
  patientName?: string; // what the patient reads; plain words (may equal name when it is already plain)
  instructions: string; // patient-facing steps, one step per line ("\n"-separated), no numbering prefix
  therapistNotes: string; // for clinicians: progressions, cautions, what to watch for
  category: SeedCategory;
  bodyRegion: string;
  position: string;
  equipment: string; // '' if none
  isSafeUnsupervised: boolean; // safe for a patient to do at home alone by default
  dosage: SeedDosage; // default dosage
  loads?: SeedLoad[]; // what it loads in the lower back; [] when it keeps the spine still and unloaded
  purpose?: SeedPurpose;
  protocolUse?: SeedProtocolUse;
};

/** A standard catalogue entry: every clinical field present. */
export type CatalogExercise = SeedExercise & {
  patientName: string;
  loads: SeedLoad[];
  purpose: SeedPurpose;
  protocolUse: SeedProtocolUse;
};

/** Builds a dosage with every field explicit (null unless given). */
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

/** Joins patient steps into the one-step-per-line format. */
function steps(...lines: string[]): string {
  return lines.join('\n');
}

/** The step that ends most exercises: nerve pain spreading down the leg means stop. */
const STOP_IF_LEG_PAIN = 'Stop if pain spreads down your leg.';

export const EXERCISES: readonly CatalogExercise[] = [
  // ---------------------------------------------------------------- Cardio
  {
    name: 'Walking',
    patientName: 'Daily walks',
    instructions: steps(
      'Wear flat shoes with good grip. Walk on flat ground.',
      'Stand tall and let your arms swing.',
      'Walk at an easy pace. You should still be able to talk.',
      'Add a minute or two each day if you feel fine the next morning.',
      'Stop and rest if pain spreads down your leg.',
    ),
    therapistNotes:
      'Cornerstone of early lumbar post-op rehab after decompression and fusion; begin day 0–1. Short, frequent bouts rather than one long walk. ' +
      'Progress duration by 1–5 min per bout as tolerated, aiming for 20–30 min continuous by 4–6 weeks after decompression and about 30 min by 6 weeks after fusion. ' +
      'Flat ground first; add gentle inclines later. Watch for increasing radicular pain, neurogenic claudication pattern, or gait change (foot slap/drop) and escalate.',
    category: 'CARDIO',
    bodyRegion: 'Whole body',
    position: 'Standing',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ minutes: 10, timesPerDay: 3, daysPerWeek: 7 }),
    loads: [],
    purpose: 'FITNESS',
    protocolUse: 'PHASED',
  },
  {
    name: 'Stationary bike',
    patientName: 'Ride an exercise bike',
    instructions: steps(
      'Use an upright bike. Set the seat so your knee is only a little bent at the bottom.',
      'Sit tall and hold the handles lightly.',
      'Pedal slowly with little or no push against you.',
      'Keep your back tall. Do not slump forward.',
      'Stop if pain spreads down your leg or your back hurts more.',
    ),
    therapistNotes:
      'Upright bike only (avoid flexed road-bike postures early). Introduced from 2 weeks after decompression once sitting tolerance allows, and from 6 weeks after fusion; check seat height and posture in clinic before home use. ' +
      'Start at minimal resistance, 5–10 min; progress time before resistance. Sitting tolerance is often the limiting factor after discectomy.',
    category: 'CARDIO',
    bodyRegion: 'Whole body',
    position: 'Sitting',
    equipment: 'Upright stationary bike',
    isSafeUnsupervised: false,
    dosage: dose({ minutes: 10, timesPerDay: 1, daysPerWeek: 5 }),
    loads: [],
    purpose: 'FITNESS',
    protocolUse: 'PHASED',
  },

  // ------------------------------------------------------------ Stretching
  {
    name: 'Hamstring stretch',
    patientName: 'Back of thigh stretch',
    instructions: steps(
      'Lie on your back with both knees bent and feet flat.',
      'Put a towel around one foot. Hold one end in each hand.',
      'Use the towel to lift that leg up slowly. Keep the knee a little bent.',
      'Let your ankle stay loose. Do not pull your toes toward you.',
      'Stop at the first gentle pull behind your thigh. Hold it and breathe.',
      'Lower the leg slowly with the towel.',
      'Stop at once if you feel tingling or pain down your leg.',
    ),
    therapistNotes:
      'A straight-leg raise tensions the L4–S1 roots and the sciatic nerve, so this is NOT a day-7 home exercise after a decompression: it starts at 2 weeks after decompression and 6 weeks after fusion, taught and watched in clinic first (seeded as SUPERVISED; change to self-directed only once the patient stops at a muscle stretch and has no neural signs). ' +
      'Knee kept slightly bent and the ankle relaxed (no dorsiflexion) to keep neural tension low; supine so the lumbar spine stays supported (no standing toe-touch or long-sitting reach). ' +
      'Distinguish hamstring tightness from neural tension: reproduction of radicular pain, paraesthesia or a sharply reduced range versus the other side means stop, reassess and tell the surgeon. Stretch intensity mild (3–4/10).',
    category: 'STRETCHING',
    bodyRegion: 'Legs',
    position: 'Lying on your back',
    equipment: 'Towel or strap',
    isSafeUnsupervised: false,
    dosage: dose({ sets: 1, reps: 3, holdSeconds: 20, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }),
    loads: [],
    purpose: 'STRETCH',
    protocolUse: 'PHASED',
  },
  {
    name: 'Gentle piriformis stretch',
    patientName: 'Buttock stretch',
    instructions: steps(
      'Lie on your back with both knees bent and feet flat.',
      'Rest one ankle on the other knee.',
      'Let the top knee fall out to the side until you feel a stretch in your buttock.',
      'Hold and breathe slowly. Keep your back flat and still.',
      'Do not pull your legs toward your chest.',
      STOP_IF_LEG_PAIN,
    ),
    therapistNotes:
      'Supine figure-4 with the foot of the bottom leg kept on the bed, using gravity only. Avoid pulling the thigh toward the chest early — this adds lumbar flexion and rotation. ' +
      'Useful for buttock tightness/guarding. From 2 weeks after decompression, 6 weeks after fusion. Progress to an assisted pull only after ~6 weeks (decompression) or 12 weeks (fusion) and if pain-free. Stop if radicular symptoms reproduce.',
    category: 'STRETCHING',
    bodyRegion: 'Hips',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 3, holdSeconds: 30, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }),
    loads: [],
    purpose: 'STRETCH',
    protocolUse: 'PHASED',
  },

  // -------------------------------------------------------------- Mobility
  {
    name: 'Ankle pumps',
    patientName: 'Ankle pumps',
    instructions: steps(
      'Lie on your back, or sit with your legs out in front.',
      'Point your toes away from you.',
      'Then pull your toes back toward you.',
      'Keep a steady beat and breathe as normal.',
      'Tell us if your calf gets sore, swollen or warm.',
    ),
    therapistNotes:
      'Circulation exercise for the immediate post-op period while activity is reduced; supports VTE prevention alongside early walking and any prescribed prophylaxis. Day 0 in both protocols. ' +
      'Can be done hourly while awake. Calf pain, swelling or warmth should be reported and screened for DVT, not exercised through.',
    category: 'MOBILITY',
    bodyRegion: 'Legs',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 20, timesPerDay: 6, daysPerWeek: 7 }),
    loads: [],
    purpose: 'CIRCULATION',
    protocolUse: 'PHASED',
  },
  {
    name: 'Knee flexion',
    patientName: 'Heel slides',
    instructions: steps(
      'Lie on your back with both legs straight.',
      'Slide one heel up toward your bottom so the knee bends.',
      'Go only as far as feels fine, then slide it back down.',
      'Keep your lower back still. Breathe out as you slide up.',
      'Switch legs after each set.',
      STOP_IF_LEG_PAIN,
    ),
    therapistNotes:
      'Heel slide: active hip/knee flexion in supine with a still lumbar spine. Low neural load. From 1 week after decompression; after fusion, from 6 weeks (hook-lying heel slides sit in the 6–12 week phase of published fusion protocols). ' +
      'Watch for the pelvis tilting or the back arching/flattening as the heel comes up — shorten range if so. Add a gentle tummy brace once the patient has learned it.',
    category: 'MOBILITY',
    bodyRegion: 'Legs',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }),
    loads: [],
    purpose: 'MOBILITY',
    protocolUse: 'PHASED',
  },
  {
    name: 'Pelvic tilt',
    patientName: 'Flatten your back',
    instructions: steps(
      'Lie on your back with knees bent and feet flat.',
      'Breathe in and let your tummy relax.',
      'Breathe out and gently press your lower back flat into the bed.',
      'Hold and keep breathing. Then relax back to the start.',
      'Keep the move small and smooth.',
      STOP_IF_LEG_PAIN,
    ),
    therapistNotes:
      'Small-range posterior pelvic tilt: active lumbar flexion through a small range, hence tagged BENDING. After decompression it starts at 2 weeks, when the default bending limit ends; after a fusion it moves the fused level, so it waits until 12 weeks. ' +
      'Emphasise a small, pain-free range and no breath-holding. Watch for gluteal or hip-flexor substitution and pushing through the feet. Progress hold time (5 → 10 s).',
    category: 'MOBILITY',
    bodyRegion: 'Lumbar spine',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, holdSeconds: 5, timesPerDay: 2, daysPerWeek: 7 }),
    loads: ['BENDING'],
    purpose: 'MOBILITY',
    protocolUse: 'PHASED',
  },
  {
    name: 'Diaphragmatic breathing',
    patientName: 'Deep belly breaths',
    instructions: steps(
      'Lie on your back with knees bent. Put one hand on your chest and one on your tummy.',
      'Breathe in slowly through your nose. Let your tummy rise.',
      'Keep the hand on your chest fairly still.',
      'Breathe out slowly through your mouth. Let your tummy fall.',
      'Stop and rest if you feel dizzy.',
    ),
    therapistNotes:
      'Reduces guarding and upper-chest breathing, supports pain coping, and is the foundation for bracing without breath-holding. Day 0 in both protocols. ' +
      'Can also be done in supported sitting. Watch for accessory-muscle breathing and hyperventilation.',
    category: 'MOBILITY',
    bodyRegion: 'Core',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 3, daysPerWeek: 7 }),
    loads: [],
    purpose: 'BREATHING',
    protocolUse: 'PHASED',
  },
  {
    name: 'Prone lying',
    patientName: 'Lie on your stomach',
    instructions: steps(
      'Roll onto your stomach in one piece, like a log.',
      'Put a pillow under your tummy if that feels better.',
      'Rest your head on your hands, or turn it to one side.',
      'Relax and breathe slowly.',
      'Roll back over slowly if your back or leg pain gets worse.',
    ),
    therapistNotes:
      'Rest position in neutral-to-slight lumbar extension, hence tagged LUMBAR_EXTENSION. From 2 weeks after decompression; after fusion not before 12 weeks (limit lumbar extension earlier). ' +
      'Use a pillow under the abdomen at first. Do not progress to press-ups without surgeon agreement. Check the incision is not compressed. Teach log-roll in and out. Centralising symptoms is favourable; peripheralising symptoms — stop.',
    category: 'MOBILITY',
    bodyRegion: 'Lumbar spine',
    position: 'Lying on your stomach',
    equipment: 'Pillow (optional)',
    isSafeUnsupervised: true,
    dosage: dose({ minutes: 5, timesPerDay: 2, daysPerWeek: 7 }),
    loads: ['LUMBAR_EXTENSION'],
    purpose: 'MOBILITY',
    protocolUse: 'PHASED',
  },

  // --------------------------------------------------------- Strengthening
  {
    name: 'Abdominal bracing',
    patientName: 'Tummy brace',
    instructions: steps(
      'Lie on your back with knees bent and feet flat.',
      'Breathe in. As you breathe out, gently tighten your tummy.',
      'Think of pulling your belly button in a little. Your back does not move.',
      'Hold while you keep breathing as normal. Then let go.',
      'Do not hold your breath.',
      'This is your tummy brace. Other exercises will ask you to use it.',
    ),
    therapistNotes:
      'Taught on day 0 in both protocols, before any exercise that asks for it (lying march, bridging, standing hip extension, bird dog, plank). Low-level (about 20–30% effort) transversus abdominis/multifidus co-contraction with the spine in neutral; no breath-holding or strong bracing that raises intra-abdominal pressure early. ' +
      'Palpate medial to ASIS to confirm activation. Progress to bracing in sitting and standing, during transfers, then during limb-loading exercises.',
    category: 'STRENGTHENING',
    bodyRegion: 'Core',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, holdSeconds: 10, timesPerDay: 2, daysPerWeek: 7 }),
    loads: [],
    purpose: 'ACTIVATION',
    protocolUse: 'PHASED',
  },
  {
    name: 'Lying march',
    patientName: 'Foot lifts lying down',
    instructions: steps(
      'Lie on your back with knees bent and feet flat.',
      'Set your tummy brace, the way you learned it. Keep breathing.',
      'Slowly lift one foot a hand’s width off the bed. Keep the knee bent.',
      'Lower it with control. Then lift the other foot.',
      'Keep your back and hips still, with no rocking.',
      STOP_IF_LEG_PAIN,
    ),
    therapistNotes:
      'Supine alternating march with abdominal bracing (taught in phase 1): lumbopelvic control against a small lower-limb load. Seeded SUPERVISED: check technique in clinic first — common errors are pelvic rotation/drop, back arching and breath-holding. Palpate ASIS for pelvic stability. ' +
      'From 1 week after decompression, 6 weeks after fusion. Progress: higher lift (to 90° hip), slower tempo, then add arm movement or progress to bird dog. Reps counted per leg.',
    category: 'STRENGTHENING',
    bodyRegion: 'Core',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: false,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }),
    loads: [],
    purpose: 'STABILISATION',
    protocolUse: 'PHASED',
  },
  {
    name: 'Gluteal squeeze',
    patientName: 'Squeeze your buttocks',
    instructions: steps(
      'Lie on your back with your legs straight or knees bent.',
      'Squeeze your buttock muscles together firmly.',
      'Hold and keep breathing as normal.',
      'Let go fully before the next one.',
    ),
    therapistNotes:
      'Isometric gluteal setting; day 0 in both protocols and a precursor to bridging. Can be done lying, sitting or standing. ' +
      'Ensure the patient is not lifting the pelvis or holding their breath.',
    category: 'STRENGTHENING',
    bodyRegion: 'Hips',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, holdSeconds: 5, timesPerDay: 3, daysPerWeek: 7 }),
    loads: [],
    purpose: 'ACTIVATION',
    protocolUse: 'PHASED',
  },
  {
    name: 'Quad sets',
    patientName: 'Tighten your thigh',
    instructions: steps(
      'Lie on your back, or sit with one leg straight out in front.',
      'Tighten the muscle on the front of your thigh. Push the back of your knee down.',
      'Hold and keep breathing as normal.',
      'Let go, then do it again. Switch legs after each set.',
    ),
    therapistNotes:
      'Isometric quadriceps setting; day 0 in both protocols. A rolled towel under the knee gives feedback. ' +
      'Also a daily check for L3/L4 myotomal weakness — new or worsening quadriceps weakness goes to the surgeon the same day.',
    category: 'STRENGTHENING',
    bodyRegion: 'Legs',
    position: 'Lying on your back',
    equipment: 'Rolled towel (optional)',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, holdSeconds: 5, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }),
    loads: [],
    purpose: 'ACTIVATION',
    protocolUse: 'PHASED',
  },
  {
    name: 'Bridging',
    patientName: 'Bottom lifts',
    instructions: steps(
      'Lie on your back with knees bent and feet flat, hip-width apart.',
      'Set your tummy brace and squeeze your buttocks.',
      'Breathe out as you lift your bottom a hand’s width off the bed.',
      'Keep your back still. Do not arch it.',
      'Hold for a moment. Then lower slowly.',
      'Only lift higher if your therapist tells you to.',
      STOP_IF_LEG_PAIN,
    ),
    therapistNotes:
      'Gluteal and posterior-chain work that loads the lumbar extensors, hence tagged LUMBAR_EXTENSION. Starts with a small lift (a hand’s width) — the patient does not lift to a straight knee-to-shoulder line until the therapist progresses it, and only while the lumbar spine stays neutral. ' +
      'From 2 weeks after decompression (self-directed); from 6 weeks after fusion, supervised at first. Watch for lumbar hyperextension at the top, hamstring cramping (bring feet closer) and pelvic drop. ' +
      'Progress: higher lift with a neutral spine, longer holds, bridge with march, single-leg bridge (after 6 weeks for decompression, 12 for fusion).',
    category: 'STRENGTHENING',
    bodyRegion: 'Hips',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, holdSeconds: 5, timesPerDay: 1, daysPerWeek: 7 }),
    loads: ['LUMBAR_EXTENSION'],
    purpose: 'STABILISATION',
    protocolUse: 'PHASED',
  },
  {
    name: 'Side-lying clam',
    patientName: 'Clams on your side',
    instructions: steps(
      'Lie on your side with knees bent and a pillow under your head.',
      'Keep your feet together and your hips stacked one on top of the other.',
      'Lift your top knee a little, like a clam opening.',
      'Lower it slowly. Do not let your hips roll back.',
      'Do all the reps. Then roll like a log to the other side.',
      STOP_IF_LEG_PAIN,
    ),
    therapistNotes:
      'Gluteus medius/deep rotator strengthening in a spine-supported position. From 1 week after decompression, 6 weeks after fusion. Teach log-roll for turning. ' +
      'Common fault: pelvis rolling back to gain range — cue a small range with stacked hips. A pillow between the knees may help. Progress with a light band around the thighs once pain-free.',
    category: 'STRENGTHENING',
    bodyRegion: 'Hips',
    position: 'Lying on your side',
    equipment: 'Pillow',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 1, daysPerWeek: 7, side: 'EACH' }),
    loads: [],
    purpose: 'STRENGTH',
    protocolUse: 'PHASED',
  },
  {
    name: 'Seated knee extension',
    patientName: 'Straighten your knee',
    instructions: steps(
      'Sit tall in a firm chair. Keep your back against it and your feet flat.',
      'Slowly straighten one knee until the leg is out in front of you.',
      'Hold for a moment. Then lower your foot to the floor.',
      'Keep your back tall. Do not lean back or slump.',
      'Switch legs after each set.',
      STOP_IF_LEG_PAIN,
    ),
    therapistNotes:
      'Quadriceps strengthening in supported sitting (long-arc quad). Straightening the knee in sitting tensions the sciatic nerve, more so if the patient slumps — keep the trunk upright and stop if radicular symptoms reproduce. ' +
      'From 2 weeks after decompression; some fusion protocols use it from the first weeks, this one from 6 weeks with the other strength work. Monitor sitting tolerance. Progress with a light ankle weight later.',
    category: 'STRENGTHENING',
    bodyRegion: 'Legs',
    position: 'Sitting',
    equipment: 'Chair',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, holdSeconds: 3, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }),
    loads: [],
    purpose: 'STRENGTH',
    protocolUse: 'PHASED',
  },
  {
    name: 'Sit to stand',
    patientName: 'Sit to stand',
    instructions: steps(
      'Sit near the front of a firm chair. Put your feet flat, hip-width apart.',
      'Lean forward from your hips. Keep your back straight.',
      'Breathe out and push through your heels to stand up tall.',
      'Sit back down slowly.',
      'Use your hands on the armrests if you need to.',
      STOP_IF_LEG_PAIN,
    ),
    therapistNotes:
      'The transfer every patient does many times a day, practised as a hip hinge with a neutral lumbar spine (no rounding forward), so it is not tagged BENDING. Day 0 after fusion (hip-hinge teaching for sitting is part of the first phase of fusion protocols); 1 week after decompression. ' +
      'Use a chair with armrests and a higher seat at first. Progress: less hand support, lower seat, slower lowering, then a light load held close once lifting limits allow.',
    category: 'STRENGTHENING',
    bodyRegion: 'Legs',
    position: 'Sitting',
    equipment: 'Chair',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 2, daysPerWeek: 7 }),
    loads: [],
    purpose: 'FUNCTION',
    protocolUse: 'PHASED',
  },
  {
    name: 'Standing hip abduction',
    patientName: 'Leg out to the side',
    instructions: steps(
      'Stand tall and hold on to a kitchen counter or a firm chair.',
      'Keep your toes pointing forward.',
      'Slowly lift one leg out to the side a short way.',
      'Lower it slowly. Keep your body upright. Do not lean.',
      'Switch legs after each set.',
    ),
    therapistNotes:
      'Standing gluteus medius strengthening and single-leg balance on the stance side. From 1 week after decompression, 6 weeks after fusion. Watch for trunk lean, hip hitching and external rotation of the moving leg. ' +
      'Progress with a band once pain-free and balance is good.',
    category: 'STRENGTHENING',
    bodyRegion: 'Hips',
    position: 'Standing',
    equipment: 'Counter or sturdy chair',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 1, daysPerWeek: 7, side: 'EACH' }),
    loads: [],
    purpose: 'STRENGTH',
    protocolUse: 'PHASED',
  },
  {
    name: 'Standing hip extension',
    patientName: 'Leg back behind you',
    instructions: steps(
      'Stand tall and hold on to a kitchen counter or a firm chair.',
      'Set your tummy brace.',
      'Move one leg straight back a short way. Squeeze your buttock.',
      'Do not arch your back or lean forward.',
      'Bring the leg back slowly. Switch legs after each set.',
      STOP_IF_LEG_PAIN,
    ),
    therapistNotes:
      'Gluteus maximus strengthening in standing. Small range only — the usual compensation is lumbar extension rather than hip extension, hence tagged LUMBAR_EXTENSION. From 2 weeks after decompression, 12 weeks after fusion. ' +
      'Cue bracing and a tall trunk. Progress with a band.',
    category: 'STRENGTHENING',
    bodyRegion: 'Hips',
    position: 'Standing',
    equipment: 'Counter or sturdy chair',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 1, daysPerWeek: 7, side: 'EACH' }),
    loads: ['LUMBAR_EXTENSION'],
    purpose: 'STRENGTH',
    protocolUse: 'PHASED',
  },
  {
    name: 'Calf raises',
    patientName: 'Up on your toes',
    instructions: steps(
      'Stand tall and hold a kitchen counter or a firm chair.',
      'Rise up slowly onto your toes.',
      'Lower your heels slowly back to the floor.',
      'Keep your back straight and breathe as normal.',
      'Tell us if one side feels much weaker than the other.',
    ),
    therapistNotes:
      'Plantarflexor strengthening and balance. From 1 week after decompression, 6 weeks after fusion. Both legs first, then single-leg. ' +
      'Also a screen for S1 myotomal weakness — inability to perform or a new side-to-side difference goes to the surgeon the same day.',
    category: 'STRENGTHENING',
    bodyRegion: 'Legs',
    position: 'Standing',
    equipment: 'Counter or sturdy chair',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 15, timesPerDay: 1, daysPerWeek: 7 }),
    loads: [],
    purpose: 'STRENGTH',
    protocolUse: 'PHASED',
  },
  {
    name: 'Mini squats',
    patientName: 'Small squats',
    instructions: steps(
      'Stand with feet hip-width apart. Hold a kitchen counter.',
      'Keep your back straight and your chest up.',
      'Bend your knees a little, as if you start to sit in a chair.',
      'Keep your knees in line with your toes.',
      'Breathe out as you push back up to standing.',
      STOP_IF_LEG_PAIN,
    ),
    therapistNotes:
      'Partial-range squat (about 30–45° knee flexion) with a neutral lumbar spine; avoid lumbar flexion at depth. From 4 weeks after decompression, 6 weeks after fusion. ' +
      'Watch for knee valgus, trunk flexion and weight shift to the less painful side. Progress depth and reduce hand support, then wall sit or sit-to-stand from lower heights.',
    category: 'STRENGTHENING',
    bodyRegion: 'Legs',
    position: 'Standing',
    equipment: 'Counter or sturdy chair',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 1, daysPerWeek: 7 }),
    loads: [],
    purpose: 'STRENGTH',
    protocolUse: 'PHASED',
  },
  {
    name: 'Wall sit',
    patientName: 'Wall sit',
    instructions: steps(
      'Stand with your back against a wall.',
      'Walk your feet out from the wall, about one shoe length.',
      'Slide down the wall a little, until your knees are a little bent.',
      'Keep your back on the wall and breathe as normal.',
      'Hold, then slide back up to standing.',
      'Do not go lower than feels easy.',
      STOP_IF_LEG_PAIN,
    ),
    therapistNotes:
      'Isometric quadriceps/gluteal work with the back supported. From 4 weeks after decompression, 6 weeks after fusion (wall squats sit in the 6–12 week stabilisation phase of fusion protocols). Start shallow (≈30° knee flexion), short holds. ' +
      'Progress depth (not beyond 90°) and hold time. Seeded SUPERVISED: check technique before independent use — patients often go too deep or hold their breath.',
    category: 'STRENGTHENING',
    bodyRegion: 'Legs',
    position: 'Standing',
    equipment: 'Wall',
    isSafeUnsupervised: false,
    dosage: dose({ sets: 1, reps: 5, holdSeconds: 20, timesPerDay: 1, daysPerWeek: 5 }),
    loads: [],
    purpose: 'STRENGTH',
    protocolUse: 'PHASED',
  },
  {
    name: 'Bird dog',
    patientName: 'Arm and leg reach on all fours',
    instructions: steps(
      'Get onto your hands and knees. Hands under shoulders, knees under hips.',
      'Keep your back flat like a table. Set your tummy brace.',
      'Slowly slide one leg straight back. Keep your toes on the floor at first.',
      'Keep your hips level. Do not let your back sag.',
      'Come back slowly, then switch sides.',
      STOP_IF_LEG_PAIN,
    ),
    therapistNotes:
      'Quadruped lumbopelvic stability: loads the back extensors and has to resist rotation, hence tagged LUMBAR_EXTENSION and TWISTING. From 4 weeks after decompression; after fusion from 12 weeks, when the default twisting limit ends. ' +
      'Teach in clinic: leg slide only, then leg lift, then opposite arm and leg. Watch for lumbar rotation, sagging into extension and hip hiking. Getting into and out of quadruped must be comfortable first. Reps counted per side.',
    category: 'STRENGTHENING',
    bodyRegion: 'Core',
    position: 'On hands and knees',
    equipment: '',
    isSafeUnsupervised: false,
    dosage: dose({ sets: 1, reps: 8, holdSeconds: 5, timesPerDay: 1, daysPerWeek: 5, side: 'EACH' }),
    loads: ['LUMBAR_EXTENSION', 'TWISTING'],
    purpose: 'STABILISATION',
    protocolUse: 'PHASED',
  },

  // ---------------------------------------------- Added for the 12-week protocols
  {
    name: 'Single-leg stand',
    patientName: 'Stand on one leg',
    instructions: steps(
      'Stand tall next to a kitchen counter. Rest one hand on it.',
      'Lift one foot a little off the floor.',
      'Hold your balance. Keep your hips level.',
      'Put the foot down. Then switch legs.',
      'Hold on with both hands if you start to wobble.',
    ),
    therapistNotes:
      'Single-leg balance and hip control. From 4 weeks after decompression, 6 weeks after fusion (single-leg balance over 10 s is a goal of the 6–12 week phase of fusion protocols). ' +
      'Progress: lighter hand support, longer holds, then eyes closed or a soft surface in clinic.',
    category: 'STRENGTHENING',
    bodyRegion: 'Legs',
    position: 'Standing',
    equipment: 'Counter or sturdy chair',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 5, holdSeconds: 10, timesPerDay: 1, daysPerWeek: 7, side: 'EACH' }),
    loads: [],
    purpose: 'STRENGTH',
    protocolUse: 'PHASED',
  },
  {
    name: 'Kneeling plank',
    patientName: 'Plank on your knees',
    instructions: steps(
      'Lie on your stomach. Rest on your forearms, elbows under your shoulders.',
      'Set your tummy brace.',
      'Lift your hips so your body is in a line from knees to head.',
      'Keep your back flat. Do not let it sag.',
      'Hold for a few breaths, then lower.',
      STOP_IF_LEG_PAIN,
    ),
    therapistNotes:
      'Short-lever prone plank: trunk endurance against an extension moment; sagging puts the lumbar spine into extension, hence tagged LUMBAR_EXTENSION. From 4 weeks after decompression, 12 weeks after fusion; supervised first. ' +
      'Progress hold time before lever length (full plank) and side plank on knees.',
    category: 'STRENGTHENING',
    bodyRegion: 'Core',
    position: 'On forearms and knees',
    equipment: 'Mat',
    isSafeUnsupervised: false,
    dosage: dose({ sets: 1, reps: 5, holdSeconds: 10, timesPerDay: 1, daysPerWeek: 5 }),
    loads: ['LUMBAR_EXTENSION'],
    purpose: 'STABILISATION',
    protocolUse: 'PHASED',
  },
  {
    name: 'Lifting practice',
    patientName: 'Safe lifting practice',
    instructions: steps(
      'Put a light box on a low table in front of you.',
      'Stand close to it with your feet apart.',
      'Set your tummy brace. Bend your hips and knees, not your back.',
      'Hold the box close to your body and stand up.',
      'Turn with your feet, not your back. Then put the box down the same way.',
      'Keep the box lighter than the limit on your plan.',
      STOP_IF_LEG_PAIN,
    ),
    therapistNotes:
      'Graded lifting technique for return to home and work tasks: hip-and-knee hinge, load close, no trunk rotation under load. Tagged LIFTING and BENDING (it bends forward at the hips to reach the load), so a surgeon’s lifting or bending order flags it. ' +
      'From 4 weeks after decompression, 12 weeks after fusion, supervised in clinic; start from table height with a light load and progress height and load within the surgeon’s limit.',
    category: 'STRENGTHENING',
    bodyRegion: 'Whole body',
    position: 'Standing',
    equipment: 'Light box, low table',
    isSafeUnsupervised: false,
    dosage: dose({ sets: 2, reps: 5, timesPerDay: 1, daysPerWeek: 3 }),
    loads: ['LIFTING', 'BENDING'],
    purpose: 'FUNCTION',
    protocolUse: 'PHASED',
  },
  {
    name: 'Easy jogging',
    patientName: 'Slow jog',
    instructions: steps(
      'Wear running shoes and start on flat, even ground.',
      'Walk for five minutes first.',
      'Jog slowly for one minute, then walk for two. Do this a few times.',
      'Add a little more jogging each week if your back and legs feel fine the next day.',
      STOP_IF_LEG_PAIN,
    ),
    therapistNotes:
      'Graded return to running (walk–jog intervals). From 12 weeks after decompression; after fusion from 6 months and only with the surgeon’s clearance. ' +
      'Progress one variable at a time (time, pace or terrain). Hold back if radicular symptoms return or back pain lasts to the next day.',
    category: 'CARDIO',
    bodyRegion: 'Whole body',
    position: 'Standing',
    equipment: 'Running shoes',
    isSafeUnsupervised: true,
    dosage: dose({ minutes: 20, timesPerDay: 1, daysPerWeek: 3 }),
    loads: [],
    purpose: 'FITNESS',
    protocolUse: 'PHASED',
  },
  {
    name: 'Sciatic nerve glide',
    patientName: 'Leg nerve glide',
    instructions: steps(
      'Sit tall on a firm chair with your feet flat.',
      'Slowly straighten one knee. At the same time, look up.',
      'Then bend the knee back down. At the same time, look down.',
      'Move slowly and smoothly. Do not hold at the end.',
      'Stop at once if you feel tingling, or pain down your leg.',
    ),
    therapistNotes:
      'NOT part of either seeded protocol. A randomised trial of routine neural mobilisation after lumbar discectomy, fusion or laminectomy (Scrimshaw & Maher 2001) found no added benefit, so it is not given to everyone. ' +
      'Kept in the catalogue for a therapist to add, supervised, for a patient with persisting neural mechanosensitivity after clinical assessment and the surgeon’s agreement. Slider technique (knee extension with neck extension), pain-free, no end-range hold; never a tensioner early.',
    category: 'MOBILITY',
    bodyRegion: 'Legs',
    position: 'Sitting',
    equipment: 'Chair',
    isSafeUnsupervised: false,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }),
    loads: [],
    purpose: 'MOBILITY',
    protocolUse: 'NOT_IN_PROTOCOL',
  },
];

// ------------------------------------------------------------------ Protocols

/** A phase's default restrictions: lib/domain/restrictions.ts defines them and what they rule out. */
export type SeedRestrictions = PhaseRestrictions;

export type SeedPhaseExercise = { name: string; mode: SeedMode; dosage: SeedDosage };

export type SeedPhase = {
  name: string; // short
  earliestDay: number; // days after surgery (day 0 = the day of surgery)
  criteria: string[]; // clinician-facing checklist lines for entering this phase
  precautions: string; // patient-facing, read as one piece
  restrictions?: SeedRestrictions; // defaults a surgeon's order replaces (always set in the seeded protocols)
  exercises: SeedPhaseExercise[]; // what this phase adds; earlier phases' exercises carry forward
};
export type SeedProtocol = { name: string; description: string; phases: SeedPhase[] };

/** A phase of a seeded protocol: its default restrictions are always set. */
export type CatalogPhase = SeedPhase & { restrictions: SeedRestrictions };
export type CatalogProtocol = { name: string; description: string; phases: CatalogPhase[] };

const EXERCISE_BY_NAME: ReadonlyMap<string, CatalogExercise> = new Map(EXERCISES.map((exercise) => [exercise.name, exercise]));

/** A phase entry with the exercise's catalogue dosage. Throws at load time for a name not in the catalogue. */
function item(name: string, mode: SeedMode): SeedPhaseExercise {
  const exercise = EXERCISE_BY_NAME.get(name);
  if (!exercise) throw new Error(`Protocol names an exercise not in the catalogue: ${name}`);
  return { name, mode, dosage: { ...exercise.dosage } };
}

// Entry criteria shared by every phase after the first: the nerve must be no worse, and leg pain
// that has not improved is a question for the surgeon, never a pass.
export const CRITERION_NO_NEW_DEFICIT = 'No new numbness or weakness in the legs, and no new bladder or bowel change (if there is: stop and contact the surgeon today)';
export const CRITERION_LEG_PAIN =
  'Leg (nerve) pain is better than before surgery. If it is the same or worse, or has come back, do not advance: refer to the surgeon first';

export const DECOMPRESSION_PROTOCOL: CatalogProtocol = {
  name: 'Lumbar decompression (microdiscectomy, laminectomy)',
  description:
    'Staged home exercise plan for the 12 weeks after a lumbar microdiscectomy, discectomy or laminectomy without fusion. ' +
    'Each phase keeps the exercises of the earlier phases and adds new ones. Move on when the earliest day has passed and the criteria are met; ' +
    'leg pain that is not better than before surgery, or any new numbness or weakness, goes to the surgeon instead. ' +
    'Restrictions shown are defaults: the surgeon’s orders for each patient replace them. Not for a fusion: use the fusion protocol.',
  phases: [
    {
      name: 'Protect and walk',
      earliestDay: 0,
      criteria: [],
      precautions:
        'Walk a little, many times a day. ' +
        'Keep to the limits on your plan for lifting, bending, twisting, sitting and driving. ' +
        'To pick something up, bend your knees, not your back. ' +
        'Get in and out of bed by rolling onto your side like a log. ' +
        'Change position often. ' +
        'Keep your wound clean and dry.',
      restrictions: { liftingKg: 4, bending: 'AVOID', twisting: 'AVOID', sittingMinutes: 30, driving: 'NO' },
      exercises: [
        item('Walking', 'SELF_DIRECTED'),
        item('Ankle pumps', 'SELF_DIRECTED'),
        item('Diaphragmatic breathing', 'SELF_DIRECTED'),
        item('Abdominal bracing', 'SELF_DIRECTED'),
        item('Quad sets', 'SELF_DIRECTED'),
        item('Gluteal squeeze', 'SELF_DIRECTED'),
      ],
    },
    {
      name: 'Gentle movement',
      earliestDay: 7,
      criteria: [
        CRITERION_LEG_PAIN,
        CRITERION_NO_NEW_DEFICIT,
        'Wound clean and dry, with no sign of infection',
        'Walks 5–10 minutes at a time, several times a day',
        'Gets in and out of bed by log-rolling without help',
        'Can hold a gentle tummy brace while breathing normally',
      ],
      precautions:
        'Keep to the limits on your plan for lifting, bending, twisting, sitting and driving. ' +
        'Get up and move often. ' +
        'The new exercises should feel easy to fair. A mild stretch or effort is fine, but sharp pain is not. ' +
        'Do not push on if pain spreads down your leg. ' +
        'Keep walking every day.',
      restrictions: { liftingKg: 4, bending: 'AVOID', twisting: 'AVOID', sittingMinutes: 30, driving: 'NO' },
      exercises: [
        item('Knee flexion', 'SELF_DIRECTED'),
        item('Lying march', 'SUPERVISED'),
        item('Side-lying clam', 'SELF_DIRECTED'),
        item('Sit to stand', 'SELF_DIRECTED'),
        item('Calf raises', 'SELF_DIRECTED'),
        item('Standing hip abduction', 'SELF_DIRECTED'),
      ],
    },
    {
      name: 'More movement',
      earliestDay: 14,
      criteria: [
        CRITERION_LEG_PAIN,
        CRITERION_NO_NEW_DEFICIT,
        'Wound healed or healing well, stitches or clips out if used',
        'Walks 15–20 minutes at a time',
        'Does the phase 2 exercises with no more leg pain the next day',
        'Surgeon’s orders checked: any bending, lifting or twisting limit kept past 2 weeks is on the plan',
      ],
      precautions:
        'Your plan shows what you can now lift, and if you can drive. ' +
        'You can start to bend and turn again, slowly and with care, unless your plan says not yet. ' +
        'Bend at your hips and knees when you pick things up. Keep loads close to your body. ' +
        'Do not drive while you take strong pain pills. ' +
        'Add one new exercise at a time. ' +
        'If pain spreads down your leg, go back to the easier exercises and tell us.',
      restrictions: { liftingKg: 10, bending: 'ALLOWED', twisting: 'ALLOWED', sittingMinutes: 45, driving: 'ALLOWED' },
      exercises: [
        item('Pelvic tilt', 'SELF_DIRECTED'),
        item('Bridging', 'SELF_DIRECTED'),
        item('Hamstring stretch', 'SUPERVISED'),
        item('Gentle piriformis stretch', 'SELF_DIRECTED'),
        item('Prone lying', 'SELF_DIRECTED'),
        item('Seated knee extension', 'SELF_DIRECTED'),
        item('Standing hip extension', 'SELF_DIRECTED'),
        item('Stationary bike', 'SUPERVISED'),
      ],
    },
    {
      name: 'Build strength',
      earliestDay: 28,
      criteria: [
        CRITERION_LEG_PAIN,
        CRITERION_NO_NEW_DEFICIT,
        'Walks 20–30 minutes at a time',
        'Keeps a neutral spine during bridging and the lying march',
        'Sits 30–45 minutes without more leg pain',
      ],
      precautions:
        'Build up bit by bit. Some muscle tiredness is normal. Pain should settle by the next morning. ' +
        'Lift with your hips and knees, with the load close to you. ' +
        'No running, contact sport or heavy work until your surgeon says so. ' +
        'If pain spreads down your leg, go back to the easier exercises and tell us.',
      restrictions: { liftingKg: null, bending: 'ALLOWED', twisting: 'ALLOWED', sittingMinutes: null, driving: 'ALLOWED' },
      exercises: [
        item('Mini squats', 'SELF_DIRECTED'),
        item('Single-leg stand', 'SELF_DIRECTED'),
        item('Wall sit', 'SUPERVISED'),
        item('Bird dog', 'SUPERVISED'),
        item('Kneeling plank', 'SUPERVISED'),
        item('Lifting practice', 'SUPERVISED'),
      ],
    },
    {
      name: 'Back to full activity',
      earliestDay: 84,
      criteria: [
        CRITERION_LEG_PAIN,
        CRITERION_NO_NEW_DEFICIT,
        'Walks 30 minutes or more at a brisk pace',
        'Lifts a light load from knee height with a neutral spine',
        'Surgeon has cleared a return to sport or heavy work, if the patient wants it',
      ],
      precautions:
        'Go back to sport and heavy work a step at a time. ' +
        'Keep up your exercises two or three times a week. ' +
        'Warm up before you play sport. ' +
        'If pain spreads down your leg, ease off and tell us.',
      restrictions: { liftingKg: null, bending: 'ALLOWED', twisting: 'ALLOWED', sittingMinutes: null, driving: 'ALLOWED' },
      exercises: [item('Easy jogging', 'SELF_DIRECTED')],
    },
  ],
};

export const FUSION_PROTOCOL: CatalogProtocol = {
  name: 'Lumbar fusion',
  description:
    'Staged home exercise plan after an instrumented lumbar fusion, with or without decompression. ' +
    'For the first 6 weeks the fused level is protected: walking, breathing and gentle muscle setting only, no bending, twisting or arching of the back, and light lifting. ' +
    'Stabilisation and strength work start at 6 weeks; back movement and heavier work at 12 weeks, after the surgeon’s review. ' +
    'Each phase keeps the exercises of the earlier phases. Restrictions shown are defaults: the surgeon’s orders for each patient replace them.',
  phases: [
    {
      name: 'Protect the fusion',
      earliestDay: 0,
      criteria: [],
      precautions:
        'Walk a little, many times a day. ' +
        'Keep to the limits on your plan for lifting, bending, twisting, sitting and driving. ' +
        'Do not arch your back. Keep it still, and move from your hips. ' +
        'Get in and out of bed by rolling onto your side like a log. ' +
        'Change position often. ' +
        'Wear your brace if your surgeon gave you one. ' +
        'Keep your wound clean and dry.',
      restrictions: { liftingKg: 2, bending: 'AVOID', twisting: 'AVOID', sittingMinutes: 20, driving: 'NO' },
      exercises: [
        item('Walking', 'SELF_DIRECTED'),
        item('Ankle pumps', 'SELF_DIRECTED'),
        item('Diaphragmatic breathing', 'SELF_DIRECTED'),
        item('Abdominal bracing', 'SELF_DIRECTED'),
        item('Quad sets', 'SELF_DIRECTED'),
        item('Gluteal squeeze', 'SELF_DIRECTED'),
        item('Sit to stand', 'SELF_DIRECTED'),
      ],
    },
    {
      name: 'Start stabilising',
      earliestDay: 42,
      criteria: [
        CRITERION_LEG_PAIN,
        CRITERION_NO_NEW_DEFICIT,
        'Wound fully healed',
        'Walks about 30 minutes at a time',
        'Surgeon review at about 6 weeks done; brace weaned if one was used',
        'Keeps a neutral spine and a tummy brace when getting up from a chair',
      ],
      precautions:
        'Keep to the limits on your plan for lifting, bending, twisting, sitting and driving. ' +
        'Keep your back still in every exercise. Move from your hips. ' +
        'Do not arch your back. ' +
        'Add one new exercise at a time. ' +
        'If pain spreads down your leg, go back to the easier exercises and tell us.',
      restrictions: { liftingKg: 5, bending: 'AVOID', twisting: 'AVOID', sittingMinutes: 45, driving: 'ALLOWED' },
      exercises: [
        item('Knee flexion', 'SELF_DIRECTED'),
        item('Lying march', 'SUPERVISED'),
        item('Bridging', 'SUPERVISED'),
        item('Side-lying clam', 'SELF_DIRECTED'),
        item('Seated knee extension', 'SELF_DIRECTED'),
        item('Calf raises', 'SELF_DIRECTED'),
        item('Standing hip abduction', 'SELF_DIRECTED'),
        item('Mini squats', 'SELF_DIRECTED'),
        item('Single-leg stand', 'SELF_DIRECTED'),
        item('Wall sit', 'SUPERVISED'),
        item('Hamstring stretch', 'SUPERVISED'),
        item('Gentle piriformis stretch', 'SELF_DIRECTED'),
        item('Stationary bike', 'SUPERVISED'),
      ],
    },
    {
      name: 'Build strength',
      earliestDay: 84,
      criteria: [
        CRITERION_LEG_PAIN,
        CRITERION_NO_NEW_DEFICIT,
        'Surgeon review at about 12 weeks clears more back movement and lifting',
        'Walks 30–40 minutes at a time',
        'Stands on one leg for 10 seconds each side',
      ],
      precautions:
        'You can start to move your back again, in a range that does not hurt, unless your plan says not yet. ' +
        'Bend at your hips and knees when you pick things up. ' +
        'Lift only what your plan allows, close to your body. ' +
        'Build up bit by bit. Pain should settle by the next morning. ' +
        'If pain spreads down your leg, go back to the easier exercises and tell us.',
      restrictions: { liftingKg: null, bending: 'ALLOWED', twisting: 'ALLOWED', sittingMinutes: null, driving: 'ALLOWED' },
      exercises: [
        item('Pelvic tilt', 'SELF_DIRECTED'),
        item('Prone lying', 'SELF_DIRECTED'),
        item('Standing hip extension', 'SELF_DIRECTED'),
        item('Bird dog', 'SUPERVISED'),
        item('Kneeling plank', 'SUPERVISED'),
        item('Lifting practice', 'SUPERVISED'),
      ],
    },
    {
      name: 'Back to full activity',
      earliestDay: 182,
      criteria: [
        CRITERION_LEG_PAIN,
        CRITERION_NO_NEW_DEFICIT,
        'Surgeon has cleared a return to full activity',
        'Does the strength programme with no lasting rise in pain',
      ],
      precautions:
        'Go back to sport and heavy work a step at a time, as your surgeon allows. ' +
        'Keep up your exercises two or three times a week. ' +
        'If pain spreads down your leg, ease off and tell us.',
      restrictions: { liftingKg: null, bending: 'ALLOWED', twisting: 'ALLOWED', sittingMinutes: null, driving: 'ALLOWED' },
      exercises: [item('Easy jogging', 'SELF_DIRECTED')],
    },
  ],
};

/** Both seeded protocols: the decompression protocol first (the demo's default). */
export const PROTOCOLS: readonly CatalogProtocol[] = [DECOMPRESSION_PROTOCOL, FUSION_PROTOCOL];
