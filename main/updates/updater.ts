// The app's updates: a thin adapter that applies update-model.ts to electron-updater
// (docs/decisions.md, "Updates that install themselves"). It looks at start and once a day (again
// after the machine wakes, since timers do not count sleep), lets electron-updater download in the
// background and verify the download (sha512 from latest*.yml; on Windows also the publisher's
// signature; nothing here turns that off), and restarts into the update only when the person says so
// or, in "install automatically", when nothing is in the way. Everything it knows goes out as an
// UpdateView through `changed`, which the tray and the window show.
import type { AppUpdater } from 'electron-updater';
import type { UpdatePreferencesStore } from './update-preferences.ts';
import {
  classifyUpdateError,
  mayRestartBySelf,
  nextCheckDelay,
  pinnedFeedUrl,
  restartWaitsFor,
  updatePlan,
  updateView,
  type UpdatePhase,
  type UpdatePlan,
  type UpdateSetup,
  type WorkInFlight,
} from './update-model.ts';
import type { UpdateMode, UpdateView } from '../../window-contract/updates.ts';

/** What this adapter touches of electron-updater's AppUpdater (its autoUpdater in the app). */
export type UpdaterLike = Pick<
  AppUpdater,
  'autoDownload' | 'autoInstallOnAppQuit' | 'allowDowngrade' | 'logger' | 'checkForUpdates' | 'quitAndInstall' | 'setFeedURL' | 'on'
>;

/** A refusal meant for the person (the window shows its sentence as it is). */
export class UpdateRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpdateRefusal';
  }
}

export interface UpdatesOptions {
  /** electron-updater, loaded on demand; null where updates cannot run (a development build). */
  load: (() => Promise<UpdaterLike>) | null;
  currentVersion: string;
  /** Why this kind of install cannot replace itself, or null. */
  packageProblem?: string | null;
  preferences: UpdatePreferencesStore;
  /** The organisation's policy of the moment (it is followed live). */
  policy(): { enabled: boolean; pinned: string | null; problem: string | null };
  /** Where the releases are published (the packaged app-update.yml), for a pinned version's feed. */
  publishedAt?: () => Promise<{ owner: string; repo: string } | null>;
  /** The person's work of the moment: whether an automatic restart would cut into it. */
  work(): WorkInFlight;
  timeZone?(): string | undefined;
  now?(): number;
  /** Every change of what the tray and the window show. */
  changed(view: UpdateView): void;
  log(message: string): void;
}

export interface Updates {
  view(): UpdateView;
  /** Looks now (the person asked); refused, in words, where they may not. */
  check(): UpdateView;
  setMode(mode: UpdateMode): UpdateView;
  /** "Restart to update": quits and installs the verified download. */
  install(): void;
  /** Something the decisions depend on changed: the person's work, the window, the policy. */
  reconsider(): void;
  /** After sleep: a day may have passed. */
  resumed(): void;
  stop(): void;
}

