// This week's hours per day against the day's target, in plain SVG: a bar per day, a tick for the
// target, the hours above the bar, days off shaded, and under the chart what makes a day off (its
// holiday by name, its leave). Screen readers get the same numbers as a table.
import type { DayTotal } from '../../../main/ipc/contract.ts';
import { barLabelLines, dayLong, spokenDuration, weekdayShort } from '../format.ts';
import { useDurations } from '../hooks.ts';
import { dayReason } from '../words.ts';

const WIDTH = 336;
const HEIGHT = 168;
const SLOT = WIDTH / 7;
const BAR = 34;
const TOP = 18;
const BOTTOM = HEIGHT - 22;

/**
 * A bar's hours: inside it, on two lines where that keeps the label narrower than the bar ("7h" over
 * "40m"), when the bar is tall enough, so the target tick never crosses the number; above it otherwise.
 */
export function BarValue({ minutes, center, top, floor, modifiers }: { minutes: number; center: number; top: number; floor: number; modifiers: string }) {
  const { style } = useDurations();
  const lines = barLabelLines(minutes, style);
  if (floor - top >= 7 + 12 * lines.length) {
    return (
      <text className={`value inside${modifiers}`} x={center} y={top + 13} textAnchor="middle">
        {lines.map((line, index) => (
          <tspan key={line} x={center} dy={index === 0 ? 0 : 12}>
            {line}
          </tspan>
        ))}
      </text>
    );
  }
  return (
    <text className="value" x={center} y={Math.max(top - 4, 11)} textAnchor="middle">
      {lines.join(' ')}
    </text>
  );
}

export function WeekChart({ week, today }: { week: DayTotal[] | undefined; today: string }) {
  const days = week ?? [];
  const scale = Math.max(60, ...days.map((day) => Math.max(day.minutes, day.targetMinutes)));
  const y = (minutes: number) => BOTTOM - (Math.min(minutes, scale) / scale) * (BOTTOM - TOP);
  return (
    <>
      <svg className="week-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" focusable="false">
        <line className="axis" x1={0} x2={WIDTH} y1={BOTTOM + 0.5} y2={BOTTOM + 0.5} />
        {days.map((day, index) => {
          const center = index * SLOT + SLOT / 2;
          const top = y(day.minutes);
          const over = day.targetMinutes > 0 && day.minutes >= day.targetMinutes;
          const modifiers = [day.date === today ? ' today' : '', over ? ' met' : ''].join('');
          return (
            <g key={day.date}>
              {day.targetMinutes === 0 && <rect className="off" x={index * SLOT + 2} y={TOP} width={SLOT - 4} height={BOTTOM - TOP} />}
              {day.minutes > 0 && <rect className={`bar${modifiers}`} x={center - BAR / 2} y={top} width={BAR} height={BOTTOM - top} rx={2} />}
              {day.targetMinutes > 0 && (
                <line className="target" x1={center - BAR / 2 - 5} x2={center + BAR / 2 + 5} y1={y(day.targetMinutes)} y2={y(day.targetMinutes)} />
              )}
              {day.minutes > 0 && <BarValue minutes={day.minutes} center={center} top={top} floor={BOTTOM} modifiers={modifiers} />}
              <text className={day.date === today ? 'day today' : 'day'} x={center} y={HEIGHT - 6} textAnchor="middle">
                {weekdayShort(day.date)}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="legend" aria-hidden="true">
        <svg viewBox="0 0 16 4" focusable="false">
          <line className="target" x1={0} x2={16} y1={2} y2={2} />
        </svg>
        daily target
      </p>
      {days.some((day) => day.holiday || day.leave) && (
        <ul className="chart-notes">
          {days
            .filter((day) => day.holiday || day.leave)
            .map((day) => (
              <li key={day.date}>
                <span className="chart-note-day">{weekdayShort(day.date)}</span> {dayReason(day)}
              </li>
            ))}
        </ul>
      )}
      <table className="sr-only">
        <caption>Hours per day this week</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Worked</th>
            <th scope="col">Target</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.date}>
              <th scope="row">{dayLong(day.date)}</th>
              <td>{spokenDuration(day.minutes)}</td>
              <td>{[day.targetMinutes > 0 ? spokenDuration(day.targetMinutes) : '', dayReason(day) ?? ''].filter(Boolean).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
