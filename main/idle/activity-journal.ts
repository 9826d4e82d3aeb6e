// What the app records in the evidence journal while `evidence.activity` is on: every minute in which
// the person was at the computer, as a span from the previous minute's look to this one. Nothing
// else: no application, no window title, only instants. Electron-free: the adapter (idle-watch.ts)
// runs the minutes and hands in the system's idle time; the journal merges the spans
// (mcp-server/evidence/journal.ts).
import type { Settings } from '../../mcp-server/contract/settings.ts';

/** How often the app looks whether the person is at the computer. */
export const ACTIVITY_TICK_MS = 60_000;
/** Minutes of idleness that count as away when the idle question is off (its preference is 0). */
export const DEFAULT_AWAY_MINUTES = 5;
/**
 * A look later than this after the previous one follows a gap the app did not see (the computer
 * slept, the process was stopped): the span starts afresh rather than covering the gap.
 */
const LATE_TICK_MS = 2 * ACTIVITY_TICK_MS;

/** What the app's services know: the switch, the idle preference and the journal. */
export interface ActivitySource {
  /** `evidence.activity.enabled`, read at each look. */
  enabled(): boolean;
  /** `app.idleMinutes`: the idle question's threshold; 0 (the question off) means DEFAULT_AWAY_MINUTES here. */
  thresholdMinutes(): number;
  /** Writes the span; never rejects (the journal says its own problems). */
  record(start: number, end: number): Promise<void>;
}

/**
 * The source as the settings file says it, read afresh at each look (the window may switch it any
 * time). Settings that cannot be read (a file broken by hand) record nothing.
 */
export function activitySourceOf(settings: () => Pick<Settings, 'evidence' | 'app'>, record: ActivitySource['record']): ActivitySource {
  const read = <T>(pick: (current: Pick<Settings, 'evidence' | 'app'>) => T, fallback: T): T => {
    try {
      return pick(settings());
    } catch {
      return fallback;
    }
  };
  return {
    enabled: () => read((current) => current.evidence.activity.enabled, false),
    thresholdMinutes: () => read((current) => current.app.idleMinutes, 0),
    record,
  };
}

export interface ActivityRecorder {
  /** One look: the system has been idle `idleSeconds()`, the time is `now()`. */
  tick(): void;
}

export function createActivityRecorder(source: ActivitySource, idleSeconds: () => number, now: () => number): ActivityRecorder {
  /** When the previous look found the person there; null after a look that did not (or before the first). */
  let present: number | null = null;
  return {
    tick() {
      const at = now();
      if (!source.enabled()) {
        present = null;
        return;
      }
      const awaySeconds = (source.thresholdMinutes() || DEFAULT_AWAY_MINUTES) * 60;
      if (idleSeconds() >= awaySeconds) {
        present = null;
        return;
      }
      const since = present;
      present = at;
      // The first look after an absence, a start or a gap only marks the moment: a span needs two looks.
      if (since === null || at <= since || at - since > LATE_TICK_MS) return;
      void source.record(since, at).catch(() => {});
    },
  };
}
