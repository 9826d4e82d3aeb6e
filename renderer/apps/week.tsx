// The Week: days, their entries, each day's time against its target, what is missing, holidays by
// name, and the timesheet's approval status where the engine's answers say list_timesheet_approvals
// is offered to this client (it is not asked otherwise: the engine would refuse it every time). An
// entry is changed in place (update_time_entry), a day filled (log_time) or an entry deleted after a
// question (delete_time_entry): each a call of the tool through the host, so the policy, the switches
// and the questions apply as when the model calls it. A submitted or approved period the engine keeps
// as it is shows its entries without a way to change them, and says why (week-approval.ts).
import { type MouseEvent, useEffect, useRef, useState } from 'react';
import { clockOf, dayLong, daysBetween, formatDuration, rangeLabel } from '../src/format.ts';
import { KEPT_UNTIL_SENT } from '../src/words.ts';
import type { HostLink } from './host-link.ts';
import { asCalendar, asDayReport, asEntries, asOwnApprovals, type DayReport, type Entry } from './shapes.ts';
import { type EntryFields, EntryInputs, Frame, onRangeAnswer, read, StatusLine, useHost, useWriter, type Writer } from './ui.tsx';
import { type DayLock, entryLockWords, lockOn, lockWords, periodWords, type WeekApproval, weekApproval } from './week-approval.ts';

/** The most days the Week draws (a month and a bit); a longer range is cut, and says so. */
const MAX_DAYS = 31;

interface WeekData {
  from: string;
  to: string;
  today: string;
  entries: Entry[];
  report: DayReport;
  holidays: Map<string, string>;
  /** Null where the engine does not offer list_timesheet_approvals here, or the host did not pass it on. */
  approval: WeekApproval | null;
  cut: boolean;
}

type Editing = { kind: 'edit'; entry: Entry } | { kind: 'fill'; date: string } | { kind: 'delete'; entry: Entry } | null;

