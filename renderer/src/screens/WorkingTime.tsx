// Reports' working time (docs/working-time.md): a month as the law counts it, a line a day (start,
// end, breaks, worked, target, difference, leave or holiday) with what the rules found said in words,
// the totals and the balance; saved as CSV, or printed as a sheet the person signs. And the Status
// screen's line for what the rules find today, as it happens. The words are the window's own
// (working-time-words.ts), made from each finding's code and facts.
import { useEffect, useId } from 'react';
import type { WorkingTimeDay, WorkingTimeFinding, WorkingTimeView } from '../../../window-contract/working-time.ts';
import { api } from '../bridge.ts';
import { Button, ErrorText, LoadError, Loading, StatusText } from '../components.tsx';
import { dayFull, monthEnd, monthLabel, monthStart, wallClock, weekdayShort, dayNumber } from '../format.ts';
import { useAction, useDurations, useNow } from '../hooks.ts';
import { stores, today as todayOf, useKeyed, useStore, workingTimeKey } from '../store.ts';
import { LEAVE_TYPE_NAMES } from '../words.ts';
import { findingSentence, findingShort, findingsCount, lawOf } from '../working-time-words.ts';

export function WorkingTimeMonth({ month }: { month: string }) {
  const from = monthStart(month);
  const to = monthEnd(month);
  const key = workingTimeKey(from, to);
  const { data, error } = useKeyed(stores.workingTime, key);
  useEffect(() => {
    void stores.workingTime.of(key).ensure();
  }, [key]);
  if (error && !data) return <LoadError message={error} onRetry={() => void stores.workingTime.of(key).load()} />;
  if (!data) return <Loading what="Loading working time" className="report-placeholder" />;
  return (
    <>
      {error && <ErrorText message={`Could not refresh: ${error}`} />}
      <WorkingTimeSheet view={data} month={month} />
    </>
  );
}

