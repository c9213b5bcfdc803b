import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { addDays } from '@/lib/domain/calendar';
import { formatDay, localDay } from '@/lib/domain/clinic-time';
import { otherPaper, PAPER_LABELS, paperForLanguages } from '@/lib/domain/paper';
import { RECENT_DAYS } from '@/lib/domain/windows';
import { signWithAction, WARNING_SIGNS, warningSignsIntro } from '@/lib/domain/warning-signs';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { orNotFound } from '@/lib/server/page-guard';
import { getPortalPlan, type PortalExercise } from '@/lib/server/portal/get-portal-plan';
import { getReminders } from '@/lib/server/reminders/get-reminders';
import { ExerciseDrawing } from '@/app/_components/exercise-drawing';
import { LogSessionForm, type LogDay } from './_components/log-session-form';
import { RemindersSection } from './_components/reminders-section';
import { ReportSignsForm } from './_components/report-signs-form';
import { WeekChart } from './_components/week-chart';
import { PORTAL_COPY as COPY } from '@/lib/content/portal';

export const metadata: Metadata = { title: 'Your exercises' };

const telOf = (phone: string) => `tel:${phone.replace(/[^+\d]/g, '')}`;

/** The clinic's own photo or video of the exercise, shown before the drawing. */
function ExerciseMedia({ media, name }: { media: NonNullable<PortalExercise['media']>; name: string }) {
  return (
    <figure className="exercise-media">
      {media.kind === 'IMAGE' ? (
        // eslint-disable-next-line @next/next/no-img-element -- a private, access-checked file: not for the image optimiser
        <img src={`/api/media/${media.id}`} alt={media.description || `Photo of ${name}`} loading="lazy" />
      ) : (
        <video src={`/api/media/${media.id}`} controls preload="metadata" aria-label={media.description || `Video of ${name}`} />
      )}
    </figure>
  );
}

function Steps({ exercise }: { exercise: PortalExercise }) {
  return (
    <details className="how">
      <summary>How to do {exercise.name}</summary>
      {exercise.media ? <ExerciseMedia media={exercise.media} name={exercise.name} /> : null}
      {exercise.illustration ? <ExerciseDrawing illustration={exercise.illustration} isMoving hasCaption /> : null}
      <ol className="steps">
        {exercise.steps.map((step, index) => (
          <li key={index}>{step}</li>
        ))}
      </ol>
      {exercise.notes ? <p>From your therapist: {exercise.notes}</p> : null}
    </details>
  );
}