export function WeekApp() {
  const host = useHost('week');
  const { link } = host;
  const writer = useWriter(link, 'Week');
  const [week, setWeek] = useState<WeekData | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const range = useRef<{ from?: string; to?: string }>({});

  const load = async (words: { from?: string; to?: string }) => {
    if (!link) return;
    const loaded = await loadWeek(link, words);
    if ('refused' in loaded) return setProblem(loaded.refused);
    range.current = { from: loaded.from, to: loaded.to };
    setProblem(null);
    setWeek(loaded);
  };

  useEffect(() => {
    if (!link) return;
    // The answer says which days were asked about (a report names them; entries through the
    // input's words): the Week reads those days whole, every entry and each day's target.
    onRangeAnswer(link, (answer, words) => {
      const report = asDayReport(answer.structuredContent);
      void load(report ? { from: report.from, to: report.to } : words);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [link]);

  const done = async (answered: boolean) => {
    if (!answered) return;
    setEditing(null);
    await load(range.current);
  };

  return (
    <Frame title={week ? `Week of ${rangeLabel(week.from, week.to)}` : 'Week'} host={host}>
      {problem && <p role="alert">{problem}</p>}
      {week && (
        <>
          {week.cut && <p className="muted">Showing the first {MAX_DAYS} days of the range.</p>}
          {week.approval && <ApprovalStatus approval={week.approval} />}
          <ul className="days">
            {daysBetween(week.from, week.to).map((date) => (
              <Day key={date} date={date} week={week} editing={editing} setEditing={setEditing} writer={writer} done={done} />
            ))}
          </ul>
        </>
      )}
      <StatusLine status={writer.status} />
    </Frame>
  );
}

async function loadWeek(link: HostLink, words: { from?: string; to?: string }): Promise<WeekData | { refused: string }> {
  const reported = await read(link, 'time_report', { ...words, group_by: 'day' });
  if ('refused' in reported) return reported;
  const report = asDayReport(reported.data);
  if (!report) return { refused: 'Punchcard answered with a report this app cannot show.' };
  const last = daysBetween(report.from, report.to)[MAX_DAYS - 1];
  const to = last !== undefined && last < report.to ? last : report.to;
  const [listed, calendar, approvals] = await Promise.all([
    read(link, 'list_time_entries', { from: report.from, to, limit: 500 }),
    // Holidays by name, where the back end serves the calendar; the Week does without otherwise.
    read(link, 'absence_calendar', { from: report.from, to }),
    // The timesheet's status, only where time_report's answer says this client is offered it (the back
    // end has approvals, the group is on, the policy allows it): most people have no approvals at all.
    // A refusal all the same (a host that does not pass the call on) shows nothing either.
    reported.offered.has('list_timesheet_approvals') ? read(link, 'list_timesheet_approvals', { from: report.from, to }) : null,
  ]);
  if ('refused' in listed) return listed;
  const entries = asEntries(listed.data);
  if (!entries) return { refused: 'Punchcard answered with entries this app cannot show.' };
  const days = 'data' in calendar ? asCalendar(calendar.data) : null;
  const holidays = new Map((days ?? []).filter((day) => day.holiday).map((day) => [day.date, day.holiday as string]));
  const own = approvals && 'data' in approvals ? asOwnApprovals(approvals.data) : null;
  const approval = own ? weekApproval(own, report.from, to) : null;
  return { from: report.from, to, today: report.today, entries, report, holidays, approval, cut: to !== report.to };
}

function ApprovalStatus({ approval }: { approval: WeekApproval }) {
  return (
    <section className="approval" aria-label="Timesheet approval">
      {approval.periods.length === 0 && <p className="period">Timesheet not submitted.</p>}
      {approval.periods.map((period) => (
        <p key={`${period.firstDay}/${period.lastDay}`} className={`period ${period.status}`}>
          <strong>{periodWords(period)}</strong>
          {period.note !== null && (
            <>
              {' '}
              Note: <q>{period.note}</q>
            </>
          )}
          {period.noteByEmail && ' The note was sent to you by e-mail.'}
          {period.lock && ` ${lockWords(period.lock)}`}
        </p>
      ))}
    </section>
  );
}

interface DayProps {
  date: string;
  week: WeekData;
  editing: Editing;
  setEditing: (editing: Editing) => void;
  writer: Writer;
  done: (answered: boolean) => Promise<void>;
}

function Day({ date, week, editing, setEditing, writer, done }: DayProps) {
  const entries = week.entries.filter((entry) => entry.start.slice(0, 10) === date);
  const group = week.report.groups.find((candidate) => candidate.key === date);
  // An AI agent's own time is not the person's hours (time_report leaves it out too).
  const worked = group?.minutes ?? entries.reduce((sum, entry) => sum + (entry.agent ? 0 : entry.minutes), 0);
  const target = group?.target_minutes;
  const missing = target !== undefined && date <= week.today ? Math.max(0, target - worked) : 0;
  const holiday = week.holidays.get(date);
  const lock = week.approval ? lockOn(week.approval.locks, date) : undefined;
  const headingId = `day-${date}`;
  return (
    <li className="day" aria-labelledby={headingId}>
      <div className="day-head">
        <h2 id={headingId}>{dayLong(date)}</h2>
        {holiday && <span className="holiday">{holiday}</span>}
        <span className="sum">
          {formatDuration(worked)}
          {target !== undefined && target > 0 && <> of {formatDuration(target)}</>}
          {missing > 0 && <span className="short"> · {formatDuration(missing)} missing</span>}
        </span>
      </div>
      {entries.length > 0 && (
        <ul className="entries">
          {entries.map((entry) => (
            <EntryRow key={entry.id} entry={entry} lock={lock} editing={editing} setEditing={setEditing} writer={writer} done={done} />
          ))}
        </ul>
      )}
      {lock ? null : editing?.kind === 'fill' && editing.date === date ? (
        <EntryForm
          title={`Add time on ${dayLong(date)}`}
          initial={{ start: fillStart(entries), end: fillEnd(fillStart(entries), missing), project: '', activity: '', description: '' }}
          busy={writer.busy}
          submitLabel="Add"
          onCancel={() => setEditing(null)}
          onSubmit={async (event, fields) => {
            const args = { start: `${date}T${fields.start}`, end: `${date}T${fields.end}`, ...named(fields) };
            const answer = await writer.write(event, 'log_time', args, `Add time on ${date} from ${fields.start} to ${fields.end}`);
            await done(answer !== null && !answer.isError);
          }}
        />
      ) : (
        <div className="actions">
          <button
            type="button"
            disabled={writer.busy}
            onClick={() => setEditing({ kind: 'fill', date })}
            aria-label={`${missing > 0 ? 'Fill the gap' : 'Add time'} on ${dayLong(date)}`}
          >
            {missing > 0 ? 'Fill the gap' : 'Add time'}
          </button>
        </div>
      )}
    </li>
  );
}

function EntryRow({ entry, lock, editing, setEditing, writer, done }: Omit<DayProps, 'date' | 'week'> & { entry: Entry; lock: DayLock | undefined }) {
  const label = entryLabel(entry);
  // An entry whose back end keeps its day and length only has no times to show (its start is a placement at midnight).
  const when = entry.span === 'day' ? 'no times' : `${clockOf(entry.start)}–${entry.end ? clockOf(entry.end) : 'now'}`;
  const deleteRef = useRef<HTMLButtonElement>(null);
  const asking = editing?.kind === 'delete' && editing.entry.id === entry.id;
  useEffect(() => {
    if (asking) deleteRef.current?.focus();
  }, [asking]);
  if (editing?.kind === 'edit' && editing.entry.id === entry.id && !lock) {
    const date = entry.start.slice(0, 10);
    const initial = {
      start: clockOf(entry.start),
      end: entry.end ? clockOf(entry.end) : '',
      project: entry.project ?? '',
      activity: entry.activity ?? '',
      description: entry.description,
    };
    return (
      <li>
        <EntryForm
          title={`Change ${when} ${label}`}
          initial={initial}
          busy={writer.busy}
          submitLabel="Save"
          onCancel={() => setEditing(null)}
          onSubmit={async (event, fields) => {
            const args = { id: entry.id, ...changed(initial, fields, date) };
            const answer = await writer.write(event, 'update_time_entry', args, `Change entry #${entry.id} (${when} ${label})`);
            await done(answer !== null && !answer.isError);
          }}
        />
      </li>
    );
  }
  return (
    <li className="entry">
      <span className="when">{when}</span>
      <span className="what">{label}</span>
      <span>{formatDuration(entry.minutes)}</span>
      {entry.locked || lock || entry.waiting_to_send ? (
        <span className="muted">{entry.locked ?? (lock ? entryLockWords(lock) : KEPT_UNTIL_SENT)}</span>
      ) : (
        <span className="actions">
          <button type="button" disabled={writer.busy} onClick={() => setEditing({ kind: 'edit', entry })} aria-label={`Edit ${when} ${label}`}>
            Edit
          </button>
          <button
            type="button"
            className="danger"
            disabled={writer.busy}
            onClick={() => setEditing({ kind: 'delete', entry })}
            aria-label={`Delete ${when} ${label}`}
          >
            Delete
          </button>
        </span>
      )}
      {asking && (
        <div className="confirm" role="group" aria-label="Delete this entry?">
          <p>
            Delete {when} {label} ({formatDuration(entry.minutes)}) for good?
          </p>
          <div className="actions">
            <button
              ref={deleteRef}
              type="button"
              className="danger"
              disabled={writer.busy}
              onClick={async (event) => {
                const answer = await writer.write(event, 'delete_time_entry', { id: entry.id }, `Delete entry #${entry.id} (${when} ${label})`);
                await done(answer !== null && !answer.isError);
              }}
            >
              Delete for good
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

interface EntryFormProps {
  title: string;
  initial: EntryFields;
  busy: boolean;
  submitLabel: string;
  onSubmit: (event: MouseEvent, fields: EntryFields) => Promise<void>;
  onCancel: () => void;
}

function EntryForm({ title, initial, busy, submitLabel, onSubmit, onCancel }: EntryFormProps) {
  const [fields, setFields] = useState(initial);
  return (
    <form className="fields" aria-label={title} onSubmit={(event) => event.preventDefault()}>
      <EntryInputs fields={fields} onChange={setFields} required={['start']} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} onClick={(event) => void onSubmit(event, fields)}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function entryLabel(entry: Entry): string {
  const where = [entry.project, entry.activity].filter(Boolean).join(' · ') || 'No project';
  return entry.description ? `${where} — ${entry.description}` : where;
}

/** A gap starts where the day's last entry ended, or at 09:00. */
function fillStart(entries: Entry[]): string {
  const last = entries.at(-1);
  return last?.end ? clockOf(last.end) : '09:00';
}

/** …and lasts what is missing (an hour where nothing is), not past midnight. */
function fillEnd(start: string, missing: number): string {
  const [hours = 9, minutes = 0] = start.split(':').map(Number);
  const end = Math.min(23 * 60 + 59, hours * 60 + minutes + (missing > 0 ? missing : 60));
  return `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
}

function named(fields: EntryFields): Record<string, string> {
  const args: Record<string, string> = {};
  if (fields.project.trim()) args.project = fields.project.trim();
  if (fields.activity.trim()) args.activity = fields.activity.trim();
  if (fields.description.trim()) args.description = fields.description.trim();
  return args;
}

/** Only what the person changed goes to update_time_entry. */
function changed(initial: EntryFields, fields: EntryFields, date: string): Record<string, string> {
  const args: Record<string, string> = {};
  if (fields.start !== initial.start) args.start = `${date}T${fields.start}`;
  if (fields.end !== initial.end && fields.end) args.end = `${date}T${fields.end}`;
  if (fields.project !== initial.project && fields.project.trim()) args.project = fields.project.trim();
  if (fields.activity !== initial.activity && fields.activity.trim()) args.activity = fields.activity.trim();
  if (fields.description !== initial.description) args.description = fields.description;
  return args;
}
