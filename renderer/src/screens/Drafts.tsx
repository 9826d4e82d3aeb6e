// The Timesheet's drafts of a day from the person's evidence (their calendar, commits, the app's
// activity, their AI sessions): shown only once a source is on in Preferences. Each draft is
// accepted as it is, changed, or dropped; "Book" sends the accepted ones through the engine's
// book_suggested_entries, which books all of them or none.
import { type Dispatch, type FormEvent, type KeyboardEvent, type SetStateAction, useEffect, useId, useRef, useState } from 'react';
import type { DraftsView } from '../../../window-contract/evidence.ts';
import { api } from '../bridge.ts';
import { Badge, Button, ErrorText, StatusText } from '../components.tsx';
import { DraftTimeline } from '../DraftTimeline.tsx';
import {
  bookingOf,
  bookingRefusal,
  bookLabel,
  type Choices,
  chosenFields,
  type Draft,
  type DraftFields,
  draftLabel,
  fieldsProblem,
  keptChoices,
  sourceWord,
  tally,
  timelineOf,
  withChoice,
  withoutBooked,
} from '../drafts.ts';
import { addDaysTo, dayLong, wallClock } from '../format.ts';
import { type ActionState, useAction, useDurations } from '../hooks.ts';
import { stores, today, useKeyed } from '../store.ts';
import { WorkFields } from '../WorkFields.tsx';

/** The minute of the day it is now, on this computer's clock (the window's today is the computer's too). */
function nowMinute(): number {
  const now = new Date();
  return now.getHours() * 60 + now.getMinutes();
}

/** "09:30" of a draft's fields as the window writes times ("9:30 AM" where the system says so). */
const clock = (date: string, hhmm: string) => wallClock(`${date}T${hhmm}:00`);

/** Keyed by the week (Timesheet.tsx): another week starts again at its own first day, or today. */
export function DraftsCard({ monday, initialDay, onBooked }: { monday: string; initialDay: string; onBooked(): void }) {
  const id = useId();
  const [date, setDate] = useState(initialDay);
  const { data: view, error: loadError } = useKeyed(stores.drafts, date);
  const [chosen, setChoices] = useState<Choices>({});
  const [editing, setEditing] = useState<string | null>(null);
  const action = useAction();

  // Each time the day is shown, its drafts are asked again: the evidence and what is booked move on.
  useEffect(() => {
    void stores.drafts.of(date).load();
  }, [date]);

  /** Another day: its own drafts, with nothing chosen yet. */
  const choose = (day: string) => {
    setChoices({});
    setEditing(null);
    setDate(day);
  };

  if (view && view.sources.length === 0) return null;
  if (!view && !loadError) return null;

  const drafts = view?.drafts ?? [];
  // Choices about drafts that are gone (booked, or no longer drafted) no longer count.
  const choices = keptChoices(drafts, chosen);
  const booking = bookingOf(drafts, choices);

  const book = async () => {
    if (booking.problems.length > 0) {
      action.fail('book', bookingRefusal(booking));
      return;
    }
    const done = await action.run(
      'book',
      () => api.bookDrafts({ date, entries: booking.entries }),
      (result) => result.message,
    );
    if (done) {
      const booked = booking.entries.map((entry) => entry.id);
      setChoices((current) => withoutBooked(current, booked));
      onBooked();
      await stores.drafts.of(date).load();
    }
  };

  return (
    <section className="card drafts" aria-labelledby={`${id}-title`}>
      <DraftsHead id={id} monday={monday} date={date} onChoose={choose} />
      {loadError && <ErrorText message={`Could not draft ${dayLong(date)}: ${loadError}`} />}
      {view && (
        <>
          {view.unavailable && (
            <p className="message note" role="note">
              {view.unavailable}
            </p>
          )}
          {(drafts.length > 0 || view.booked.length > 0) && (
            <div className="timeline-legend">
              <DraftTimeline timeline={timelineOf(date, drafts, view.booked, choices, date === today() ? nowMinute() : undefined)} />
              <p className="hint">Upper row: booked. Lower row: drafts (filled once accepted).</p>
            </div>
          )}
          {!view.unavailable && drafts.length === 0 && <p className="muted">No drafts for {dayLong(date)}: nothing in your evidence that is not booked.</p>}
          {drafts.length > 0 && <DraftList date={date} drafts={drafts} choices={choices} setChoices={setChoices} editing={editing} setEditing={setEditing} />}
          <OpenNotes view={view} />
          {drafts.length > 0 && <BookBar counts={tally(drafts, choices)} action={action} onBook={() => void book()} />}
          <ErrorText message={action.error?.message} />
        </>
      )}
    </section>
  );
}

