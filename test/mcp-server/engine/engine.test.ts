// The engine's own failure paths, in process: settings it cannot use, a holiday region that does
// not exist, a timesheet file that is not a database, a failure nobody foresaw. Each is explained
// in words and the engine keeps serving.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { openDesktopEngine } from '../../../mcp-server/engine/desktop-engine.ts';
import type { Engine } from '../../../mcp-server/engine/engine.ts';
import { DEFAULT_USERS as KIMAI_USERS, startFakeKimai } from '../providers/kimai/fake-kimai.ts';

const NOW = Date.parse('2026-11-18T08:00:00Z');
let dir: string;
let engine: Engine | undefined;
let client: Client | undefined;
let logged: string[];

async function start(settings?: Record<string, unknown>, prepare?: (dir: string) => void, appEngine = false, env?: NodeJS.ProcessEnv) {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-engine-'));
  logged = [];
  if (settings) writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, ...settings }));
  prepare?.(dir);
  engine = await openDesktopEngine({
    userDataDir: dir,
    allTools: true,
    appEngine,
    now: () => NOW,
    log: (message) => logged.push(message),
    ...(env ? { env } : {}),
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await engine.createServer().connect(serverTransport);
  const connected = new Client({ name: 'engine-test', version: '1' });
  await connected.connect(clientTransport);
  client = connected;
  return async (name: string, args: Record<string, unknown> = {}) =>
    (await connected.callTool({ name, arguments: args })) as {
      isError?: boolean;
      content: Array<{ text: string }>;
      structuredContent?: Record<string, unknown>;
    };
}

afterEach(async () => {
  await client?.close();
  engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the engine', () => {
  it('falls back to the system zone for an unknown timezone, and says so in whoami and the log', async () => {
    const call = await start({ timezone: 'Mars/Olympus_Mons' });
    const whoami = await call('whoami');
    expect(whoami.structuredContent?.timezone).not.toBe('Mars/Olympus_Mons');
    expect(whoami.structuredContent?.settings_notes).toEqual([
      'timezone is "Mars/Olympus_Mons", which is not a time zone (a name such as Europe/Berlin); the system zone is used until it is fixed.',
    ]);
    expect(logged.join('\n')).toContain('config.json: timezone is "Mars/Olympus_Mons"');
  });

  it('serves nothing but the reason when config.json cannot be read at all', async () => {
    const call = await start(undefined, (folder) => mkdirSync(join(folder, 'config.json')));
    expect(logged.join('\n')).toMatch(
      /config\.json cannot be used: it is not a regular file \(a pipe, device or folder\), so it is not read\. Nothing is read from or written to any timesheet/,
    );
    expect(engine?.offeredToolNames()).toEqual(['whoami']);
    expect((await call('whoami')).structuredContent).toMatchObject({
      provider: 'no back end (the settings file cannot be used)',
      settings_problem: expect.stringMatching(/not a regular file/),
    });
    // A tool called by name all the same hears the same reason whoami gives, not that it is disabled.
    const refused = await call('timer_status');
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toMatch(/config\.json cannot be used: it is not a regular file/);
  });

  it('counts leave without holidays when the region does not exist, warning once', async () => {
    const call = await start({ holidays: { country: 'DE', state: 'ZZ' } });
    const leave = await call('request_leave', { type: 'vacation', first_day: '2026-12-24', last_day: '2026-12-28' });
    // Thu 24, Fri 25 and Mon 28 count when there are no holidays to skip.
    expect(leave.structuredContent).toMatchObject({ request: { days: 3 } });
    await call('absence_calendar', { from: '2026-12-24', to: '2026-12-28' });
    expect(logged.filter((line) => /Public holidays for .* are unavailable/.test(line))).toHaveLength(1);
  });

  it('refuses a timesheet that is not a database in words, leaves it as it was, and keeps serving', async () => {
    const text = 'this is not SQLite'.repeat(100);
    let folder = '';
    const call = await start(undefined, (dir) => {
      folder = dir;
      writeFileSync(join(dir, 'punchcard.db'), text);
    });
    const result = await call('clock_in');
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(
      /punchcard\.db is not a SQLite database, so it is not a Punchcard timesheet\. Punchcard has not changed it\. Move it elsewhere/,
    );
    expect(readFileSync(join(folder, 'punchcard.db'), 'utf8')).toBe(text);
    expect((await call('whoami')).isError).toBeFalsy();
    // Moved away, the next call starts a new timesheet without a restart.
    renameSync(join(folder, 'punchcard.db'), join(folder, 'not-a-timesheet.txt'));
    expect((await call('clock_in')).isError).toBeFalsy();
  });

  it("ends an unexpected failure with one full stop, not two, its words quoted as another program's", async () => {
    const call = await start();
    // A failure nobody foresaw, whose message already ends its sentence.
    (await (engine as Engine).tracker()).timer.runningEntry = () => Promise.reject(new Error('The disk said no.'));
    const failing = await call('timer_status');
    expect(failing.content[0]?.text).toBe('Punchcard could not finish timer_status: "The disk said no". Nothing was lost; the server keeps running.');
  });
});

describe('a feature found off while the engine runs', () => {
  it('is asked about again (hourly by default), and its tools come live when it appears: a Kimai absence plugin installed later', async () => {
    const kimai = await startFakeKimai();
    const ada = KIMAI_USERS[0] as (typeof KIMAI_USERS)[number];
    try {
      dir = mkdtempSync(join(tmpdir(), 'punchcard-engine-'));
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, provider: { type: 'kimai', url: kimai.url } }));
      const opened = await openDesktopEngine({
        userDataDir: dir,
        allTools: true,
        now: () => NOW,
        log: () => {},
        env: { ...process.env, PUNCHCARD_KIMAI_TOKEN: ada.token },
        detectionRepeatMs: 300,
      });
      engine = opened;
      const plugins = () => kimai.requests.filter((request) => request.path === '/api/absences/types').length;
      await expect.poll(plugins).toBeGreaterThanOrEqual(1);
      // The fake counts the request when it arrives; the engine learns of the 404 a moment later.
      await expect.poll(() => opened.offeredToolNames()).not.toContain('request_leave');
      kimai.config.absencePlugin = true;
      await expect.poll(() => opened.offeredToolNames()).toContain('request_leave');
      // Found: not asked about again.
      const asked = plugins();
      await new Promise((done) => setTimeout(done, 900));
      expect(plugins()).toBe(asked);
    } finally {
      engine?.close();
      engine = undefined;
      await kimai.close();
    }
  });

  it("lists the window's own tools only for the engine that proved it is the app, and never among the AI clients' tools", async () => {
    const aiClient = await start();
    const names = async () => (await client?.listTools())?.tools.map((tool) => tool.name) ?? [];
    expect(await names()).not.toContain('kept_write_decisions');
    await expect(aiClient('kept_write_decisions')).rejects.toThrow(/kept_write_decisions not found/);
    await client?.close();
    engine?.close();
    rmSync(dir, { recursive: true, force: true });

    // The local timesheet keeps no writes to decide: the app's engine does not list them there either.
    await start(undefined, undefined, true);
    expect(await names()).not.toContain('kept_write_decisions');
    await client?.close();
    engine?.close();
    rmSync(dir, { recursive: true, force: true });

    const kimai = await startFakeKimai();
    try {
      const ada = KIMAI_USERS[0] as (typeof KIMAI_USERS)[number];
      const app = await start({ provider: { type: 'kimai', url: kimai.url } }, undefined, true, { ...process.env, PUNCHCARD_KIMAI_TOKEN: ada.token });
      expect(await names()).toEqual(expect.arrayContaining(['kept_write_decisions', 'decide_kept_write']));
      // The count AI clients are offered leaves them out.
      expect(engine?.offeredToolNames()).not.toContain('kept_write_decisions');
      const listed = await app('kept_write_decisions');
      expect(listed.structuredContent).toEqual({ writes: [] });
      expect(listed.content[0]?.text).toBe('No kept write waits for your decision.');
      const decided = await app('decide_kept_write', { id: 1, choice: 'dismiss' });
      expect(decided.isError).toBe(true);
      expect(decided.content[0]?.text).toBe(
        'That write no longer waits for your decision: it was sent or decided meanwhile (in another window or by an AI client).',
      );
      expect((await app('decide_kept_write', { id: 0, choice: 'later' })).isError).toBe(true);
    } finally {
      await kimai.close();
    }
  });
});
