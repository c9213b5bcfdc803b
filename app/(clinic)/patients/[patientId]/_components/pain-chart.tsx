import { daysBetween } from '@/lib/domain/calendar';
import { formatDay } from '@/lib/domain/clinic-time';
import type { DailyPain } from '@/lib/domain/pain';
import type { PhaseChange } from '@/lib/domain/phases';

// Server-rendered SVG: no chart code reaches the browser. Back pain is a solid line with round points,
// leg pain a dashed line with square points, so the chart reads in black and white too.
const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 34;
const RIGHT = 12;
const TOP = 18;
const BOTTOM = 30;

export function PainChart({ points, phaseChanges, start, today, timeZone }: { points: DailyPain[]; phaseChanges: PhaseChange[]; start: Date; today: Date; timeZone: string }) {
  const span = Math.max(1, daysBetween(start, today));
  const x = (day: Date) => LEFT + ((WIDTH - LEFT - RIGHT) * Math.min(span, Math.max(0, daysBetween(start, day)))) / span;
  const y = (score: number) => TOP + ((HEIGHT - TOP - BOTTOM) * (10 - score)) / 10;
  const back = points.map((point) => `${x(point.day).toFixed(1)},${y(point.back).toFixed(1)}`).join(' ');
  const legPoints = points.filter((point): point is DailyPain & { leg: number } => point.leg !== null);
  const leg = legPoints.map((point) => `${x(point.day).toFixed(1)},${y(point.leg).toFixed(1)}`).join(' ');
  const ticks = Array.from(new Set([0, Math.round(span / 2), span]));
  const latest = points[points.length - 1];
  const summary =
    points.length === 0
      ? 'No pain logged yet.'
      : `Pain on ${points.length} days from ${formatDay(points[0]!.day)} to ${formatDay(latest!.day)}. Latest: back ${latest!.back} out of 10${latest!.leg === null ? '' : `, leg ${latest!.leg} out of 10`}.` +
        (phaseChanges.length > 0 ? ` Phase changes: ${phaseChanges.map((change) => `phase ${change.position} on ${formatDay(change.at)}`).join(', ')}.` : '');
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="pain-chart-title pain-chart-desc">
        <title id="pain-chart-title">Back and leg pain by day since surgery</title>
        <desc id="pain-chart-desc">{summary}</desc>
        {[0, 5, 10].map((score) => (
          <g key={score}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(score)} y2={y(score)} stroke="#d5dbe3" />
            <text x={LEFT - 6} y={y(score) + 4} textAnchor="end" fontSize="11" fill="#586272">
              {score}
            </text>
          </g>
        ))}
        {ticks.map((tick) => (
          <text key={tick} x={LEFT + ((WIDTH - LEFT - RIGHT) * tick) / span} y={HEIGHT - 10} textAnchor={tick === 0 ? 'start' : tick === span ? 'end' : 'middle'} fontSize="11" fill="#586272">
            Day {tick}
          </text>
        ))}
        {phaseChanges.map((change) => (
          <g key={change.versionNumber}>
            <line x1={x(change.at)} x2={x(change.at)} y1={TOP - 8} y2={HEIGHT - BOTTOM} stroke="#586272" strokeDasharray="2 3" />
            <text x={x(change.at) + 3} y={TOP - 2} fontSize="11" fill="#1c2430">
              Phase {change.position}
            </text>
          </g>
        ))}
        {back ? <polyline points={back} fill="none" stroke="#0b5c8c" strokeWidth="2" /> : null}
        {points.map((point) => (
          <circle key={`b${point.day.getTime()}`} cx={x(point.day)} cy={y(point.back)} r="3" fill="#0b5c8c" />
        ))}
        {leg ? <polyline points={leg} fill="none" stroke="#a14d0b" strokeWidth="2" strokeDasharray="6 4" /> : null}
        {legPoints.map((point) => (
          <rect key={`l${point.day.getTime()}`} x={x(point.day) - 3} y={y(point.leg) - 3} width="6" height="6" fill="#a14d0b" />
        ))}
      </svg>
      <figcaption>
        <span className="legend back">Back pain</span> <span className="legend leg">Leg pain</span>
        <span className="muted"> (0 none, 10 worst; the worst score of each day; {timeZone} dates)</span>
      </figcaption>
      {points.length > 0 ? (
        <details>
          <summary>Pain by day as a table</summary>
          <table>
            <caption className="sr-only">Worst pain of each day</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Back pain</th>
                <th scope="col">Leg pain</th>
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.day.getTime()}>
                  <td>{formatDay(point.day)}</td>
                  <td>{point.back}</td>
                  <td>{point.leg ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </figure>
  );
}
