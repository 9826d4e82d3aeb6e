// A month of who is away, and the public holidays, as a calendar grid: each day with the people
// away on it (the person's own absence as "You"), a half day and a request still pending marked, and
// the kind of absence, by a shape as well as a colour, only where the engine shows it (it keeps what
// a back end hides from the person hidden: a colleague's type may be null, never a reason).
import { useEffect, useState } from 'react';
import type { CalendarView } from '../../../main/ipc/contract.ts';
import { Button, ErrorText, LoadError, ScreenHeader } from '../components.tsx';
import { addMonths, dayLong, dayNumber, mondayOf, monthLabel, monthOf, monthStart, addDaysTo, monthEnd, daysBetween } from '../format.ts';
import { useReadyMark } from '../hooks.ts';
import { stores, today, useKeyed } from '../store.ts';
import { LEAVE_TYPE_NAMES } from '../words.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

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
      {!data && !error && <div className="placeholder calendar-placeholder" aria-busy="true" aria-label="Loading the calendar" />}
    </>
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
          {monthLabel(view.month)}: {view.people.length === 0 ? 'nobody away' : `${view.people.length} ${view.people.length === 1 ? 'person' : 'people'} away on ${awayDays} days`}
        </caption>
        <thead>
          <tr>
            {WEEKDAYS.map((name, index) => (
              <th key={name} scope="col" abbr={WEEKDAY_NAMES[index]}>
                {name}
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
                    <span className="cell-date" aria-label={dayLong(date)}>
                      {dayNumber(date)}
                    </span>
                    {day.holiday && <span className="cell-holiday">{day.holiday}</span>}
                    {day.away.length > 0 && (
                      <ul className="cell-away" aria-label={`Away on ${dayLong(date)}`}>
                        {day.away.map((away) => (
                          <li key={`${away.person}:${away.own}`} className={`away ${away.type ?? 'hidden'}${away.part === 'full' ? '' : ' half'}${away.pending ? ' pending' : ''}`}>
                            <KindMark type={away.type} />
                            <span className="away-name">{whoText(away)}</span>
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
