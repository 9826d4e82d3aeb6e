// Clocking in, or switching to other work while a timer runs (TimerCard.tsx): the project, activity,
// note and start the person gives, the tracker's custom fields the project requires (CustomFields.tsx),
// and the recent work to start again with one click.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import type { StatusView } from '../../../window-contract/status.ts';
import { refusalCarriedBy } from '../bridge.ts';
import { Button } from '../components.tsx';
import { CustomFields } from '../CustomFields.tsx';
import { fieldsToAsk, fieldsToSend, isFieldsRefusal, type FieldInputs } from '../custom-fields.ts';
import type { ActionState } from '../hooks.ts';
import { entryFieldOf, type EntryField } from '../problems.ts';
import { stores, useStore } from '../store.ts';
import { sameWork, startWork, workLabel, type Work } from '../work.ts';
import { TrackerLabel, TrackerSelect, useTrackerChoice } from '../trackers.tsx';

/**
 * Clocking in, or switching while a timer runs: project, activity, note and a start (empty: now; a
 * time today when the person forgot to clock in or to switch), and the recent work to continue with
 * one click. Escape closes the switch form; the running timer is left as it was.
 */
export function WorkForm({
  mode,
  status,
  projectRef,
  action,
  onStarted,
  onCancel,
  tracker,
}: {
  mode: 'clock-in' | 'switch';
  status: StatusView;
  /** The connection typed work starts in (several trackers: the one the screen shows); the default's when undefined. */
  tracker?: string | undefined;
  projectRef: RefObject<HTMLInputElement | null>;
  action: ActionState;
  onStarted: () => void;
  onCancel?: () => void;
}) {
  const [typed, setTyped] = useState<Typed>(NOTHING_TYPED);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  const switching = mode === 'switch';
  const failed = action.error?.key === 'clock-in' ? action.error.message : undefined;
  // The engine's refusal is about a field (a project it does not know, a start it will not take).
  const refusal = action.error?.key === 'clock-in' ? action.error.refusal : undefined;
  const refused = entryFieldOf(refusal);
  const invalid = refused === 'start' && typed.start === '' ? null : refused;
  const running = status.running;
  const recent = status.recentWork.filter((work) => !running || !sameWork(work, running)).slice(0, 5);
  const catalog = useStore(stores.catalog);
  const asked = fieldsToAsk(catalog.data, typed.project, refusal, typed.fields);
  // Clocking in with several connections asks which one (switching stays in the running timer's).
  const target = useTrackerChoice(!switching, status.trackers, tracker, action.clear);
  const into = target.asks ? target.into : tracker;

  useEffect(() => {
    void stores.catalog.ensure();
  }, []);

  useEffect(() => {
    if (switching) projectRef.current?.focus();
  }, [switching, projectRef]);

  // That field is the one to fix: focus goes there.
  useEffect(() => {
    if (invalid) formRef.current?.querySelector<HTMLElement>(`[data-field="${invalid}"]`)?.focus();
  }, [invalid, failed]);

  const change = (patch: Partial<Typed>) => {
    setTyped((current) => ({ ...current, ...patch }));
    // A refusal is about the project, the activity or the start: a change to the note leaves it shown.
    if (patch.note === undefined) action.clear();
  };

  const begin = async (work: Work, at?: string, fields?: FieldInputs) => {
    const result = await action.run(
      'clock-in',
      () =>
        startWork(work, at ? { today: status.today, time: at } : undefined, fields ? fieldsToSend(asked, fields) : undefined).catch((caught: unknown) => {
          // Recent work its project's fields were missing from: the form takes it, to be completed.
          if (!fields && isFieldsRefusal(refusalCarriedBy(caught))) {
            setTyped((current) => ({ ...current, project: work.project ?? '', activity: work.activity ?? '', note: work.description, start: '' }));
          }
          throw caught;
        }),
      (done) => done.message,
    );
    if (result) {
      setTyped(NOTHING_TYPED);
      onStarted();
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void begin({ project: typed.project, activity: typed.activity, description: typed.note, ...(into ? { tracker: into } : {}) }, typed.start, typed.fields);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Escape' || !onCancel) return;
    event.preventDefault();
    onCancel();
  };

  return (
    <form
      ref={formRef}
      className={`clock-in${switching ? ' switch-form' : ''}`}
      onSubmit={submit}
      onKeyDown={onKeyDown}
      aria-label={switching ? 'Switch to other work' : 'Clock in'}
      // The fields marked required are checked by the engine, whose refusal is said beside them (not the browser's bubble).
      noValidate
    >
      <div className="clock-in-fields">
        {target.asks && <TrackerSelect id={id} trackers={status.trackers} value={target.into} onChange={target.choose} />}
        <WorkInputs
          id={id}
          typed={typed}
          recentProjects={status.recentProjects}
          switching={switching}
          invalid={invalid}
          projectRef={projectRef}
          onChange={change}
        />
        {/* Before the button, so Tab reaches the fields to fill before the button that sends them. */}
        <CustomFields
          id={id}
          fields={asked}
          inputs={typed.fields}
          onChange={(name, input) => change({ fields: { ...typed.fields, [name]: input } })}
          refusal={refusal}
          message={failed}
        />
        <div className="clock-in-submit">
          <Button kind="primary" submit busy={action.pending === 'clock-in'} busyLabel={switching ? 'Switching…' : 'Clocking in…'}>
            {switching ? 'Switch' : 'Clock in'}
          </Button>
          {onCancel && <Button onClick={onCancel}>Cancel</Button>}
        </div>
      </div>
      <p className="hint" id={`${id}-start-hint`}>
        {switching ? 'Leave “Switched at” empty to switch now.' : 'Leave “Started at” empty to start now, or give the time you forgot to clock in at.'}
      </p>
      {recent.length > 0 && <RecentWork id={id} recent={recent} switching={switching} onChoose={(work) => void begin(work)} />}
    </form>
  );
}

/** What the person typed; an empty start is now. */
interface Typed {
  project: string;
  activity: string;
  note: string;
  /** "HH:MM" today, or empty. */
  start: string;
  /** The tracker's custom fields, by name. */
  fields: FieldInputs;
}

const NOTHING_TYPED: Typed = { project: '', activity: '', note: '', start: '', fields: {} };

/** The project (offering the recent ones), activity, note and start; the field a refusal is about is marked invalid. */
function WorkInputs({
  id,
  typed,
  recentProjects,
  switching,
  invalid,
  projectRef,
  onChange,
}: {
  /** The form's useId: the fields' ids hang from it. */
  id: string;
  typed: Typed;
  recentProjects: readonly string[];
  switching: boolean;
  invalid: EntryField | null;
  projectRef: RefObject<HTMLInputElement | null>;
  onChange(patch: Partial<Typed>): void;
}) {
  const marked = (field: EntryField) => (invalid === field ? true : undefined);
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-project`}>Project</label>
        <input
          ref={projectRef}
          id={`${id}-project`}
          data-field="project"
          aria-invalid={marked('project')}
          list={`${id}-recent`}
          value={typed.project}
          maxLength={500}
          autoComplete="off"
          onChange={(event) => onChange({ project: event.currentTarget.value })}
        />
        <datalist id={`${id}-recent`}>
          {recentProjects.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={`${id}-activity`}>Activity</label>
        <input
          id={`${id}-activity`}
          data-field="activity"
          value={typed.activity}
          maxLength={500}
          autoComplete="off"
          placeholder="Optional"
          aria-invalid={marked('activity')}
          onChange={(event) => onChange({ activity: event.currentTarget.value })}
        />
      </div>
      <div className="field grow">
        <label htmlFor={`${id}-note`}>Note</label>
        <input
          id={`${id}-note`}
          value={typed.note}
          maxLength={5000}
          autoComplete="off"
          placeholder="Optional"
          onChange={(event) => onChange({ note: event.currentTarget.value })}
        />
      </div>
      <div className={`field start${invalid === 'start' ? ' invalid' : ''}`}>
        <label htmlFor={`${id}-start`}>{switching ? 'Switched at' : 'Started at'}</label>
        <input
          id={`${id}-start`}
          data-field="start"
          type="time"
          value={typed.start}
          aria-describedby={`${id}-start-hint`}
          aria-invalid={marked('start')}
          onChange={(event) => onChange({ start: event.currentTarget.value })}
        />
      </div>
    </>
  );
}

/** The recent work to start again with one click: project, activity and note together. */
function RecentWork({ id, recent, switching, onChoose }: { id: string; recent: readonly Work[]; switching: boolean; onChoose(work: Work): void }) {
  return (
    <div className="recent" role="group" aria-labelledby={`${id}-recent-title`}>
      <span className="muted" id={`${id}-recent-title`}>
        {switching ? 'Switch to recent work:' : 'Continue recent work:'}
      </span>
      {recent.map((work) => (
        <button key={`${work.tracker ?? ''}:${work.project}:${work.activity ?? ''}`} type="button" className="chip" onClick={() => onChoose(work)}>
          <span className="sr-only">{switching ? 'Switch to ' : 'Continue '}</span>
          {workLabel(work)}
          {work.description && <span className="chip-note"> — {work.description}</span>}
          <TrackerLabel name={work.tracker} />
        </button>
      ))}
    </div>
  );
}
