// A week of entries, day by day: each day's time against its target, the gaps between entries, and
// every entry changed, added or deleted in place through the engine. What the back end does not let
// the person change (a locked entry, a back end without edits) says so and offers nothing. Another
// week is one call; the weeks seen stay at hand.
import { Fragment, memo, useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { EntryView } from '../../../window-contract/status.ts';
import type { WeekLockView } from '../../../window-contract/approvals.ts';
import type { EntryRights, TimesheetView } from '../../../window-contract/timesheet.ts';
import { LOCK_BADGES, lockOf } from '../approvals.ts';
import { api } from '../bridge.ts';
import { Badge, Button, Confirm, ErrorText, LoadError, Loading, ScreenHeader, StatusText } from '../components.tsx';
import { addDaysTo, clockOf, dateOf, dayLong, dayShort, isoDuration, mondayOf, rangeLabel, wallClock, weekdayShort } from '../format.ts';
import { useAction, useDurations, useNow, useReadyMark } from '../hooks.ts';
import { stores, today, useKeyed } from '../store.ts';
import { agentWords, dayReason, KEPT_UNTIL_SENT, WAITING_TO_SEND } from '../words.ts';
import { startWork } from '../work.ts';
import { DraftsCard } from './Drafts.tsx';
import { EntryEditor, type EntryDraft } from './EntryEditor.tsx';
import { lockWordsId, WeekApproval } from './WeekApproval.tsx';

/** A pause shorter than this between two entries is not shown as a gap. */
const GAP_MINUTES = 5;

type Editing = { kind: 'edit'; id: number } | { kind: 'new'; date: string; start?: string; end?: string } | null;

export function TimesheetScreen() {
  const [monday, setMonday] = useState(() => mondayOf(today()));
  const { data, error } = useKeyed(stores.timesheet, monday);
  const [editing, setEditing] = useState<Editing>(null);
  const [said, setSaid] = useState<string | null>(null);
  const id = useId();
  useReadyMark('timesheet', data !== undefined);

  useEffect(() => {
    void stores.timesheet.of(monday).ensure();
  }, [monday]);

  const go = (date: string) => {
    setEditing(null);
    setMonday(mondayOf(date));
  };

  /** Puts the engine's answer into the week shown (and takes out an entry that moved to another week). */
  const apply = useCallback(
    (entry: EntryView, removed = false) => {
      const view = stores.timesheet.get(monday).data;
      if (!view) return;
      const others = view.entries.filter((existing) => existing.id !== entry.id);
      const inWeek = !removed && dateOf(entry.start) >= view.from && dateOf(entry.start) <= view.to;
      const entries = inWeek ? [...others, entry].sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id) : others;
      stores.timesheet.of(monday).set({ ...view, entries });
    },
    [monday],
  );

  const thisWeek = mondayOf(today());
  return (
    <>
      <ScreenHeader title="Timesheet" />
      <div className="toolbar" role="toolbar" aria-label="Week">
        <Button onClick={() => go(addDaysTo(monday, -7))} aria-label="Previous week">
          ‹ Previous
        </Button>
        <Button onClick={() => go(today())} aria-current={monday === thisWeek ? 'date' : undefined}>
          This week
        </Button>
        <Button onClick={() => go(addDaysTo(monday, 7))} aria-label="Next week">
          Next ›
        </Button>
        <h2 className="period" id={`${id}-period`} aria-live="polite">
          {rangeLabel(monday, addDaysTo(monday, 6))}
        </h2>
        <label className="go-to">
          <span>Go to</span>
          <input type="date" value={monday} onChange={(event) => event.currentTarget.value && go(event.currentTarget.value)} />
        </label>
      </div>
      {/* The drafts of a day from the person's evidence: nothing at all until a source is on. */}
      <DraftsCard key={monday} monday={monday} initialDay={monday === thisWeek ? today() : monday} onBooked={() => void stores.timesheet.of(monday).load()} />
      {error && !data && <LoadError message={error} onRetry={() => void stores.timesheet.of(monday).load()} />}
      {error && data && <ErrorText message={`Could not refresh: ${error}`} />}
      {data ? (
        <Week view={data} editing={editing} setEditing={setEditing} apply={apply} say={setSaid} />
      ) : (
        !error && <Loading what="Loading the week" className="timesheet-placeholder" />
      )}
      <StatusText message={said} className="sr-only" />
    </>
  );
}

