// Preferences' Evidence section: where the Timesheet's drafts (and AI clients' suggest_entries) may
// look, each source off until named here. A calendar feed's address that holds a secret goes to the
// keychain through main; the window never gets a saved secret back, only whether there is one.
import { type FormEvent, useId, useState } from 'react';
import type { EvidenceSettings, EvidenceSource, EvidenceView } from '../../../window-contract/evidence.ts';
import type { PunchcardApi } from '../../../window-contract/index.ts';
import { api } from '../bridge.ts';
import { Button, ErrorText, Field, LoadError, StatusText, Switch } from '../components.tsx';
import { useAction } from '../hooks.ts';
import { stores, useStore } from '../store.ts';

type SaveRequest = Parameters<PunchcardApi['saveEvidence']>[0];

interface CalendarRow {
  key: number;
  name: string;
  kind: 'file' | 'url';
  /** The file's path, or the feed's address as typed; empty for a saved feed whose address is in the keychain. */
  location: string;
  /** The feed's address as saved (with `{secret}`), sent again while the person types no new one. */
  saved: string | null;
  hasSecret: boolean;
}

interface RuleRow {
  key: number;
  source: EvidenceSource | '';
  match: string;
  project: string;
  activity: string;
}

interface FormState {
  emails: string;
  calendars: CalendarRow[];
  folders: string;
  activity: boolean;
  aiSessions: boolean;
  rules: RuleRow[];
}

const SECRET = '{secret}';
const SOURCE_NAMES: Record<EvidenceSource, string> = { calendar: 'Calendars', git: 'Commits', activity: 'Activity', ai: 'AI sessions' };
let nextKey = 1;

function fromView(view: EvidenceView): FormState {
  const { evidence } = view;
  return {
    emails: evidence.emails.join(', '),
    calendars: evidence.calendars.map((calendar) =>
      'file' in calendar
        ? { key: nextKey++, name: calendar.name, kind: 'file', location: calendar.file, saved: null, hasSecret: false }
        : {
            key: nextKey++,
            name: calendar.name,
            kind: 'url',
            // The whole address is in the keychain: nothing to show but that it is there.
            location: calendar.url === SECRET ? '' : calendar.url,
            saved: calendar.url,
            hasSecret: view.feeds.some((feed) => feed.name === calendar.name && feed.hasSecret),
          },
    ),
    folders: evidence.git.folders.join('\n'),
    activity: evidence.activity.enabled,
    aiSessions: evidence.aiSessions.enabled,
    rules: evidence.rules.map((rule) => ({
      key: nextKey++,
      source: rule.source ?? '',
      match: rule.match,
      project: rule.project,
      activity: rule.activity ?? '',
    })),
  };
}

const lines = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean);

/** The form as saveEvidence takes it; main checks it all again and moves secrets to the keychain. */
export function requestOf(form: FormState): SaveRequest {
  const evidence: EvidenceSettings = {
    emails: lines(form.emails, /[,;\s]+/),
    calendars: form.calendars.map((row) =>
      row.kind === 'file' ? { name: row.name.trim(), file: row.location.trim() } : { name: row.name.trim(), url: row.location.trim() || (row.saved ?? '') },
    ),
    git: { folders: lines(form.folders, /\n+/) },
    activity: { enabled: form.activity },
    aiSessions: { enabled: form.aiSessions },
    rules: form.rules.map((row) => ({
      ...(row.source ? { source: row.source } : {}),
      match: row.match.trim(),
      project: row.project.trim(),
      ...(row.activity.trim() ? { activity: row.activity.trim() } : {}),
    })),
  };
  return { evidence };
}

