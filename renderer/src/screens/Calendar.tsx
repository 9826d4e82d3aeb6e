// A month of who is away, and the public holidays, as a calendar grid: each day with the people
// away on it (the person's own absence as "You"), a half day and a request still pending marked, and
// the kind of absence, by a shape as well as a colour, only where the engine shows it (it keeps what
// a back end hides from the person hidden: a colleague's type may be null, never a reason).
import { useEffect, useState } from 'react';
import type { CalendarView } from '../../../window-contract/leave.ts';
import { Button, ErrorText, LoadError, Loading, ScreenHeader } from '../components.tsx';
import {
  addMonths,
  dayLong,
  dayNumber,
  dayShort,
  mondayOf,
  monthLabel,
  monthOf,
  monthStart,
  addDaysTo,
  monthEnd,
  daysBetween,
  weekdayLong,
  weekdayShort,
} from '../format.ts';
import { useReadyMark } from '../hooks.ts';
import { stores, today, useKeyed } from '../store.ts';
import { LEAVE_TYPE_NAMES } from '../words.ts';

type Away = CalendarView['days'][number]['away'][number];

/** Who: "You" for the person's own absence. */
function whoText(away: Away): string {
  return away.own ? 'You' : away.person;
}

/** What the cell's marks say, for a screen reader: ": Vacation (afternoon), pending". */
function awayDetails(away: Away): string {
  const kind = away.kind ?? (away.type ? LEAVE_TYPE_NAMES[away.type] : null);
  const part = away.part === 'full' ? '' : ` (${away.part})`;
  return `${kind ? `: ${kind}` : ''}${part}${away.pending ? ', pending' : ''}`;
}

/** A kind of absence is a shape as well as a colour: a sun for vacation, a cross for sick leave. */
const KIND_SHAPES: Record<'vacation' | 'sick' | 'other' | 'hidden', string> = {
  vacation: 'M5 2.6a2.4 2.4 0 1 1 0 4.8a2.4 2.4 0 0 1 0-4.8ZM4.4 0h1.2v1.6H4.4Zm0 8.4h1.2V10H4.4ZM0 4.4h1.6v1.2H0Zm8.4 0H10v1.2H8.4Z',
  sick: 'M3.7 1h2.6v2.7H9v2.6H6.3V9H3.7V6.3H1V3.7h2.7Z',
  other: 'M1.5 1.5h7v7h-7Z',
  hidden: 'M5 1a4 4 0 1 1 0 8a4 4 0 0 1 0-8Zm0 1.6a2.4 2.4 0 1 0 0 4.8a2.4 2.4 0 0 0 0-4.8Z',
};

function shapeOf(type: Away['type']): keyof typeof KIND_SHAPES {
  if (type === null) return 'hidden';
  return type === 'vacation' || type === 'sick' ? type : 'other';
}

/** "MS" for Maximiliane Schwarzenberger-Lüdenscheidt; a short single word ("You") as it is. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 1 && (words[0]?.length ?? 0) <= 4) return words[0] ?? '';
  const letters = [words[0], words.length > 1 ? words.at(-1) : undefined].map((word) => word?.charAt(0).toUpperCase() ?? '');
  return letters.join('');
}

interface Stretch {
  who: string;
  own: boolean;
  what: string;
  pending: boolean;
  from: string;
  to: string;
}

/**
 * Everyone away in the month, each absence as one stretch of days ("May 18 – 22"): the full names
 * the grid's narrow days can only show as initials, for a screen reader a list to read at once.
 */
function stretchesOf(view: CalendarView): Stretch[] {
  const stretches: Stretch[] = [];
  const open = new Map<string, Stretch>();
  for (const day of view.days) {
    const today = new Set<string>();
    for (const away of day.away) {
      const what = away.kind ?? (away.type ? LEAVE_TYPE_NAMES[away.type] : null) ?? 'Away';
      const key = `${away.own}:${away.person}:${what}:${away.pending}`;
      today.add(key);
      const current = open.get(key);
      if (current) current.to = day.date;
      else {
        const stretch = { who: whoText(away), own: away.own, what, pending: away.pending, from: day.date, to: day.date };
        open.set(key, stretch);
        stretches.push(stretch);
      }
    }
    // A day off or a holiday does not end an absence; a working day without it does.
    if (day.workingDay && !day.holiday) for (const key of [...open.keys()]) if (!today.has(key)) open.delete(key);
  }
  return stretches.sort((a, b) => Number(b.own) - Number(a.own) || a.who.localeCompare(b.who) || a.from.localeCompare(b.from));
}

function KindMark({ type }: { type: Away['type'] }) {
  return (
    <svg className="kind-mark" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
      <path d={KIND_SHAPES[shapeOf(type)]} />
    </svg>
  );
}

