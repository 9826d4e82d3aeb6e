// Administration, bulk corrections: which entries (the days, people, a project, an activity) and what
// they get (another project or activity, billable, exported, tags). The engine's correct_time_entries
// answers a preview first (how many entries and hours, those it leaves alone because their period is
// locked or they are exported, the first 20), and only then does the window offer the change, sending
// the preview's count: when entries came or went since, the engine refuses and says the new count, and
// that refusal is shown here. Any field changed after a preview drops it, so what is confirmed is what
// was shown.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CorrectionSetView, CorrectionView } from '../../../../window-contract/admin-people.ts';
import type { RequestOf } from '../../../../window-contract/index.ts';
import type { CatalogView } from '../../../../window-contract/timesheet.ts';
import { api } from '../../bridge.ts';
import { Button, ErrorText, Field, Loading, StatusText } from '../../components.tsx';
import { dayFull, wallClock } from '../../format.ts';
import { useAction, useFocusFirstInvalid } from '../../hooks.ts';
import { stores, today, useStore } from '../../store.ts';
import { ConfirmStep, useConfirmStep } from './ConfirmStep.tsx';

type Toggle = '' | 'yes' | 'no';

interface Fields {
  from: string;
  to: string;
  people: string;
  project: string;
  activity: string;
  setProject: string;
  setActivity: string;
  billable: Toggle;
  exported: Toggle;
  tags: string;
}

/** A comma-separated list as the tool takes it: trimmed, no empty names. */
const listOf = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
const flag = (toggle: Toggle) => (toggle === '' ? undefined : toggle === 'yes');

/** The request the fields make, or the problems by field. */
function requestOf(fields: Fields): { request: RequestOf<'previewCorrection'> } | { problems: Partial<Record<keyof Fields, string>> } {
  const problems: Partial<Record<keyof Fields, string>> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.from)) problems.from = 'Give the first day.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.to)) problems.to = 'Give the last day.';
  else if (!problems.from && fields.from > fields.to) problems.to = 'The last day comes before the first.';
  const people = listOf(fields.people);
  if (people.length > 20) problems.people = 'Name at most 20 people at once.';
  const tags = listOf(fields.tags);
  if (tags.length > 5) problems.tags = 'Add at most 5 tags at once.';
  const set: CorrectionSetView = {};
  if (fields.setProject) set.project = fields.setProject;
  if (fields.setActivity) set.activity = fields.setActivity;
  const billable = flag(fields.billable);
  if (billable !== undefined) set.billable = billable;
  const exported = flag(fields.exported);
  if (exported !== undefined) set.exported = exported;
  if (tags.length > 0) set.addTags = tags;
  if (Object.keys(set).length === 0 && !problems.tags) problems.setProject = 'Choose what changes: a project, an activity, billable, exported or tags.';
  if (Object.keys(problems).length > 0) return { problems };
  return {
    request: {
      from: fields.from,
      to: fields.to,
      ...(people.length > 0 ? { people } : {}),
      ...(fields.project ? { project: fields.project } : {}),
      ...(fields.activity ? { activity: fields.activity } : {}),
      set,
    },
  };
}

const hoursText = (hours: number) => `${Number(hours.toFixed(2))} h`;
const entriesText = (count: number) => (count === 1 ? '1 entry' : `${count} entries`);

