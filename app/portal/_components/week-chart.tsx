import { isAllDone } from '@/lib/domain/adherence';
import { formatDay } from '@/lib/domain/clinic-time';
import { painChange } from '@/lib/domain/pain';
import { PORTAL_COPY } from '@/lib/content/portal';
import type { PortalPlan } from '@/lib/server/portal/get-portal-plan';

type Day = PortalPlan['week']['days'][number];

const COLUMN = 50;
const BAR_WIDTH = 30;
const BAR_TOP = 8;
const BAR_HEIGHT = 70;
const WIDTH = COLUMN * 7;
const HEIGHT = 140;

const weekday = (day: Day) => new Date(`${day.day}T00:00:00.000Z`).toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' });

/**
 * This week at a glance, for a patient on a phone: a bar a day for how much of that day's plan was done, and
 * under it the worst back pain logged that day. Two sentences above say the same in words, and a table for
 * screen readers holds every figure; the drawing itself is hidden from them.
 */
export function WeekChart({ days }: { days: readonly Day[] }) {
  const copy = PORTAL_COPY.week;
  const allDone = days.filter(isAllDone).length;
  const change = painChange(days.map((day) => day.backPain));
  const last = days.length - 1;
  return (
    <figure className="week-chart">
      <p>{copy.allDone(allDone, days.length)}</p>
      {change ? <p>{copy.painChange(change)}</p> : null}
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" focusable="false">
        {days.map((day, index) => {
          const x = index * COLUMN + (COLUMN - BAR_WIDTH) / 2;
          const share = day.expected === 0 ? 0 : Math.min(1, day.completed / day.expected);
          const filled = Math.round(share * BAR_HEIGHT);
          const center = index * COLUMN + COLUMN / 2;
          return (
            <g key={day.day}>
              {day.expected > 0 ? <rect x={x} y={BAR_TOP} width={BAR_WIDTH} height={BAR_HEIGHT} rx={4} className="week-track" /> : null}
              {filled > 0 ? <rect x={x} y={BAR_TOP + BAR_HEIGHT - filled} width={BAR_WIDTH} height={filled} rx={4} className={isAllDone(day) ? 'week-done' : 'week-part'} /> : null}
              <text x={center} y={BAR_TOP + BAR_HEIGHT + 18} textAnchor="middle" className={index === last ? 'week-label today' : 'week-label'}>
                {index === last ? copy.today : weekday(day)}
              </text>
              {day.backPain !== null ? (
                <>
                  <circle cx={center} cy={HEIGHT - 22} r={14} className="week-pain" />
                  <text x={center} y={HEIGHT - 17} textAnchor="middle" className="week-pain-score">
                    {day.backPain}
                  </text>
                </>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>{copy.legend}</figcaption>
      <table className="sr-only">
        <caption>{copy.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{copy.dayColumn}</th>
            <th scope="col">{copy.doneColumn}</th>
            <th scope="col">{copy.backColumn}</th>
            <th scope="col">{copy.legColumn}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <th scope="row">{formatDay(new Date(`${day.day}T00:00:00.000Z`))}</th>
              <td>{day.expected === 0 ? copy.nothingDue : copy.doneOf(day.completed, day.expected)}</td>
              <td>{day.backPain ?? copy.notLogged}</td>
              <td>{day.legPain ?? copy.notLogged}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
