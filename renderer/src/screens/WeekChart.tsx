// This week's hours per day against the day's target, in plain SVG: a bar per day, a tick for the
// target, the hours above the bar, days off hatched, and under the chart what makes a day off (its
// holiday by name, its leave). Screen readers get the same numbers as a table. The parts a chart of
// days is made of (the hatch, a bar's hours, the legend, the notes, the table) are exported for the
// Reports screen's chart of a week or a month.
import { useId, type ReactElement } from 'react';
import type { DayTotal } from '../../../window-contract/status.ts';
import { barLabelLines, dayLong, spokenDuration, weekdayShort } from '../format.ts';
import { useDurations } from '../hooks.ts';
import { dayReason } from '../words.ts';
import { isOffDay } from '../trackers.tsx';
import { namesTogether } from '../../../mcp-server/contract/connections.ts';

const WIDTH = 336;
const HEIGHT = 168;
const SLOT = WIDTH / 7;
const BAR = 34;
const TOP = 18;
const BOTTOM = HEIGHT - 22;

/**
 * Days off are hatched rather than tinted: the lines stand at 3:1 against the card (WCAG's contrast
 * for graphics), which a tint light enough to sit behind a bar never does (the grey was 1.2:1 on
 * white). Returns the pattern, to go inside the chart's svg, and the fill that uses it; the id is the
 * chart's own, since Status and Reports may both be mounted.
 */
export function useOffDayHatch(): { pattern: ReactElement; fill: string } {
  const id = `off-hatch-${useId().replace(/[^\w-]/g, '')}`;
  const pattern = (
    <defs>
      <pattern id={id} className="off-hatch" width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line x1={1.5} y1={0} x2={1.5} y2={6} />
      </pattern>
    </defs>
  );
  return { pattern, fill: `url(#${id})` };
}

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
  const hatch = useOffDayHatch();
  return (
    <>
      <svg className="day-chart week-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" focusable="false">
        {hatch.pattern}
        <line className="axis" x1={0} x2={WIDTH} y1={BOTTOM + 0.5} y2={BOTTOM + 0.5} />
        {days.map((day, index) => {
          const center = index * SLOT + SLOT / 2;
          const top = y(day.minutes);
          const over = day.targetMinutes > 0 && day.minutes >= day.targetMinutes;
          const modifiers = [day.date === today ? ' today' : '', over ? ' met' : ''].join('');
          return (
            <g key={day.date}>
              {isOffDay(day) && <rect className="off" fill={hatch.fill} x={index * SLOT + 2} y={TOP} width={SLOT - 4} height={BOTTOM - TOP} />}
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
      <ChartLegend days={days} />
      <ChartNotes days={days} dayLabel={weekdayShort} />
      <DayTable days={days} caption="Hours per day this week" />
    </>
  );
}

/** What the dashed tick means, and the hatch where a day is hatched (a day without a target). */
export function ChartLegend({ days }: { days: readonly DayTotal[] }) {
  return (
    <p className="legend" aria-hidden="true">
      <svg viewBox="0 0 16 4" focusable="false">
        <line className="target" x1={0} x2={16} y1={2} y2={2} />
      </svg>
      daily target
      {days.some(isOffDay) && (
        <>
          <span className="swatch off" /> day off
        </>
      )}
    </p>
  );
}

/** Under the chart: what makes each day off that is more than a weekend (its holiday by name, its leave). */
export function ChartNotes({ days, dayLabel }: { days: DayTotal[]; dayLabel: (date: string) => string }) {
  const noted = days.filter((day) => day.holiday || day.leave);
  if (noted.length === 0) return null;
  return (
    <ul className="chart-notes">
      {noted.map((day) => (
        <li key={day.date}>
          <span className="chart-note-day">{dayLabel(day.date)}</span> {dayReason(day)}
        </li>
      ))}
    </ul>
  );
}

/**
 * A day's target in words; with several connections each one's own ("acme 8 hours, beta 2 hours"), never added up, and
 * the one of those that share the settings' week ("toggl and home together 8 hours").
 */
function targetWords(day: DayTotal): string {
  const one = (part: { targetMinutes: number } & Parameters<typeof dayReason>[0]) =>
    [part.targetMinutes > 0 ? spokenDuration(part.targetMinutes) : '', dayReason(part) ?? ''].filter(Boolean).join(', ');
  const together = day.together ?? [];
  const shared = together.map((group) => `${namesTogether(group.trackers)} together ${spokenDuration(group.targetMinutes)}`);
  const sharing = new Set(together.flatMap((group) => group.trackers));
  // Those that share the week have no target of their own: their part says only why it asks less (a holiday, leave).
  const reasonOnly = (part: Parameters<typeof dayReason>[0]) => (part.holiday || part.leave ? dayReason(part) : null);
  if (!day.byTracker) return [shared.length > 0 ? reasonOnly(day) : one(day), ...shared].filter(Boolean).join('; ');
  const own = day.byTracker.flatMap((part) => {
    const said = sharing.has(part.tracker) ? reasonOnly(part) : one(part);
    return said ? [`${part.tracker} ${said}`] : [];
  });
  return [...own, ...shared].join('; ');
}

/** The chart's numbers for screen readers, which the svg is hidden from: per day, worked and the target (or why there is none). */
export function DayTable({ days, caption }: { days: DayTotal[]; caption: string }) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
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
            <td>{targetWords(day)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
