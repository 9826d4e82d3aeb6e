// The app's updates as decisions and words (docs/decisions.md, "Updates that install themselves"):
// whether to check, when next, where the feed is, what a failure means, whether the app may restart
// by itself, and the sentence the tray and the window show for each state. Pure: updater.ts applies
// it to electron-updater, which itself downloads and verifies each update's sha512 checksum (and on
// Windows its signature); nothing here can turn that off.
//
// What the window reads of it, the person's setting and the view of each state, is the window's
// contract (window-contract/updates.ts).
import { formatLocalTime, localDate, systemTimeZone } from '../../mcp-server/for-the-app.ts';
import type { UpdateMode, UpdateView } from '../../window-contract/updates.ts';

/** What the updater is doing or found, as updater.ts records it from electron-updater's events. */
export type UpdatePhase =
  | { kind: 'idle' }
  | { kind: 'checking' }
  /** `latest` is the release the feed names: the same as this one, or older (never installed). */
  | { kind: 'current'; latest: string; checkedAt: number }
  | { kind: 'downloading'; version: string; percent: number | null }
  /** Downloaded and verified (sha512; on Windows also the publisher's signature): installs on restart. */
  | { kind: 'ready'; version: string }
  | { kind: 'failed'; problem: UpdateProblem; detail: string; at: number };

/** What went wrong, in the categories a person can act on (or wait out). */
export type UpdateProblem = 'unreachable' | 'unreadable' | 'checksum' | 'signature' | 'other';

/** Why this install cannot update itself, or what keeps it from doing so. */
export type UpdateBlock = 'development' | 'organisation-off' | 'organisation-problem' | 'unsupported-package' | null;

export interface UpdateSetup {
  /** The version running now. */
  currentVersion: string;
  /** A packaged app from the release workflow: only those carry the feed (app-update.yml). */
  packaged: boolean;
  /** This kind of install cannot replace itself (a portable build, an AppImage whose file is not writable). */
  packageProblem?: string | null;
  /** The person's setting. */
  mode: UpdateMode;
  /** The organisation's policy (mcp-server/policy/policy.ts): off, or kept at one release. */
  policy: { enabled: boolean; pinned: string | null; problem: string | null };
}

/** What the updater should do in this setup. */
export interface UpdatePlan {
  block: UpdateBlock;
  /** Look at start and once a day. */
  checkAutomatically: boolean;
  /** The person may ask for a check (a button, a menu item). */
  checkOnRequest: boolean;
  /** Where to look: the newest release, or the one release the organisation keeps machines at. */
  feed: { kind: 'latest' } | { kind: 'pinned'; version: string };
  /** Install by itself once it is safe (see mayRestartBySelf); otherwise the person restarts. */
  restartBySelf: boolean;
}

export function updatePlan(setup: UpdateSetup): UpdatePlan {
  const block: UpdateBlock = !setup.packaged
    ? 'development'
    : setup.policy.problem
      ? 'organisation-problem'
      : !setup.policy.enabled
        ? 'organisation-off'
        : setup.packageProblem
          ? 'unsupported-package'
          : null;
  const feed: UpdatePlan['feed'] = setup.policy.pinned ? { kind: 'pinned', version: setup.policy.pinned } : { kind: 'latest' };
  if (block) return { block, checkAutomatically: false, checkOnRequest: false, feed, restartBySelf: false };
  return { block, checkAutomatically: setup.mode !== 'never', checkOnRequest: true, feed, restartBySelf: setup.mode === 'auto' };
}

export const DAY_MS = 86_400_000;
/** A start soon after the last look (a crash loop, a quick restart) does not ask the server again. */
export const RECHECK_AFTER_START_MS = 3_600_000;

/**
 * Milliseconds until the next automatic look: at start (unless the last look was within the hour),
 * then a day after the last one. Timers do not run while the machine sleeps, so the adapter asks
 * again after a wake-up and this counts from the wall clock.
 */
export function nextCheckDelay(lastCheckedAt: number | null, now: number, atStart: boolean): number {
  if (lastCheckedAt === null || lastCheckedAt > now) return 0;
  const since = now - lastCheckedAt;
  if (atStart && since >= RECHECK_AFTER_START_MS) return 0;
  return Math.max(0, DAY_MS - since);
}

/** What the app knows of the person's work when an update is ready. */
export interface WorkInFlight {
  /** The engine's status is known; an app that has not heard from it yet does not restart. */
  statusKnown: boolean;
  timerRunning: boolean;
  /**
   * Writes kept in the engine's outbox (sent when the back end answers, or waiting for a decision):
   * a restart keeps them (outbox.db), but sending one must not be cut off half-way.
   */
  writesWaiting: boolean;
  /** The window is on screen: the person may be typing in it. */
  windowVisible: boolean;
}

