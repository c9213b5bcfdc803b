import type { Metadata } from 'next';
import Link from 'next/link';
import { formatDay, formatMoment, localDay } from '@/lib/domain/clinic-time';
import { can, ROLE_LABELS } from '@/lib/domain/permissions';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { mailSettings } from '@/lib/server/mail/mail-settings';
import { orNotFound } from '@/lib/server/page-guard';
import { getSessionsAndPain } from '@/lib/server/patients/get-sessions-and-pain';
import { getPlanOverview } from '@/lib/server/plans/get-plan-overview';
import { CLEARANCE_LABELS, MODE_LABELS } from '@/app/_components/labels';
import { pageFrom } from '../../_components/page-nav';
import { advancePhaseAction, startDraftAction } from '../actions';
import { ActionForm } from '../_components/action-form';
import { InvitationPanel } from './_components/invitation-panel';
import { SessionsAndPainSection } from './_components/sessions-and-pain';
import { SurgeonOrders } from './_components/surgeon-orders';

export const metadata: Metadata = { title: 'Patient' };

export default async function PatientPage({ params, searchParams }: { params: Promise<{ patientId: string }>; searchParams: Promise<{ sessions?: string }> }) {
  const [{ patientId }, { sessions }] = await Promise.all([params, searchParams]);
  const actor = await requirePageActor();
  // The overview is the one scoping and audit point for the record; the sessions read is scoped again.
  const overview = await orNotFound(getPlanOverview({ actor, patientId }));
  const logged = await orNotFound(getSessionsAndPain({ actor, patientId, page: pageFrom(sessions) }));
  const today = localDay(new Date(), actor.timeZone);
  const moment = (date: Date | null) => (date ? formatMoment(date, actor.timeZone) : '—');
  const { patient, episode, current, draft, nextPhase } = overview;
  const canEdit = can(actor, 'plan.edit');
  return (
    <>
      <h1>
        {patient.firstName} {patient.lastName}
      </h1>
      <section className="card" aria-labelledby="surgery-heading">
        <h2 id="surgery-heading">Surgery and care</h2>
        <dl className="facts">
          <dt>Procedure</dt>
          <dd>{episode.procedure}</dd>
          <dt>Surgery date</dt>
          <dd>
            {formatDay(episode.surgeryDate, { today })} (day {overview.daysSinceSurgery})
          </dd>
          <dt>Surgeon</dt>
          <dd>{episode.surgeon.name}</dd>
          <dt>Care team</dt>
          <dd>{patient.careTeam.map((member) => `${member.user.name} (${ROLE_LABELS[member.user.role]})`).join(', ')}</dd>
          <dt>Protocol</dt>
          <dd>{episode.protocolName}</dd>
          <dt>Current phase</dt>
          <dd>{overview.currentPhase ? `Phase ${overview.currentPhase.position}: ${overview.currentPhase.name}` : 'No approved plan yet'}</dd>
          <dt>Date of birth</dt>
          <dd>{formatDay(patient.dateOfBirth, { today })}</dd>
          <dt>Contact</dt>
          <dd>{[patient.phone, patient.email].filter(Boolean).join(' · ') || '—'}</dd>
        </dl>
      </section>

      <p className="paper-links">
        <span>Printed programme (exactly what the patient&apos;s portal shows now):</span>
        <a href={`/api/programme?patientId=${patient.id}&paper=A4`} download>
          Print programme on A4
        </a>
        <a href={`/api/programme?patientId=${patient.id}&paper=LETTER`} download>
          Print programme on US Letter
        </a>
      </p>

      {can(actor, 'invitation.issue') && overview.portalAccount !== 'none' ? (
        <InvitationPanel patientId={patient.id} patientName={`${patient.firstName} ${patient.lastName}`} hasPassword={overview.portalAccount === 'hasPassword'} isMailReady={mailSettings().isConfigured} />
      ) : null}

      {overview.declined.length > 0 ? (
        <section className="card notice" aria-labelledby="declined-heading">
          <h2 id="declined-heading">Declined by the surgeon</h2>
          <ul>
            {overview.declined.map((decline) => (
              <li key={`${decline.versionNumber}-${decline.exerciseName}`}>
                <strong>{decline.exerciseName}</strong> (version {decline.versionNumber}): {decline.reason}
              </li>
            ))}
          </ul>
          <p>Open a draft to change these to supervised, or to adjust them and send them again.</p>
        </section>
      ) : null}

      <SurgeonOrders overview={overview} today={today} timeZone={actor.timeZone} canSign={can(actor, 'order.sign') && episode.surgeon.id === actor.userId} />

      <SessionsAndPainSection patientId={patient.id} data={logged} start={episode.surgeryDate} today={today} timeZone={actor.timeZone} canAcknowledge={can(actor, 'alert.acknowledge')} />

      <section className="card" aria-labelledby="current-heading">
        <h2 id="current-heading">Current plan</h2>
        {current ? (
          <>
            <p>
              Version {current.number}, approved by {current.approvedBy} on {moment(current.approvedAt)}.
            </p>
            <table className="stack-on-phone">
              <caption className="sr-only">Exercises in the current plan</caption>
              <thead>
                <tr>
                  <th scope="col">Exercise</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Dosage</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {current.items.map((item) => (
                  <tr key={item.id}>
                    <td data-label="Exercise">{item.exerciseName}</td>
                    <td data-label="Mode">{MODE_LABELS[item.mode]}</td>
                    <td data-label="Dosage">{item.dosageText}</td>
                    <td data-label="Status">{item.clearance ? <span className={`badge ${CLEARANCE_LABELS[item.clearance].tone}`}>{CLEARANCE_LABELS[item.clearance].text}</span> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p>Nothing approved yet: the patient sees no exercises.</p>
        )}
        {canEdit ? (
          draft ? (
            <p>
              <Link className="button" href={`/patients/${patient.id}/draft`}>
                Open draft (version {draft.number})
              </Link>
            </p>
          ) : (
            <ActionForm action={startDraftAction} hidden={{ patientId: patient.id }}>
              <button type="submit">Change plan</button>
            </ActionForm>
          )
        ) : null}
      </section>

      {canEdit && current ? (
        <section className="card" aria-labelledby="advance-heading">
          <h2 id="advance-heading">Next phase</h2>
          {nextPhase ? (
            <>
              <p>
                Phase {nextPhase.position}: {nextPhase.name}. Earliest start: day {nextPhase.earliestDay} after surgery ({formatDay(nextPhase.gate.earliestDate, { today })})
                {nextPhase.gate.isEarly ? `, in ${nextPhase.gate.daysUntilEarliest} days.` : ', reached.'}
              </p>
              {draft ? (
                <p className="muted">Approve or discard the open draft before advancing.</p>
              ) : (
                <ActionForm action={advancePhaseAction} hidden={{ patientId: patient.id }} className="stack" label={`Advance to phase ${nextPhase.position}`}>
                  <fieldset>
                    <legend>Entry criteria met</legend>
                    {nextPhase.criteria.length === 0 ? <p className="muted">This phase has no entry criteria.</p> : null}
                    {nextPhase.criteria.map((criterion) => (
                      <label key={criterion} style={{ fontWeight: 400 }}>
                        <input type="checkbox" name="criteriaMet" value={criterion} />
                        {criterion}
                      </label>
                    ))}
                  </fieldset>
                  <div>
                    <label htmlFor="reason">
                      Reason {nextPhase.gate.isEarly ? '(required: this is before the earliest day)' : '(optional)'}
                    </label>
                    <textarea id="reason" name="reason" rows={2} />
                  </div>
                  <div>
                    <button type="submit">Advance to phase {nextPhase.position}</button>
                  </div>
                </ActionForm>
              )}
            </>
          ) : (
            <p>This is the last phase of the protocol.</p>
          )}
        </section>
      ) : null}

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">Plan history</h2>
        <table className="stack-on-phone">
          <caption className="sr-only">Plan versions</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Phase</th>
              <th scope="col">Written by</th>
              <th scope="col">Approved</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {overview.versions.map((version, index) => {
              const previous = overview.versions[index + 1];
              return (
                <tr key={version.id}>
                  <td data-label="Version">
                    <Link href={`/patients/${patient.id}/versions/${version.number}`}>Version {version.number}</Link>
                  </td>
                  <td data-label="Status">{version.status === 'APPROVED' ? 'Approved' : 'Draft'}</td>
                  <td data-label="Phase">{version.phase ? `Phase ${version.phase.position}` : '—'}</td>
                  <td data-label="Written by">{version.createdBy}</td>
                  <td data-label="Approved">{version.approvedBy ? `${version.approvedBy}, ${moment(version.approvedAt)}` : '—'}</td>
                  <td data-label="Changes">
                    {previous ? (
                      <Link href={`/patients/${patient.id}/compare?from=${previous.number}&to=${version.number}`}>
                        Compare version {previous.number} with {version.number}
                      </Link>
                    ) : (
                      'First version'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}
