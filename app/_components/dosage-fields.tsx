import type { Dosage } from '@/lib/domain/types';

const SIDE_LABELS = { NONE: 'Not one-sided', EACH: 'Each side', LEFT: 'Left only', RIGHT: 'Right only', BOTH: 'Both together' } as const;

/**
 * The seven dosage inputs, used by the catalog, protocol and plan forms. `prefix` namespaces the field
 * names; `idPrefix` only the element ids, for pages with several forms of the same fields.
 */
export function DosageFields({ dosage, prefix = '', idPrefix = prefix, legend = 'Dosage' }: { dosage?: Partial<Dosage>; prefix?: string; idPrefix?: string; legend?: string }) {
  const number = (name: keyof Omit<Dosage, 'side'>, label: string, max: number) => (
    <div>
      <label htmlFor={`${idPrefix}${name}`}>{label}</label>
      <input id={`${idPrefix}${name}`} name={`${prefix}${name}`} type="number" inputMode="numeric" min={1} max={max} defaultValue={dosage?.[name] ?? ''} />
    </div>
  );
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="row">
        {number('sets', 'Sets', 10)}
        {number('reps', 'Reps', 100)}
        {number('holdSeconds', 'Hold (seconds)', 300)}
        {number('minutes', 'Minutes', 180)}
        {number('timesPerDay', 'Times a day', 10)}
        {number('daysPerWeek', 'Days a week', 7)}
        <div>
          <label htmlFor={`${idPrefix}side`}>Side</label>
          <select id={`${idPrefix}side`} name={`${prefix}side`} defaultValue={dosage?.side ?? 'NONE'}>
            {Object.entries(SIDE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
    </fieldset>
  );
}
