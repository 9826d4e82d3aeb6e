// The updates adapter (main/updates/updater.ts) driving the real electron-updater against a local
// update feed on 127.0.0.1: the library's own check, download and sha512 verification, with only
// what needs Electron put aside. electron-updater runs in plain Node when it is given an app adapter
// (version, paths) instead of Electron's `app`; its HTTP goes through Electron's `net`, so the
// executor here is the library's own ElectronHttpExecutor with Node's http in place of `net` (the
// download, redirect-free here, and its checksum check are the library's code). Installing (dpkg,
// NSIS, Squirrel.Mac) and Windows' signature check need the real systems: the release workflow's
// packaged apps exercise those (.github/workflows/release.yml).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type RequestOptions, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DebUpdater } from 'electron-updater';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor.js';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUpdatePreferences } from '../../../main/updates/update-preferences.ts';
import { createUpdates, type Updates, type UpdaterLike } from '../../../main/updates/updater.ts';
import type { WorkInFlight } from '../../../main/updates/update-model.ts';
import type { UpdateView } from '../../../window-contract/updates.ts';

/** electron-updater's executor with Node's http in place of Electron's net: the same download and verification. */
class LoopbackHttpExecutor extends ElectronHttpExecutor {
  override createRequest(options: RequestOptions, callback: (response: unknown) => void): ReturnType<ElectronHttpExecutor['createRequest']> {
    return request(options, callback) as unknown as ReturnType<ElectronHttpExecutor['createRequest']>;
  }
  // Electron's net reports redirects as an event; Node's http hands them to the response handler.
  protected override addRedirectHandlers(): void {}
}

const INSTALLED = '1.2.0';
const DEB = 'punchcard_1.3.0_amd64.deb';

interface Feed {
  /** The latest*.yml text, or null for a feed that answers 404. */
  yml: string | null;
  /** The package's bytes. */
  deb: Buffer;
  requests: string[];
}

let dir: string;
let server: Server;
let port: number;
let feed: Feed;
let updates: Updates | undefined;

function sha512(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('base64');
}

