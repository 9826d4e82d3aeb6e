// One time entry in edit, in place of its row (or a new one under its day): start and end as times
// of the day, project and activity with the catalog's names as suggestions, and the note. Enter
// saves, Escape cancels; the engine's own refusal is shown under the fields, the field it is about
// marked invalid and focused, and the fields keep what was typed. The tracker's custom fields the
// project requires are asked below (CustomFields.tsx); a refusal about them is said beside them.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { EntryFieldValues } from '../../../window-contract/request-parts.ts';
import type { EntryView } from '../../../window-contract/status.ts';
import { Button, ErrorText } from '../components.tsx';
import { CustomFields } from '../CustomFields.tsx';
import { fieldsChanged, fieldsToAsk, fieldsToSend, inputsOf, isFieldsRefusal, type FieldInputs } from '../custom-fields.ts';
import { addDaysTo, clockOf } from '../format.ts';
import { useAction } from '../hooks.ts';
import { entryFieldOf, type EntryField } from '../problems.ts';
import { stores, useStore } from '../store.ts';
import { WorkFields } from '../WorkFields.tsx';
import { keepsNoTimes } from './EntryTimes.tsx';
import type { TrackerTag } from '../../../window-contract/tracker-tags.ts';
import { TrackerSelect, useTrackerChoice } from '../trackers.tsx';

export interface EntryDraft {
  start?: string;
  end?: string;
  project?: string;
  activity?: string;
  description?: string;
  /** The tracker's custom fields filled in (issue 78). */
  fields?: EntryFieldValues;
  /** A new entry's connection, where there are several (issue 86). */
  tracker?: string;
}

interface EntryEditorProps {
  /** The day the entry is on (YYYY-MM-DD); times are read on it. */
  date: string;
  /** The entry being changed, or undefined for a new one. */
  entry?: EntryView;
  /** Times to start a new entry with (a gap being filled). */
  initial?: { start: string; end: string };
  /** With several connections (a new entry only): every one, asked for in a select. */
  trackers?: readonly TrackerTag[] | undefined;
  /** The connection the select is preset to; the default when undefined. */
  tracker?: string | undefined;
  /** Sends the draft; resolves when the engine has taken it (rejects with its words). */
  onSave(draft: EntryDraft): Promise<unknown>;
  onCancel(): void;
}

interface Fields {
  start: string;
  end: string;
  project: string;
  activity: string;
  description: string;
}

function fieldsOf(entry: EntryView | undefined, initial: { start: string; end: string } | undefined): Fields {
  return {
    start: entry ? clockOf(entry.start) : (initial?.start ?? ''),
    end: entry?.end ? clockOf(entry.end) : (initial?.end ?? ''),
    project: entry?.project ?? '',
    activity: entry?.activity ?? '',
    description: entry?.description ?? '',
  };
}

/** "09:00" on the day, and an end before the start on the day after (a night's work). */
function instants(date: string, start: string, end: string): { start: string; end: string } {
  return { start: `${date}T${start}`, end: `${end < start ? addDaysTo(date, 1) : date}T${end}` };
}

/** A time the form cannot send without, and its field. */
interface MissingTime {
  problem: string;
  field: EntryField;
}

/** What changed, as the engine takes it; an emptied project or activity clears it. */
function draftOf(date: string, entry: EntryView | undefined, fields: Fields): EntryDraft | MissingTime {
  const running = entry !== undefined && entry.end === null;
  if (!fields.start) return { problem: 'Enter the time the work started.', field: 'start' };
  if (!running && !fields.end) return { problem: 'Enter the time the work ended.', field: 'end' };
  const before = fieldsOf(entry, undefined);
  const times = instants(entry ? entry.start.slice(0, 10) : date, fields.start, fields.end || fields.start);
  const draft: EntryDraft = {};
  if (!entry || fields.start !== before.start) draft.start = times.start;
  if (!running && (!entry || fields.end !== before.end || fields.start !== before.start)) draft.end = times.end;
  for (const key of ['project', 'activity', 'description'] as const) {
    const value = fields[key].trim();
    if (entry ? value !== before[key].trim() : value !== '') draft[key] = value;
  }
  return draft;
}

/** What the time fields mean where that is not plain: a timer still running, an entry that keeps no times. */
function TimeHints({ id, running, noTimes }: { id: string; running: boolean; noTimes: boolean }) {
  return (
    <>
      {noTimes && (
        <p className="hint" id={`${id}-no-times`}>
          The back end keeps this entry’s day and length only: a start and end set its length, and are not kept.
        </p>
      )}
      {running && (
        <p className="hint" id={`${id}-running`}>
          The timer still runs: clock out to end it.
        </p>
      )}
    </>
  );
}

