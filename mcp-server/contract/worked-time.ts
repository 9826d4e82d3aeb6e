// Time worked on an entry as the tools write it out (ISO instants, its breaks inside), for the app's
// tray and window, which show it ticking between two answers of the engine: the entry's span so far
// less its breaks, counted as presentEntry (tools/shared.ts) counts an entry's minutes. The running
// break is the entry's break without an end (timer_status's on_break is that same break). Pure, and
// free of Node APIs and zod: the window imports it too.

/** An entry or break as the engine's tools write it: ISO instants with the person's offset. */
interface Span {
  start: string;
  end: string | null;
}

/** The break running inside the entry, or null. */
export function runningBreak<B extends Span>(entry: { breaks?: readonly B[] } | null): B | null {
  return entry?.breaks?.find((span) => span.end === null) ?? null;
}

/**
 * Milliseconds worked on the entry from `since` (its start when left out) up to `now`, its breaks
 * left out; a running entry or break runs until `now`.
 */
export function workedMs(entry: Span & { breaks?: readonly Span[] }, now: number, since = Number.NEGATIVE_INFINITY): number {
  const from = Math.max(Date.parse(entry.start), since);
  const to = entry.end === null ? now : Math.min(Date.parse(entry.end), now);
  if (!(to > from)) return 0;
  let worked = to - from;
  for (const span of entry.breaks ?? []) {
    const overlap = Math.min(span.end === null ? to : Date.parse(span.end), to) - Math.max(Date.parse(span.start), from);
    if (overlap > 0) worked -= overlap;
  }
  return Math.max(0, worked);
}
