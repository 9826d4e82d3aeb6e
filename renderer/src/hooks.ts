import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import type { Screen } from '../../window-contract/channels.ts';
import type { Refusal } from '../../mcp-server/contract/outcomes/refusals.ts';
import { errorMessage, refusalCarriedBy } from './bridge.ts';
import { compactDuration, formatDuration, formatSigned, type DurationStyle } from './format.ts';
import { stores } from './store.ts';

export interface ActionState {
  /** The key of the action under way, or null. */
  pending: string | null;
  /** The last failure and the key of the action that failed, with the engine's refusal where it was one. */
  error: { key: string; message: string; refusal?: Refusal } | null;
  /** The last success message and the key of its action (e.g. "Saved."). */
  done: { key: string; message: string } | null;
  /**
   * Runs one action at a time: a second call while one is pending is ignored. Resolves to the
   * task's answer, or undefined when it failed (the error is in `error`).
   */
  run<T>(key: string, task: () => Promise<T>, success?: string | ((result: T) => string)): Promise<T | undefined>;
  fail(key: string, message: string): void;
  clear(): void;
}

export function useAction(): ActionState {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<ActionState['error']>(null);
  const [done, setDone] = useState<ActionState['done']>(null);
  const busy = useRef(false);

  const run = useCallback(async <T>(key: string, task: () => Promise<T>, success?: string | ((result: T) => string)) => {
    if (busy.current) return undefined;
    busy.current = true;
    setPending(key);
    setError(null);
    setDone(null);
    try {
      const result = await task();
      if (success !== undefined) setDone({ key, message: typeof success === 'string' ? success : success(result) });
      return result;
    } catch (caught) {
      const refusal = refusalCarriedBy(caught);
      setError(refusal ? { key, message: errorMessage(caught), refusal } : { key, message: errorMessage(caught) });
      return undefined;
    } finally {
      busy.current = false;
      setPending(null);
    }
  }, []);
  const fail = useCallback((key: string, message: string) => {
    setDone(null);
    setError({ key, message });
  }, []);
  const clear = useCallback(() => {
    setError(null);
    setDone(null);
  }, []);
  return { pending, error, done, run, fail, clear };
}

/** The current time, refreshed every `intervalMs` (aligned to the interval) while mounted and `active`. */
export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(
        () => {
          setNow(Date.now());
          schedule();
        },
        intervalMs - (Date.now() % intervalMs) + 5,
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, [intervalMs, active]);
  return now;
}

const marked = new Set<Screen>();

/**
 * Marks the moment a screen first shows its data: `punchcard:ready:<screen>`, and once per window
 * `punchcard:first-data` (the benchmark measures navigation start → this mark).
 */
export function useReadyMark(screen: Screen, ready: boolean): void {
  useEffect(() => {
    if (!ready || marked.has(screen)) return;
    if (marked.size === 0) performance.mark('punchcard:first-data', { detail: screen });
    marked.add(screen);
    performance.mark(`punchcard:ready:${screen}`);
  }, [screen, ready]);
}

/**
 * For a form that checks its fields before sending: call `flagProblems()` after marking them
 * (`aria-invalid`), and focus moves to the first field to fix once React has rendered the marks.
 */
export function useFocusFirstInvalid(): { formRef: RefObject<HTMLFormElement | null>; flagProblems: () => void } {
  const formRef = useRef<HTMLFormElement>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);
  const flagProblems = useCallback(() => setAttempt((count) => count + 1), []);
  return { formRef, flagProblems };
}

export interface Durations {
  style: DurationStyle;
  /** "3 h 45 min" or "3.75 h". */
  text(minutes: number): string;
  /** "3h 45m" or "3.75h", where room is short. */
  compact(minutes: number): string;
  /** "+1 h 30 min", "−0.75 h". */
  signed(minutes: number): string;
}

/**
 * Durations in the style chosen in Preferences ("3 h 45 min" until the preferences have come): every
 * screen writes durations through this, and changes with the choice at once.
 */
export function useDurations(): Durations {
  const style = useSyncExternalStore(stores.preferences.subscribe, () => stores.preferences.get().data?.durations ?? 'units');
  return useMemo(
    () => ({
      style,
      text: (minutes: number) => formatDuration(minutes, style),
      compact: (minutes: number) => compactDuration(minutes, style),
      signed: (minutes: number) => formatSigned(minutes, style),
    }),
    [style],
  );
}

/** The back end's name as the Account screen offers it ("Clockodo"), or null until the account is known. */
export function useBackEndName(): string | null {
  return useSyncExternalStore(stores.account.subscribe, () => {
    const account = stores.account.get().data;
    return account?.choices.find((choice) => choice.type === account.provider.type)?.label ?? null;
  });
}
