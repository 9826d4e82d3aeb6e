// The suggested day: suggest_entries' drafts of a day as a timeline beside what is already booked,
// each draft accepted (as drafted or changed) or dropped, then booked in one step through
// book_suggested_entries, a call of the tool through the host: the organisation's policy, the tool
// switches and the engine's question (the list it will book) apply as when the model calls it.
import { type FormEvent, type MouseEvent, useEffect, useRef, useState } from 'react';
import { DraftTimeline } from '../src/DraftTimeline.tsx';
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
} from '../src/drafts.ts';
import { clockOf, dayLong, daysBetween, formatDuration, rangeLabel } from '../src/format.ts';
import { asSuggestion, type Suggestion } from './shapes.ts';
import { EntryInputs, Frame, onRangeAnswer, read, StatusLine, useHost, useWriter } from './ui.tsx';

/** The most days drawn, as the tool's own limit. */
const MAX_DAYS = 31;

export function SuggestedDayApp() {
  const host = useHost('suggested-day');
  const { link } = host;
  const writer = useWriter(link, 'suggested day');
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [choices, setChoices] = useState<Choices>({});
  const [editing, setEditing] = useState<string | null>(null);

  const reload = async (range: { from: string; to?: string }) => {
    if (!link) return;
    const answer = await read(link, 'suggest_entries', range);
    if ('refused' in answer) return setProblem(answer.refused);
    show(answer.data);
  };
  const show = (data: unknown) => {
    const parsed = asSuggestion(data);
    if (!parsed) return setProblem('Punchcard answered with drafts this app cannot show.');
    setProblem(null);
    setSuggestion(parsed);
    setChoices((current) => keptChoices(parsed.drafts, current));
  };

  useEffect(() => {
    if (!link) return;
    onRangeAnswer(link, (answer, words) => {
      if (asSuggestion(answer.structuredContent)) return show(answer.structuredContent);
      // The model's call was refused (or answered oddly): ask again with its words, and say why where that fails too.
      if (words.from) void reload({ from: words.from, ...(words.to ? { to: words.to } : {}) });
      else setProblem('Punchcard answered with drafts this app cannot show.');
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [link]);

  const days = suggestion ? daysBetween(suggestion.from, suggestion.to).slice(0, MAX_DAYS) : [];
  const counts = suggestion ? tally(suggestion.drafts, choices) : { accepted: 0, dropped: 0, open: 0 };

  const book = async (event: MouseEvent) => {
    if (!suggestion) return;
    const booking = bookingOf(suggestion.drafts, choices);
    if (booking.problems.length > 0) {
      writer.say({ kind: 'refused', text: bookingRefusal(booking) });
      return;
    }
    const what = `Book ${booking.entries.length} suggested ${booking.entries.length === 1 ? 'entry' : 'entries'} of ${rangeLabel(suggestion.from, suggestion.to)}`;
    const answer = await writer.write(event, 'book_suggested_entries', { from: suggestion.from, to: suggestion.to, entries: booking.entries }, what);
    if (answer && !answer.isError) {
      const booked = booking.entries.map((entry) => entry.id);
      setChoices((current) => withoutBooked(current, booked));
      await reload({ from: suggestion.from, to: suggestion.to });
    }
  };

  return (
    <Frame title={suggestion ? `Suggested entries, ${rangeLabel(suggestion.from, suggestion.to)}` : 'Suggested entries'} host={host}>
      {problem && <p role="alert">{problem}</p>}
      {suggestion && (
        <>
          <ul className="days">
            {days.map((date) => (
              <SuggestedDay
                key={date}
                date={date}
                suggestion={suggestion}
                choices={choices}
                setChoices={setChoices}
                editing={editing}
                setEditing={setEditing}
                busy={writer.busy}
              />
            ))}
          </ul>
          <OpenNotes suggestion={suggestion} />
          {suggestion.drafts.length > 0 && (
            <div className="book-step">
              <p>
                {counts.accepted} accepted · {counts.dropped} dropped · {counts.open} open
              </p>
              <div className="actions">
                <button type="button" className="primary" disabled={writer.busy || counts.accepted === 0} onClick={(event) => void book(event)}>
                  {bookLabel(counts.accepted)}
                </button>
              </div>
              {counts.accepted === 0 && <p className="muted">Accept the drafts to book; dropped and open ones are not booked.</p>}
            </div>
          )}
        </>
      )}
      <StatusLine status={writer.status} />
    </Frame>
  );
}

interface DayProps {
  date: string;
  suggestion: Suggestion;
  choices: Choices;
  setChoices: (change: (current: Choices) => Choices) => void;
  editing: string | null;
  setEditing: (id: string | null) => void;
  busy: boolean;
}

function SuggestedDay({ date, suggestion, choices, setChoices, editing, setEditing, busy }: DayProps) {
  const drafts = suggestion.drafts.filter((draft) => draft.start.slice(0, 10) === date);
  const booked = suggestion.booked.filter((entry) => entry.start.slice(0, 10) === date);
  const headingId = `day-${date}`;
  return (
    <li className="day" aria-labelledby={headingId}>
      <div className="day-head">
        <h2 id={headingId}>{dayLong(date)}</h2>
        <span className="sum">
          {formatDuration(drafts.reduce((sum, draft) => sum + draft.minutes, 0))} drafted · {booked.length} booked
        </span>
      </div>
      {(drafts.length > 0 || booked.length > 0) && <DraftTimeline timeline={timelineOf(date, drafts, booked, choices)} />}
      {booked.length > 0 && (
        <>
          <h3 className="list-title">Booked</h3>
          <ul className="entries">
            {booked.map((entry) => (
              <li key={entry.id} className="entry">
                <span className="when">{entry.span === 'day' ? 'no times' : `${clockOf(entry.start)}–${entry.end ? clockOf(entry.end) : 'now'}`}</span>
                <span className="what">{entry.project ?? 'No project'}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 className="list-title">Drafts</h3>
      {drafts.length === 0 ? (
        <p className="muted">No drafts: nothing in the evidence that is not booked already.</p>
      ) : (
        <ul className="entries">
          {drafts.map((draft) => (
            <DraftRow key={draft.id} draft={draft} choices={choices} setChoices={setChoices} editing={editing} setEditing={setEditing} busy={busy} />
          ))}
        </ul>
      )}
    </li>
  );
}

function DraftRow({ draft, choices, setChoices, editing, setEditing, busy }: Omit<DayProps, 'date' | 'suggestion'> & { draft: Draft }) {
  const choice = choices[draft.id];
  const fields = chosenFields(draft, choices);
  const when = `${fields.start}–${fields.end}`;
  const label = draftLabel(fields);
  const changeRef = useRef<HTMLButtonElement>(null);
  const choose = (next: Choices[string] | undefined) => setChoices((current) => withChoice(current, draft.id, next));
  const state = choice?.kind === 'accept' ? 'Accepted' : choice?.kind === 'drop' ? 'Dropped' : 'Open';
  if (editing === draft.id) {
    return (
      <li>
        <DraftForm
          title={`Change ${when} ${label}`}
          initial={fields}
          onCancel={() => {
            setEditing(null);
            requestAnimationFrame(() => changeRef.current?.focus());
          }}
          onSave={(changed) => {
            choose({ kind: 'accept', fields: changed });
            setEditing(null);
          }}
        />
      </li>
    );
  }
  return (
    <li className={`entry draft ${state.toLowerCase()}`}>
      <span className="when">{when}</span>
      <span className="what">
        {label}
        <span className="muted"> · {draft.confidence} confidence</span>
        <ul className="evidence">
          {draft.evidence.map((line, index) => (
            <li key={`${line.at}-${index}`}>
              {sourceWord(line.source)} {clockOf(line.at)}: {line.text}
            </li>
          ))}
        </ul>
      </span>
      <span className={`state ${state.toLowerCase()}`}>{state}</span>
      <span className="actions">
        <button
          type="button"
          disabled={busy}
          aria-pressed={choice?.kind === 'accept'}
          onClick={() => choose(choice?.kind === 'accept' ? undefined : { kind: 'accept', fields })}
          aria-label={`Accept ${when} ${label}`}
        >
          Accept
        </button>
        <button ref={changeRef} type="button" disabled={busy} onClick={() => setEditing(draft.id)} aria-label={`Change ${when} ${label}`}>
          Change
        </button>
        <button
          type="button"
          disabled={busy}
          aria-pressed={choice?.kind === 'drop'}
          onClick={() => choose(choice?.kind === 'drop' ? undefined : { kind: 'drop' })}
          aria-label={`Drop ${when} ${label}`}
        >
          Drop
        </button>
      </span>
    </li>
  );
}

function DraftForm({ title, initial, onSave, onCancel }: { title: string; initial: DraftFields; onSave: (fields: DraftFields) => void; onCancel: () => void }) {
  const [fields, setFields] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  // A host's frame may not allow forms to submit (sandboxed without allow-forms): the button's click saves.
  const submit = (event: FormEvent | MouseEvent) => {
    event.preventDefault();
    const found = fieldsProblem(fields);
    if (found) return setProblem(found);
    onSave({ ...fields, project: fields.project.trim(), activity: fields.activity.trim() });
  };
  return (
    <form className="fields" aria-label={title} noValidate onSubmit={(event) => event.preventDefault()}>
      <EntryInputs
        fields={fields}
        onChange={(changed) => {
          setFields(changed);
          setProblem(null);
        }}
        required={['start', 'end', 'project']}
      />
      <div className="actions">
        <button type="submit" className="primary" onClick={submit}>
          Accept changed
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

/** What the engine left open: evidence without a project, sources it could not read. */
function OpenNotes({ suggestion }: { suggestion: Suggestion }) {
  if (suggestion.unmapped.length === 0 && suggestion.skipped.length === 0) return null;
  return (
    <div className="open-notes">
      {suggestion.unmapped.length > 0 && (
        <>
          <h2>Without a project</h2>
          <ul>
            {suggestion.unmapped.map((item, index) => (
              <li key={`${item.source}-${index}`}>
                {sourceWord(item.source)}: {item.text} ({formatDuration(item.minutes)})
              </li>
            ))}
          </ul>
        </>
      )}
      {suggestion.skipped.length > 0 && (
        <>
          <h2>Not read</h2>
          <ul>
            {suggestion.skipped.map((item, index) => (
              <li key={`${item.source}-${index}`}>
                {sourceWord(item.source)}: {item.problem}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
