// Clinical seed content for Regimen: exercise catalogue, the default lumbar
// post-operative protocol, and the patient-facing "stop and call" notice.
// Pure data — no runtime imports. Written for Regimen; not copied from any
// brochure or website. Clinicians should review against local surgical
// protocols before use.

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
export type SeedExercise = {
  name: string;
  instructions: string; // patient-facing steps, one step per line ("\n"-separated), no numbering prefix
  therapistNotes: string; // for clinicians: progressions, cautions, what to watch for
  category: SeedCategory;
  bodyRegion: string;
  position: string;
  equipment: string; // '' if none
  isSafeUnsupervised: boolean; // safe for a patient to do at home alone by default
  dosage: SeedDosage; // default dosage
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

export const EXERCISES: readonly SeedExercise[] = [
  // ---------------------------------------------------------------- Cardio
  {
    name: 'Walking',
    instructions: steps(
      'Wear flat, supportive shoes and walk on a level surface.',
      'Stand tall and let your arms swing naturally.',
      'Walk at an easy pace where you can still talk.',
      'Add a minute or two each day if you feel fine the next morning.',
      'Stop and rest if pain spreads down your leg.',
    ),
    therapistNotes:
      'Cornerstone of early lumbar post-op rehab; begin day 0–1 as tolerated. Short, frequent bouts are preferred over one long walk. ' +
      'Progress duration by 1–5 min per bout as tolerated, aiming for 20–30 min continuous by 4–6 weeks. ' +
      'Flat ground first; add gentle inclines later. Watch for increasing radicular pain, neurogenic claudication pattern, or gait change (foot slap/drop) and escalate.',
    category: 'CARDIO',
    bodyRegion: 'Whole body',
    position: 'Standing',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ minutes: 10, timesPerDay: 3, daysPerWeek: 7 }),
  },
  {
    name: 'Stationary bike',
    instructions: steps(
      'Set the seat so your knee is only slightly bent at the bottom.',
      'Sit upright and hold the handles lightly.',
      'Pedal slowly with little or no resistance.',
      'Keep your back tall and avoid slumping forward.',
      'Stop if pain spreads down your leg or your back hurts more.',
    ),
    therapistNotes:
      'Upright bike only (avoid recumbent-to-flexed or road-bike postures early). Usually introduced from ~2–4 weeks once sitting tolerance allows and surgeon agrees; later for fusion. ' +
      'Check seat height and posture in clinic before home use. Start at minimal resistance, 5–10 min, progress time before resistance. ' +
      'Sitting tolerance is often the limiting factor after discectomy.',
    category: 'CARDIO',
    bodyRegion: 'Whole body',
    position: 'Sitting',
    equipment: 'Upright stationary bike',
    isSafeUnsupervised: false,
    dosage: dose({ minutes: 10, timesPerDay: 1, daysPerWeek: 5 }),
  },

  // ------------------------------------------------------------ Stretching
  {
    name: 'Hamstring stretch',
    instructions: steps(
      'Lie on your back with both knees bent.',
      'Loop a towel around one foot and slowly lift that leg up.',
      'Keep the knee nearly straight until you feel a gentle pull behind your thigh.',
      'Hold, breathing slowly, then lower the leg with the towel.',
      'Keep your lower back relaxed on the bed the whole time.',
      'Stop if you feel tingling or pain going down your leg.',
    ),
    therapistNotes:
      'Supine strap-assisted stretch keeps the lumbar spine supported and avoids loaded flexion (no standing toe-touch or long-sitting reach). ' +
      'Keep the ankle relaxed — do not add dorsiflexion early, which increases neural tension. ' +
      'Distinguish hamstring tightness from neural tension: reproduction of radicular pain, paraesthesia or a sharply reduced range versus the other side warrants backing off and reassessment; consider graded nerve gliding instead. ' +
      'Stretch intensity mild (3–4/10).',
    category: 'STRETCHING',
    bodyRegion: 'Legs',
    position: 'Lying on your back',
    equipment: 'Towel or strap',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 3, holdSeconds: 30, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }),
  },
  {
    name: 'Gentle piriformis stretch',
    instructions: steps(
      'Lie on your back with both knees bent and feet flat.',
      'Rest one ankle on the opposite knee.',
      'Let the top knee fall gently out to the side until you feel a stretch in your buttock.',
      'Hold and breathe slowly, keeping your back flat and still.',
      'Do not pull your legs toward your chest.',
      'Stop if pain spreads down your leg.',
    ),
    therapistNotes:
      'Supine figure-4 with the foot of the bottom leg kept on the bed, using gravity only. Avoid pulling the thigh toward the chest early — this adds lumbar flexion and rotation. ' +
      'Useful for buttock tightness/guarding after discectomy. Progress to assisted pull only after ~6 weeks and if pain-free. Stop if radicular symptoms reproduce.',
    category: 'STRETCHING',
    bodyRegion: 'Hips',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 3, holdSeconds: 30, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }),
  },

  // -------------------------------------------------------------- Mobility
  {
    name: 'Ankle pumps',
    instructions: steps(
      'Lie on your back or sit with your legs out in front.',
      'Point your toes away from you.',
      'Then pull your toes back toward you.',
      'Keep a steady rhythm and breathe normally.',
      'Tell us if your calf becomes sore, swollen or warm.',
    ),
    therapistNotes:
      'Circulation exercise for the immediate post-op period while activity is reduced; supports DVT prevention alongside early walking and any prescribed prophylaxis. ' +
      'Can be done hourly while awake. Calf pain, swelling or warmth should be reported and screened for DVT, not exercised through.',
    category: 'MOBILITY',
    bodyRegion: 'Legs',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 20, timesPerDay: 6, daysPerWeek: 7 }),
  },
  {
    name: 'Knee flexion',
    instructions: steps(
      'Lie on your back with both legs straight.',
      'Slowly slide one heel toward your bottom so the knee bends up.',
      'Go only as far as feels comfortable, then slide it back down.',
      'Keep your lower back still and breathe out as you slide up.',
      'Switch legs after each set.',
      'Stop if pain spreads down your leg.',
    ),
    therapistNotes:
      'Heel-slide style active knee/hip flexion in crook-lying to restore gentle lower-limb movement with a stable lumbar spine. ' +
      'Watch for the pelvis tilting or the back arching/flattening as the heel comes up — shorten range if so. ' +
      'Can add light abdominal bracing once bracing is learned. Low neural load; usually well tolerated from week 1.',
    category: 'MOBILITY',
    bodyRegion: 'Legs',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }),
  },
  {
    name: 'Pelvic tilt',
    instructions: steps(
      'Lie on your back with knees bent and feet flat.',
      'Breathe in and let your tummy relax.',
      'Breathe out and gently press your lower back flat into the bed.',
      'Hold, keep breathing, then relax back to the start.',
      'Keep the movement small and smooth.',
      'Stop if pain spreads down your leg.',
    ),
    therapistNotes:
      'Small-range posterior pelvic tilt for lumbopelvic awareness and gentle deep abdominal activation. Emphasise a small, pain-free range and avoid breath-holding/Valsalva. ' +
      'Watch for gluteal or hip-flexor substitution and for pushing through the feet. ' +
      'Progress hold time (5 → 10 s) before adding limb load (lying march). For fusion patients, follow surgeon guidance on lumbar motion.',
    category: 'MOBILITY',
    bodyRegion: 'Lumbar spine',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, holdSeconds: 5, timesPerDay: 2, daysPerWeek: 7 }),
  },
  {
    name: 'Diaphragmatic breathing',
    instructions: steps(
      'Lie on your back with knees bent, one hand on your chest and one on your tummy.',
      'Breathe in slowly through your nose and let your tummy rise.',
      'Keep the hand on your chest fairly still.',
      'Breathe out slowly through your mouth and let your tummy fall.',
      'Stop and rest if you feel dizzy.',
    ),
    therapistNotes:
      'Reduces guarding and upper-chest breathing, supports pain coping, and is the foundation for abdominal bracing without breath-holding. ' +
      'Can also be done in supported sitting. Useful from day 0. Watch for accessory-muscle breathing and hyperventilation.',
    category: 'MOBILITY',
    bodyRegion: 'Core',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 3, daysPerWeek: 7 }),
  },
  {
    name: 'Prone lying',
    instructions: steps(
      'Roll onto your stomach in one piece, like a log.',
      'Put a pillow under your tummy if that feels better.',
      'Rest your head on your hands or turn it to one side.',
      'Relax and breathe slowly.',
      'Roll back over slowly if your back or leg pain increases.',
    ),
    therapistNotes:
      'Gentle positional relief and a neutral-to-slight-extension rest position. Use a pillow under the abdomen initially if flat prone is uncomfortable. ' +
      'Do not progress to press-ups/extension in lying without surgeon agreement. Check the incision is not compressed or irritated. ' +
      'Teach log-roll for getting into and out of prone. Centralising symptoms is favourable; peripheralising symptoms — stop.',
    category: 'MOBILITY',
    bodyRegion: 'Lumbar spine',
    position: 'Lying on your stomach',
    equipment: 'Pillow (optional)',
    isSafeUnsupervised: true,
    dosage: dose({ minutes: 5, timesPerDay: 2, daysPerWeek: 7 }),
  },

  // --------------------------------------------------------- Strengthening
  {
    name: 'Abdominal bracing',
    instructions: steps(
      'Lie on your back with knees bent and feet flat.',
      'Breathe in, then as you breathe out gently tighten your tummy muscles.',
      'Imagine pulling your belly button slightly in, without moving your back.',
      'Hold while you keep breathing normally, then relax.',
      'Do not hold your breath.',
    ),
    therapistNotes:
      'Low-level (approx. 20–30% effort) transversus abdominis/multifidus co-contraction with the spine in neutral. Avoid breath-holding and strong bracing that raises intra-abdominal pressure early. ' +
      'Palpate medial to ASIS to confirm activation. Progress to bracing in sitting and standing, then during functional tasks and limb-loading exercises.',
    category: 'STRENGTHENING',
    bodyRegion: 'Core',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, holdSeconds: 10, timesPerDay: 2, daysPerWeek: 7 }),
  },
  {
    name: 'Lying march',
    instructions: steps(
      'Lie on your back with knees bent and feet flat.',
      'Gently tighten your tummy muscles and keep breathing.',
      'Slowly lift one foot a few centimetres off the bed, keeping the knee bent.',
      'Lower it down with control, then lift the other foot.',
      'Keep your back and hips still, with no rocking.',
      'Stop if pain spreads down your leg.',
    ),
    therapistNotes:
      'Supine alternating marching with abdominal bracing: trains lumbopelvic control against a small lower-limb load. ' +
      'Check technique in clinic first — common errors are pelvic rotation/drop, back arching, and breath-holding. Palpate ASIS for pelvic stability. ' +
      'Progress: higher lift (to 90° hip), slower tempo, then add arm movement or progress to bird dog later. Reps counted per leg.',
    category: 'STRENGTHENING',
    bodyRegion: 'Core',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: false,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }),
  },
  {
    name: 'Gluteal squeeze',
    instructions: steps(
      'Lie on your back with your legs straight or knees bent.',
      'Squeeze your buttock muscles together firmly.',
      'Hold and keep breathing normally.',
      'Relax fully before the next one.',
    ),
    therapistNotes:
      'Isometric gluteal setting; safe from day 0 and a precursor to bridging. Can be performed in lying, sitting or standing. ' +
      'Ensure the patient is not lifting the pelvis or holding their breath.',
    category: 'STRENGTHENING',
    bodyRegion: 'Hips',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, holdSeconds: 5, timesPerDay: 3, daysPerWeek: 7 }),
  },
  {
    name: 'Quad sets',
    instructions: steps(
      'Lie on your back or sit with one leg straight out in front.',
      'Tighten the muscle on the front of your thigh to push the back of your knee down.',
      'Hold and keep breathing normally.',
      'Relax, then repeat, and switch legs after each set.',
    ),
    therapistNotes:
      'Isometric quadriceps setting to maintain lower-limb activation in the early period. A rolled towel under the knee can provide feedback. ' +
      'Useful to monitor for L3/L4 myotomal weakness — report any new or worsening quadriceps weakness.',
    category: 'STRENGTHENING',
    bodyRegion: 'Legs',
    position: 'Lying on your back',
    equipment: 'Rolled towel (optional)',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, holdSeconds: 5, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }),
  },
  {
    name: 'Bridging',
    instructions: steps(
      'Lie on your back with knees bent, feet flat and hip-width apart.',
      'Gently tighten your tummy and squeeze your buttocks.',
      'Breathe out as you lift your hips until your body is in a straight line from knees to shoulders.',
      'Hold briefly, then lower slowly one bit at a time.',
      'Do not arch your back at the top.',
      'Stop if pain spreads down your leg.',
    ),
    therapistNotes:
      'Gluteal and posterior-chain strengthening with lumbar spine in neutral. Start with a small lift height if needed. ' +
      'Watch for lumbar hyperextension at the top, hamstring cramping (bring feet closer), and pelvic drop. ' +
      'Progress: longer holds, bridge with march, single-leg bridge (later phases, typically after 6 weeks).',
    category: 'STRENGTHENING',
    bodyRegion: 'Hips',
    position: 'Lying on your back',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, holdSeconds: 5, timesPerDay: 1, daysPerWeek: 7 }),
  },
  {
    name: 'Side-lying clam',
    instructions: steps(
      'Lie on your side with knees bent and a pillow under your head.',
      'Keep your feet together and your hips stacked on top of each other.',
      'Lift your top knee a little, like a clam opening.',
      'Lower it slowly. Do not let your hips roll backward.',
      'Do all reps, then roll like a log to the other side.',
      'Stop if pain spreads down your leg.',
    ),
    therapistNotes:
      'Gluteus medius/deep rotator strengthening in a spine-supported position. Teach log-roll for turning. ' +
      'Common fault: pelvis rolling back to increase range — cue small range with stacked hips. A pillow between knees may help comfort. ' +
      'Progress with light resistance band around the thighs once pain-free.',
    category: 'STRENGTHENING',
    bodyRegion: 'Hips',
    position: 'Lying on your side',
    equipment: 'Pillow',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 1, daysPerWeek: 7, side: 'EACH' }),
  },
  {
    name: 'Seated knee extension',
    instructions: steps(
      'Sit tall in a firm chair with your back supported and feet flat.',
      'Slowly straighten one knee until the leg is out in front of you.',
      'Hold briefly, then lower your foot back to the floor.',
      'Keep your back tall and do not lean back.',
      'Switch legs after each set.',
      'Stop if pain spreads down your leg.',
    ),
    therapistNotes:
      'Quadriceps strengthening in supported sitting. Note this tensions the sciatic nerve in slump-like sitting — keep the trunk upright and stop if radicular symptoms reproduce. ' +
      'Monitor sitting tolerance (often limited early after discectomy). Progress with light ankle weight later.',
    category: 'STRENGTHENING',
    bodyRegion: 'Legs',
    position: 'Sitting',
    equipment: 'Chair',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, holdSeconds: 3, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }),
  },
  {
    name: 'Sit to stand',
    instructions: steps(
      'Sit near the front of a firm chair with feet flat and hip-width apart.',
      'Lean forward from your hips, keeping your back straight.',
      'Breathe out and push through your heels to stand up tall.',
      'Slowly sit back down with control.',
      'Use your hands on the armrests if you need to.',
      'Stop if pain spreads down your leg.',
    ),
    therapistNotes:
      'Functional leg strengthening and reinforces hip-hinge with a neutral lumbar spine (avoid rounding forward). Use a chair with armrests and a higher seat initially. ' +
      'Progress: reduce hand support, lower seat height, slower eccentric lowering, then hold a light load close to the body once lifting restrictions allow.',
    category: 'STRENGTHENING',
    bodyRegion: 'Legs',
    position: 'Sitting',
    equipment: 'Chair',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 2, daysPerWeek: 7 }),
  },
  {
    name: 'Standing hip abduction',
    instructions: steps(
      'Stand tall and hold on to a kitchen counter or sturdy chair.',
      'Keep your toes pointing forward.',
      'Slowly lift one leg out to the side a short way.',
      'Lower it slowly. Keep your body upright and do not lean.',
      'Switch legs after each set.',
    ),
    therapistNotes:
      'Standing gluteus medius strengthening and single-leg balance on the stance side. Watch for trunk lean, hip hitching and external rotation of the moving leg. ' +
      'Progress with resistance band once pain-free and balance is good.',
    category: 'STRENGTHENING',
    bodyRegion: 'Hips',
    position: 'Standing',
    equipment: 'Counter or sturdy chair',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 1, daysPerWeek: 7, side: 'EACH' }),
  },
  {
    name: 'Standing hip extension',
    instructions: steps(
      'Stand tall and hold on to a kitchen counter or sturdy chair.',
      'Gently tighten your tummy muscles.',
      'Move one leg straight back a short way, squeezing your buttock.',
      'Do not arch your back or lean forward.',
      'Bring the leg back slowly and switch legs after each set.',
      'Stop if pain spreads down your leg.',
    ),
    therapistNotes:
      'Gluteus maximus strengthening in standing. Small range only — the common compensation is lumbar extension rather than hip extension. ' +
      'Cue bracing and a tall trunk. Progress with resistance band.',
    category: 'STRENGTHENING',
    bodyRegion: 'Hips',
    position: 'Standing',
    equipment: 'Counter or sturdy chair',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 1, daysPerWeek: 7, side: 'EACH' }),
  },
  {
    name: 'Calf raises',
    instructions: steps(
      'Stand tall holding a kitchen counter or sturdy chair.',
      'Rise up slowly onto your toes.',
      'Lower your heels slowly back to the floor.',
      'Keep your back straight and breathe normally.',
      'Tell us if one side feels much weaker than the other.',
    ),
    therapistNotes:
      'Plantarflexor strengthening and balance. Bilateral first, progress to single-leg. ' +
      'Useful screen for S1 myotomal weakness — inability to perform or a new side-to-side difference should be reported to the surgeon.',
    category: 'STRENGTHENING',
    bodyRegion: 'Legs',
    position: 'Standing',
    equipment: 'Counter or sturdy chair',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 15, timesPerDay: 1, daysPerWeek: 7 }),
  },
  {
    name: 'Mini squats',
    instructions: steps(
      'Stand with feet hip-width apart, holding a kitchen counter.',
      'Keep your back straight and your chest up.',
      'Bend your knees a little, as if starting to sit in a chair.',
      'Keep your knees in line with your toes.',
      'Breathe out as you push back up to standing.',
      'Stop if pain spreads down your leg.',
    ),
    therapistNotes:
      'Partial-range squat (approx. 30–45° knee flexion) with neutral lumbar spine; avoid lumbar flexion at depth. Typically from ~4 weeks. ' +
      'Watch for knee valgus, trunk flexion and weight shift to the less painful side. Progress depth and reduce hand support, then wall sit or sit-to-stand from lower heights.',
    category: 'STRENGTHENING',
    bodyRegion: 'Legs',
    position: 'Standing',
    equipment: 'Counter or sturdy chair',
    isSafeUnsupervised: true,
    dosage: dose({ sets: 1, reps: 10, timesPerDay: 1, daysPerWeek: 7 }),
  },
  {
    name: 'Wall sit',
    instructions: steps(
      'Stand with your back against a wall and feet about a foot in front of you.',
      'Slide down the wall a little, until your knees are slightly bent.',
      'Keep your back against the wall and breathe normally.',
      'Hold, then slide back up to standing.',
      'Do not go lower than feels easy.',
      'Stop if pain spreads down your leg.',
    ),
    therapistNotes:
      'Later-phase (usually 6+ weeks) isometric quadriceps/gluteal strengthening with back supported. Start shallow (≈30° knee flexion), short holds. ' +
      'Progress depth (not beyond 90°) and hold time. Check technique before independent use — patients often go too deep or hold their breath.',
    category: 'STRENGTHENING',
    bodyRegion: 'Legs',
    position: 'Standing',
    equipment: 'Wall',
    isSafeUnsupervised: false,
    dosage: dose({ sets: 1, reps: 5, holdSeconds: 20, timesPerDay: 1, daysPerWeek: 5 }),
  },
  {
    name: 'Bird dog',
    instructions: steps(
      'Get onto your hands and knees, hands under shoulders and knees under hips.',
      'Keep your back flat like a table and gently tighten your tummy.',
      'Slowly slide one leg straight back, keeping your toes on the floor at first.',
      'Keep your hips level and do not let your back sag.',
      'Return slowly, then switch sides.',
      'Stop if pain spreads down your leg.',
    ),
    therapistNotes:
      'Later-phase (usually 6+ weeks, with surgeon clearance) quadruped lumbopelvic stability. Teach in clinic: start with single-arm or leg-slide only, progress to leg lift, then opposite arm and leg. ' +
      'Watch for lumbar rotation, sagging into extension, and hip hiking. Getting into and out of quadruped needs to be comfortable first. Reps counted per side.',
    category: 'STRENGTHENING',
    bodyRegion: 'Core',
    position: 'On hands and knees',
    equipment: '',
    isSafeUnsupervised: false,
    dosage: dose({ sets: 1, reps: 8, holdSeconds: 5, timesPerDay: 1, daysPerWeek: 5, side: 'EACH' }),
  },
];

