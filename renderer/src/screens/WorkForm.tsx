// Clocking in, or switching to other work while a timer runs (TimerCard.tsx): the project, activity,
// note and start the person gives, and the recent work to start again with one click.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import type { StatusView } from '../../../window-contract/status.ts';
import { Button } from '../components.tsx';
import type { useAction } from '../hooks.ts';
import { entryFieldOf, type EntryField } from '../problems.ts';
import { sameWork, startWork, workLabel, type Work } from '../work.ts';

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
}: {
  mode: 'clock-in' | 'switch';
  status: StatusView;
  projectRef: RefObject<HTMLInputElement | null>;
  action: ReturnType<typeof useAction>;
  onStarted: () => void;
  onCancel?: () => void;
}) {
  const [project, setProject] = useState('');
  const [activity, setActivity] = useState('');
  const [note, setNote] = useState('');
  const [start, setStart] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  const switching = mode === 'switch';
  const failed = action.error?.key === 'clock-in' ? action.error.message : undefined;
  // The engine's refusal names a field (a project it does not know, a start it will not take).
  const refused = failed ? entryFieldOf(failed) : null;
  const invalid = refused === 'start' && start === '' ? null : refused;
  const marked = (field: EntryField) => (invalid === field ? true : undefined);
  const running = status.running;
  const recent = status.recentWork.filter((work) => !running || !sameWork(work, running)).slice(0, 5);

  useEffect(() => {
    if (switching) projectRef.current?.focus();
  }, [switching, projectRef]);

  // That field is the one to fix: focus goes there.
  useEffect(() => {
    if (invalid) formRef.current?.querySelector<HTMLElement>(`[data-field="${invalid}"]`)?.focus();
  }, [invalid, failed]);

  const begin = async (work: Work, at?: string) => {
    const result = await action.run(
      'clock-in',
      () => startWork(work, at ? { today: status.today, time: at } : undefined),
      (done) => done.message,
    );
    if (result) {
      setProject('');
      setActivity('');
      setNote('');
      setStart('');
      onStarted();
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void begin({ project, activity, description: note }, start);
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
    >
      <div className="clock-in-fields">
        <div className="field">
          <label htmlFor={`${id}-project`}>Project</label>
          <input
            ref={projectRef}
            id={`${id}-project`}
            data-field="project"
            aria-invalid={marked('project')}
            list={`${id}-recent`}
            value={project}
            maxLength={500}
            autoComplete="off"
            onChange={(event) => {
              setProject(event.currentTarget.value);
              action.clear();
            }}
          />
          <datalist id={`${id}-recent`}>
            {status.recentProjects.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${id}-activity`}>Activity</label>
          <input
            id={`${id}-activity`}
            data-field="activity"
            value={activity}
            maxLength={500}
            autoComplete="off"
            placeholder="Optional"
            aria-invalid={marked('activity')}
            onChange={(event) => {
              setActivity(event.currentTarget.value);
              action.clear();
            }}
          />
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-note`}>Note</label>
          <input
            id={`${id}-note`}
            value={note}
            maxLength={5000}
            autoComplete="off"
            placeholder="Optional"
            onChange={(event) => setNote(event.currentTarget.value)}
          />
        </div>
        <div className={`field start${invalid === 'start' ? ' invalid' : ''}`}>
          <label htmlFor={`${id}-start`}>{switching ? 'Switched at' : 'Started at'}</label>
          <input
            id={`${id}-start`}
            data-field="start"
            type="time"
            value={start}
            aria-describedby={`${id}-start-hint`}
            aria-invalid={marked('start')}
            onChange={(event) => {
              setStart(event.currentTarget.value);
              action.clear();
            }}
          />
        </div>
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
      {recent.length > 0 && (
        <div className="recent" role="group" aria-labelledby={`${id}-recent-title`}>
          <span className="muted" id={`${id}-recent-title`}>
            {switching ? 'Switch to recent work:' : 'Continue recent work:'}
          </span>
          {recent.map((work) => (
            <button key={`${work.project}:${work.activity ?? ''}`} type="button" className="chip" onClick={() => void begin(work)}>
              <span className="sr-only">{switching ? 'Switch to ' : 'Continue '}</span>
              {workLabel(work)}
              {work.description && <span className="chip-note"> — {work.description}</span>}
            </button>
          ))}
        </div>
      )}
    </form>
  );
}
