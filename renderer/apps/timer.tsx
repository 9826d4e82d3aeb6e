// The Timer: the running timer (or none), today's and this week's time, and its buttons. "Clock out"
// stops at once (clocking out destroys nothing: the entry stays, with its end); "Switch" starts the
// next task and stops this one in one call. After a clock-out it shows what was stopped and for how
// long, with "Continue" to start the same work again: timer_status no longer knows that entry, so it
// is kept from the answer that stopped it (the model's clock_out the page was opened with, or the
// person's own click on "Clock out").
import { type FormEvent, type MouseEvent, useEffect, useState } from 'react';
import { formatDuration, formatElapsed, spokenDuration, wallClock } from '../src/format.ts';
import type { ToolAnswer } from './host-link.ts';
import { asTimerState, type Entry, entryOf, type TimerState } from './shapes.ts';
import { Frame, read, StatusLine, useHost, useWriter } from './ui.tsx';

/** The entry an answer says it stopped; undefined where the answer is not about stopping one. */
function stoppedBy(answer: ToolAnswer): Entry | null | undefined {
  const data = answer.structuredContent;
  if (answer.isError || !data || !('stopped' in data)) return undefined;
  return entryOf(data, 'stopped');
}

/** "Okapi Support · Development", else the note, else null. */
function workOf(entry: Entry): string | null {
  return [entry.project, entry.activity].filter(Boolean).join(' · ') || entry.description.trim() || null;
}

/** "Continue Okapi Support — Tickets": the button's name and what the model is told the person asked. */
function continueLabel(entry: Entry): string {
  const work = workOf(entry);
  const note = entry.description.trim();
  if (!work) return 'Continue the stopped work';
  return note && note !== work ? `Continue ${work} — ${note}` : `Continue ${work}`;
}

export function TimerApp() {
  const host = useHost('timer');
  const { link } = host;
  const writer = useWriter(link, 'Timer');
  const [state, setState] = useState<TimerState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [switching, setSwitching] = useState(false);
  const [stopped, setStopped] = useState<Entry | null>(null);

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
    // What an answer stopped (clock_out's entry, a switching clock_in's) is kept to show. Whatever
    // the answer was (timer_status, clock_in, clock_out), the timer's state is read afresh: only
    // timer_status says it whole.
    link.onToolResult((answer) => {
      const ended = stoppedBy(answer);
      if (ended !== undefined) setStopped(ended);
      const shown = asTimerState(answer.structuredContent);
      if (shown) setState(shown);
      else void refresh();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [link]);

  const clockOut = async (event: MouseEvent) => {
    const answer = await writer.write(event, 'clock_out', {}, 'Clock out');
    const ended = answer && stoppedBy(answer);
    if (ended !== undefined) setStopped(ended);
    if (answer) await refresh();
  };
  // The same project, activity and note again, through clock_in as any other start.
  const continueWork = async (event: MouseEvent, entry: Entry) => {
    const args: Record<string, unknown> = {};
    if (entry.project) args.project = entry.project;
    if (entry.activity) args.activity = entry.activity;
    if (entry.description.trim()) args.description = entry.description;
    const answer = await writer.write(event, 'clock_in', args, continueLabel(entry));
    if (answer && !answer.isError) setStopped(null);
    if (answer) await refresh();
  };
  const start = async (event: MouseEvent, fields: StartFields) => {
    const args: Record<string, unknown> = {};
    if (fields.project.trim()) args.project = fields.project.trim();
    if (fields.description.trim()) args.description = fields.description.trim();
    if (state?.running) args.switch = true;
    const answer = await writer.write(event, 'clock_in', args, state?.running ? 'Switch to the next task' : 'Clock in');
    if (answer && !answer.isError) {
      setSwitching(false);
      setStopped(null);
    }
    if (answer) await refresh();
  };

  return (
    <Frame title="Timer" host={host}>
      {problem && <p role="alert">{problem}</p>}
      {state && (
        <>
          {state.running ? (
            <Running state={state} />
          ) : stopped ? (
            <Stopped entry={stopped} busy={writer.busy} onContinue={(event) => void continueWork(event, stopped)} />
          ) : (
            <p className="headline">Not clocked in.</p>
          )}
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
          {(!state.running || switching) && (
            <StartForm running={state.running !== null} busy={writer.busy} onStart={start} onCancel={() => setSwitching(false)} />
          )}
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
  if (!running) return null;
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

/** What the last clock-out stopped, and for how long, with a way to start it again. */
function Stopped({ entry, busy, onContinue }: { entry: Entry; busy: boolean; onContinue: (event: MouseEvent) => void }) {
  const work = workOf(entry);
  const note = entry.description.trim();
  return (
    <div className="stopped">
      <p className="headline">
        Stopped {work ? <strong>{work}</strong> : 'the timer'} after <strong>{formatDuration(entry.minutes)}</strong>
      </p>
      {note && note !== work && <p className="muted">{note}</p>}
      <p className="muted">
        <time dateTime={entry.start}>{wallClock(entry.start)}</time>
        {entry.end && (
          <>
            {' – '}
            <time dateTime={entry.end}>{wallClock(entry.end)}</time>
          </>
        )}
        {' · Not clocked in.'}
      </p>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={onContinue} aria-label={continueLabel(entry)}>
          Continue
        </button>
      </div>
    </div>
  );
}

interface StartFields {
  project: string;
  description: string;
}

function StartForm({
  running,
  busy,
  onStart,
  onCancel,
}: {
  running: boolean;
  busy: boolean;
  onStart: (event: MouseEvent, fields: StartFields) => void;
  onCancel: () => void;
}) {
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
