// The warning signs a patient must act on after lumbar spine surgery, as data. Pure TypeScript: no
// database, no server code. Written for Regimen in plain words (grade 6 or below, checked by
// tests/unit/readability.test.ts); the published sources each sign rests on are listed in
// docs/clinical-basis.md.
//
// The codes are stable: a "report a warning sign" feature stores them and raises alerts to the care
// team with them. Add new codes; never rename or reuse one.

/** Every warning sign's code, in the order the patient reads them: emergencies first. */
export const WARNING_SIGN_CODES = [
  'SADDLE_NUMBNESS',
  'BLADDER_BOWEL',
  'LEG_WEAKNESS',
  'CHEST_PAIN_BREATHLESS',
  'NEW_NUMBNESS',
  'LEG_PAIN',
  'SEVERE_PAIN',
  'WOUND',
  'FEVER',
  'HEADACHE_UPRIGHT',
  'CALF',
  'FALL',
  'VOMITING',
  'CONSTIPATION',
] as const;

export type WarningSignCode = (typeof WARNING_SIGN_CODES)[number];

/**
 * EMERGENCY: call the clinic's emergency number now, before anything else.
 * CLINIC: call the clinic the same day.
 */
export type WarningSignUrgency = 'EMERGENCY' | 'CLINIC';

export type WarningSign = {
  code: WarningSignCode;
  urgency: WarningSignUrgency;
  /** One short sentence in everyday words, what the patient notices. Never includes the action. */
  sign: string;
};

/** The clinic settings the patient-facing wording depends on. */
export type WarningSignSettings = {
  /** The number the patient dials for an ambulance where they live: '911', '999', '112', '000'... */
  emergencyNumber: string;
};

export const WARNING_SIGNS: readonly WarningSign[] = [
  // Cauda equina syndrome or a blood clot pressing on the nerves (epidural haematoma).
  { code: 'SADDLE_NUMBNESS', urgency: 'EMERGENCY', sign: 'New numbness between your legs or around your bottom.' },
  { code: 'BLADDER_BOWEL', urgency: 'EMERGENCY', sign: 'You cannot pee, or you leak pee or poo and cannot stop it.' },
  { code: 'LEG_WEAKNESS', urgency: 'EMERGENCY', sign: 'New weakness in one or both legs, or your foot drags when you walk.' },
  // A clot in the lung.
  { code: 'CHEST_PAIN_BREATHLESS', urgency: 'EMERGENCY', sign: 'Chest pain, or you are short of breath all of a sudden.' },
  // The nerve: new or returning symptoms go to the surgeon the same day.
  { code: 'NEW_NUMBNESS', urgency: 'CLINIC', sign: 'New or worse numbness or tingling in your legs or feet.' },
  { code: 'LEG_PAIN', urgency: 'CLINIC', sign: 'Leg pain that comes back, or is worse than before surgery.' },
  { code: 'SEVERE_PAIN', urgency: 'CLINIC', sign: 'Pain so bad that rest and your pain pills do not help.' },
  // Infection and a spinal fluid leak.
  { code: 'WOUND', urgency: 'CLINIC', sign: 'Your wound is red, hot, swollen or leaking, or it starts to open.' },
  { code: 'FEVER', urgency: 'CLINIC', sign: 'You have a fever, or you feel hot and shivery.' },
  { code: 'HEADACHE_UPRIGHT', urgency: 'CLINIC', sign: 'A bad headache that gets worse when you sit or stand up.' },
  // A clot in the leg.
  { code: 'CALF', urgency: 'CLINIC', sign: 'Pain, swelling or warmth in one calf.' },
  // Recovery problems the care team must hear about.
  { code: 'FALL', urgency: 'CLINIC', sign: 'You had a fall, even if you feel fine.' },
  { code: 'VOMITING', urgency: 'CLINIC', sign: 'You keep throwing up and cannot keep drinks down.' },
  { code: 'CONSTIPATION', urgency: 'CLINIC', sign: 'You have not had a poo for three days.' },
];

const BY_CODE: ReadonlyMap<WarningSignCode, WarningSign> = new Map(WARNING_SIGNS.map((sign) => [sign.code, sign]));

export function isWarningSignCode(value: unknown): value is WarningSignCode {
  return typeof value === 'string' && (WARNING_SIGN_CODES as readonly string[]).includes(value);
}

/** The sign for a code. Throws for a code that is not in the list (a stored code is always in it). */
export function warningSign(code: WarningSignCode): WarningSign {
  const found = BY_CODE.get(code);
  if (!found) throw new RangeError(`Unknown warning sign: ${String(code)}`);
  return found;
}

/**
 * The emergency number as the patient dials it: trimmed, and refused when it is not a short run of
 * digits (a wrong number here is worse than none, so a bad setting fails loudly).
 */
export function emergencyNumberOf(settings: WarningSignSettings): string {
  const number = settings.emergencyNumber.trim();
  if (!/^[0-9]{2,6}$/.test(number)) throw new RangeError(`The emergency number must be 2 to 6 digits, got "${settings.emergencyNumber}".`);
  return number;
}

/** What the patient does, as a sentence of its own: "Call 911 now." or "Call the clinic today." */
export function actionText(sign: Pick<WarningSign, 'urgency'>, settings: WarningSignSettings): string {
  switch (sign.urgency) {
    case 'EMERGENCY':
      return `Call ${emergencyNumberOf(settings)} now.`;
    case 'CLINIC':
      return 'Call the clinic today.';
    default: {
      const _exhaustive: never = sign.urgency;
      return _exhaustive;
    }
  }
}

/** One sign as the patient reads it: the sign, then its action ("New numbness between your legs... Call 911 now."). */
export function signWithAction(sign: WarningSign, settings: WarningSignSettings): string {
  return `${sign.sign} ${actionText(sign, settings)}`;
}

/** The heading and opening lines of the warning-sign notice. */
export function warningSignsIntro(settings: WarningSignSettings): { heading: string; body: string } {
  const number = emergencyNumberOf(settings);
  return {
    heading: 'Stop and get help',
    body:
      'Stop your exercises if you notice any of these signs. ' +
      'Each one says who to call. ' +
      `If a sign says call ${number}, do that first. ` +
      'If you cannot reach the clinic, go to the nearest hospital. ' +
      'It is always fine to call if you are not sure.',
  };
}

/** The whole notice as the patient reads it in one piece: heading, opening lines, then every sign with its action. */
export function warningSignsNoticeText(settings: WarningSignSettings): string {
  const intro = warningSignsIntro(settings);
  return [`${intro.heading}.`, intro.body, ...WARNING_SIGNS.map((sign) => signWithAction(sign, settings))].join('\n');
}
