// One entry of the Timesheet's week (TimesheetDay.tsx): its times, its work and note, its duration,
// Continue, and Edit and Delete (asked first) where the back end lets the person change it. What keeps
// it as it is says so: a locked record, a write waiting to be sent, or the week's approval, whose
// controls stay in place, disabled, pointing to the Approval card's reason.
import { memo, useRef, useState } from 'react';
import type { EntryView } from '../../../window-contract/status.ts';
import type { WeekLockView } from '../../../window-contract/approvals.ts';
import { api } from '../bridge.ts';
import { Badge, Button, Confirm, ErrorText } from '../components.tsx';
import { isoDuration } from '../format.ts';
import { useAction, useDurations } from '../hooks.ts';
import { agentWords, KEPT_UNTIL_SENT, WAITING_TO_SEND } from '../words.ts';
import { startWork } from '../work.ts';
import { EntryTimes, entryMoment } from './EntryTimes.tsx';
import { lockWordsId } from './WeekApproval.tsx';
import { TrackerLabel } from '../trackers.tsx';

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

function what(entry: Pick<EntryView, 'project' | 'activity'>): string {
  return [entry.project, entry.activity].filter(Boolean).join(' · ') || 'No project';
}

interface RowProps {
  entry: EntryView;
  minutes: number;
  canEdit: boolean;
  /** The approval's lock on the entry's day: Edit and Delete stay, disabled, described by its words. */
  lock: WeekLockView | null;
  /** Opens the entry's editor: the week's setEditing, the same function at every draw, so the row is not drawn again for it. */
  onEdit(editing: { kind: 'edit'; id: number; tracker?: string | undefined }): void;
  apply(entry: EntryView, removed?: boolean): void;
  say(message: string): void;
}

/** One entry; re-rendered only when it changes, so a week of hundreds of entries stays quick. */
export const EntryRow = memo(function EntryRow({ entry, minutes, canEdit, lock, onEdit, apply, say }: RowProps) {
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
  // Its start, or its length where it keeps no times (EntryTimes.tsx): what tells this row's controls from the others'.
  const moment = entryMoment(entry, durations.text(minutes));

  const keep = () => {
    setConfirming(false);
    // Back to the Delete that asked, where the person was.
    requestAnimationFrame(() => askRef.current?.focus());
  };

  const remove = async () => {
    // Where focus goes once the row is gone: the next entry, else the one before, else the day's Add.
    const after = focusAfterRemoval(rowRef.current);
    // The entry's own connection, as its row names it (several trackers).
    const deleted = await action.run('delete', () => api.deleteEntry({ id: entry.id, ...(entry.tracker ? { tracker: entry.tracker } : {}) }));
    if (deleted) {
      apply(deleted, true);
      say(`Deleted ${what(deleted)}, ${entryMoment(deleted, durations.text(minutes))}.`);
      requestAnimationFrame(() => after?.focus());
    }
  };

  return (
    <li ref={rowRef} className={`entry${running ? ' running' : ''}${entry.locked ? ' locked' : ''}`}>
      <EntryTimes entry={entry} />
      <span className="what">
        <span className="project">
          {what(entry)}
          <TrackerLabel name={entry.tracker} />
        </span>
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
              {what(entry)}, {moment}
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
              onClick={() => onEdit({ kind: 'edit', id: entry.id, ...(entry.tracker ? { tracker: entry.tracker } : {}) })}
              aria-label={`Edit ${what(entry)}, ${moment}`}
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
              aria-label={`Delete ${what(entry)}, ${moment}`}
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
