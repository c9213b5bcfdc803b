// Every patient-facing text the product ships, each as the patient reads it in one piece, as one table
// of [name, text] for the readability gate (tests/unit/readability.test.ts).
//
// To add texts (a portal screen's own wording, the printout), write a function that returns
// PatientText rows and add its rows to PATIENT_TEXTS below. Name each row so a failure says where the
// text lives: "Portal: home screen", "Exercise 'Bridging': steps".
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXERCISES, PROTOCOLS } from '@/prisma/data/catalog';
import { PROGRAMME_COPY } from '@/lib/content/programme';
import { PORTAL_COPY } from '@/lib/content/portal';
import { WARNING_SIGNS, signWithAction, warningSignsIntro, warningSignsNoticeText, type WarningSignSettings } from '@/lib/domain/warning-signs';
import { mailText, REMINDER_COPY } from '@/lib/content/reminders';
import { SIGNED_OUT_AFTER_WRONG_PASSWORDS, signInWaitMessage, triesLeftWords } from '@/lib/domain/throttle';
import { plainErrorPage } from '@/scripts/lib/security-headers.mjs';

export type PatientText = readonly [name: string, text: string];

/** The clinic setting the warning signs are read with in the table; the gate also reads each sign with other numbers. */
export const EXAMPLE_SETTINGS: WarningSignSettings = { emergencyNumber: '911' };

/** Each exercise's plain name, and its steps read in one piece. */
export function exerciseTexts(): PatientText[] {
  return EXERCISES.flatMap((exercise): PatientText[] => [
    [`Exercise '${exercise.name}': patient name`, exercise.patientName],
    [`Exercise '${exercise.name}': steps`, exercise.instructions.split('\n').join(' ')],
  ]);
}

/** Each phase's precautions, in every seeded protocol. */
export function protocolTexts(): PatientText[] {
  return PROTOCOLS.flatMap((protocol) =>
    protocol.phases.map((phase, index): PatientText => [`Protocol '${protocol.name}', phase ${index + 1} '${phase.name}': precautions`, phase.precautions]),
  );
}

/** The warning-sign notice as a whole, its opening lines, and each sign with its action on its own. */
export function warningSignTexts(settings: WarningSignSettings = EXAMPLE_SETTINGS): PatientText[] {
  const intro = warningSignsIntro(settings);
  return [
    [`Warning signs (emergency number ${settings.emergencyNumber}): the whole notice`, warningSignsNoticeText(settings)],
    [`Warning signs (emergency number ${settings.emergencyNumber}): opening lines`, `${intro.heading}. ${intro.body}`],
    ...WARNING_SIGNS.map((sign): PatientText => [`Warning sign ${sign.code} with its action (${settings.emergencyNumber})`, signWithAction(sign, settings)]),
  ];
}

/** The portal's Reminders section, line by line, and each email a patient can get (subject and text). */
export function reminderTexts(): PatientText[] {
  const clinic = { clinicName: 'Harbor Spine', url: 'https://regimen.example/portal' };
  return [
    // Read in one piece, as the section is: its headings, labels and buttons are sentences of one to a few words.
    ['Portal reminders: the whole section', Object.values(REMINDER_COPY).map((text) => (/[.!?”]$/.test(text) ? text : `${text}.`)).join(' ')],
    ...(['INVITATION', 'REMINDER', 'NEW_EXERCISE'] as const).map((kind): PatientText => {
      const { subject, text } = mailText(kind, clinic);
      // The link is read as a link, not as words.
      return [`Email '${kind}': subject and text`, `${subject}. ${text.replace(clinic.url, 'the link')}`];
    }),
  ];
}