export default async function PortalPage() {
  const actor = await requirePageActor();
  const [portal, reminders] = await orNotFound(Promise.all([getPortalPlan({ actor }), getReminders({ actor })]));
  const paper = paperForLanguages((await headers()).get('accept-language'));
  const firstName = actor.name.split(' ')[0] ?? actor.name;
  const today = new Date(`${portal.today}T00:00:00.000Z`);
  const days: LogDay[] = Array.from({ length: RECENT_DAYS }, (_, back) => {
    const day = addDays(today, -back);
    const name = back === 0 ? 'Today' : back === 1 ? 'Yesterday' : formatDay(day);
    return { value: day.toISOString().slice(0, 10), label: back < 2 ? `${name} (${formatDay(day)})` : name };
  });
  const settings = { emergencyNumber: portal.clinic.emergencyNumber };
  const intro = warningSignsIntro(settings);
  const doneToday = portal.home.filter((exercise) => exercise.today?.completed).length;
  return (
    <>
      <h1>{COPY.greeting(firstName)}</h1>
      {portal.daysSinceSurgery !== null ? <p>{COPY.daysSinceSurgery(portal.daysSinceSurgery)}</p> : null}

      <aside className="help-bar" aria-labelledby="help-heading">
        <h2 id="help-heading" className="sr-only">
          Get help
        </h2>
        <p>
          Emergency: <a href={`tel:${portal.clinic.emergencyNumber}`}>call {portal.clinic.emergencyNumber}</a>
          {portal.clinic.phone ? (
            <>
              . Clinic: <a href={telOf(portal.clinic.phone)}>{portal.clinic.phone}</a>
            </>
          ) : null}
          .
        </p>
        <details>
          <summary>Warning signs</summary>
          <p>{intro.body}</p>
          <ul aria-label="Warning signs">
            {WARNING_SIGNS.map((sign) => (
              <li key={sign.code}>{signWithAction(sign, settings)}</li>
            ))}
          </ul>
          <h3>Do you have one of these now?</h3>
          <ReportSignsForm signs={WARNING_SIGNS.map((sign) => ({ code: sign.code, text: sign.sign }))} />
        </details>
      </aside>

      <section aria-labelledby="today-heading">
        <h2 id="today-heading">{COPY.today.heading}</h2>
        {portal.home.length === 0 ? (
          <p>{COPY.today.empty}</p>
        ) : (
          <p>{COPY.today.doneCount(doneToday, portal.home.length)}</p>
        )}
        <ul className="checklist" aria-label="Today's home exercises">
          {portal.home.map((exercise) => (
            <li key={exercise.exerciseId} className="card exercise-card">
              {exercise.illustration ? <ExerciseDrawing illustration={exercise.illustration} className="thumb" /> : null}
              <h3>{exercise.name}</h3>
              <p>{exercise.dosageText}</p>
              <p className={exercise.today?.completed ? 'badge ok' : 'badge'}>{exercise.today ? (exercise.today.completed ? 'Done today' : 'Not done today') : 'To do'}</p>
              <details className="log">
                <summary>{exercise.today ? `Change today's log of ${exercise.name}` : `Log ${exercise.name}`}</summary>
                <LogSessionForm exerciseId={exercise.exerciseId} exerciseName={exercise.name} days={days} correctsId={exercise.today?.logId ?? null} clinicPhone={portal.clinic.phone} />
              </details>
              <Steps exercise={exercise} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="therapist-heading">
        <h2 id="therapist-heading">{COPY.therapist.heading}</h2>
        {portal.withTherapist.length === 0 ? (
          <p>{COPY.therapist.empty}</p>
        ) : (
          <>
            <p>{COPY.therapist.intro}</p>
            <ul className="checklist" aria-label="Exercises with your therapist">
              {portal.withTherapist.map((exercise) => (
                <li key={exercise.exerciseId} className="card exercise-card">
                  {exercise.illustration ? <ExerciseDrawing illustration={exercise.illustration} className="thumb" /> : null}
                  <h3>{exercise.name}</h3>
                  <p>{exercise.dosageText}</p>
                  <Steps exercise={exercise} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="week-heading">
        <h2 id="week-heading">{COPY.week.heading}</h2>
        {portal.week.percent === null ? (
          <p>{COPY.week.empty}</p>
        ) : (
          <>
            <p>{COPY.week.sessions(portal.week.completed, portal.week.expected, RECENT_DAYS, portal.week.percent)}</p>
            <WeekChart days={portal.week.days} />
          </>
        )}
        {portal.recentSessions.length > 0 ? (
          <details className="recent">
            <summary>{COPY.week.recentSummary}</summary>
            <ul aria-label="Recent sessions">
              {portal.recentSessions.map((session) => (
                <li key={session.id}>
                  {formatDay(session.performedOn)}: {session.exerciseName}, {session.completed ? 'done' : 'not done'}
                  {session.setsCompleted !== null ? `, ${session.setsCompleted} ${session.setsCompleted === 1 ? 'set' : 'sets'}` : ''}, back pain {session.backPain}
                  {session.legPain !== null ? `, leg pain ${session.legPain}` : ''}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      {portal.restrictions.sentences.length > 0 || portal.precautions ? (
        <section aria-labelledby="precautions-heading">
          <h2 id="precautions-heading">{COPY.care.heading}</h2>
          {portal.restrictions.sentences.length > 0 ? (
            <>
              <p>{portal.restrictions.fromSurgeon ? COPY.care.fromSurgeon : COPY.care.fromPlan}</p>
              <ul aria-label="Your limits">
                {portal.restrictions.sentences.map((sentence) => (
                  <li key={sentence}>{sentence}</li>
                ))}
              </ul>
            </>
          ) : null}
          {portal.precautions ? <p>{portal.precautions}</p> : null}
        </section>
      ) : null}

      <RemindersSection
        time={reminders.time}
        showNames={reminders.showNames}
        emailReminders={reminders.emailReminders}
        isMailConfigured={reminders.isMailConfigured}
        calendarSince={reminders.calendarSince ? formatDay(localDay(reminders.calendarSince, actor.timeZone)) : null}
      />

      <section aria-labelledby="paper-heading">
        <h2 id="paper-heading">{COPY.paper.heading}</h2>
        <p>{COPY.paper.intro}</p>
        <p className="paper-links">
          <a className="button" href={`/api/programme?paper=${paper}`} download>
            {COPY.paper.print}
          </a>
          <a href={`/api/programme?paper=${otherPaper(paper)}`} download>
            {COPY.paper.otherPaper(PAPER_LABELS[otherPaper(paper)])}
          </a>
        </p>
      </section>
    </>
  );
}