export function CorrectionsSection() {
  const { data: catalog } = useStore(stores.catalog);
  const now = today();
  const [fields, setFields] = useState<Fields>({
    from: `${now.slice(0, 7)}-01`,
    to: now,
    people: '',
    project: '',
    activity: '',
    setProject: '',
    setActivity: '',
    billable: '',
    exported: '',
    tags: '',
  });
  const [problems, setProblems] = useState<Partial<Record<keyof Fields, string>>>({});
  const [preview, setPreview] = useState<{ request: RequestOf<'previewCorrection'>; view: CorrectionView } | null>(null);
  const { confirming, openerRef, openConfirm, closeConfirm, backToOpener } = useConfirmStep();
  const [said, setSaid] = useState<string | null>(null);
  const action = useAction();
  const { formRef, flagProblems } = useFocusFirstInvalid();
  const previewRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const id = useId();

  useEffect(() => {
    void stores.catalog.ensure();
  }, []);

  const update = (changes: Partial<Fields>) => {
    setFields({ ...fields, ...changes });
    const touched = new Set(Object.keys(changes));
    // "Choose what changes" sits at the first of the fields that answer it: any of them clears it.
    const answersWhat = ['setProject', 'setActivity', 'billable', 'exported', 'tags'].some((key) => touched.has(key));
    setProblems(
      Object.fromEntries(Object.entries(problems).filter(([key]) => !touched.has(key) && !(key === 'setProject' && answersWhat))) as Partial<
        Record<keyof Fields, string>
      >,
    );
    // What was previewed is no longer what the fields say: the change is offered again only after a new preview.
    setPreview(null);
    closeConfirm();
  };

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    const made = requestOf(fields);
    if ('problems' in made) {
      setProblems(made.problems);
      flagProblems();
      return;
    }
    setSaid(null);
    const view = await action.run('preview', () => api.previewCorrection(made.request));
    if (!view) return;
    setPreview({ request: made.request, view });
    setTimeout(() => headingRef.current?.focus());
  };
  const correct = async () => {
    if (!preview) return;
    const done = await action.run('correct', () => api.applyCorrection({ ...preview.request, confirmCount: preview.view.count }));
    closeConfirm();
    if (!done) {
      // The refusal (a count that moved, a right missing) shows under the button; the old preview goes, as it no longer holds.
      setPreview(null);
      setTimeout(() => previewRef.current?.focus());
      return;
    }
    setPreview(null);
    setSaid(done.message);
    // The Timesheet shows entries that may have moved: asked again when next shown.
    if (stores.timesheet.keys().length > 0) for (const key of stores.timesheet.keys()) void stores.timesheet.of(key).load();
    setTimeout(() => previewRef.current?.focus());
  };

  const view = preview?.view;
  return (
    <section className="card admin-section admin-corrections" aria-labelledby={`${id}-title`}>
      <div className="card-title">
        <h2 id={`${id}-title`}>Bulk corrections</h2>
      </div>
      <p className="muted">
        Move entries to another project or activity, mark them billable or exported, or tag them. A preview comes first; nothing changes until you confirm it.
      </p>
      {!catalog && <Loading what="Loading the catalog" />}
      {catalog && (
        <form ref={formRef} className="admin-add admin-correction-form" aria-labelledby={`${id}-which`} onSubmit={(event) => void ask(event)} noValidate>
          <h3 id={`${id}-which`}>Which entries</h3>
          <div className="admin-fields">
            <DateField label="First day" value={fields.from} error={problems.from} onChange={(from) => update({ from })} />
            <DateField label="Last day" value={fields.to} error={problems.to} onChange={(to) => update({ to })} />
            <Field label="People (optional)" hint="Names or e-mails, separated by commas; everyone you may correct when empty." error={problems.people}>
              {({ id: fieldId, describedBy, invalid }) => (
                <input
                  id={fieldId}
                  value={fields.people}
                  maxLength={2000}
                  aria-invalid={invalid || undefined}
                  aria-describedby={describedBy}
                  onChange={(event) => update({ people: event.currentTarget.value })}
                />
              )}
            </Field>
            <CatalogChoice label="Project" none="Any project" options={catalog.projects} value={fields.project} onChange={(project) => update({ project })} />
            <CatalogChoice
              label="Activity"
              none="Any activity"
              options={activitiesOf(catalog, fields.project)}
              value={fields.activity}
              onChange={(activity) => update({ activity })}
            />
          </div>
          <h3>What changes</h3>
          <div className="admin-fields">
            <CatalogChoice
              label="Move to project"
              none="Keep the project"
              options={catalog.projects}
              value={fields.setProject}
              error={problems.setProject}
              onChange={(setProject) => update({ setProject })}
            />
            <CatalogChoice
              label="Move to activity"
              none="Keep the activity"
              options={activitiesOf(catalog, fields.setProject || fields.project)}
              value={fields.setActivity}
              onChange={(setActivity) => update({ setActivity })}
            />
            <ToggleChoice label="Billable" value={fields.billable} onChange={(billable) => update({ billable })} />
            <ToggleChoice label="Exported" value={fields.exported} onChange={(exported) => update({ exported })} />
            <Field label="Add tags (optional)" hint="Tags the back end has, separated by commas." error={problems.tags}>
              {({ id: fieldId, describedBy, invalid }) => (
                <input
                  id={fieldId}
                  value={fields.tags}
                  maxLength={600}
                  aria-invalid={invalid || undefined}
                  aria-describedby={describedBy}
                  onChange={(event) => update({ tags: event.currentTarget.value })}
                />
              )}
            </Field>
          </div>
          <Button ref={previewRef} kind={view ? 'plain' : 'primary'} submit busy={action.pending === 'preview'} busyLabel="Previewing…">
            Preview
          </Button>
          {action.error?.key === 'preview' && <ErrorText message={action.error.message} />}
        </form>
      )}
      {view && (
        <div className="admin-preview">
          <h3 ref={headingRef} tabIndex={-1}>
            {view.count === 0 ? 'Nothing to change' : `Would change ${entriesText(view.count)} (${hoursText(view.hours)})`}
          </h3>
          <p className="muted">
            {view.lockedUntil
              ? `Locked up to ${dayFull(view.lockedUntil.slice(0, 10))} ${wallClock(view.lockedUntil)}: entries that began before are left alone.`
              : 'Which periods are locked is unknown here: the back end does not say, so no entry is left alone for that.'}
          </p>
          {view.notTouched.length > 0 && (
            <>
              <h4>Left alone</h4>
              <ul className="admin-left-alone" aria-label="Entries left alone">
                {view.notTouched.map((entry) => (
                  <li key={entry.id}>
                    {dayFull(entry.start.slice(0, 10))} {wallClock(entry.start)}, {entry.person}:{' '}
                    {entry.reason === 'locked' ? 'in the locked period' : 'exported'}
                  </li>
                ))}
              </ul>
            </>
          )}
          {view.entries.length > 0 && (
            <table
              className="admin-table"
              aria-label={
                view.count > view.entries.length ? `The first ${view.entries.length} of ${view.count} entries it would change` : 'The entries it would change'
              }
            >
              <thead>
                <tr>
                  <th scope="col">Start</th>
                  <th scope="col">Person</th>
                  <th scope="col">Project</th>
                  <th scope="col">Activity</th>
                  <th scope="col" className="number">
                    Hours
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.entries.map((entry) => (
                  <tr key={entry.id}>
                    <th scope="row">
                      {dayFull(entry.start.slice(0, 10))} {wallClock(entry.start)}
                    </th>
                    <td>{entry.person}</td>
                    <td>{entry.project}</td>
                    <td>{entry.activity}</td>
                    <td className="number">{hoursText(entry.hours)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {view.count > 0 && (
            <ConfirmStep
              confirming={confirming}
              onKeep={backToOpener}
              question={`Change ${entriesText(view.count)} (${hoursText(view.hours)}) as previewed?`}
              prompt={`Change ${entriesText(view.count)} (${hoursText(view.hours)}) as previewed? Entries left alone stay as they are.`}
              confirmLabel="Confirm"
              busyLabel="Correcting…"
              busy={action.pending === 'correct'}
              onConfirm={() => void correct()}
            >
              <Button ref={openerRef} kind="primary" onClick={openConfirm}>
                Correct {entriesText(view.count)}
              </Button>
            </ConfirmStep>
          )}
        </div>
      )}
      {action.error?.key === 'correct' && <ErrorText message={action.error.message} />}
      <StatusText message={said} />
    </section>
  );
}

/** The activities that fit a project: its own and those every project may use; all of them without one. */
function activitiesOf(catalog: CatalogView, project: string): string[] {
  const fitting = catalog.activities.filter((activity) => !project || activity.project === null || activity.project === project);
  return [...new Set(fitting.map((activity) => activity.name))];
}

function DateField({ label, value, error, onChange }: { label: string; value: string; error: string | undefined; onChange: (value: string) => void }) {
  return (
    <Field label={label} error={error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="date"
          value={value}
          required
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

function CatalogChoice(props: {
  label: string;
  none: string;
  options: string[];
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={props.label} error={props.error}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          value={props.value}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => props.onChange(event.currentTarget.value)}
        >
          <option value="">{props.none}</option>
          {props.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function ToggleChoice({ label, value, onChange }: { label: string; value: Toggle; onChange: (value: Toggle) => void }) {
  return (
    <Field label={label}>
      {({ id }) => (
        <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value as Toggle)}>
          <option value="">Keep as it is</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </select>
      )}
    </Field>
  );
}
