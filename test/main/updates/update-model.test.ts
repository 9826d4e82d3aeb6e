import { describe, expect, it } from 'vitest';
import {
  classifyUpdateError,
  DAY_MS,
  mayRestartBySelf,
  nextCheckDelay,
  pinnedFeedUrl,
  restartWaitsFor,
  updatePlan,
  updateView,
  type UpdatePhase,
  type UpdateSetup,
  type WorkInFlight,
} from '../../../main/updates/update-model.ts';

const ZONE = 'Europe/Berlin';
const NOW = Date.parse('2026-03-02T10:25:00+01:00');
const HOUR = 3_600_000;

function setup(fields: Partial<UpdateSetup> = {}): UpdateSetup {
  return { currentVersion: '1.2.0', packaged: true, mode: 'notify', policy: { enabled: true, pinned: null, problem: null }, ...fields };
}

const free: WorkInFlight = { statusKnown: true, timerRunning: false, writesWaiting: false, windowVisible: false };

describe('the update plan', () => {
  it('checks at start and daily in "install automatically" and "tell me", only on request in "never"', () => {
    expect(updatePlan(setup({ mode: 'auto' }))).toMatchObject({
      block: null,
      checkAutomatically: true,
      checkOnRequest: true,
      restartBySelf: true,
      feed: { kind: 'latest' },
    });
    expect(updatePlan(setup({ mode: 'notify' }))).toMatchObject({ checkAutomatically: true, checkOnRequest: true, restartBySelf: false });
    expect(updatePlan(setup({ mode: 'never' }))).toMatchObject({ checkAutomatically: false, checkOnRequest: true, restartBySelf: false });
  });

  it('does nothing at all in a development build, when the organisation turned updates off, or its policy is broken', () => {
    for (const [fields, block] of [
      [{ packaged: false }, 'development'],
      [{ policy: { enabled: false, pinned: null, problem: null } }, 'organisation-off'],
      [{ policy: { enabled: false, pinned: null, problem: 'policy.json: it is not valid JSON' } }, 'organisation-problem'],
      [{ packageProblem: 'the AppImage file cannot be written' }, 'unsupported-package'],
    ] as const) {
      const plan = updatePlan(setup({ ...fields, mode: 'auto' }));
      expect(plan, block).toMatchObject({ block, checkAutomatically: false, checkOnRequest: false, restartBySelf: false });
    }
  });

  it('looks only at the release the organisation pins', () => {
    expect(updatePlan(setup({ policy: { enabled: true, pinned: '1.4.2', problem: null } })).feed).toEqual({ kind: 'pinned', version: '1.4.2' });
    expect(pinnedFeedUrl({ owner: 'punchcard-app', repo: 'punchcard' }, '1.4.2')).toBe('https://github.com/punchcard-app/punchcard/releases/download/v1.4.2/');
    // Names from a file are parts of a path, never a way out of it.
    expect(pinnedFeedUrl({ owner: '../evil', repo: 'x?y' }, '1.4.2')).toBe('https://github.com/..%2Fevil/x%3Fy/releases/download/v1.4.2/');
  });
});

describe('when to check', () => {
  it('checks at start unless the last look was within the hour, then a day after the last look', () => {
    expect(nextCheckDelay(null, NOW, true)).toBe(0);
    expect(nextCheckDelay(NOW - 2 * HOUR, NOW, true)).toBe(0);
    expect(nextCheckDelay(NOW - 10 * 60_000, NOW, true)).toBe(DAY_MS - 10 * 60_000);
    expect(nextCheckDelay(NOW - 2 * HOUR, NOW, false)).toBe(DAY_MS - 2 * HOUR);
    // After a night asleep the day has passed: at once.
    expect(nextCheckDelay(NOW - 30 * HOUR, NOW, false)).toBe(0);
    // A clock set back does not postpone the look by the difference.
    expect(nextCheckDelay(NOW + 5 * HOUR, NOW, false)).toBe(0);
  });
});

describe('restarting into a downloaded update', () => {
  const ready: UpdatePhase = { kind: 'ready', version: '1.3.0' };
  const auto = updatePlan(setup({ mode: 'auto' }));

  it('happens by itself only in "install automatically", with nothing in the way', () => {
    expect(mayRestartBySelf(auto, ready, free)).toBe(true);
    expect(mayRestartBySelf(updatePlan(setup({ mode: 'notify' })), ready, free)).toBe(false);
    expect(mayRestartBySelf(auto, { kind: 'downloading', version: '1.3.0', percent: 50 }, free)).toBe(false);
  });

  it('never while a timer runs, a write waits in the outbox, the window is open or the status is unknown', () => {
    for (const [change, words] of [
      [{ timerRunning: true }, 'your timer is running'],
      [{ writesWaiting: true }, 'a change waits to be sent to your tracker'],
      [{ windowVisible: true }, 'this window is open'],
      [{ statusKnown: false }, 'the timer is being read'],
    ] as const) {
      expect(mayRestartBySelf(auto, ready, { ...free, ...change }), words).toBe(false);
      expect(restartWaitsFor({ ...free, ...change })).toBe(words);
    }
    expect(restartWaitsFor(free)).toBeNull();
  });
});

