// The Electron edge of idle detection: powerMonitor's idle time, asked only while it matters (a timer
// runs and the preference is on; often while away, rarely otherwise), and its sleep, wake, lock and
// unlock events, handed to the tracker (idle-tracker.ts), which decides everything. The activity
// journal's minute looks ask the same idle time (activity-journal.ts decides what is recorded).
import { powerMonitor } from 'electron';
import { ACTIVITY_TICK_MS, type ActivitySource, createActivityRecorder } from './activity-journal.ts';
import type { IdleTracker } from './idle-tracker.ts';

export interface IdleWatch {
  /** Something the decision depends on changed (a status, the preference): plan the next look again. */
  reconsider(): void;
  stop(): void;
}

export function watchIdle(tracker: IdleTracker, now: () => number = Date.now): IdleWatch {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const idleSeconds = () => powerMonitor.getSystemIdleTime();

  function plan(seconds = idleSeconds()): void {
    clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    const delay = tracker.nextSampleDelay(seconds);
    if (delay !== null) timer = setTimeout(sample, delay);
  }

  function sample(): void {
    const seconds = idleSeconds();
    tracker.observe({ kind: 'sample', at: now(), idleSeconds: seconds });
    plan(seconds);
  }

  const suspend = () => {
    tracker.observe({ kind: 'suspend', at: now(), idleSeconds: idleSeconds() });
    plan();
  };
  const lock = () => {
    tracker.observe({ kind: 'lock', at: now(), idleSeconds: idleSeconds() });
    plan();
  };
  const resume = () => {
    tracker.observe({ kind: 'resume', at: now() });
    plan();
  };
  const unlock = () => {
    tracker.observe({ kind: 'unlock', at: now() });
    plan();
  };
  powerMonitor.on('suspend', suspend);
  powerMonitor.on('lock-screen', lock);
  powerMonitor.on('resume', resume);
  powerMonitor.on('unlock-screen', unlock);
  plan();

  return {
    reconsider: () => plan(),
    stop() {
      stopped = true;
      clearTimeout(timer);
      powerMonitor.off('suspend', suspend);
      powerMonitor.off('lock-screen', lock);
      powerMonitor.off('resume', resume);
      powerMonitor.off('unlock-screen', unlock);
    },
  };
}

/** Looks every minute whether the person is at the computer, for the evidence journal. */
export function watchActivity(source: ActivitySource, now: () => number = Date.now): { stop(): void } {
  const recorder = createActivityRecorder(source, () => powerMonitor.getSystemIdleTime(), now);
  const timer = setInterval(() => recorder.tick(), ACTIVITY_TICK_MS);
  return { stop: () => clearInterval(timer) };
}
