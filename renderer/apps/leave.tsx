// The Leave planner: a month of working days, holidays and who is away (as absence_calendar shows
// them, with its privacy), and the vacation balance. The person picks a first and a last day and
// sees what the leave costs — the days' own work shares, as the engine counts them — before
// request_leave is called, by their click alone.
import { useEffect, useState } from 'react';
import { LEAVE_TYPES, WEEKDAY_NAMES } from '../../mcp-server/contract/vocabulary.ts';
import { addMonths, dayFull, dayLong, daysText, monthEnd, monthLabel, monthOf, monthStart } from '../src/format.ts';
import type { HostLink } from './host-link.ts';
import { asBalance, asCalendar, type Balance, type CalendarDay } from './shapes.ts';
import { Frame, read, StatusLine, useHost, useWriter } from './ui.tsx';

const WEEKDAYS = WEEKDAY_NAMES.map((name) => name.slice(0, 3));

interface Month {
  month: string;
  days: CalendarDay[];
  balance: Balance | null;
  /** Why the balance is not shown, where the engine refused it. */
  balanceProblem: string | null;
}

export function LeaveApp() {
  const host = useHost('leave');
  const { link } = host;
  const writer = useWriter(link, 'Leave planner');
  const [shown, setShown] = useState<Month | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [first, setFirst] = useState<string | null>(null);
  const [last, setLast] = useState<string | null>(null);
  const [type, setType] = useState<(typeof LEAVE_TYPES)[number]>('vacation');
  const [comment, setComment] = useState('');

  const load = async (month: string | null) => {
    if (!link) return;
    const loaded = await loadMonth(link, month);
    if ('refused' in loaded) return setProblem(loaded.refused);
    setProblem(null);
    setShown(loaded);
  };

  useEffect(() => {
    if (!link) return;
    // The month of the calendar's first day, or (a balance, or no days) the month the engine's
    // calendar starts today in.
    link.onToolResult((answer) => {
      const days = asCalendar(answer.structuredContent);
      void load(days?.[0] ? monthOf(days[0].date) : null);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [link]);

  const move = (count: number) => {
    if (!shown) return;
    setFirst(null);
    setLast(null);
    void load(addMonths(shown.month, count));
  };
  const pick = (date: string) => {
    if (first === null || last !== null) {
      setFirst(date);
      setLast(null);
    } else if (date < first) {
      setLast(first);
      setFirst(date);
    } else {
      setLast(date);
    }
  };
  const end = last ?? first;
  const chosen = shown && first && end ? shown.days.filter((day) => day.date >= first && day.date <= end) : [];
  const cost = chosen.reduce((sum, day) => sum + day.work_share, 0);

  return (
    <Frame title="Leave planner" host={host}>
      {problem && <p role="alert">{problem}</p>}
      {shown && (
        <>
          <BalanceLine month={shown} />
          <div className="nav">
            <button type="button" onClick={() => move(-1)}>
              Previous month
            </button>
            <h2 id="month">{monthLabel(shown.month)}</h2>
            <button type="button" onClick={() => move(1)}>
              Next month
            </button>
          </div>
          <MonthGrid month={shown} first={first} end={end} onPick={pick} />
          {first && end && (
            <form className="fields" aria-label="Request leave" onSubmit={(event) => event.preventDefault()}>
              <p className="summary" style={{ flexBasis: '100%' }}>
                {first === end ? dayFull(first) : `${dayFull(first)} to ${dayFull(end)}`}: <strong>{daysText(cost)}</strong> of leave
                {type === 'vacation' && shown.balance && !shown.balance.unlimited && <>, leaving {daysText(shown.balance.remaining - cost)} of vacation</>}.
              </p>
              <label>
                Type
                <select value={type} onChange={(event) => setType(event.target.value as (typeof LEAVE_TYPES)[number])}>
                  {LEAVE_TYPES.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Comment
                <input value={comment} onChange={(event) => setComment(event.target.value)} />
              </label>
              <div className="actions">
                <button
                  type="submit"
                  className="primary"
                  disabled={writer.busy || cost === 0}
                  onClick={async (event) => {
                    const args = { type, first_day: first, last_day: end, ...(comment.trim() ? { comment: comment.trim() } : {}) };
                    const answer = await writer.write(event, 'request_leave', args, `Request ${type} from ${first} to ${end} (${daysText(cost)})`);
                    if (answer && !answer.isError) {
                      setFirst(null);
                      setLast(null);
                      setComment('');
                      await load(shown.month);
                    }
                  }}
                >
                  Request leave
                </button>
                <button
                  type="button"
                  onClick={() => {
                    setFirst(null);
                    setLast(null);
                  }}
                >
                  Clear
                </button>
              </div>
            </form>
          )}
        </>
      )}
      <StatusLine status={writer.status} />
    </Frame>
  );
}

async function loadMonth(link: HostLink, wanted: string | null): Promise<Month | { refused: string }> {
  let month = wanted;
  if (month === null) {
    const upcoming = await read(link, 'absence_calendar', {});
    if ('refused' in upcoming) return upcoming;
    const first = asCalendar(upcoming.data)?.[0];
    if (!first) return { refused: 'Punchcard answered with a calendar this app cannot show.' };
    month = monthOf(first.date);
  }
  const [calendar, balance] = await Promise.all([
    read(link, 'absence_calendar', { from: monthStart(month), to: monthEnd(month) }),
    read(link, 'leave_balance', { year: Number(month.slice(0, 4)) }),
  ]);
  if ('refused' in calendar) return calendar;
  const days = asCalendar(calendar.data);
  if (!days) return { refused: 'Punchcard answered with a calendar this app cannot show.' };
  if ('refused' in balance) return { month, days, balance: null, balanceProblem: balance.refused };
  return { month, days, balance: asBalance(balance.data), balanceProblem: null };
}

function BalanceLine({ month }: { month: Month }) {
  const { balance } = month;
  if (!balance) return month.balanceProblem ? <p className="muted">{month.balanceProblem}</p> : null;
  if (balance.unlimited)
    return (
      <p>
        Vacation {balance.year}: no limit; {daysText(balance.taken)} taken, {daysText(balance.planned)} planned.
      </p>
    );
  return (
    <p>
      Vacation {balance.year}: <strong>{daysText(balance.remaining)} left</strong>
      {balance.entitlement !== null && <> of {daysText(balance.entitlement)}</>}; {daysText(balance.taken)} taken, {daysText(balance.planned)} planned.
    </p>
  );
}

function MonthGrid({ month, first, end, onPick }: { month: Month; first: string | null; end: string | null; onPick: (date: string) => void }) {
  // Weeks from Monday; the first row starts with blanks up to the month's first weekday.
  const lead = (WEEKDAY_NAMES as readonly string[]).indexOf(month.days[0]?.weekday ?? 'Monday');
  const cells: Array<CalendarDay | null> = [...Array<null>(Math.max(0, lead)).fill(null), ...month.days];
  const rows: Array<Array<CalendarDay | null>> = [];
  for (let index = 0; index < cells.length; index += 7) rows.push(cells.slice(index, index + 7));
  return (
    <table className="month" aria-labelledby="month">
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
        {rows.map((row) => (
          <tr key={row.find(Boolean)?.date}>
            {Array.from({ length: 7 }, (_, index) => {
              const day = row[index];
              if (!day) return <td key={index} />;
              const selected = first !== null && end !== null && day.date >= first && day.date <= end;
              return (
                <td key={day.date}>
                  <button type="button" aria-pressed={selected} className={day.working_day && !day.holiday ? '' : 'off'} onClick={() => onPick(day.date)}>
                    <span className="sr">{dayLong(day.date)}</span>
                    <span aria-hidden="true">{Number(day.date.slice(8))}</span>
                    <DayNotes day={day} />
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DayNotes({ day }: { day: CalendarDay }) {
  const notes: string[] = [];
  if (day.holiday) notes.push(day.holiday);
  else if (!day.working_day) notes.push('Day off');
  for (const away of day.away) {
    const who = away.own ? 'You' : away.person;
    const part = away.part === 'full' ? '' : ` (${away.part})`;
    notes.push(`${who}: ${away.kind ?? away.type ?? 'away'}${part}`);
  }
  return (
    <>
      {notes.map((note) => (
        <span key={note} className="note">
          {note}
        </span>
      ))}
    </>
  );
}