/**
 * Whether the app may restart into a downloaded update without being asked: only in "install
 * automatically", and never while a timer runs, a write waits in the outbox or the window is open.
 * The person's own "Restart to update" is always theirs to choose.
 */
export function mayRestartBySelf(plan: UpdatePlan, phase: UpdatePhase, work: WorkInFlight): boolean {
  return plan.restartBySelf && phase.kind === 'ready' && work.statusKnown && !work.timerRunning && !work.writesWaiting && !work.windowVisible;
}

/** What keeps an automatic restart waiting, in words ("your timer is running"), or null. */
export function restartWaitsFor(work: WorkInFlight): string | null {
  if (!work.statusKnown) return 'the timer is being read';
  if (work.timerRunning) return 'your timer is running';
  if (work.writesWaiting) return 'a change waits to be sent to your tracker';
  if (work.windowVisible) return 'this window is open';
  return null;
}

/**
 * The category of an electron-updater failure: its error codes (builder-util-runtime's newError),
 * HTTP status, or the network error's code (Node's) or message (Chromium's net::ERR_…).
 */
export function classifyUpdateError(error: unknown): UpdateProblem {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_CHECKSUM_MISMATCH' || code === 'ERR_UPDATER_NO_CHECKSUM' || /checksum mismatch/i.test(message)) return 'checksum';
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE' || /not signed by the application owner/.test(message)) return 'signature';
  if (
    ['ERR_UPDATER_INVALID_UPDATE_INFO', 'ERR_UPDATER_INVALID_VERSION', 'ERR_UPDATER_NO_FILES_PROVIDED', 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND'].includes(code)
  ) {
    return 'unreadable';
  }
  if (
    ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_UPDATER_LATEST_VERSION_NOT_FOUND'].includes(code)
  ) {
    return 'unreachable';
  }
  if (/net::ERR_(INTERNET_DISCONNECTED|NAME_NOT_RESOLVED|CONNECTION_|NETWORK_|TIMED_OUT|ADDRESS_UNREACHABLE|PROXY_)/.test(message)) return 'unreachable';
  if (/HttpError: 5\d\d|status(Code)?[ =:]+5\d\d/.test(message)) return 'unreachable';
  return 'other';
}

/**
 * Where a version the organisation keeps machines at is published: the release's own download
 * folder, whose latest*.yml names that release's files (the release workflow uploads them to every
 * release, .github/workflows/release.yml). `owner` and `repo` come from the packaged app-update.yml.
 */
export function pinnedFeedUrl(github: { owner: string; repo: string }, version: string): string {
  const part = (text: string) => encodeURIComponent(text);
  return `https://github.com/${part(github.owner)}/${part(github.repo)}/releases/download/v${part(version)}/`;
}

// ---------------------------------------------------------------------------------------------
// What the tray and the window show

export interface UpdateViewInput {
  setup: UpdateSetup;
  phase: UpdatePhase;
  /** What keeps an automatic restart waiting, when the plan restarts by itself (restartWaitsFor). */
  waitingFor?: string | null;
  /** Epoch ms: "at 09:14" today, "on 2026-05-12 at 09:14" before. */
  now: number;
  /** IANA zone for the time of the last look; the system's when absent. */
  timeZone?: string;
}

const PROBLEM_WORDS: Record<UpdateProblem, string> = {
  unreachable: 'Could not reach the update server',
  unreadable: 'The update server’s information about the new version could not be read',
  checksum: 'The downloaded update did not match its checksum and was deleted; nothing was installed',
  signature: 'The downloaded update was not signed by Punchcard’s publisher and was deleted; nothing was installed',
  other: 'The update failed',
};

const BRIEF_PROBLEMS: Record<UpdateProblem, string> = {
  unreachable: 'server out of reach',
  unreadable: 'server’s information unreadable',
  checksum: 'download failed its checksum',
  signature: 'download not signed by Punchcard',
  other: 'failed',
};

export function updateView(input: UpdateViewInput): UpdateView {
  const { setup, phase } = input;
  const plan = updatePlan(setup);
  const current = setup.currentVersion;
  const base = { currentVersion: current, mode: setup.mode, canChoose: plan.block === null, readyVersion: null as string | null };
  const view = (words: string, brief: string, tone: UpdateView['tone'], extra: Partial<UpdateView> = {}): UpdateView => ({
    ...base,
    words,
    brief,
    tone,
    canRestart: false,
    canCheck: plan.checkOnRequest && phase.kind !== 'checking' && phase.kind !== 'downloading',
    ...extra,
  });
  switch (plan.block) {
    case 'development':
      return view(`Punchcard ${current} is a development build: it is updated from its source, not from releases.`, 'none in a development build', 'quiet');
    case 'organisation-off':
      return view(`Punchcard ${current}. Your organisation installs Punchcard’s updates itself.`, 'managed by your organisation', 'quiet');
    case 'organisation-problem':
      return view(
        `Punchcard ${current}. Updates are off until your organisation’s policy file is fixed (${clip(setup.policy.problem ?? '', 160)}).`,
        'off (policy file has an error)',
        'attention',
      );
    case 'unsupported-package':
      return view(`Punchcard ${current} cannot update itself here: ${setup.packageProblem ?? ''}`, 'not possible for this install', 'quiet');
    case null:
      break;
  }
  const pinned = plan.feed.kind === 'pinned' ? plan.feed.version : null;
  switch (phase.kind) {
    case 'idle':
      return view(
        pinned
          ? `Punchcard ${current}. Your organisation keeps Punchcard at ${pinned}.`
          : setup.mode === 'never'
            ? `Punchcard ${current}. Updates are checked only when you ask.`
            : `Punchcard ${current}. Not checked for updates yet.`,
        pinned ? `kept at ${pinned}` : setup.mode === 'never' ? 'checked when you ask' : 'not checked yet',
        'quiet',
      );
    case 'checking':
      return view('Checking for updates…', 'checking…', 'busy');
    case 'current': {
      const when = `checked ${timeText(phase.checkedAt, input.now, input.timeZone)}`;
      if (pinned) {
        const words =
          pinned === current
            ? `Punchcard ${current} is the version your organisation keeps (${when}).`
            : `Your organisation keeps Punchcard at ${pinned}; this is ${current}, which stays (${when}).`;
        return view(words, `kept at ${pinned}`, 'quiet');
      }
      const newerHere = phase.latest !== current;
      return view(
        newerHere
          ? `Punchcard ${current} is up to date: it is newer than the latest release, ${phase.latest} (${when}).`
          : `Punchcard ${current} is up to date (${when}).`,
        'up to date',
        'quiet',
      );
    }
    case 'downloading': {
      const percent = phase.percent === null ? '' : ` (${Math.floor(phase.percent)} %)`;
      return view(`Downloading Punchcard ${phase.version}${percent}…`, `downloading ${phase.version}${percent}…`, 'busy');
    }
    case 'ready': {
      const then = !plan.restartBySelf
        ? 'Restart Punchcard to install it.'
        : input.waitingFor
          ? `It installs by itself when nothing is in the way (now: ${input.waitingFor}), or at once if you restart.`
          : 'It installs by itself in a moment.';
      return view(`Punchcard ${phase.version} is downloaded and verified. ${then}`, `${phase.version} ready`, 'ready', {
        canRestart: true,
        readyVersion: phase.version,
      });
    }
    case 'failed': {
      const retry = plan.checkAutomatically ? ' Punchcard tries again tomorrow.' : '';
      return view(`${PROBLEM_WORDS[phase.problem]} (${timeText(phase.at, input.now, input.timeZone)}).${retry}`, BRIEF_PROBLEMS[phase.problem], 'attention');
    }
  }
}

/** "at 09:14" today, "on 2026-05-12 at 09:14" otherwise, in the zone given. */
function timeText(at: number, now: number, timeZone?: string): string {
  const zone = timeZone || systemTimeZone();
  const day = localDate(at, zone);
  return day === localDate(now, zone) ? `at ${formatLocalTime(at, zone)}` : `on ${day} at ${formatLocalTime(at, zone)}`;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The subset of the engine's status (window-contract/status.ts, StatusView) an automatic restart must respect. */
export interface StatusForUpdates {
  running: { waiting_to_send?: boolean } | null;
  todayEntries: ReadonlyArray<{ waiting_to_send?: boolean }>;
  keptWrites: readonly unknown[];
}

/**
 * The person's work as the app sees it: the running timer, and writes kept in the outbox that the
 * status shows (the running timer's, today's entries', those waiting for a decision). A kept write
 * of another day is not in the status; a restart still keeps it, since outbox.db holds it
 * (docs/decisions.md, "The outbox").
 */
export function workInFlight(status: StatusForUpdates | null, windowVisible: boolean): WorkInFlight {
  return {
    statusKnown: status !== null,
    timerRunning: status?.running != null,
    writesWaiting:
      !!status &&
      (status.running?.waiting_to_send === true || status.todayEntries.some((entry) => entry.waiting_to_send === true) || status.keptWrites.length > 0),
    windowVisible,
  };
}
