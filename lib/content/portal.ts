// The portal's own wording, as patients read it (grade 6 or below: the readability gate reads every entry,
// tests/unit/readability/patient-texts.ts). Written for Regimen. Exercise names, steps, limits and warning
// signs have their own sources (the catalog, lib/domain/restrictions.ts, lib/domain/warning-signs.ts).
import type { PainChange } from '@/lib/domain/pain';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export const PORTAL_COPY = {
  greeting: (firstName: string) => `Hello, ${firstName}`,
  daysSinceSurgery: (days: number) => `Day ${days} after your surgery.`,
  today: {
    heading: 'Today',
    empty: 'No home exercises yet. Your care team will add them when you are ready.',
    doneCount: (done: number, total: number) => `${done} of ${total} done today.`,
  },
  therapist: {
    heading: 'With your therapist',
    empty: 'Nothing for now.',
    intro: 'Do these only at your visits, with your therapist. Do not do them at home.',
  },
  week: {
    heading: 'This week',
    empty: 'Nothing to count yet this week.',
    recentSummary: 'What you logged lately',
    sessions: (done: number, expected: number, days: number, percent: number) => `You did ${done} of ${expected} home sessions in the last ${days} days (${percent}%).`,
    allDone: (days: number, of: number) => (days === 0 ? `You have not done a whole day's plan in the last ${of} days yet. Every bit helps.` : `You did all of your plan on ${plural(days, 'day', 'days')} of the last ${of}.`),
    painChange: ({ from, to, direction }: PainChange) =>
      direction === 'DOWN'
        ? `Your back pain went down this week, from ${from} to ${to}. Well done.`
        : direction === 'UP'
          ? `Your back pain went up this week, from ${from} to ${to}. Tell your care team if it keeps going up.`
          : `Your back pain stayed about the same this week.`,
    legend: 'Each bar shows how much of that day’s plan you did. A full bar means all of it. The number under it is your worst back pain that day, from 0 to 10.',
    today: 'Today',
    tableCaption: 'Your last 7 days',
    dayColumn: 'Day',
    doneColumn: 'Done',
    backColumn: 'Back pain',
    legColumn: 'Leg pain',
    doneOf: (done: number, expected: number) => `${done} of ${expected}`,
    nothingDue: 'Nothing due',
    notLogged: 'Not logged',
  },
  log: {
    didYou: 'Did you do it?',
    yes: 'Yes',
    no: 'No, I could not',
    backPain: 'Back pain',
    legPain: 'Leg pain',
    scaleHint: '0 is no pain. 10 is the worst pain you can think of.',
    more: 'More: sets, day, note',
    sets: 'Sets done',
    day: 'Day',
    note: 'Note (optional)',
    stop: (exercise: string) => `Stop ${exercise} for today.`,
    highPain: 'That pain is high. Rest, and take your pain pills as you were told.',
    callClinic: 'Call the clinic today',
    warningSignHint: 'If you have a warning sign, use Get help at the top of this page.',
    told: 'We told your care team.',
    saved: (exercise: string) => `Saved ${exercise}.`,
    save: (exercise: string) => `Save ${exercise}`,
  },
  signs: {
    question: 'Which of these do you have?',
    callNow: (number: string) => `Call ${number} now.`,
    callClinic: 'Call the clinic today',
    told: 'We told your care team. Stop your exercises until you have spoken to them.',
    send: 'Tell my care team',
  },
  care: {
    heading: 'Take care for now',
    fromSurgeon: 'Your surgeon set these limits for you:',
    fromPlan: 'Your limits for now:',
  },
  paper: {
    heading: 'Your plan on paper',
    intro: 'Print it and keep it where you do your exercises.',
    print: 'Print your plan',
    otherPaper: (paper: string) => `Print on ${paper}`,
  },
} as const;