describe('electron-updater’s failures', () => {
  const coded = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

  it('are sorted into what a person can act on', () => {
    expect(classifyUpdateError(coded('ERR_CHECKSUM_MISMATCH', 'sha512 checksum mismatch, expected x, got y'))).toBe('checksum');
    expect(classifyUpdateError(coded('ERR_UPDATER_INVALID_SIGNATURE'))).toBe('signature');
    expect(classifyUpdateError(coded('ERR_UPDATER_INVALID_UPDATE_INFO'))).toBe('unreadable');
    expect(classifyUpdateError(coded('ERR_UPDATER_INVALID_VERSION'))).toBe('unreadable');
    expect(classifyUpdateError(coded('ERR_UPDATER_CHANNEL_FILE_NOT_FOUND'))).toBe('unreadable');
    expect(classifyUpdateError(coded('ECONNREFUSED'))).toBe('unreachable');
    expect(classifyUpdateError(new Error('net::ERR_INTERNET_DISCONNECTED'))).toBe('unreachable');
    expect(classifyUpdateError(new Error('HttpError: 503 Service Unavailable'))).toBe('unreachable');
    expect(classifyUpdateError(new Error('EACCES: permission denied'))).toBe('other');
    expect(classifyUpdateError('a string')).toBe('other');
  });
});

describe('the words for each state', () => {
  const view = (phase: UpdatePhase, fields: Partial<UpdateSetup> = {}, waitingFor: string | null = null) =>
    updateView({ setup: setup(fields), phase, now: NOW, timeZone: ZONE, waitingFor });
  const checkedAt = NOW - 5 * 60_000;

  it('say up to date for the same release, and for an older one (never installed)', () => {
    expect(view({ kind: 'current', latest: '1.2.0', checkedAt })).toMatchObject({
      words: 'Punchcard 1.2.0 is up to date (checked at 10:20).',
      brief: 'up to date',
      tone: 'quiet',
      canCheck: true,
      canRestart: false,
    });
    expect(view({ kind: 'current', latest: '1.1.0', checkedAt }).words).toBe(
      'Punchcard 1.2.0 is up to date: it is newer than the latest release, 1.1.0 (checked at 10:20).',
    );
    expect(view({ kind: 'current', latest: '1.2.0', checkedAt: NOW - 2 * DAY_MS }).words).toMatch(/checked on 2026-02-28 at 10:25/);
  });

  it('say what is checked and downloaded, and offer the restart once it is verified', () => {
    expect(view({ kind: 'checking' })).toMatchObject({ words: 'Checking for updates…', tone: 'busy', canCheck: false });
    expect(view({ kind: 'downloading', version: '1.3.0', percent: 41.7 })).toMatchObject({
      words: 'Downloading Punchcard 1.3.0 (41 %)…',
      brief: 'downloading 1.3.0 (41 %)…',
      canCheck: false,
    });
    expect(view({ kind: 'ready', version: '1.3.0' })).toMatchObject({
      words: 'Punchcard 1.3.0 is downloaded and verified. Restart Punchcard to install it.',
      tone: 'ready',
      canRestart: true,
      readyVersion: '1.3.0',
    });
    expect(view({ kind: 'ready', version: '1.3.0' }, { mode: 'auto' }, 'your timer is running').words).toBe(
      'Punchcard 1.3.0 is downloaded and verified. It installs by itself when nothing is in the way (now: your timer is running), or at once if you restart.',
    );
    expect(view({ kind: 'ready', version: '1.3.0' }, { mode: 'auto' }).words).toMatch(/installs by itself in a moment/);
  });

  it('say each failure in words, with what happens next', () => {
    const failed = (problem: 'unreachable' | 'unreadable' | 'checksum' | 'signature' | 'other') =>
      view({ kind: 'failed', problem, detail: 'x', at: checkedAt });
    expect(failed('unreachable')).toMatchObject({
      words: 'Could not reach the update server (at 10:20). Punchcard tries again tomorrow.',
      tone: 'attention',
      canCheck: true,
    });
    expect(failed('unreadable').words).toMatch(/^The update server’s information about the new version could not be read/);
    expect(failed('checksum').words).toMatch(/^The downloaded update did not match its checksum and was deleted; nothing was installed/);
    expect(failed('signature').words).toMatch(/not signed by Punchcard’s publisher/);
    expect(view({ kind: 'failed', problem: 'unreachable', detail: 'x', at: checkedAt }, { mode: 'never' }).words).not.toMatch(/tries again/);
  });

  it('say who decides when nobody here may: a development build, the organisation, its broken file, a pinned release', () => {
    expect(view({ kind: 'idle' }, { packaged: false })).toMatchObject({ brief: 'none in a development build', canCheck: false, canChoose: false });
    expect(view({ kind: 'idle' }, { policy: { enabled: false, pinned: null, problem: null } })).toMatchObject({
      words: 'Punchcard 1.2.0. Your organisation installs Punchcard’s updates itself.',
      canCheck: false,
      canChoose: false,
    });
    expect(view({ kind: 'idle' }, { policy: { enabled: false, pinned: null, problem: 'policy.json: updates.version: a release version' } })).toMatchObject({
      tone: 'attention',
      canCheck: false,
    });
    const pinned = { policy: { enabled: true, pinned: '1.4.2', problem: null } };
    expect(view({ kind: 'idle' }, pinned).words).toBe('Punchcard 1.2.0. Your organisation keeps Punchcard at 1.4.2.');
    // A newer version than the pinned one stays: updates never downgrade.
    expect(view({ kind: 'current', latest: '1.4.2', checkedAt }, { ...pinned, currentVersion: '1.5.0' }).words).toBe(
      'Your organisation keeps Punchcard at 1.4.2; this is 1.5.0, which stays (checked at 10:20).',
    );
    expect(view({ kind: 'idle' }, { mode: 'never' })).toMatchObject({
      words: 'Punchcard 1.2.0. Updates are checked only when you ask.',
      canCheck: true,
      canChoose: true,
    });
  });
});