export function createUpdates(options: UpdatesOptions): Updates {
  const now = options.now ?? Date.now;
  let phase: UpdatePhase = { kind: 'idle' };
  // Read through a function where events may have moved it on during an await.
  const phaseNow = (): UpdatePhase => phase;
  let updater: Promise<UpdaterLike> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let lastKey = '';

  const setup = (): UpdateSetup => updateSetup(options);
  const plan = (): UpdatePlan => updatePlan(setup());
  const view = (): UpdateView => viewNow(options, phase, now);
  const publish = () => {
    const next = view();
    const key = JSON.stringify(next);
    if (key === lastKey) return;
    lastKey = key;
    options.changed(next);
  };
  const enter = (next: UpdatePhase) => {
    phase = next;
    publish();
    maybeRestartBySelf();
  };

  function loaded(): Promise<UpdaterLike> {
    if (!options.load) return Promise.reject(new Error('This build of Punchcard has no updates.'));
    updater ??= options.load().then((instance) => {
      configureUpdater(instance, options.log);
      followUpdaterEvents(instance, { enter, fail, phase: phaseNow, now });
      return instance;
    });
    updater.catch(() => {
      updater = null;
    });
    return updater;
  }

  function fail(error: unknown): void {
    const detail = error instanceof Error ? error.message : String(error);
    options.log(`Updates: ${detail.split('\n')[0] ?? detail}`);
    // A download that failed after a newer version was found leaves nothing installed.
    enter({ kind: 'failed', problem: classifyUpdateError(error), detail, at: now() });
  }

  const useFeed = feedSwitcher(options.publishedAt);

  async function runCheck(): Promise<void> {
    const current = plan();
    if (!current.checkOnRequest || stopped) return;
    if (phase.kind === 'checking' || phase.kind === 'downloading' || phase.kind === 'ready') return;
    options.preferences.write({ lastCheckedAt: now() });
    enter({ kind: 'checking' });
    try {
      const instance = await loaded();
      await useFeed(instance, current);
      const result = await instance.checkForUpdates();
      // The download runs on; its failure arrives as an 'error' event (fail above).
      result?.downloadPromise?.catch(() => {});
      // Null: the updater is inactive (not packaged), which `load` already rules out.
      if (result === null && phaseNow().kind === 'checking') enter({ kind: 'idle' });
    } catch (error) {
      // electron-updater emits 'error' for most failures too; say it once.
      if (phaseNow().kind === 'checking') fail(error);
    }
  }

  function schedule(atStart: boolean): void {
    clearTimeout(timer);
    timer = undefined;
    if (stopped || !plan().checkAutomatically) return;
    const delay = nextCheckDelay(options.preferences.read().lastCheckedAt, now(), atStart);
    timer = setTimeout(() => {
      void runCheck().finally(() => schedule(false));
    }, delay);
    // A tray app's timer must not keep a quitting process alive.
    timer.unref?.();
  }

  let restarting = false;
  function maybeRestartBySelf(): void {
    if (restarting || !mayRestartBySelf(plan(), phase, options.work())) return;
    restarting = true;
    options.log(`Updates: installing ${phase.kind === 'ready' ? phase.version : ''} while nothing is in the way`);
    install();
  }

  function install(): void {
    if (phase.kind !== 'ready') throw new UpdateRefusal('There is no downloaded update to install yet.');
    void loaded().then(
      // Silent: the installer shows no wizard (a one-click per-user install); then Punchcard starts again.
      (instance) => instance.quitAndInstall(true, true),
      (error: unknown) => fail(error),
    );
  }

  schedule(true);
  publish();

  return {
    view,
    check() {
      const current = plan();
      if (!current.checkOnRequest) throw new UpdateRefusal(view().words);
      void runCheck();
      return view();
    },
    setMode(mode) {
      if (!plan().checkOnRequest) throw new UpdateRefusal(view().words);
      options.preferences.write({ mode });
      schedule(false);
      publish();
      maybeRestartBySelf();
      return view();
    },
    install,
    reconsider() {
      publish();
      maybeRestartBySelf();
    },
    resumed() {
      schedule(false);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** What the tray and the window show of the updates at this moment. */
function viewNow(options: UpdatesOptions, phase: UpdatePhase, now: () => number): UpdateView {
  const zone = options.timeZone?.();
  const setup = updateSetup(options);
  return updateView({
    setup: updateSetup(options),
    phase,
    now: now(),
    waitingFor: updatePlan(setup).restartBySelf ? restartWaitsFor(options.work()) : null,
    ...(zone ? { timeZone: zone } : {}),
  });
}

function updateSetup(options: UpdatesOptions): UpdateSetup {
  return {
    currentVersion: options.currentVersion,
    packaged: options.load !== null,
    packageProblem: options.packageProblem ?? null,
    mode: options.preferences.read().mode,
    policy: options.policy(),
  };
}

/** The settings Punchcard gives electron-updater once it is loaded. */
export function configureUpdater(
  instance: Pick<UpdaterLike, 'autoDownload' | 'autoInstallOnAppQuit' | 'allowDowngrade' | 'logger'>,
  log: (message: string) => void,
): void {
  // Downloads start as soon as a newer version is found; the person only decides when to restart.
  instance.autoDownload = true;
  // A verified download is installed the next time the app quits, as the updater does by default.
  instance.autoInstallOnAppQuit = true;
  // A pinned release older than this one is never installed: the engine refuses data a newer
  // version wrote, so a downgrade could lock a person out of their own timesheet.
  instance.allowDowngrade = false;
  // Its warnings and errors go where the app's go; its chatter does not.
  instance.logger = {
    info: () => {},
    warn: (message: unknown) => log(`Updates: ${String(message)}`),
    error: () => {},
  };
}

/** electron-updater's events as the phases update-model.ts knows. */
function followUpdaterEvents(
  instance: UpdaterLike,
  to: { enter: (next: UpdatePhase) => void; fail: (error: unknown) => void; phase: () => UpdatePhase; now: () => number },
): void {
  instance.on('checking-for-update', () => to.enter({ kind: 'checking' }));
  instance.on('update-not-available', (info) => to.enter({ kind: 'current', latest: info.version, checkedAt: to.now() }));
  instance.on('update-available', (info) => to.enter({ kind: 'downloading', version: info.version, percent: null }));
  instance.on('download-progress', (progress) => {
    const phase = to.phase();
    if (phase.kind === 'downloading') to.enter({ ...phase, percent: progress.percent });
  });
  instance.on('update-downloaded', (info) => to.enter({ kind: 'ready', version: info.version }));
  instance.on('error', (error) => to.fail(error));
}

/**
 * Points electron-updater at the latest release, or at the one the organisation pins; remembers
 * which it points at, so the same feed is not set again.
 */
export function feedSwitcher(publishedAt: UpdatesOptions['publishedAt']): (instance: Pick<UpdaterLike, 'setFeedURL'>, current: UpdatePlan) => Promise<void> {
  let feedKey = '';
  return async (instance, current) => {
    if (current.feed.kind === 'latest') {
      // The feed in app-update.yml is the default; once pinned, only a new start goes back to it.
      if (feedKey !== '' && feedKey !== 'latest') throw new Error('The organisation no longer pins a version; restart Punchcard to follow the latest release.');
      feedKey = 'latest';
      return;
    }
    const key = `pinned:${current.feed.version}`;
    if (feedKey === key) return;
    const published = await publishedAt?.();
    if (!published) throw new Error('This build does not say where its releases are published, so the version your organisation pins cannot be found.');
    instance.setFeedURL({ provider: 'generic', url: pinnedFeedUrl(published, current.feed.version) });
    feedKey = key;
  };
}
