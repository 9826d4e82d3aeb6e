// The tray's working-time warnings as they reach the person (docs/working-time.md, "Before it happens"):
// a notification once each, at the moment working-time-ahead.ts says, and the Clock in item's words while
// clocking in would start work inside the rest. A thin edge: it waits on one timeout for the next moment
// (nothing runs while nothing is ahead), looks again at every status and after the machine wakes, reads the
// day before's entries once a day (today's are the status's own), and keeps the warnings given in a small
// store so a restart does not give them again. It never refuses or changes anything.
import { powerMonitor } from 'electron';
import { addDays, systemTimeZone } from '../../mcp-server/for-the-app.ts';
import type { Screen } from '../../window-contract/channels.ts';
import type { EntryView, StatusView } from '../../window-contract/status.ts';
import { notify } from './notifier.ts';
import { aheadPlan, type ClockInRest, type WarningSettings, warningsOn, withWarned } from './working-time-ahead.ts';
import { limitWarning } from './working-time-words.ts';

export interface WorkingTimeWarningOptions {
  /** The rules in force and `notify`, read at each look (working-time-ahead.ts, warningSettings). */
  settings(): WarningSettings;
  /** The entries of a day as the engine lists them (every connection's, each labelled). */
  entriesOf(date: string): Promise<EntryView[]>;
  /** Where the given warnings are kept between runs. */
  warned: { read(): string[]; write(keys: string[]): void };
  openScreen(screen: Screen): void;
  /** The Clock in item's rest changed: the tray draws its menu again. */
  restChanged(): void;
  timeZone?: () => string | undefined;
  now?: () => number;
  icon?: string;
  log?: (message: string) => void;
}

export interface WorkingTimeWarnings {
  /** Call with every new status, and without one after the settings changed (the day before is read again). */
  update(status?: StatusView | null): void;
  /** Until when clocking in would start work inside the rest, for the Clock in item; null when it would not. */
  rest(): ClockInRest | null;
  destroy(): void;
}

// setTimeout keeps at most 2^31 - 1 ms.
const LONGEST_TIMEOUT = 2_147_483_647;

export function setupWorkingTimeWarnings(options: WorkingTimeWarningOptions): WorkingTimeWarnings {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string) => console.error(message));
  let status: StatusView | null = null;
  /** The day before's entries, and the status's day they were read for. */
  let before: { today: string; entries: EntryView[] } | null = null;
  let reading: string | null = null;
  let rest: ClockInRest | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let destroyed = false;

  function look(): void {
    clearTimeout(timer);
    timer = undefined;
    if (destroyed) return;
    const settings = options.settings();
    if (!status || !warningsOn(settings)) return showRest(null);
    // The day before decides where the running stretch began and when the last rest did: nothing is said without it.
    if (before?.today !== status.today) return readDayBefore(status.today);
    const warned = readWarned();
    const at = now();
    const plan = aheadPlan({
      settings,
      zone: options.timeZone?.() || systemTimeZone(),
      now: at,
      entries: [...before.entries, ...status.todayEntries],
      running: status.timers ?? (status.running ? [status.running] : []),
      warned,
    });
    if (plan.due.length > 0) {
      // Remembered before it is shown, and even where notifications are unsupported: never given twice.
      writeWarned(
        withWarned(
          warned,
          plan.due.map((each) => each.key),
        ),
      );
      for (const each of plan.due) {
        notify(
          { ...limitWarning(each.rules, each.limit, each.minutesLeft), screen: 'status', ...(options.icon ? { icon: options.icon } : {}) },
          options.openScreen,
        );
      }
    }
    showRest(plan.rest);
    if (plan.nextAt !== null) timer = setTimeout(look, Math.min(Math.max(plan.nextAt - at, 1), LONGEST_TIMEOUT));
  }

  /** The day before's entries, read once for each day; where they cannot be read, today's alone count. */
  function readDayBefore(today: string): void {
    if (reading === today) return;
    reading = today;
    options.entriesOf(addDays(today, -1)).then(
      (entries) => {
        if (reading !== today) return;
        before = { today, entries };
        look();
      },
      (error: unknown) => {
        if (reading !== today) return;
        log(`Working time: the day before could not be read (${(error as Error).message}); today's entries alone are counted.`);
        before = { today, entries: [] };
        look();
      },
    );
  }

  function showRest(next: ClockInRest | null): void {
    if (rest?.until === next?.until && rest?.rules === next?.rules) return;
    rest = next;
    options.restChanged();
  }

  function readWarned(): string[] {
    try {
      return options.warned.read();
    } catch (error) {
      log(`Working time: the warnings given could not be read (${(error as Error).message}).`);
      return [];
    }
  }

  function writeWarned(keys: string[]): void {
    try {
      options.warned.write(keys);
    } catch (error) {
      log(`Working time: the warnings given could not be kept (${(error as Error).message}); a restart may give them again.`);
    }
  }

  powerMonitor.on('resume', look);

  return {
    update(next) {
      if (next !== undefined) status = next;
      // The settings changed (or the rules did): the day before is read again, as it may count other connections now.
      else {
        before = null;
        reading = null;
      }
      look();
    },
    rest: () => rest,
    destroy() {
      destroyed = true;
      clearTimeout(timer);
      powerMonitor.off('resume', look);
    },
  };
}