/** The card's title and the day of the week it drafts. */
function DraftsHead({ id, monday, date, onChoose }: { id: string; monday: string; date: string; onChoose(day: string): void }) {
  return (
    <div className="drafts-head">
      <h2 id={`${id}-title`}>Drafts from your day</h2>
      <span className="go-to">
        <label htmlFor={`${id}-day`}>Day</label>
        <select id={`${id}-day`} value={date} onChange={(event) => onChoose(event.currentTarget.value)}>
          {Array.from({ length: 7 }, (_, index) => addDaysTo(monday, index)).map((day) => (
            <option key={day} value={day}>
              {dayLong(day)}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}

/** The day's drafts, each a row to accept, change or drop, or (the one being changed) its editor. */
function DraftList({
  date,
  drafts,
  choices,
  setChoices,
  editing,
  setEditing,
}: {
  date: string;
  drafts: readonly Draft[];
  choices: Choices;
  setChoices: Dispatch<SetStateAction<Choices>>;
  /** The id of the draft being changed, or null. */
  editing: string | null;
  setEditing(id: string | null): void;
}) {
  return (
    <ol className="day-entries draft-list" aria-label={`Drafts of ${dayLong(date)}`}>
      {drafts.map((draft) =>
        editing === draft.id ? (
          <li key={draft.id} className="editing">
            <DraftEditor
              date={date}
              initial={chosenFields(draft, choices)}
              onCancel={() => {
                setEditing(null);
                focusChange(draft.id);
              }}
              onSave={(fields) => {
                setChoices((current) => ({ ...current, [draft.id]: { kind: 'accept', fields } }));
                setEditing(null);
                focusChange(draft.id);
              }}
            />
          </li>
        ) : (
          <DraftRow
            key={draft.id}
            date={date}
            draft={draft}
            choices={choices}
            onChoose={(next) => setChoices((current) => withChoice(current, draft.id, next))}
            onChange={() => setEditing(draft.id)}
          />
        ),
      )}
    </ol>
  );
}

/** Evidence that made no draft: what maps to no project, and the sources that could not be read. */
function OpenNotes({ view }: { view: DraftsView }) {
  const durations = useDurations();
  return (
    <>
      {view.unmapped.length > 0 && (
        <div className="open-notes">
          <h3>Without a project</h3>
          <ul>
            {view.unmapped.map((item, index) => (
              <li key={`${item.source}-${index}`}>
                {sourceWord(item.source)}: {item.text} ({durations.text(item.minutes)})
              </li>
            ))}
          </ul>
        </div>
      )}
      {view.skipped.length > 0 && (
        <div className="open-notes">
          <h3>Not read</h3>
          <ul>
            {view.skipped.map((item, index) => (
              <li key={`${item.source}-${index}`}>
                {sourceWord(item.source)}: {item.problem}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/** "Book 2 entries", with how many drafts are accepted, dropped and still open, and what the engine said it booked. */
function BookBar({ counts, action, onBook }: { counts: ReturnType<typeof tally>; action: ActionState; onBook(): void }) {
  return (
    <div className="form-actions">
      <Button kind="primary" busy={action.pending === 'book'} busyLabel="Booking…" disabled={counts.accepted === 0} onClick={onBook}>
        {bookLabel(counts.accepted)}
      </Button>
      <span className="hint">
        {counts.accepted} accepted · {counts.dropped} dropped · {counts.open} open
      </span>
      <StatusText message={action.done?.message} className="success inline" />
    </div>
  );
}

function focusChange(id: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`[data-change="${CSS.escape(id)}"]`)?.focus());
}

function DraftRow({
  date,
  draft,
  choices,
  onChoose,
  onChange,
}: {
  date: string;
  draft: Draft;
  choices: Choices;
  onChoose(next: Choices[string] | undefined): void;
  onChange(): void;
}) {
  const choice = choices[draft.id];
  const fields = chosenFields(draft, choices);
  const durations = useDurations();
  const when = `${clock(date, fields.start)} – ${clock(date, fields.end)}`;
  const label = draftLabel(fields);
  const state = choice?.kind === 'accept' ? 'accepted' : choice?.kind === 'drop' ? 'dropped' : 'open';
  const minutes = Math.max(0, minutesOf(fields.end) - minutesOf(fields.start));
  return (
    <li className={`entry draft ${state}`}>
      <span className="range">{when}</span>
      <span className="what">
        <span className="project">{label}</span>
        <span className="evidence">
          {draft.evidence.map((line, index) => (
            <span key={`${line.at}-${index}`} className="note">
              {sourceWord(line.source)} {wallClock(line.at)}: {line.text}
            </span>
          ))}
        </span>
      </span>
      <span className="duration">{durations.text(minutes)}</span>
      <span className="row-actions">
        <Badge kind={state === 'accepted' ? 'met' : 'neutral'}>
          {state === 'accepted' ? 'Accepted' : state === 'dropped' ? 'Dropped' : `${draft.confidence} confidence`}
        </Badge>
        <Button
          kind="link"
          aria-pressed={choice?.kind === 'accept'}
          onClick={() => onChoose(choice?.kind === 'accept' ? undefined : { kind: 'accept', fields })}
          aria-label={`Accept ${label}, ${when}`}
        >
          Accept
        </Button>
        <Button kind="link" data-change={draft.id} onClick={onChange} aria-label={`Change ${label}, ${when}`}>
          Change
        </Button>
        <Button
          kind="link"
          aria-pressed={choice?.kind === 'drop'}
          onClick={() => onChoose(choice?.kind === 'drop' ? undefined : { kind: 'drop' })}
          aria-label={`Drop ${label}, ${when}`}
        >
          Drop
        </Button>
      </span>
    </li>
  );
}

function minutesOf(hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}

function DraftEditor({ date, initial, onSave, onCancel }: { date: string; initial: DraftFields; onSave(fields: DraftFields): void; onCancel(): void }) {
  const id = useId();
  const [fields, setFields] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
  }, []);
  const update = (patch: Partial<DraftFields>) => {
    setFields((current) => ({ ...current, ...patch }));
    setProblem(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = fieldsProblem(fields);
    if (found) return setProblem(found);
    onSave({ ...fields, project: fields.project.trim(), activity: fields.activity.trim() });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onCancel();
  };
  return (
    <form className="entry-editor" aria-label={`Change the draft of ${dayLong(date)}`} onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <div className="editor-fields">
        <div className="field time">
          <label htmlFor={`${id}-start`}>Start</label>
          <input ref={first} id={`${id}-start`} type="time" value={fields.start} required onChange={(event) => update({ start: event.currentTarget.value })} />
        </div>
        <div className="field time">
          <label htmlFor={`${id}-end`}>End</label>
          <input id={`${id}-end`} type="time" value={fields.end} required onChange={(event) => update({ end: event.currentTarget.value })} />
        </div>
        <WorkFields id={id} values={fields} onChange={update} maxLength={200} projectRequired />
      </div>
      <ErrorText message={problem} />
      <div className="editor-actions">
        <Button kind="primary" submit>
          Accept changed
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
        <span className="hint">Enter accepts, Escape cancels.</span>
      </div>
    </form>
  );
}