function WorkingTimeSheet({ view, month }: { view: WorkingTimeView; month: string }) {
  const id = useId();
  const durations = useDurations();
  const action = useAction();
  const byDay = new Map<string, WorkingTimeFinding[]>();
  for (const finding of view.findings) byDay.set(finding.date, [...(byDay.get(finding.date) ?? []), finding]);
  const exportCsv = () =>
    void action.run(
      'export',
      () => api.exportWorkingTimeCsv({ from: view.from, to: view.to }),
      (result) => (result.path === null ? 'Nothing was saved.' : `Saved ${result.days} days to ${result.path}.`),
    );
  const { totals, balance } = view;
  return (
    <section className="card working-time-sheet" aria-labelledby={`${id}-title`}>
      <div className="card-title">
        <h2 id={`${id}-title`}>Working time, {monthLabel(month)}</h2>
        <div className="working-time-actions no-print">
          <Button onClick={exportCsv} busy={action.pending === 'export'} busyLabel="Exporting…">
            Export CSV…
          </Button>
          <Button onClick={() => window.print()}>Print sheet…</Button>
        </div>
      </div>
      <p className="hint">
        {view.rules === 'off'
          ? 'No working-time rules are set: the days and totals are shown, nothing is checked. Choose the rules in Preferences, under Working time.'
          : `Checked against ${lawOf(view.rules)}: ${findingsCount(view.findings.length).toLowerCase()} this month.`}
      </p>
      <StatusText message={action.done?.message} className="success no-print" />
      <ErrorText message={action.error?.message} />
      {/* A narrow window scrolls the table sideways: the region takes the focus, so a keyboard scrolls it too. */}
      <div className="table-scroll" role="region" aria-label={`Working time a day, ${monthLabel(month)}`} tabIndex={0}>
        <table className="working-time-table">
          <caption className="sr-only">Working time a day, {monthLabel(month)}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Start</th>
              <th scope="col">End</th>
              <th scope="col">Breaks</th>
              <th scope="col">Worked</th>
              <th scope="col">Target</th>
              <th scope="col">Difference</th>
            </tr>
          </thead>
          <tbody>
            {view.days.map((day) => (
              <DayRow key={day.date} day={day} findings={byDay.get(day.date) ?? []} ahead={day.date > todayOf()} />
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                Total
              </th>
              <td>{durations.text(totals.worked_minutes)}</td>
              <td>{durations.text(totals.target_minutes)}</td>
              <td>{durations.signed(totals.overtime_minutes)} so far</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <dl className="working-time-balance">
        <div>
          <dt>On Sundays and holidays</dt>
          <dd>{durations.text(totals.sunday_holiday_minutes)}</dd>
        </div>
        <div>
          <dt>At night (23:00–06:00)</dt>
          <dd>{durations.text(totals.night_minutes)}</dd>
        </div>
        <div>
          <dt>Balance since {dayFull(balance.since)}</dt>
          <dd>
            {durations.signed(balance.minutes)}
            {balance.opening_minutes !== 0 && <span className="muted"> (from {durations.signed(balance.opening_minutes)})</span>}
          </dd>
        </div>
        {balance.back_end_minutes !== undefined && (
          <div>
            <dt>Time balance (your back end’s)</dt>
            <dd>{durations.signed(balance.back_end_minutes)}</dd>
          </div>
        )}
        {view.balances?.map((each) => (
          <div key={each.tracker}>
            <dt>
              {(each.trackers ?? [each.tracker]).join(' and ')} since {dayFull(each.since)}
            </dt>
            <dd>{durations.signed(each.minutes)}</dd>
          </div>
        ))}
      </dl>
      {view.findings.length > 0 && (
        <section className="working-time-findings" aria-labelledby={`${id}-findings`}>
          <h3 id={`${id}-findings`}>What the rules found</h3>
          <ul>
            {view.findings.map((finding, index) => (
              <li key={`${finding.code}-${finding.date}-${index}`}>{findingSentence(finding, view.rules, durations.text)}</li>
            ))}
          </ul>
        </section>
      )}
      <div className="print-only signatures" aria-hidden="true">
        <p>Employee: signature and date</p>
        <p>Employer: signature and date</p>
      </div>
    </section>
  );
}

/** `ahead`: a day still to come owes nothing yet, so it has no difference (as the totals count overtime so far). */
function DayRow({ day, findings, ahead }: { day: WorkingTimeDay; findings: WorkingTimeFinding[]; ahead: boolean }) {
  const durations = useDurations();
  const away = [...(day.holiday ? [day.holiday] : []), ...(day.leave ? [LEAVE_TYPE_NAMES[day.leave]] : [])].join(', ');
  const worked = day.worked_minutes > 0 || day.start !== null;
  const name = `${weekdayShort(day.date)} ${dayNumber(day.date)}`;
  // A day of leave or a holiday without work says so where its times would be; one with work, under it.
  const notes = [...(away && worked ? [away] : []), ...findings.map((finding) => findingShort(finding, durations.text))];
  return (
    <>
      <tr className={findings.length > 0 ? 'day has-finding' : 'day'}>
        <th scope="row">{name}</th>
        {away && !worked ? (
          <td colSpan={4}>{away}</td>
        ) : (
          <>
            <td>{day.start ? wallClock(day.start) : ''}</td>
            <td>{day.end ? wallClock(day.end) : ''}</td>
            <td>{worked ? durations.text(day.break_minutes) : ''}</td>
            <td>{worked ? durations.text(day.worked_minutes) : ''}</td>
          </>
        )}
        <td>{day.target_minutes > 0 ? durations.text(day.target_minutes) : ''}</td>
        <td>{!ahead && (worked || day.target_minutes > 0) ? durations.signed(day.worked_minutes - day.target_minutes) : ''}</td>
      </tr>
      {/* What the rules found on the day (and its leave or holiday, where it was worked), in a row of its own under it: words need the width. */}
      {notes.length > 0 && (
        <tr className={findings.length > 0 ? 'day-notes has-finding' : 'day-notes'}>
          <td>
            <span className="sr-only">{name}:</span>
          </td>
          <td colSpan={6}>
            <ul>
              {notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    </>
  );
}

/**
 * The Status screen's line: what the rules find today, as it happens (asked again when the status
 * changes, and every quarter hour while a timer runs). Nothing with the rules off, or where the
 * engine cannot say (the Reports screen says why).
 */
export function WorkingTimeToday({ today, sequence, running }: { today: string; sequence: number; running: boolean }) {
  const settings = useStore(stores.workingTimeSettings).data;
  const on = settings !== undefined && (settings.organisation ?? settings.rules) !== 'off';
  const key = workingTimeKey(today, today);
  const { data } = useKeyed(stores.workingTime, key);
  const durations = useDurations();
  const quarter = Math.floor(useNow(15 * 60_000, running) / (15 * 60_000));
  useEffect(() => {
    if (on) void stores.workingTime.of(key).load();
  }, [on, key, sequence, quarter]);
  if (!on || !data || data.rules === 'off') return null;
  const found = data.findings.filter((finding) => finding.date === today);
  if (found.length === 0) return null;
  return (
    <div className="working-time-today message warning" role="status">
      {found.map((finding, index) => (
        <p key={`${finding.code}-${index}`}>{findingSentence(finding, data.rules, durations.text, today)}</p>
      ))}
    </div>
  );
}