interface WeekProps {
  view: TimesheetView;
  editing: Editing;
  setEditing(editing: Editing): void;
  apply(entry: EntryView, removed?: boolean): void;
  say(message: string): void;
}

function Week({ view, editing, setEditing, apply, say }: WeekProps) {
  const running = view.entries.find((entry) => entry.end === null);
  const now = useNow(60_000, running !== undefined);
  // What the running entry added since the engine answered.
  const added = running ? Math.max(0, Math.floor((Math.max(now, view.asOf) - view.asOf) / 60_000)) : 0;
  const byDay = new Map<string, EntryView[]>();
  for (const entry of view.entries) byDay.set(dateOf(entry.start), [...(byDay.get(dateOf(entry.start)) ?? []), entry]);
  // An AI agent's own time (record_agent_time) is listed but not the person's hours.
  const minutesOf = (entry: EntryView) => (entry.agent ? 0 : entry.minutes + (entry.end === null ? added : 0));
  const totals = view.days.map((day) => ({ ...day, minutes: (byDay.get(day.date) ?? []).reduce((sum, entry) => sum + minutesOf(entry), 0) }));
  const weekMinutes = totals.reduce((sum, day) => sum + day.minutes, 0);
  const weekTarget = totals.reduce((sum, day) => sum + day.targetMinutes, 0);
  const todayDate = today();
  const durations = useDurations();

  return (
    <>
      <section className="card week-summary" aria-label="The week at a glance">
        <WeekStrip days={totals} todayDate={todayDate} />
        <p className="week-total">
          <strong>{durations.text(weekMinutes)}</strong> of {durations.text(weekTarget)} this week
          {weekTarget > 0 && <span className="muted"> · {Math.round((weekMinutes / weekTarget) * 100)}%</span>}
        </p>
      </section>
      {view.approval && (
        <WeekApproval
          approval={view.approval}
          monday={view.from}
          weekMinutes={weekMinutes}
          onSubmitted={(approval, outcome) => {
            const shown = stores.timesheet.get(view.from).data;
            if (shown) stores.timesheet.of(view.from).set({ ...shown, approval });
            say(outcome);
          }}
        />
      )}
      {view.rights.note && (
        <p className="message note" role="note">
          {view.rights.note}
        </p>
      )}
      {totals.map((day) => (
        <DaySection
          key={day.date}
          date={day.date}
          minutes={day.minutes}
          target={day.targetMinutes}
          reason={dayReason(day)}
          entries={byDay.get(day.date) ?? []}
          rights={view.rights}
          lock={lockOf(view.approval, day.date)}
          added={added}
          editing={editing}
          setEditing={setEditing}
          apply={apply}
          say={say}
          isToday={day.date === todayDate}
        />
      ))}
    </>
  );
}

/**
 * A day per link, to jump to its section. One Tab stop for the seven (the day focused last, today at
 * first); the arrow keys, Home and End move between them, so the entries are fewer Tabs away.
 */
function WeekStrip({ days, todayDate }: { days: Array<TimesheetView['days'][number] & { minutes: number }>; todayDate: string }) {
  const durations = useDurations();
  const listRef = useRef<HTMLOListElement>(null);
  const [current, setCurrent] = useState(() =>
    Math.max(
      0,
      days.findIndex((day) => day.date === todayDate),
    ),
  );
  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    const next = { ArrowRight: current + 1, ArrowDown: current + 1, ArrowLeft: current - 1, ArrowUp: current - 1, Home: 0, End: days.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const index = (next + days.length) % days.length;
    setCurrent(index);
    listRef.current?.querySelectorAll('a')[index]?.focus();
  };
  return (
    <ol className="week-strip" ref={listRef} onKeyDown={onKeyDown}>
      {days.map((day, index) => {
        const reason = dayReason(day);
        return (
          <li
            key={day.date}
            className={[day.date === todayDate ? 'is-today' : '', day.targetMinutes === 0 ? 'off' : ''].filter(Boolean).join(' ') || undefined}
          >
            <a
              href={`#day-${day.date}`}
              tabIndex={index === current ? 0 : -1}
              aria-current={day.date === todayDate ? 'date' : undefined}
              onFocus={() => setCurrent(index)}
              onClick={(event) => jumpTo(event, day.date)}
            >
              <span className="strip-day">{weekdayShort(day.date)}</span>
              <span className="strip-date">{dayShort(day.date)}</span>
              <span className="strip-total">
                {durations.compact(day.minutes)}
                {day.targetMinutes > 0 && <span className="sr-only"> of {durations.text(day.targetMinutes)}</span>}
              </span>
              <Progress minutes={day.minutes} target={day.targetMinutes} />
              {reason && (
                <span className={day.holiday || day.leave ? 'strip-reason' : 'sr-only'}>
                  <span className="sr-only">, </span>
                  {reason}
                </span>
              )}
            </a>
          </li>
        );
      })}
    </ol>
  );
}

