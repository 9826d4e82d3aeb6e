// One day of the Timesheet's week (Timesheet.tsx): its time against its target and why it asks for
// less, its entries with the gaps between them, and an entry added or changed in place. In a locked
// week the day's controls stay, disabled, pointing to the Approval card's reason (WeekApproval.tsx).
import { Fragment, useRef } from 'react';
import type { EntryView } from '../../../window-contract/status.ts';
import type { WeekLockView } from '../../../window-contract/approvals.ts';
import type { EntryRights } from '../../../window-contract/timesheet.ts';
import { LOCK_BADGES } from '../approvals.ts';
import { api } from '../bridge.ts';
import { Badge, Button } from '../components.tsx';
import { clockOf, dayLong, wallClock } from '../format.ts';
import { useDurations } from '../hooks.ts';
import { today } from '../store.ts';
import { EntryEditor, type EntryDraft } from './EntryEditor.tsx';
import { EntryRow } from './EntryRow.tsx';
import { keepsNoTimes } from './EntryTimes.tsx';
import { lockWordsId } from './WeekApproval.tsx';
import type { TrackerTag } from '../../../window-contract/tracker-tags.ts';
import { entryKey } from '../trackers.tsx';

/** A pause shorter than this between two entries is not shown as a gap. */
const GAP_MINUTES = 5;

/** What is open in the week: an entry in its editor, or a new entry on a day (a gap's times filled in); null for nothing. */
export type Editing = { kind: 'edit'; id: number; tracker?: string | undefined } | { kind: 'new'; date: string; start?: string; end?: string } | null;

export interface DayProps {
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
  /** With several connections: every one, for a new entry's select (preset to `newIn`, else the default). */
  trackers?: TrackerTag[] | undefined;
  newIn?: string | undefined;
}

export function DaySection({
  date,
  minutes,
  target,
  reason,
  entries,
  rights,
  lock,
  added,
  editing,
  setEditing,
  apply,
  say,
  isToday,
  trackers,
  newIn,
}: DayProps) {
  const headingId = `day-${date}`;
  const addRef = useRef<HTMLButtonElement>(null);
  const adding = editing?.kind === 'new' && editing.date === date ? editing : null;
  const under = target > 0 && minutes < target && date < today();
  const durations = useDurations();

  const saveNew = async (draft: EntryDraft) => {
    // With several connections the editor asked which one: the entry goes there.
    const entry = await api.logTime({ ...draft, start: draft.start ?? '', end: draft.end ?? '' });
    apply(entry);
    setEditing(null);
    say(keepsNoTimes(entry) ? `Added ${durations.text(entry.minutes)}.` : `Added ${wallClock(entry.start)} – ${entry.end ? wallClock(entry.end) : 'now'}.`);
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
            // An entry that keeps no times (EntryTimes.tsx) was at no known time: no gap is told beside it.
            const timed = previous && !keepsNoTimes(previous) && !keepsNoTimes(entry);
            const gap =
              timed && previous.end && Date.parse(entry.start) - Date.parse(previous.end) >= GAP_MINUTES * 60_000
                ? { start: previous.end, end: entry.start }
                : null;
            // One keyed fragment per entry: a row deleted above leaves the rows below (and the focus on them) in place.
            return (
              <Fragment key={entryKey(entry)}>
                {gap && (
                  <GapRow
                    start={gap.start}
                    end={gap.end}
                    canAdd={rights.add}
                    lock={lock}
                    onFill={() => setEditing({ kind: 'new', date, start: clockOf(gap.start), end: clockOf(gap.end) })}
                  />
                )}
                {editing?.kind === 'edit' && editing.id === entry.id && editing.tracker === entry.tracker ? (
                  <EditingRow date={date} entry={entry} setEditing={setEditing} apply={apply} say={say} />
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
          trackers={trackers}
          tracker={newIn}
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

/** An entry in its editor, in place of its row; saved in the entry's own connection, as its row names it (several trackers). */
function EditingRow({ date, entry, setEditing, apply, say }: Pick<DayProps, 'date' | 'setEditing' | 'apply' | 'say'> & { entry: EntryView }) {
  return (
    <li className="editing">
      <EntryEditor
        date={date}
        entry={entry}
        onCancel={() => {
          setEditing(null);
          focusEdit(entry.id);
        }}
        onSave={async (draft) => {
          const changed = await api.updateEntry({ id: entry.id, ...draft, ...(entry.tracker ? { tracker: entry.tracker } : {}) });
          apply(changed);
          setEditing(null);
          say('Saved.');
          focusEdit(changed.id);
        }}
      />
    </li>
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
