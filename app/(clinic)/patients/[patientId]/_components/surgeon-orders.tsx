import { formatMoment } from '@/lib/domain/clinic-time';
import { restrictionSentence, type Restriction, type RestrictionsInForce } from '@/lib/domain/restrictions';
import type { PlanOverview } from '@/lib/server/plans/get-plan-overview';
import { Disclosure } from '@/app/_components/disclosure';
import { SurgeonOrderForm, type OrderDefaults } from './surgeon-order-form';

const isoDay = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : '');

/** The form starts from the orders in force, or from the phase's defaults when there are none yet. */
function defaultsFrom(restrictions: readonly Restriction[]): OrderDefaults {
  const find = (kind: Restriction['kind']) => restrictions.find((restriction) => restriction.kind === kind);
  const end = (restriction: Restriction | undefined) => ({ untilDate: isoDay(restriction?.untilDate ?? null), untilPhaseId: restriction?.untilPhase?.id ?? '' });
  const lifting = find('LIFTING');
  const sitting = find('SITTING');
  const avoid = (kind: Restriction['kind']) => (find(kind) ? 'AVOID' : 'ALLOWED') as 'AVOID' | 'ALLOWED';
  return {
    lifting: { rule: lifting ? 'LIMIT' : 'ALLOWED', limit: lifting?.limit === null || !lifting ? '' : String(lifting.limit), unit: lifting?.unit === 'LB' ? 'LB' : 'KG', ...end(lifting) },
    bending: { rule: avoid('BENDING'), ...end(find('BENDING')) },
    twisting: { rule: avoid('TWISTING'), ...end(find('TWISTING')) },
    sitting: { rule: sitting ? 'LIMIT' : 'ALLOWED', minutes: sitting?.limit === null || !sitting ? '' : String(sitting.limit), ...end(sitting) },
    driving: { rule: avoid('DRIVING'), ...end(find('DRIVING')) },
  };
}

export function RestrictionList({ inForce, today, label }: { inForce: RestrictionsInForce; today: Date; label: string }) {
  if (inForce.restrictions.length === 0) return <p>No restrictions in force.</p>;
  return (
    <ul aria-label={label}>
      {inForce.restrictions.map((restriction) => (
        <li key={restriction.kind}>{restrictionSentence(restriction, today)}</li>
      ))}
    </ul>
  );
}

/** The surgeon's orders for this episode: what is in force, who signed which version, and (for the surgeon) the form. */
export function SurgeonOrders({ overview, today, timeZone, canSign }: { overview: PlanOverview; today: Date; timeZone: string; canSign: boolean }) {
  const latest = overview.orders[0];
  const inForce = overview.restrictions.current;
  const surgeonName = (id: string) => (id === overview.episode.surgeon.id ? overview.episode.surgeon.name : 'Another surgeon');
  return (
    <section className="card" aria-labelledby="orders-heading">
      <h2 id="orders-heading">Surgeon&apos;s orders</h2>
      {latest ? (
        <p>
          Version {latest.version}, signed by {surgeonName(latest.surgeonId)} on {formatMoment(latest.signedAt, timeZone)}.{latest.note ? ` ${latest.note}` : ''}
        </p>
      ) : (
        <p>No orders yet: the patient follows the protocol&apos;s default restrictions for the phase.</p>
      )}
      <h3>In force today</h3>
      <RestrictionList inForce={inForce} today={today} label="Restrictions in force" />
      {overview.orders.length > 1 ? (
        <details>
          <summary>Earlier versions</summary>
          <ul>
            {overview.orders.slice(1).map((order) => (
              <li key={order.id}>
                Version {order.version}, {surgeonName(order.surgeonId)}, {formatMoment(order.signedAt, timeZone)}:{' '}
                {order.restrictions.filter((restriction) => !(restriction.isAllowed && restriction.limit === null)).map((restriction) => restrictionSentence(restriction, today)).join(' ') || 'No restrictions.'}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {canSign ? (
        <Disclosure startsOpen={!latest} summary={latest ? 'Change the orders' : 'Record orders'}>
          <p>Signing makes a new version. The patient sees it in place of the protocol&apos;s defaults, and the therapist is warned about exercises that conflict.</p>
          <SurgeonOrderForm
            patientId={overview.patient.id}
            basedOnVersion={latest?.version ?? 0}
            defaults={defaultsFrom(latest ? latest.restrictions.filter((restriction) => !(restriction.isAllowed && restriction.limit === null)) : inForce.restrictions)}
            phases={overview.phases.map((phase) => ({ id: phase.id, position: phase.position, name: phase.name }))}
          />
        </Disclosure>
      ) : null}
    </section>
  );
}
