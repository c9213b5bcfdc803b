import { formatDay } from '@/lib/domain/clinic-time';
import type { WeeklyAdherence } from '@/lib/domain/adherence';

const WIDTH = 640;
const HEIGHT = 170;
const LEFT = 40;
const TOP = 12;
const BOTTOM = 28;

/** Home sessions done as a share of those expected, week by week since surgery, as server-rendered bars. */
export function AdherenceChart({ weeks }: { weeks: WeeklyAdherence[] }) {
  const slot = (WIDTH - LEFT - 8) / Math.max(1, weeks.length);
  const barWidth = Math.min(40, slot * 0.7);
  const y = (percent: number) => TOP + ((HEIGHT - TOP - BOTTOM) * (100 - percent)) / 100;
  const counted = weeks.filter((week) => week.percent !== null);
  const summary =
    counted.length === 0
      ? 'No home sessions were expected yet.'
      : `Week by week: ${counted.map((week) => `week ${week.week} ${week.percent}%`).join(', ')}.`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="adherence-chart-title adherence-chart-desc">
        <title id="adherence-chart-title">Weekly adherence to the home programme</title>
        <desc id="adherence-chart-desc">{summary}</desc>
        {[0, 50, 100].map((percent) => (
          <g key={percent}>
            <line x1={LEFT} x2={WIDTH - 8} y1={y(percent)} y2={y(percent)} stroke="#d5dbe3" />
            <text x={LEFT - 6} y={y(percent) + 4} textAnchor="end" fontSize="11" fill="#586272">
              {percent}%
            </text>
          </g>
        ))}
        {weeks.map((week, index) => {
          const cx = LEFT + slot * index + slot / 2;
          return (
            <g key={week.week}>
              {week.percent === null ? (
                <text x={cx} y={y(0) - 4} textAnchor="middle" fontSize="10" fill="#586272">
                  —
                </text>
              ) : (
                <rect x={cx - barWidth / 2} y={y(week.percent)} width={barWidth} height={y(0) - y(week.percent)} fill="#1f6f43" stroke="#0f3d24" />
              )}
              <text x={cx} y={HEIGHT - 10} textAnchor="middle" fontSize="11" fill="#586272">
                W{week.week}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary>Adherence by week as a table</summary>
        <table>
          <caption className="sr-only">Home sessions done and expected, by week since surgery</caption>
          <thead>
            <tr>
              <th scope="col">Week</th>
              <th scope="col">Days</th>
              <th scope="col">Done</th>
              <th scope="col">Expected</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week.week}>
                <td>Week {week.week}</td>
                <td>
                  {formatDay(week.first)} to {formatDay(week.last)}
                </td>
                <td>{week.completed}</td>
                <td>{week.expected === 0 ? 'None yet' : `${week.expected} (${week.percent}%)`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