export function CalendarScreen() {
  const [month, setMonth] = useState(() => monthOf(today()));
  const { data, error } = useKeyed(stores.calendar, month);
  useReadyMark('calendar', data !== undefined);

  useEffect(() => {
    void stores.calendar.of(month).ensure();
  }, [month]);

  return (
    <>
      <ScreenHeader title="Calendar">{data?.scope || 'Who is away, and the public holidays.'}</ScreenHeader>
      <div className="toolbar" role="toolbar" aria-label="Month">
        <Button onClick={() => setMonth(addMonths(month, -1))} aria-label="Previous month">
          ‹ Previous
        </Button>
        <Button onClick={() => setMonth(monthOf(today()))} aria-current={month === monthOf(today()) ? 'date' : undefined}>
          This month
        </Button>
        <Button onClick={() => setMonth(addMonths(month, 1))} aria-label="Next month">
          Next ›
        </Button>
        <h2 className="period" aria-live="polite">
          {monthLabel(month)}
        </h2>
      </div>
      {error && !data && <LoadError message={error} onRetry={() => void stores.calendar.of(month).load()} />}
      {error && data && <ErrorText message={`Could not refresh: ${error}`} />}
      {data?.unavailable && (
        <p className="message note" role="note">
          {data.unavailable}
        </p>
      )}
      {data && !data.unavailable && <MonthGrid view={data} />}
      {!data && !error && <Loading what="Loading the calendar" className="calendar-placeholder" />}
    </>
  );
}

function AwayList({ view }: { view: CalendarView }) {
  const stretches = stretchesOf(view);
  if (stretches.length === 0) return null;
  return (
    <section className="card away-list" aria-labelledby="away-list-title">
      <h2 id="away-list-title">Away in {monthLabel(view.month)}</h2>
      <ul>
        {stretches.map((stretch) => (
          <li key={`${stretch.who}:${stretch.what}:${stretch.from}`}>
            <span className="away-who">{stretch.who}</span> {stretch.what},{' '}
            {stretch.from === stretch.to ? dayShort(stretch.from) : `${dayShort(stretch.from)} – ${dayShort(stretch.to)}`}
            {stretch.pending && <span className="muted"> (pending)</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function MonthGrid({ view }: { view: CalendarView }) {
  const byDate = new Map(view.days.map((day) => [day.date, day]));
  const first = mondayOf(monthStart(view.month));
  const last = addDaysTo(mondayOf(monthEnd(view.month)), 6);
  const cells = daysBetween(first, last);
  const weeks = Array.from({ length: cells.length / 7 }, (_, index) => cells.slice(index * 7, index * 7 + 7));
  const todayDate = today();
  const awayDays = view.days.filter((day) => day.away.length > 0).length;
  return (
    <>
      <table className="month-grid">
        <caption className="sr-only">
          {monthLabel(view.month)}:{' '}
          {view.people.length === 0 ? 'nobody away' : `${view.people.length} ${view.people.length === 1 ? 'person' : 'people'} away on ${awayDays} days`}
        </caption>
        <thead>
          <tr>
            {weeks[0]?.map((date) => (
              <th key={date} scope="col" abbr={weekdayLong(date)}>
                {weekdayShort(date)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((date) => {
                const day = byDate.get(date);
                if (!day) return <td key={date} className="outside" aria-hidden="true" />;
                const classes = [day.workingDay ? '' : 'off', day.holiday ? 'holiday' : '', date === todayDate ? 'today' : ''].filter(Boolean).join(' ');
                return (
                  <td key={date} className={classes || undefined} aria-current={date === todayDate ? 'date' : undefined}>
                    {/* A bare "12" says little aloud: a screen reader gets the whole day. */}
                    <span className="cell-date">
                      <span aria-hidden="true">{dayNumber(date)}</span>
                      <span className="sr-only">{dayLong(date)}</span>
                    </span>
                    {day.holiday && <span className="cell-holiday">{day.holiday}</span>}
                    {day.away.length > 0 && (
                      <ul className="cell-away" aria-label={`Away on ${dayLong(date)}`}>
                        {day.away.map((away) => (
                          <li
                            key={`${away.person}:${away.own}`}
                            className={`away ${away.type ?? 'hidden'}${away.part === 'full' ? '' : ' half'}${away.pending ? ' pending' : ''}`}
                          >
                            <KindMark type={away.type} />
                            <span className="away-name">{whoText(away)}</span>
                            <span className="away-initials" aria-hidden="true">
                              {initialsOf(whoText(away))}
                            </span>
                            {away.part !== 'full' && <span className="away-part"> ½</span>}
                            <span className="sr-only">{awayDetails(away)}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <AwayList view={view} />
      <p className="legend calendar-legend" aria-hidden="true">
        <span className="away vacation">
          <KindMark type="vacation" /> Vacation
        </span>
        <span className="away sick">
          <KindMark type="sick" /> Sick leave
        </span>
        <span className="away other">
          <KindMark type="other" /> Other leave
        </span>
        <span className="away hidden">
          <KindMark type={null} /> Kind not shown to you
        </span>
        <span className="away pending">Dashed: pending</span>
        <span>½ half day</span>
        <span className="legend-item">
          <span className="swatch holiday" /> public holiday
        </span>
        <span className="legend-item">
          <span className="swatch off" /> day off
        </span>
      </p>
    </>
  );
}