export function EntryEditor({ date, entry, initial, trackers, tracker, onSave, onCancel }: EntryEditorProps) {
  const id = useId();
  const [fields, setFields] = useState<Fields>(() => fieldsOf(entry, initial));
  const [problem, setProblem] = useState<MissingTime | null>(null);
  // The entry's own field values, shown and changed in place; the fields it carries are shown whatever the project requires.
  const [before] = useState<FieldInputs>(() => inputsOf(entry?.fields));
  const [inputs, setInputs] = useState<FieldInputs>(before);
  const catalog = useStore(stores.catalog);
  const action = useAction();
  const target = useTrackerChoice(entry === undefined, trackers, tracker, action.clear);
  const first = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const running = entry !== undefined && entry.end === null;
  // An entry that keeps no times (EntryTimes.tsx): its start and end here are a placement at the start of its day.
  const noTimes = entry !== undefined && keepsNoTimes(entry);
  const refusal = action.error?.refusal;
  // A refusal about the custom fields is said beside them, not under the form.
  const message = problem?.problem ?? (isFieldsRefusal(refusal) ? undefined : action.error?.message);
  const invalid: EntryField | null = problem?.field ?? entryFieldOf(refusal);
  const asked = fieldsToAsk(catalog.data, fields.project, refusal, inputs);

  useEffect(() => {
    first.current?.focus();
  }, []);

  // A refusal names a field: focus goes there, marked invalid, to be fixed.
  useEffect(() => {
    if (invalid) form.current?.querySelector<HTMLElement>(`[data-field="${invalid}"]`)?.focus();
  }, [invalid, message]);

  const update = (patch: Partial<Fields>) => {
    setFields((current) => ({ ...current, ...patch }));
    setProblem(null);
    action.clear();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const draft = draftOf(date, entry, fields);
    if ('problem' in draft) {
      setProblem(draft);
      return;
    }
    // A change sends only the fields changed (the engine keeps the rest), a new entry the ones filled in.
    const custom = entry ? fieldsChanged(asked, inputs, before) : fieldsToSend(asked, inputs);
    if (custom) draft.fields = custom;
    if (target.asks && target.into) draft.tracker = target.into;
    if (entry && Object.keys(draft).length === 0) {
      onCancel();
      return;
    }
    await action.run('save', () => onSave(draft));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    // Enter saves from a choice too (a custom field's), which the browser does not submit from.
    if (event.key === 'Enter' && event.target instanceof HTMLSelectElement) {
      event.preventDefault();
      form.current?.requestSubmit();
      return;
    }
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onCancel();
  };

  const label = entry ? 'Change the entry' : 'New entry';
  const marked = (field: EntryField) => (invalid === field ? true : undefined);
  return (
    <form ref={form} className="entry-editor" aria-label={label} onSubmit={(event) => void submit(event)} onKeyDown={onKeyDown} noValidate>
      <div className="editor-fields">
        <div className="field time">
          <label htmlFor={`${id}-start`}>Start</label>
          <input
            ref={first}
            id={`${id}-start`}
            data-field="start"
            type="time"
            value={fields.start}
            required
            aria-describedby={noTimes ? `${id}-no-times` : undefined}
            aria-invalid={marked('start')}
            onChange={(event) => update({ start: event.currentTarget.value })}
          />
        </div>
        <div className="field time">
          <label htmlFor={`${id}-end`}>End</label>
          {running ? (
            <input id={`${id}-end`} type="text" value="running" readOnly aria-describedby={`${id}-running`} />
          ) : (
            <input
              id={`${id}-end`}
              data-field="end"
              type="time"
              value={fields.end}
              required
              aria-describedby={noTimes ? `${id}-no-times` : undefined}
              aria-invalid={marked('end')}
              onChange={(event) => update({ end: event.currentTarget.value })}
            />
          )}
        </div>
        {target.asks && <TrackerSelect id={id} trackers={trackers} value={target.into} onChange={target.choose} />}
        <WorkFields id={id} values={fields} onChange={update} maxLength={500} marked={marked} />
      </div>
      <CustomFields
        id={id}
        fields={asked}
        inputs={inputs}
        onChange={(name, input) => {
          setInputs((current) => ({ ...current, [name]: input }));
          action.clear();
        }}
        refusal={refusal}
        message={action.error?.message}
      />
      <TimeHints id={id} running={running} noTimes={noTimes} />
      <ErrorText message={message} />
      <div className="editor-actions">
        <Button kind="primary" submit busy={action.pending === 'save'} busyLabel="Saving…">
          Save
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
        <span className="hint">Enter saves, Escape cancels.</span>
      </div>
    </form>
  );
}
