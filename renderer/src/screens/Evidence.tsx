// Preferences' Evidence section: where the Timesheet's drafts (and AI clients' suggest_entries) may
// look, each source off until named here. A calendar feed's address that holds a secret goes to the
// keychain through main; the window never gets a saved secret back, only whether there is one.
// Its pure core (the rows, the check, the request) is evidence-form.ts.
import { type FormEvent, useId, useState } from 'react';
import type { EvidenceSource, EvidenceView } from '../../../window-contract/evidence.ts';
import { api } from '../bridge.ts';
import { Button, ErrorText, Field, LoadError, StatusText, Switch } from '../components.tsx';
import { useAction } from '../hooks.ts';
import { stores, useStore } from '../store.ts';
import {
  feedHint,
  formProblem,
  fromView,
  newCalendar,
  newRule,
  patchRow,
  requestOf,
  SECRET,
  SOURCE_NAMES,
  type CalendarRow,
  type FormState,
  type RuleRow,
} from './evidence-form.ts';

export function EvidenceCard() {
  const { data, error } = useStore(stores.evidence);
  if (error && !data) return <LoadError message={`Evidence settings: ${error}`} onRetry={() => void stores.evidence.load()} />;
  if (!data) return null;
  return <EvidenceForm saved={data} />;
}

function EvidenceForm({ saved }: { saved: EvidenceView }) {
  const id = useId();
  const [form, setForm] = useState<FormState>(() => fromView(saved));
  const action = useAction();
  const update = (patch: Partial<FormState>) => {
    setForm((current) => ({ ...current, ...patch }));
    action.clear();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = formProblem(form);
    if (problem) return action.fail('save', problem);
    const result = await action.run('save', () => api.saveEvidence(requestOf(form)), 'Saved.');
    // The form takes main's answer: what was saved, a feed's secret only as "in the keychain".
    if (result) {
      stores.evidence.set(result);
      setForm(fromView(result));
    }
  };

  return (
    <form className="card evidence-form" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} noValidate>
      <h2 id={`${id}-title`}>Evidence</h2>
      <p className="hint">
        Where the Timesheet’s drafts of your day come from, and AI clients’ suggested entries. Each source is off until you name it here; everything is read on
        this computer, and nothing is booked until you book it.
      </p>

      <Field label="Your e-mail addresses" hint="Your answers to invitations and your commits are found by them. Separate several with commas.">
        {({ id: fieldId, describedBy }) => (
          <input
            id={fieldId}
            value={form.emails}
            autoComplete="off"
            aria-describedby={describedBy}
            onChange={(event) => update({ emails: event.currentTarget.value })}
          />
        )}
      </Field>

      <Calendars calendars={form.calendars} onChange={(calendars) => update({ calendars })} />

      <Field label="Git folders" hint="One per line: a repository, or a folder whose repositories are read. Only your own commits count.">
        {({ id: fieldId, describedBy }) => (
          <textarea
            id={fieldId}
            rows={3}
            value={form.folders}
            spellCheck={false}
            aria-describedby={describedBy}
            onChange={(event) => update({ folders: event.currentTarget.value })}
          />
        )}
      </Field>

      <div className="evidence-switches">
        <Switch
          checked={form.activity}
          onChange={(checked) => update({ activity: checked })}
          label="Activity: when this computer was in use (never which apps)"
        />
        <Switch checked={form.aiSessions} onChange={(checked) => update({ aiSessions: checked })} label="AI sessions: when an AI client used Punchcard" />
      </div>

      <Rules rules={form.rules} onChange={(rules) => update({ rules })} />

      {saved.credentialProblem && <p className="message warning">The keychain could not be asked about feed secrets: {saved.credentialProblem}</p>}
      <div className="form-actions">
        <Button kind="primary" submit busy={action.pending === 'save'} busyLabel="Saving…">
          Use these sources and rules
        </Button>
        <StatusText message={action.done?.message} className="success inline" />
      </div>
      <ErrorText message={action.error?.message} />
    </form>
  );
}

/** A row's change and its removal, handed up by the list it is in. */
interface RowProps<Row> {
  row: Row;
  index: number;
  onChange(patch: Partial<Row>): void;
  onRemove(): void;
}

