import { diffPlanItems, type DiffableItem, type ItemChange } from '@/lib/domain/prescription';
import { describeDosage } from '@/lib/domain/dosage';
import { MODE_LABELS } from '@/app/_components/labels';

const CHANGE_LABELS: Record<ItemChange, string> = { dosage: 'dosage', mode: 'mode', notes: 'notes to the patient', instructions: 'instructions' };

/** Added, removed and changed exercises between two versions, under headings one level below the page's section. */
export function VersionDiff({ before, after, headingLevel = 3 }: { before: DiffableItem[]; after: DiffableItem[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const diff = diffPlanItems(before, after);
  const isSame = diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
  if (isSame) return <p>No changes.</p>;
  return (
    <div className="grid">
      <div>
        <Heading>Added</Heading>
        {diff.added.length === 0 ? <p className="muted">Nothing.</p> : null}
        <ul aria-label="Added">
          {diff.added.map((item) => (
            <li key={item.exerciseId}>
              {item.exerciseName}: {describeDosage(item.dosage)} ({MODE_LABELS[item.mode]})
            </li>
          ))}
        </ul>
      </div>
      <div>
        <Heading>Removed</Heading>
        {diff.removed.length === 0 ? <p className="muted">Nothing.</p> : null}
        <ul aria-label="Removed">
          {diff.removed.map((item) => (
            <li key={item.exerciseId}>{item.exerciseName}</li>
          ))}
        </ul>
      </div>
      <div>
        <Heading>Changed</Heading>
        {diff.changed.length === 0 ? <p className="muted">Nothing.</p> : null}
        <ul aria-label="Changed">
          {diff.changed.map(({ before: old, after: next, changes }) => (
            <li key={next.exerciseId}>
              {next.exerciseName} ({changes.map((change) => CHANGE_LABELS[change]).join(', ')}):{' '}
              {changes.includes('dosage') ? `${describeDosage(old.dosage)} → ${describeDosage(next.dosage)}` : null}
              {changes.includes('mode') ? ` ${MODE_LABELS[old.mode]} → ${MODE_LABELS[next.mode]}` : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
