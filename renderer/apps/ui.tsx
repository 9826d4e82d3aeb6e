// What the apps share: the link to the host with its theme and size applied, the one way a click
// writes (and tells the model), the status line that says what happened, and an entry's inputs.
import { type MouseEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { OFFERED_TOOLS_META } from '../../mcp-server/contract/app-offers.ts';
import { connectToHost, type HostContext, type HostLink, textOf, type ToolAnswer } from './host-link.ts';

export interface Host {
  link: HostLink | null;
  /** Why the host could not be reached, if it could not. */
  failure: string | null;
}

/** Connects once; follows the host's theme (over the computer's own setting) and its size. */
export function useHost(app: string): Host {
  const [host, setHost] = useState<Host>({ link: null, failure: null });
  useEffect(() => {
    connectToHost(app).then(
      (link) => {
        applyContext(link.context);
        link.onContext(applyContext);
        setHost({ link, failure: null });
      },
      (error: Error) => setHost({ link: null, failure: error.message }),
    );
  }, [app]);
  return host;
}

function applyContext(context: HostContext): void {
  const root = document.documentElement;
  // Without a theme from the host, the computer's setting decides (styles.css).
  if (context.theme === 'light' || context.theme === 'dark') root.dataset.theme = context.theme;
  const maxHeight = context.containerDimensions?.maxHeight;
  root.style.maxHeight = typeof maxHeight === 'number' && maxHeight > 0 ? `${maxHeight}px` : '';
}

export interface Status {
  text: string;
  kind: 'done' | 'refused' | 'working';
}

export interface Writer {
  status: Status | null;
  busy: boolean;
  /**
   * Calls a tool that writes, for the click in `event`, and tells the model what changed. A click
   * the browser did not get from the person (a script's) writes nothing.
   */
  write(event: MouseEvent, tool: string, args: Record<string, unknown>, what: string): Promise<ToolAnswer | null>;
  say(status: Status | null): void;
}

/** The changes of one page the model is told, newest last: a host keeps only a page's last update. */
const TOLD_CHANGES = 20;

export function useWriter(link: HostLink | null, app: string): Writer {
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const changes = useRef<string[]>([]);
  const write = useCallback(
    async (event: MouseEvent, tool: string, args: Record<string, unknown>, what: string) => {
      if (!link || !event.nativeEvent.isTrusted || busy) return null;
      setBusy(true);
      setStatus({ text: `${what}…`, kind: 'working' });
      try {
        const answer = await link.callTool(tool, args);
        const text = textOf(answer) || (answer.isError ? `${tool} was refused.` : `${tool} is done.`);
        setStatus({ text, kind: answer.isError ? 'refused' : 'done' });
        const outcome = answer.isError ? 'Punchcard refused it' : 'Punchcard answered';
        // The model reads what the engine said, not the page's own words about it: every change the
        // person made here, as far as the host keeps them (host-link.ts).
        changes.current = [
          ...changes.current,
          `In Punchcard's ${app} app the person asked to ${what.charAt(0).toLowerCase()}${what.slice(1)} (${tool}). ${outcome}: ${text}`,
        ].slice(-TOLD_CHANGES);
        await link.tellModel(changes.current).catch(() => {});
        return answer;
      } catch (error) {
        setStatus({ text: (error as Error).message, kind: 'refused' });
        return null;
      } finally {
        setBusy(false);
      }
    },
    [link, app, busy],
  );
  return { status, busy, write, say: setStatus };
}

export function StatusLine({ status }: { status: Status | null }) {
  return (
    <p className={`status ${status?.kind ?? ''}`} role="status" aria-live="polite">
      {status?.text ?? ''}
    </p>
  );
}

export function Frame({ title, host, children }: { title: string; host: Host; children: ReactNode }) {
  return (
    <main>
      <h1>{title}</h1>
      {host.failure ? <p role="alert">This app could not reach its host: {host.failure}</p> : host.link ? children : <p>Connecting…</p>}
    </main>
  );
}

/** What a read answered: its structured part, and the page's optional reads the answer says this client is offered. */
export interface ReadAnswer {
  data: Record<string, unknown>;
  offered: ReadonlySet<string>;
}

/** A read through the host (read-only tools only); its text when it was refused. */
export async function read(link: HostLink, tool: string, args: Record<string, unknown>): Promise<ReadAnswer | { refused: string }> {
  try {
    const answer = await link.callTool(tool, args);
    if (answer.isError || !answer.structuredContent) return { refused: textOf(answer) || `${tool} gave no answer.` };
    return { data: answer.structuredContent, offered: offeredIn(answer) };
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

/**
 * The tools an answer says this client is offered of those the page reads only where they are
 * (mcp-server/contract/app-offers.ts); none where it says nothing (a host that drops an answer's `_meta`).
 */
function offeredIn(answer: ToolAnswer): ReadonlySet<string> {
  const named = answer._meta?.[OFFERED_TOOLS_META];
  return new Set(Array.isArray(named) ? named.filter((name): name is string => typeof name === 'string') : []);
}

/** The days a tool call named: its `from` and `to` where they are text. */
export interface RangeWords {
  from?: string;
  to?: string;
}

/**
 * Hands each answer of the tool the app shows to `onAnswer` with the days its call named, so an app
 * can read those days again in the model's own words (where the answer does not say them, or was refused).
 */
export function onRangeAnswer(link: HostLink, onAnswer: (answer: ToolAnswer, words: RangeWords) => void): void {
  let words: RangeWords = {};
  link.onToolInput((args) => {
    words = { ...(typeof args.from === 'string' ? { from: args.from } : {}), ...(typeof args.to === 'string' ? { to: args.to } : {}) };
  });
  link.onToolResult((answer) => onAnswer(answer, words));
}

/** An entry as the apps' forms hold it: times as HH:MM on its day, the rest as typed. */
export interface EntryFields {
  start: string;
  end: string;
  project: string;
  activity: string;
  description: string;
}

/**
 * An entry's five labelled inputs, the first focused when they appear. Which must be filled is the
 * caller's: the Week lets an entry's end and project stay empty, a draft to book needs both.
 */
export function EntryInputs({
  fields,
  onChange,
  required,
}: {
  fields: EntryFields;
  onChange: (fields: EntryFields) => void;
  required: readonly (keyof EntryFields)[];
}) {
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const field = (name: keyof EntryFields) => ({
    value: fields[name],
    required: required.includes(name),
    onChange: (event: { target: { value: string } }) => onChange({ ...fields, [name]: event.target.value }),
  });
  return (
    <>
      <label>
        From
        <input ref={first} type="time" {...field('start')} />
      </label>
      <label>
        To
        <input type="time" {...field('end')} />
      </label>
      <label>
        Project
        <input {...field('project')} />
      </label>
      <label>
        Activity
        <input {...field('activity')} />
      </label>
      <label>
        Description
        <input {...field('description')} />
      </label>
    </>
  );
}