function jumpTo(event: MouseEvent, date: string): void {
  // The hash names the screen: the day is reached by focus, not by the address.
  event.preventDefault();
  const heading = document.getElementById(`day-${date}`);
  heading?.focus();
  heading?.scrollIntoView({ block: 'start' });
}

/** A bar of the day's time against its target; an over-full day shows in the "met" colour. */
function Progress({ minutes, target }: { minutes: number; target: number }) {
  const share = target > 0 ? Math.min(1, minutes / target) : minutes > 0 ? 1 : 0;
  return (
    <svg className="progress" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect className="track" x="0" y="0" width="100" height="4" rx="2" />
      {share > 0 && <rect className={target > 0 && minutes >= target ? 'fill met' : 'fill'} x="0" y="0" width={share * 100} height="4" rx="2" />}
    </svg>
  );
}

interface DayProps {
  date: string;
  minutes: number;
  target: number;
  /** Why the day asks for less: its holiday, its leave, "day off"; null for an ordinary working day. */
  reason: string | null;
  entries: EntryView[];
  rights: EntryRights;
  /** The submitted or approved period holding the day: its entries stay as they are, and its controls say why. */
  lock: WeekLockView | null;
  added: number;
  editing: Editing;
  setEditing(editing: Editing): void;
  apply(entry: EntryView, removed?: boolean): void;
  say(message: string): void;
  isToday: boolean;
}

function DaySection({ date, minutes, target, reason, entries, rights, lock, added, editing, setEditing, apply, say, isToday }: DayProps) {
  const headingId = `day-${date}`;
  const addRef = useRef<HTMLButtonElement>(null);
  const adding = editing?.kind === 'new' && editing.date === date ? editing : null;
  const under = target > 0 && minutes < target && date < today();
  const durations = useDurations();

  const saveNew = async (draft: EntryDraft) => {
    const entry = await api.logTime({ ...draft, start: draft.start ?? '', end: draft.end ?? '' });
    apply(entry);
    setEditing(null);
    say(`Added ${wallClock(entry.start)} – ${entry.end ? wallClock(entry.end) : 'now'}.`);
    addRef.current?.focus();
  };

  return (
    <section className={`card day${isToday ? ' is-today' : ''}`} aria-labelledby={headingId}>
      <div className="day-head">
        <h3 id={headingId} tabIndex={-1}>
          {dayLong(date)}
          {isToday && <Badge kind="running">Today</Badge>}
          {lock && <Badge kind="neutral">{LOCK_BADGES[lock.status]}</Badge>}
        </h3>
        <span className="day-total">
          <strong>{durations.text(minutes)}</strong>
          {target > 0 && <> of {durations.text(target)}</>}
          {reason && <span className="day-reason"> · {reason}</span>}
          {under && <span className="under"> · {durations.text(target - minutes)} undertime</span>}
        </span>
        {rights.add && (
          <Button
            ref={addRef}
            kind="link"
            unavailable={lock !== null}
            aria-describedby={lock ? lockWordsId(lock.firstDay) : undefined}
            onClick={() => setEditing({ kind: 'new', date })}
            aria-label={`Add entry on ${dayLong(date)}`}
          >
            + Add entry
          </Button>
        )}
      </div>
      {entries.length === 0 && !adding && <p className="muted empty-day">Nothing tracked.</p>}
      {entries.length > 0 && (
        <ol className="day-entries" aria-label={`Entries of ${dayLong(date)}`}>
          {entries.map((entry, index) => {
            const previous = entries[index - 1];
            const gap =
              previous?.end && Date.parse(entry.start) - Date.parse(previous.end) >= GAP_MINUTES * 60_000 ? { start: previous.end, end: entry.start } : null;
            // One keyed fragment per entry: a row deleted above leaves the rows below (and the focus on them) in place.
            return (
              <Fragment key={entry.id}>
                {gap && (
                  <GapRow
                    start={gap.start}
                    end={gap.end}
                    canAdd={rights.add}
                    lock={lock}
                    onFill={() => setEditing({ kind: 'new', date, start: clockOf(gap.start), end: clockOf(gap.end) })}
                  />
                )}
                {editing?.kind === 'edit' && editing.id === entry.id ? (
                  <li className="editing">
                    <EntryEditor
                      date={date}
                      entry={entry}
                      onCancel={() => {
                        setEditing(null);
                        focusEdit(entry.id);
                      }}
                      onSave={async (draft) => {
                        const changed = await api.updateEntry({ id: entry.id, ...draft });
                        apply(changed);
                        setEditing(null);
                        say('Saved.');
                        focusEdit(changed.id);
                      }}
                    />
                  </li>
                ) : (
                  <EntryRow
                    entry={entry}
                    minutes={entry.minutes + (entry.end === null ? added : 0)}
                    canEdit={rights.edit}
                    lock={lock}
                    onEdit={setEditing}
                    apply={apply}
                    say={say}
                  />
                )}
              </Fragment>
            );
          })}
        </ol>
      )}
      {adding && (
        <EntryEditor
          date={date}
          {...(adding.start && adding.end ? { initial: { start: adding.start, end: adding.end } } : {})}
          onCancel={() => {
            setEditing(null);
            addRef.current?.focus();
          }}
          onSave={saveNew}
        />
      )}
    </section>
  );
}