function latestYml(version: string, bytes: Buffer, checksumOf: Buffer = bytes): string {
  const sha = sha512(checksumOf);
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${DEB}`,
    `    sha512: ${sha}`,
    `    size: ${bytes.length}`,
    `path: ${DEB}`,
    `sha512: ${sha}`,
    "releaseDate: '2026-03-01T12:00:00.000Z'",
    '',
  ].join('\n');
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-updates-'));
  const deb = randomBytes(200_000);
  feed = { yml: latestYml('1.3.0', deb), deb, requests: [] };
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    feed.requests.push(path);
    // latest-linux.yml on x64, latest-linux-arm64.yml on arm64: the same feed.
    if (/^\/latest[\w-]*\.yml$/.test(path)) {
      if (feed.yml === null) return void res.writeHead(404).end('Not Found');
      return void res.writeHead(200, { 'content-type': 'text/yaml' }).end(feed.yml);
    }
    if (path === `/${DEB}`) return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': feed.deb.length }).end(feed.deb);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterEach(async () => {
  updates?.stop();
  updates = undefined;
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** The real DebUpdater, as the app's adapter sees it, configured as electron-builder's app-update.yml configures it. */
function realUpdater(feedUrl = `http://127.0.0.1:${port}/`): DebUpdater {
  const config = join(dir, 'app-update.yml');
  writeFileSync(config, `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: punchcard-updater\n`);
  const app: AppAdapter = {
    version: INSTALLED,
    name: 'Punchcard',
    isPackaged: true,
    appUpdateConfigPath: config,
    userDataPath: join(dir, 'userData'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  };
  const updater = new DebUpdater(undefined, app);
  (updater as unknown as { httpExecutor: ElectronHttpExecutor }).httpExecutor = new LoopbackHttpExecutor();
  return updater;
}

function start(updater: UpdaterLike, fields: { mode?: 'auto' | 'notify' | 'never'; work?: () => WorkInFlight } = {}) {
  const views: UpdateView[] = [];
  const file = { store: { mode: fields.mode ?? 'notify' } as Record<string, unknown>, path: join(dir, 'updates.json') };
  updates = createUpdates({
    load: async () => updater,
    currentVersion: INSTALLED,
    preferences: createUpdatePreferences(file),
    policy: () => ({ enabled: true, pinned: null, problem: null }),
    work: fields.work ?? (() => ({ statusKnown: true, timerRunning: false, writesWaiting: false, windowVisible: true })),
    timeZone: () => 'UTC',
    changed: (view) => views.push(view),
    log: () => {},
  });
  return { views, file, updates };
}

async function settled(views: UpdateView[], tone: UpdateView['tone'] | 'quiet-checked'): Promise<UpdateView> {
  await vi.waitFor(
    () => {
      const last = views.at(-1);
      if (tone === 'quiet-checked' ? !(last?.tone === 'quiet' && last.words.includes('up to date')) : last?.tone !== tone)
        throw new Error(`still ${JSON.stringify(last)}`);
    },
    { timeout: 20_000, interval: 20 },
  );
  return views.at(-1) as UpdateView;
}

function cached(): string[] {
  try {
    return readdirSync(join(dir, 'cache', 'punchcard-updater', 'pending'));
  } catch {
    return [];
  }
}

describe('a local update feed, through the real electron-updater', () => {
  it('newer: checks at start, downloads in the background, verifies, and offers the restart', async () => {
    const { views, file } = start(realUpdater());
    const ready = await settled(views, 'ready');
    expect(ready).toMatchObject({
      words: 'Punchcard 1.3.0 is downloaded and verified. Restart Punchcard to install it.',
      canRestart: true,
      readyVersion: '1.3.0',
    });
    expect(views.map((view) => view.brief)).toEqual(expect.arrayContaining(['checking…', 'downloading 1.3.0…', '1.3.0 ready']));
    expect(cached()).toContain(DEB);
    expect(feed.requests.filter((path) => path.endsWith('.deb'))).toHaveLength(1);
    expect(typeof file.store.lastCheckedAt).toBe('number');
  });

  it('same: says up to date and downloads nothing', async () => {
    feed.yml = latestYml(INSTALLED, feed.deb);
    const { views } = start(realUpdater());
    expect((await settled(views, 'quiet-checked')).words).toMatch(/^Punchcard 1\.2\.0 is up to date \(checked at \d\d:\d\d\)\.$/);
    expect(feed.requests.some((path) => path.endsWith('.deb'))).toBe(false);
  });

  it('older: never downgrades, and says that this version is newer than the latest release', async () => {
    feed.yml = latestYml('1.1.0', feed.deb);
    const { views } = start(realUpdater());
    expect((await settled(views, 'quiet-checked')).words).toMatch(/^Punchcard 1\.2\.0 is up to date: it is newer than the latest release, 1\.1\.0/);
    expect(feed.requests.some((path) => path.endsWith('.deb'))).toBe(false);
  });

  it('corrupt: a feed file that is not update information is said as unreadable', async () => {
    feed.yml = 'this: [is not: an update';
    const { views } = start(realUpdater());
    expect(await settled(views, 'attention')).toMatchObject({ brief: 'server’s information unreadable', canCheck: true, canRestart: false });
    feed.yml = 'files: []\n';
    const second = start(realUpdater());
    expect((await settled(second.views, 'attention')).brief).toBe('server’s information unreadable');
  });

  it('missing: a feed without the file for this system is said as unreadable, not as up to date', async () => {
    feed.yml = null;
    const { views } = start(realUpdater());
    expect((await settled(views, 'attention')).words).toMatch(/^The update server’s information about the new version could not be read/);
  });

  it('unreachable: nothing listening is said as out of reach, and nothing is installed', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const { views } = start(realUpdater(`http://127.0.0.1:${deadPort}/`));
    expect(await settled(views, 'attention')).toMatchObject({ brief: 'server out of reach', canRestart: false });
    expect(views.at(-1)?.words).toMatch(/^Could not reach the update server \(at \d\d:\d\d\)\. Punchcard tries again tomorrow\.$/);
  });

  it('a checksum that does not match: the download is deleted, said in words, and nothing can be installed', async () => {
    feed.yml = latestYml('1.3.0', feed.deb, randomBytes(16));
    const { views, updates } = start(realUpdater());
    const failed = await settled(views, 'attention');
    expect(failed).toMatchObject({ brief: 'download failed its checksum', canRestart: false, readyVersion: null });
    expect(failed.words).toMatch(/^The downloaded update did not match its checksum and was deleted; nothing was installed/);
    expect(feed.requests.filter((path) => path.endsWith('.deb'))).toHaveLength(1);
    expect(cached()).not.toContain(DEB);
    expect(() => updates.install()).toThrow(/no downloaded update/);
  });

  it('"never": looks only when asked, then downloads like the others', async () => {
    const { views, updates } = start(realUpdater(), { mode: 'never' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(feed.requests).toEqual([]);
    expect(views.at(-1)?.words).toBe('Punchcard 1.2.0. Updates are checked only when you ask.');
    updates.check();
    await settled(views, 'ready');
  });
});

describe('installing', () => {
  it('restarts by itself in "install automatically" only once no timer runs and the window is closed', async () => {
    const updater = realUpdater();
    // The installer itself (dpkg through pkexec here) cannot run in a test: what the adapter asks for is recorded.
    const installs = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => {});
    let work: WorkInFlight = { statusKnown: true, timerRunning: true, writesWaiting: false, windowVisible: false };
    const { views, updates } = start(updater, { mode: 'auto', work: () => work });
    const ready = await settled(views, 'ready');
    expect(ready.words).toBe(
      'Punchcard 1.3.0 is downloaded and verified. It installs by itself when nothing is in the way (now: your timer is running), or at once if you restart.',
    );
    expect(installs).not.toHaveBeenCalled();
    work = { ...work, timerRunning: false, writesWaiting: true };
    updates.reconsider();
    expect(installs).not.toHaveBeenCalled();
    expect(views.at(-1)?.words).toMatch(/now: a change waits to be sent to your tracker/);
    work = { ...work, writesWaiting: false };
    updates.reconsider();
    await vi.waitFor(() => expect(installs).toHaveBeenCalledWith(true, true));
  });

  it('in "tell me", installs only when the person restarts', async () => {
    const updater = realUpdater();
    const installs = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => {});
    const { views, updates } = start(updater, {
      mode: 'notify',
      work: () => ({ statusKnown: true, timerRunning: false, writesWaiting: false, windowVisible: false }),
    });
    await settled(views, 'ready');
    updates.reconsider();
    expect(installs).not.toHaveBeenCalled();
    updates.install();
    await vi.waitFor(() => expect(installs).toHaveBeenCalledWith(true, true));
  });
});
