// The Timer: the running timer (or none), today's and this week's time, and its buttons. "Clock out"
// stops at once (clocking out destroys nothing: the entry stays, with its end); "Switch" starts the
// next task and stops this one in one call.
import { type FormEvent, type MouseEvent, useEffect, useState } from 'react';
import { formatDuration, formatElapsed, spokenDuration, wallClock } from '../src/format.ts';
import { asTimerState, type TimerState } from './shapes.ts';
import { Frame, read, StatusLine, useHost, useWriter } from './ui.tsx';

export function TimerApp() {
  const host = useHost('timer');
  const { link } = host;
  const writer = useWriter(link, 'Timer');
  const [state, setState] = useState<TimerState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [switching, setSwitching] = useState(false);

  const refresh = async () => {
    if (!link) return;
    const answer = await read(link, 'timer_status', {});
    if ('refused' in answer) return setProblem(answer.refused);
    const next = asTimerState(answer.data);
    setProblem(next ? null : 'Punchcard answered with something this app cannot show.');
    setState(next);
  };

  useEffect(() => {
    if (!link) return;
    // Whatever the answer was (timer_status, clock_in, clock_out), the timer's state is read afresh:
    // only timer_status says it whole.
    link.onToolResult((answer) => {
      const shown = asTimerState(answer.structuredContent);
      if (shown) setState(shown);
      else void refresh();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [link]);

  const clockOut = async (event: MouseEvent) => {
    const answer = await writer.write(event, 'clock_out', {}, 'Clock out');
    if (answer) await refresh();
  };
  const start = async (event: MouseEvent, fields: StartFields) => {
    const args: Record<string, unknown> = {};
    if (fields.project.trim()) args.project = fields.project.trim();
    if (fields.description.trim()) args.description = fields.description.trim();
    if (state?.running) args.switch = true;
    const answer = await writer.write(event, 'clock_in', args, state?.running ? 'Switch to the next task' : 'Clock in');
    if (answer && !answer.isError) setSwitching(false);
    if (answer) await refresh();
  };

  return (
    <Frame title="Timer" host={host}>
      {problem && <p role="alert">{problem}</p>}
      {state && (
        <>
          <Running state={state} />
          <p className="totals">
            Today <strong>{formatDuration(state.today_minutes)}</strong> · This week <strong>{formatDuration(state.week_minutes)}</strong>
          </p>
          <div className="actions">
            {state.running && (
              <button type="button" className="primary" disabled={writer.busy} onClick={(event) => void clockOut(event)}>
                Clock out
              </button>
            )}
            {state.running && !switching && (
              <button type="button" disabled={writer.busy} onClick={() => setSwitching(true)}>
                Switch task
              </button>
            )}
          </div>
          {(!state.running || switching) && <StartForm running={state.running !== null} busy={writer.busy} onStart={start} onCancel={() => setSwitching(false)} />}
        </>
      )}
      <StatusLine status={writer.status} />
    </Frame>
  );
}

function Running({ state }: { state: TimerState }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const running = state.running;
  if (!running) return <p className="headline">Not clocked in.</p>;
  const label = [running.project, running.activity].filter(Boolean).join(' · ') || 'No project';
  const elapsed = now - Date.parse(running.start);
  return (
    <div className="running">
      <p className="headline">
        Running since <time dateTime={running.start}>{wallClock(running.start)}</time>: <strong>{label}</strong>
      </p>
      {running.description && <p className="muted">{running.description}</p>}
      {/* "1:23:45" read aloud sounds like a time of day: a screen reader gets it in words, which change
          once a minute. (An aria-label on a paragraph is dropped by screen readers.) */}
      <p className="elapsed">
        <span aria-hidden="true">{formatElapsed(elapsed)}</span>
        <span className="sr">Running for {spokenDuration(elapsed / 60_000)}</span>
      </p>
      {state.on_break && (
        <p className="muted">
          On a {state.on_break.type} break since {wallClock(state.on_break.since)}.
        </p>
      )}
    </div>
  );
}

interface StartFields {
  project: string;
  description: string;
}

function StartForm({ running, busy, onStart, onCancel }: { running: boolean; busy: boolean; onStart: (event: MouseEvent, fields: StartFields) => void; onCancel: () => void }) {
  const [fields, setFields] = useState<StartFields>({ project: '', description: '' });
  const submit = (event: FormEvent) => event.preventDefault();
  return (
    <form className="fields" onSubmit={submit} aria-label={running ? 'Switch task' : 'Clock in'}>
      <label>
        Project
        <input value={fields.project} onChange={(event) => setFields({ ...fields, project: event.target.value })} />
      </label>
      <label>
        What you are working on
        <input value={fields.description} onChange={(event) => setFields({ ...fields, description: event.target.value })} />
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} onClick={(event) => onStart(event, fields)}>
          {running ? 'Switch' : 'Clock in'}
        </button>
        {running && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