function Calendars({ calendars, onChange }: { calendars: CalendarRow[]; onChange(calendars: CalendarRow[]): void }) {
  return (
    <fieldset className="evidence-group">
      <legend>Calendars</legend>
      {calendars.length === 0 && <p className="muted">No calendar.</p>}
      {calendars.map((row, index) => (
        <CalendarFields
          key={row.key}
          row={row}
          index={index}
          onChange={(patch) => onChange(patchRow(calendars, row.key, patch))}
          onRemove={() => onChange(calendars.filter((other) => other.key !== row.key))}
        />
      ))}
      <Button onClick={() => onChange([...calendars, newCalendar()])}>Add calendar</Button>
    </fieldset>
  );
}

/** One calendar: its name, a file or a feed, and where it is. */
function CalendarFields({ row, index, onChange, onRemove }: RowProps<CalendarRow>) {
  return (
    <div className="evidence-row" role="group" aria-label={`Calendar ${index + 1}`}>
      <Field label="Name">
        {({ id: fieldId }) => <input id={fieldId} value={row.name} maxLength={60} onChange={(event) => onChange({ name: event.currentTarget.value })} />}
      </Field>
      <Field label="Kind">
        {({ id: fieldId }) => (
          <select
            id={fieldId}
            value={row.kind}
            onChange={(event) => onChange({ kind: event.currentTarget.value as CalendarRow['kind'], location: '', saved: null })}
          >
            <option value="file">File (.ics)</option>
            <option value="url">Feed (address)</option>
          </select>
        )}
      </Field>
      <Field label={row.kind === 'file' ? 'File' : 'Address'} className="grow" hint={feedHint(row)}>
        {({ id: fieldId, describedBy }) => (
          <input
            id={fieldId}
            value={row.location}
            autoComplete="off"
            spellCheck={false}
            placeholder={row.kind === 'url' && row.saved === SECRET ? 'Saved in the keychain' : undefined}
            aria-describedby={describedBy}
            onChange={(event) => onChange({ location: event.currentTarget.value })}
          />
        )}
      </Field>
      <Button kind="link" className="danger" onClick={onRemove}>
        Remove<span className="sr-only"> calendar {row.name || index + 1}</span>
      </Button>
    </div>
  );
}

function Rules({ rules, onChange }: { rules: RuleRow[]; onChange(rules: RuleRow[]): void }) {
  return (
    <fieldset className="evidence-group">
      <legend>Rules</legend>
      <p className="hint">A text found in an event’s title, a commit’s subject, branch or repository, or an AI client’s name means this project.</p>
      {rules.map((row, index) => (
        <RuleFields
          key={row.key}
          row={row}
          index={index}
          onChange={(patch) => onChange(patchRow(rules, row.key, patch))}
          onRemove={() => onChange(rules.filter((other) => other.key !== row.key))}
        />
      ))}
      <Button onClick={() => onChange([...rules, newRule()])}>Add rule</Button>
    </fieldset>
  );
}

/** One rule: where to look (or anywhere), the text to find, and the project (and activity) it means. */
function RuleFields({ row, index, onChange, onRemove }: RowProps<RuleRow>) {
  return (
    <div className="evidence-row" role="group" aria-label={`Rule ${index + 1}`}>
      <Field label="Source">
        {({ id: fieldId }) => (
          <select id={fieldId} value={row.source} onChange={(event) => onChange({ source: event.currentTarget.value as RuleRow['source'] })}>
            <option value="">Any</option>
            {(Object.keys(SOURCE_NAMES) as EvidenceSource[]).map((source) => (
              <option key={source} value={source}>
                {SOURCE_NAMES[source]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Text" className="grow">
        {({ id: fieldId }) => <input id={fieldId} value={row.match} maxLength={200} onChange={(event) => onChange({ match: event.currentTarget.value })} />}
      </Field>
      <Field label="Project" className="grow">
        {({ id: fieldId }) => <input id={fieldId} value={row.project} maxLength={200} onChange={(event) => onChange({ project: event.currentTarget.value })} />}
      </Field>
      <Field label="Activity">
        {({ id: fieldId }) => (
          <input id={fieldId} value={row.activity} maxLength={200} onChange={(event) => onChange({ activity: event.currentTarget.value })} />
        )}
      </Field>
      <Button kind="link" className="danger" onClick={onRemove}>
        Remove<span className="sr-only"> rule {row.match || index + 1}</span>
      </Button>
    </div>
  );
}
