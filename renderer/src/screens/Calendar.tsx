// A month of who is away, and the public holidays, as a calendar grid: each day with the people
// away on it, a half day marked, and the kind of absence only where the engine shows it (it keeps
// what a back end hides from the person hidden: a colleague's type may be null, never a reason).
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

function awayText(away: Away): string {
  const kind = away.kind ?? (away.type ? LEAVE_TYPE_NAMES[away.type] : null);
  const part = away.part === 'full' ? '' : ` (${away.part})`;
  return `${away.person}${kind ? `: ${kind}` : ''}${part}`;
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
      <ScreenHeader title="Team calendar">{data?.scope || 'Who is away, and the public holidays.'}</ScreenHeader>
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
                          <li key={away.person} className={`away ${away.type ?? 'hidden'}${away.part === 'full' ? '' : ' half'}`} title={awayText(away)}>
                            <span className="away-name">{away.person}</span>
                            {away.part !== 'full' && <span className="away-part"> ½</span>}
                            <span className="sr-only">{awayText(away).slice(away.person.length)}</span>
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
        <span className="away vacation">Vacation</span>
        <span className="away sick">Sick</span>
        <span className="away other">Other</span>
        <span className="away hidden">Not shown to you</span>
        <span>½ half day</span>
        <span className="swatch holiday" /> public holiday
        <span className="swatch off" /> day off
      </p>
    </>
  );
}
