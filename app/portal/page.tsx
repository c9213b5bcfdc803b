import type { Metadata } from 'next';
import { RECENT_DAYS } from '@/lib/domain/windows';
import { STOP_AND_CALL_NOTICE } from '@/prisma/data/catalog';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { orNotFound } from '@/lib/server/page-guard';
import { getPortalPlan, type PortalExercise } from '@/lib/server/portal/get-portal-plan';
import { LogSessionForm } from './_components/log-session-form';

export const metadata: Metadata = { title: 'Your exercises' };

function ExerciseCard({ exercise }: { exercise: PortalExercise }) {
  return (
    <article className="card" aria-labelledby={`exercise-${exercise.exerciseId}`}>
      <h3 id={`exercise-${exercise.exerciseId}`}>{exercise.name}</h3>
      <p>
        <strong>{exercise.dosageText}</strong>
      </p>
      <ol className="steps">
        {exercise.steps.map((step, index) => (
          <li key={index}>{step}</li>
        ))}
      </ol>
      {exercise.notes ? <p>From your therapist: {exercise.notes}</p> : null}
    </article>
  );
}

export default async function PortalPage() {
  const actor = await requirePageActor();
  const portal = await orNotFound(getPortalPlan({ actor }));
  const firstName = actor.name.split(' ')[0] ?? actor.name;
  const today = new Date().toISOString().slice(0, 10);
  const loggable = [...portal.home, ...portal.withTherapist];
  return (
    <>
      <h1>Hello, {firstName}</h1>
      {portal.daysSinceSurgery !== null ? <p>Day {portal.daysSinceSurgery} after your surgery.</p> : null}

      <aside className="notice" aria-labelledby="stop-heading">
        <h2 id="stop-heading">{STOP_AND_CALL_NOTICE.heading}</h2>
        {/* The most urgent signs stay in view; the rest are one tap away, so the exercises are not pushed off the screen. */}
        <ul>
          {STOP_AND_CALL_NOTICE.signs.slice(0, 3).map((sign) => (
            <li key={sign}>{sign}</li>
          ))}
        </ul>
        <details>
          <summary>More signs to call us about</summary>
          <p>{STOP_AND_CALL_NOTICE.body}</p>
          <ul>
            {STOP_AND_CALL_NOTICE.signs.slice(3).map((sign) => (
              <li key={sign}>{sign}</li>
            ))}
          </ul>
        </details>
      </aside>

      {portal.precautions ? (
        <section aria-labelledby="precautions-heading">
          <h2 id="precautions-heading">Take care for now</h2>
          <p>{portal.precautions}</p>
        </section>
      ) : null}

      <section aria-labelledby="home-heading">
        <h2 id="home-heading">Your home exercises</h2>
        {portal.home.length === 0 ? <p>No home exercises yet. Your care team will add them when you are ready.</p> : null}
        {portal.home.map((exercise) => (
          <ExerciseCard key={exercise.exerciseId} exercise={exercise} />
        ))}
      </section>

      <section aria-labelledby="therapist-heading">
        <h2 id="therapist-heading">With your therapist</h2>
        {portal.withTherapist.length === 0 ? <p>Nothing for now.</p> : <p>Do these only at your visits, with your therapist.</p>}
        {portal.withTherapist.map((exercise) => (
          <ExerciseCard key={exercise.exerciseId} exercise={exercise} />
        ))}
      </section>

      <section aria-labelledby="week-heading">
        <h2 id="week-heading">This week</h2>
        {portal.week.percent === null ? (
          <p>Nothing to count yet this week.</p>
        ) : (
          <p>
            You did {portal.week.completed} of {portal.week.expected} home sessions in the last {RECENT_DAYS} days ({portal.week.percent}%).
          </p>
        )}
        {portal.recentSessions.length > 0 ? (
          <ul aria-label="Recent sessions">
            {portal.recentSessions.map((session) => (
              <li key={session.id}>
                {session.performedOn}: {session.exerciseName}, {session.completed ? 'done' : 'not done'}
                {session.setsCompleted !== null ? `, ${session.setsCompleted} ${session.setsCompleted === 1 ? 'set' : 'sets'}` : ''}, pain {session.pain}/10
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      {loggable.length > 0 ? (
        <section className="card" aria-labelledby="log-heading">
          <h2 id="log-heading">Log a session</h2>
          <LogSessionForm exercises={loggable.map(({ exerciseId, name }) => ({ exerciseId, name }))} today={today} />
        </section>
      ) : null}
    </>
  );
}
