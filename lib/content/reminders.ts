// What patients read about reminders: the portal's Reminders section and every email Regimen sends them
// (grade 6 or below: tests/unit/readability.test.ts). Written for Regimen. An email says nothing about
// the patient's health: who it is from, and a link to open their plan.

export const REMINDER_COPY = {
  heading: 'Reminders',
  intro: 'Pick a time for your exercises. We can put it in the calendar on your phone.',
  timeLabel: 'Time for your exercises',
  showNamesLabel: 'Show the names of my exercises in my calendar',
  showNamesHint: 'If this is off, your calendar only says “Your exercises”.',
  emailLabel: 'Email me if I miss two days',
  emailOff: 'Your clinic does not send email yet, so we cannot email you.',
  save: 'Save reminders',
  saved: 'Saved.',
  calendarHeading: 'Your calendar',
  calendarNone: 'Add your exercise times to the calendar on your phone. You get a private link that only you should have.',
  calendarMake: 'Make my calendar link',
  calendarMade: 'Here is your link. Copy it now. We show it only this once.',
  calendarCopy: 'Copy link',
  calendarCopied: 'Link copied.',
  calendarOpen: 'Add to my calendar',
  calendarOn: 'Your calendar link is on. Your calendar gets each change to your plan.',
  calendarNew: 'Make a new link',
  calendarNewHint: 'A new link stops the old one.',
  calendarStop: 'Stop my calendar link',
  calendarStopped: 'Your calendar link is off. Your calendar will not get your exercises now.',
} as const;

export type MailKind = 'INVITATION' | 'REMINDER' | 'NEW_EXERCISE';

/** The subject and text of an email, with the clinic's name and the one link it carries. */
export function mailText(kind: MailKind, { clinicName, url }: { clinicName: string; url: string }): { subject: string; text: string } {
  const subject = `A message from ${clinicName}`;
  switch (kind) {
    case 'INVITATION':
      return { subject, text: `You are invited to Regimen. Set your password here:\n\n${url}\n\nThe link works once. It stops working after 7 days.` };
    case 'REMINDER':
      return { subject, text: `You have an update. Open your programme:\n\n${url}\n\nYou can turn these emails off in Regimen, under Reminders.` };
    case 'NEW_EXERCISE':
      return { subject, text: `You have an update. Open your programme:\n\n${url}` };
    default: {
      const unhandled: never = kind;
      throw new Error(`Unhandled mail kind ${String(unhandled)}`);
    }
  }
}