/** What is missing before saving, in a sentence; null when the form can go to main. */
function formProblem(form: FormState): string | null {
  for (const [index, row] of form.calendars.entries()) {
    if (!row.name.trim()) return `Calendar ${index + 1}: give it a name.`;
    if (!row.location.trim() && !row.saved) return `Calendar “${row.name.trim()}”: enter ${row.kind === 'file' ? 'the file’s path' : 'the feed’s address'}.`;
  }
  for (const [index, row] of form.rules.entries()) {
    if (!row.match.trim() || !row.project.trim()) return `Rule ${index + 1}: enter the text to find and the project it means.`;
  }
  return null;
}

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
  const setCalendar = (key: number, patch: Partial<CalendarRow>) =>
    update({ calendars: form.calendars.map((row) => (row.key === key ? { ...row, ...patch } : row)) });
  const setRule = (key: number, patch: Partial<RuleRow>) => update({ rules: form.rules.map((row) => (row.key === key ? { ...row, ...patch } : row)) });

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

      <fieldset className="evidence-group">
        <legend>Calendars</legend>
        {form.calendars.length === 0 && <p className="muted">No calendar.</p>}
        {form.calendars.map((row, index) => (
          <div key={row.key} className="evidence-row" role="group" aria-label={`Calendar ${index + 1}`}>
            <Field label="Name">
              {({ id: fieldId }) => (
                <input id={fieldId} value={row.name} maxLength={60} onChange={(event) => setCalendar(row.key, { name: event.currentTarget.value })} />
              )}
            </Field>
            <Field label="Kind">
              {({ id: fieldId }) => (
                <select
                  id={fieldId}
                  value={row.kind}
                  onChange={(event) => setCalendar(row.key, { kind: event.currentTarget.value as 'file' | 'url', location: '', saved: null })}
                >
                  <option value="file">File (.ics)</option>
                  <option value="url">Feed (address)</option>
                </select>
              )}
            </Field>
            <Field
              label={row.kind === 'file' ? 'File' : 'Address'}
              className="grow"
              hint={
                row.kind === 'url'
                  ? row.saved?.includes(SECRET)
                    ? row.hasSecret
                      ? 'Its secret is in the keychain. Enter the address again to replace it.'
                      : 'No secret saved for it: enter the feed’s secret address again.'
                    : 'A secret address (Google’s or Outlook’s) goes to the keychain, not into the settings file.'
                  : undefined
              }
            >
              {({ id: fieldId, describedBy }) => (
                <input
                  id={fieldId}
                  value={row.location}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={row.kind === 'url' && row.saved === SECRET ? 'Saved in the keychain' : undefined}
                  aria-describedby={describedBy}
                  onChange={(event) => setCalendar(row.key, { location: event.currentTarget.value })}
                />
              )}
            </Field>
            <Button kind="link" className="danger" onClick={() => update({ calendars: form.calendars.filter((other) => other.key !== row.key) })}>
              Remove<span className="sr-only"> calendar {row.name || index + 1}</span>
            </Button>
          </div>
        ))}
        <Button
          onClick={() => update({ calendars: [...form.calendars, { key: nextKey++, name: '', kind: 'file', location: '', saved: null, hasSecret: false }] })}
        >
          Add calendar
        </Button>
      </fieldset>

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

      <fieldset className="evidence-group">
        <legend>Rules</legend>
        <p className="hint">A text found in an event’s title, a commit’s subject, branch or repository, or an AI client’s name means this project.</p>
        {form.rules.map((row, index) => (
          <div key={row.key} className="evidence-row" role="group" aria-label={`Rule ${index + 1}`}>
            <Field label="Source">
              {({ id: fieldId }) => (
                <select id={fieldId} value={row.source} onChange={(event) => setRule(row.key, { source: event.currentTarget.value as RuleRow['source'] })}>
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
              {({ id: fieldId }) => (
                <input id={fieldId} value={row.match} maxLength={200} onChange={(event) => setRule(row.key, { match: event.currentTarget.value })} />
              )}
            </Field>
            <Field label="Project" className="grow">
              {({ id: fieldId }) => (
                <input id={fieldId} value={row.project} maxLength={200} onChange={(event) => setRule(row.key, { project: event.currentTarget.value })} />
              )}
            </Field>
            <Field label="Activity">
              {({ id: fieldId }) => (
                <input id={fieldId} value={row.activity} maxLength={200} onChange={(event) => setRule(row.key, { activity: event.currentTarget.value })} />
              )}
            </Field>
            <Button kind="link" className="danger" onClick={() => update({ rules: form.rules.filter((other) => other.key !== row.key) })}>
              Remove<span className="sr-only"> rule {row.match || index + 1}</span>
            </Button>
          </div>
        ))}
        <Button onClick={() => update({ rules: [...form.rules, { key: nextKey++, source: '', match: '', project: '', activity: '' }] })}>Add rule</Button>
      </fieldset>

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