/** What a patient may read when signing in or changing their password goes wrong, and the server's plain pages. */
export function accountTexts(): PatientText[] {
  const pageText = (status: 400 | 403 | 413) =>
    plainErrorPage(status)
      .replace(/<title>[^<]*<\/title>/, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  return [
    ['Sign-in: too many tries, wait', signInWaitMessage(60_000)],
    ['Account: wrong current password, tries left', `Your current password is not right, so nothing was changed. ${triesLeftWords(3)}`],
    ['Account: signed out after wrong passwords', SIGNED_OUT_AFTER_WRONG_PASSWORDS],
    ['Plain page: a request that could not be read (400)', pageText(400)],
    ['Plain page: a request from another site (403)', pageText(403)],
    ['Plain page: a request that was too large (413)', pageText(413)],
  ];
}

const DRAWINGS_MODULE = fileURLToPath(new URL('../../../lib/domain/drawings/exercise-drawings.ts', import.meta.url));

/** Text values under keys that hold a drawing's words for the patient (description, alt text, caption). */
function describedTexts(value: unknown, path: string, seen: Set<unknown>): PatientText[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  const rows: PatientText[] = [];
  for (const [key, child] of Object.entries(value)) {
    const childPath = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    if (typeof child === 'string' && /description|alt|caption/i.test(key) && child.trim() !== '') rows.push([`Drawing ${childPath}`, child]);
    else rows.push(...describedTexts(child, childPath, seen));
  }
  return rows;
}

/** Every drawing description, if the drawings module exists in this tree (it is added by another change). */
export async function drawingTexts(): Promise<PatientText[]> {
  if (!existsSync(DRAWINGS_MODULE)) return [];
  const drawings: Record<string, unknown> = await import(/* @vite-ignore */ DRAWINGS_MODULE);
  const seen = new Set<unknown>();
  return Object.entries(drawings).flatMap(([exportName, value]) => describedTexts(value, exportName, seen));
}

/** The table the readability gate checks. */
/** The printed programme's own wording, read as the sheet runs from top to bottom. */
export function programmeTexts(): PatientText[] {
  const c = PROGRAMME_COPY;
  return [
    ['Printed programme: opening', `${c.title}. ${c.intro} ${c.qrCaption}`],
    ['Printed programme: headings and notes', `${c.homeHeading}. ${c.homeEmpty} ${c.therapistHeading}. ${c.therapistIntro} ${c.limitsHeading}. ${c.limitsFromSurgeon} ${c.careHeading}.`],
  ];
}

/** The portal's own wording, screen part by screen part, with example figures where a sentence takes them. */
export function portalTexts(): PatientText[] {
  const c = PORTAL_COPY;
  return [
    ['Portal: opening and today', `${c.greeting('Sam')}. ${c.daysSinceSurgery(10)} ${c.today.heading}. ${c.today.doneCount(3, 8)} ${c.today.empty}`],
    ['Portal: with your therapist', `${c.therapist.heading}. ${c.therapist.intro} ${c.therapist.empty}`],
    [
      'Portal: this week, going well',
      `${c.week.heading}. ${c.week.sessions(36, 56, 7, 64)} ${c.week.allDone(3, 7)} ${c.week.painChange({ from: 4, to: 2, direction: 'DOWN' })} ${c.week.legend}`,
    ],
    ['Portal: this week, a hard week', `${c.week.allDone(0, 7)} ${c.week.painChange({ from: 2, to: 5, direction: 'UP' })} ${c.week.painChange({ from: 3, to: 3, direction: 'SAME' })} ${c.week.empty}`],
    ['Portal: this week, the table', `${c.week.tableCaption}. ${c.week.dayColumn}. ${c.week.doneColumn}: ${c.week.doneOf(2, 3)}. ${c.week.backColumn}. ${c.week.legColumn}. ${c.week.nothingDue}. ${c.week.notLogged}. ${c.week.recentSummary}.`],
    [
      'Portal: logging a session',
      `${c.log.didYou} ${c.log.yes}. ${c.log.no}. ${c.log.backPain}. ${c.log.legPain}. ${c.log.scaleHint} ${c.log.more}. ${c.log.sets}. ${c.log.day}. ${c.log.note}. ${c.log.save('Daily walks')}. ${c.log.saved('Daily walks')}`,
    ],
    ['Portal: high pain after a log', `${c.log.stop('Daily walks')} ${c.log.highPain} ${c.log.callClinic}. ${c.log.warningSignHint} ${c.log.told}`],
    ['Portal: telling the care team about a warning sign', `${c.signs.question} ${c.signs.callNow('911')} ${c.signs.callClinic}. ${c.signs.told} ${c.signs.send}.`],
    ['Portal: take care', `${c.care.heading}. ${c.care.fromSurgeon} ${c.care.fromPlan}`],
    ['Portal: on paper', `${c.paper.heading}. ${c.paper.intro} ${c.paper.print}. ${c.paper.otherPaper('letter paper')}.`],
  ];
}

export const PATIENT_TEXTS: readonly PatientText[] = [...exerciseTexts(), ...protocolTexts(), ...warningSignTexts(), ...programmeTexts(), ...portalTexts(), ...reminderTexts(), ...accountTexts(), ...(await drawingTexts())];