/** The first control of the entry after `row` (or before it), else the day's Add button or heading. */
function focusAfterRemoval(row: HTMLLIElement | null): HTMLElement | null {
  if (!row) return null;
  const entryRow = (start: Element | null, step: 'nextElementSibling' | 'previousElementSibling') => {
    for (let item = start; item; item = item[step]) if (item.matches('li.entry')) return item;
    return null;
  };
  const neighbour = entryRow(row.nextElementSibling, 'nextElementSibling') ?? entryRow(row.previousElementSibling, 'previousElementSibling');
  const day = row.closest('section');
  return (
    neighbour?.querySelector<HTMLElement>('button') ?? day?.querySelector<HTMLElement>('.day-head button') ?? day?.querySelector<HTMLElement>('h3') ?? null
  );
}

function focusEdit(id: number): void {
  // After the editor closes, focus goes back to the row it came from.
  requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`[data-edit="${id}"]`)?.focus());
}

interface GapProps {
  start: string;
  end: string;
  canAdd: boolean;
  /** The approval's lock on the gap's day: Fill stays, disabled, described by its words. */
  lock: WeekLockView | null;
  onFill(): void;
}

function GapRow({ start, end, canAdd, lock, onFill }: GapProps) {
  const minutes = Math.round((Date.parse(end) - Date.parse(start)) / 60_000);
  const durations = useDurations();
  return (
    <li className="gap">
      <span className="range">
        <time dateTime={start}>{wallClock(start)}</time> – <time dateTime={end}>{wallClock(end)}</time>
      </span>
      <span className="gap-label">Not tracked · {durations.text(minutes)}</span>
      {canAdd && (
        <Button
          kind="link"
          unavailable={lock !== null}
          aria-describedby={lock ? lockWordsId(lock.firstDay) : undefined}
          onClick={onFill}
          aria-label={`Fill the gap from ${wallClock(start)} to ${wallClock(end)}`}
        >
          Fill
        </Button>
      )}
    </li>
  );
}

function what(entry: Pick<EntryView, 'project' | 'activity'>): string {
  return [entry.project, entry.activity].filter(Boolean).join(' · ') || 'No project';
}

interface RowProps {
  entry: EntryView;
  minutes: number;
  canEdit: boolean;
  /** The approval's lock on the entry's day: Edit and Delete stay, disabled, described by its words. */
  lock: WeekLockView | null;
  onEdit(editing: Editing): void;
  apply(entry: EntryView, removed?: boolean): void;
  say(message: string): void;
}