export type SeedPhase = {
  name: string;
  earliestDay: number;
  criteria: string[];
  precautions: string;
  exercises: Array<{ name: string; mode: SeedMode; dosage: SeedDosage }>;
};
export type SeedProtocol = { name: string; description: string; phases: SeedPhase[] };

export const LUMBAR_POST_OP: SeedProtocol = {
  name: 'Lumbar post-op',
  description:
    'Staged home exercise plan after lumbar spine surgery such as microdiscectomy or laminectomy. ' +
    'Each phase keeps the exercises from earlier phases and adds new ones. Move on only when the criteria are met ' +
    'and the earliest day has passed. Always follow the surgeon\'s specific restrictions, especially after a fusion.',
  phases: [
    {
      name: 'Protect and walk',
      earliestDay: 0,
      criteria: [],
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

export const STOP_AND_CALL_NOTICE: { heading: string; body: string; signs: string[] } = {
  heading: 'Stop and call us if…',
  body:
    'Stop your exercises and call the clinic straight away if you notice any of the signs below. ' +
    'Where a sign says to call emergency services, do that first — do not wait for us to call back. ' +
    'If you cannot reach the clinic, go to your nearest emergency department. ' +
    'It is always fine to call if you are unsure.',
  signs: [
    'New numbness or tingling in your groin, between your legs, or on your inner thighs — call emergency services now.',
    'You cannot control your bladder or bowels, or you cannot pass urine — call emergency services now.',
    'Chest pain or sudden shortness of breath — call emergency services now.',
    'New weakness in a leg, or your foot drags or slaps on the floor when you walk.',
    'Numbness or tingling in your legs that is new or getting worse.',
    'Fever of 38°C (100.4°F) or higher, or shivering and feeling unwell.',
    'Your wound is red, hot, swollen or more painful, is leaking fluid or pus, or is opening up.',
    'A headache that gets much worse when you sit or stand up.',
    'Pain, swelling or warmth in your calf.',
    'Severe pain that does not settle with rest and your pain medicine.',
  ],
};
