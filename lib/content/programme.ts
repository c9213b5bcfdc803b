// The printed programme's own wording, as patients read it (grade 6 or below: tests/unit/readability.test.ts).
// Written for Regimen.

export const PROGRAMME_COPY = {
  title: 'Your exercise plan',
  intro: 'Do these exercises at home, as your care team set them. Stop and call us if something feels wrong.',
  homeHeading: 'At home',
  homeEmpty: 'You have no home exercises yet.',
  therapistHeading: 'With your therapist',
  therapistIntro: 'Do these only at your visits, with your therapist. Do not do them at home.',
  limitsHeading: 'Your limits for now',
  limitsFromSurgeon: 'Your surgeon set these limits for you.',
  careHeading: 'Take care',
  helpHeading: 'Get help',
  qrCaption: 'Scan to open your plan on your phone.',
  printed: 'Printed',
  page: 'Page',
  howMuch: 'How much',
  steps: 'Steps',
  fromTherapist: 'From your therapist',
} as const;
