import { formatMoment } from '@/lib/domain/clinic-time';
import type { AlertDto } from '@/lib/server/alerts/alert-select';
import { AcknowledgeForm } from './acknowledge-form';

const KIND_LABELS = { PAIN: 'Pain', WARNING_SIGN: 'Warning sign' } as const;

/** Open alerts, each with who it is about, what raised it, when, and the form that closes it. */
export function AlertList({ alerts, timeZone, showPatient = true, canAcknowledge }: { alerts: AlertDto[]; timeZone: string; showPatient?: boolean; canAcknowledge: boolean }) {
  return (
    <ul className="alerts">
      {alerts.map((alert) => {
        const label = `${KIND_LABELS[alert.kind].toLowerCase()} alert${showPatient ? ` for ${alert.patient.name}` : ''}`;
        return (
          <li key={alert.id} className={`card alert ${alert.kind === 'WARNING_SIGN' ? 'sign' : 'pain'}`}>
            <p>
              <span className={`badge ${alert.kind === 'WARNING_SIGN' ? 'danger' : 'warn'}`}>{KIND_LABELS[alert.kind]}</span>
              {showPatient ? (
                <>
                  <a href={`/patients/${alert.patient.id}`}>{alert.patient.name}</a>:{' '}
                </>
              ) : null}
              {alert.summary} <span className="muted">({formatMoment(alert.raisedAt, timeZone)})</span>
            </p>
            {canAcknowledge ? <AcknowledgeForm alertId={alert.id} label={label} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