/** One entry; re-rendered only when it changes, so a week of hundreds of entries stays quick. */
const EntryRow = memo(function EntryRow({ entry, minutes, canEdit, lock, onEdit, apply, say }: RowProps) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const rowRef = useRef<HTMLLIElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const running = entry.end === null;
  // A write kept in the outbox has no number at the back end yet: the engine refuses to change it.
  const waiting = entry.waiting_to_send === true;
  const editable = canEdit && !entry.locked && !waiting;
  // Locked by the week's approval: the controls stay in place, disabled (out of the Tab order), and
  // point to the Approval card's words for why, said there once for the week.
  const held = lock !== null && editable;
  const heldBy = lock ? lockWordsId(lock.firstDay) : undefined;
  const durations = useDurations();

  const keep = () => {
    setConfirming(false);
    // Back to the Delete that asked, where the person was.
    requestAnimationFrame(() => askRef.current?.focus());
  };

  const remove = async () => {
    // Where focus goes once the row is gone: the next entry, else the one before, else the day's Add.
    const after = focusAfterRemoval(rowRef.current);
    const deleted = await action.run('delete', () => api.deleteEntry({ id: entry.id }));
    if (deleted) {
      apply(deleted, true);
      say(`Deleted ${what(deleted)}, ${wallClock(deleted.start)}.`);
      requestAnimationFrame(() => after?.focus());
    }
  };

  return (
    <li ref={rowRef} className={`entry${running ? ' running' : ''}${entry.locked ? ' locked' : ''}`}>
      <span className="range">
        <time dateTime={entry.start}>{wallClock(entry.start)}</time> – {running ? 'now' : <time dateTime={entry.end ?? ''}>{wallClock(entry.end ?? '')}</time>}
      </span>
      <span className="what">
        <span className="project">{what(entry)}</span>
        {entry.description && <span className="note">{entry.description}</span>}
        {entry.agent && <span className="lock-reason">{agentWords(entry.agent)}</span>}
        {entry.locked && <span className="lock-reason">Locked: {entry.locked}</span>}
        {waiting && <span className="lock-reason">{KEPT_UNTIL_SENT}</span>}
      </span>
      {/* "3 h 45 min" carries its units, so it is what a screen reader says too. */}
      <time className="duration" dateTime={isoDuration(minutes)}>
        {durations.text(minutes)}
      </time>
      <span className="row-actions">
        {running && <Badge kind="running">Running</Badge>}
        {entry.locked && <Badge kind="neutral">Locked</Badge>}
        {waiting && <Badge kind="neutral">{WAITING_TO_SEND}</Badge>}
        {!running && !confirming && (
          <Button
            kind="link"
            busy={action.pending === 'continue'}
            onClick={() =>
              void action
                .run('continue', () => startWork(entry))
                .then((started) => {
                  if (started) say(started.message);
                })
            }
          >
            Continue
            <span className="sr-only">
              {' '}
              {what(entry)}, {wallClock(entry.start)}
            </span>
          </Button>
        )}
        {editable && !confirming && (
          <>
            <Button
              kind="link"
              data-edit={entry.id}
              unavailable={held}
              aria-describedby={heldBy}
              onClick={() => onEdit({ kind: 'edit', id: entry.id })}
              aria-label={`Edit ${what(entry)}, ${wallClock(entry.start)}`}
            >
              Edit
            </Button>
            <Button
              ref={askRef}
              kind="link"
              className="danger"
              unavailable={held}
              aria-describedby={heldBy}
              onClick={() => setConfirming(true)}
              aria-label={`Delete ${what(entry)}, ${wallClock(entry.start)}`}
            >
              Delete
            </Button>
          </>
        )}
        {confirming && (
          <Confirm
            question="Delete this entry?"
            prompt="Delete it?"
            confirmLabel="Delete"
            busyLabel="Deleting…"
            keepLabel="Keep"
            busy={action.pending === 'delete'}
            onConfirm={() => void remove()}
            onKeep={keep}
          />
        )}
      </span>
      {action.error && (
        <span className="row-error">
          <ErrorText message={action.error.message} />
        </span>
      )}
    </li>
  );
});
