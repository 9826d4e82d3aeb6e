// A config.json that cannot say where data goes fails closed, as an unusable policy does: the built
// server, over real stdio in both eras, offers whoami alone, whoami names the file and the problem,
// nothing is read or written anywhere (no timesheet file appears, the company's tracker gets no
// request), and fixing the file brings the back end in without a restart. Any other setting that
// does not validate falls back alone and whoami names it; a file broken while the server runs
// leaves the settings that worked in use.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeUserDataDir, writeSettings } from '../../support/engine.ts';
import {
  cleanUp,
  type Era,
  eraRequest,
  legacyOpening,
  modernOpening,
  type RawServer,
  removeTempDir,
  serverEnv,
  spawnRawServer,
} from '../../support/raw-stdio.ts';
import { DEFAULT_USERS, type FakeKimai, seedCatalog, startFakeKimai } from '../providers/kimai/fake-kimai.ts';

const ADA = DEFAULT_USERS[0] as (typeof DEFAULT_USERS)[number];
const folders: string[] = [];
const fakes: FakeKimai[] = [];

afterEach(async () => {
  cleanUp();
  for (const dir of folders.splice(0)) removeTempDir(dir);
  for (const fake of fakes.splice(0)) await fake.close();
});

function folder(): string {
  const dir = makeUserDataDir();
  folders.push(dir);
  return dir;
}

function start(dir: string, era: Era, env: Record<string, string> = {}, args: string[] = []): RawServer {
  const server = spawnRawServer(['--user-data', dir, ...args], serverEnv(dir, env));
  server.send(...(era === 'legacy' ? legacyOpening() : modernOpening()));
  return server;
}

async function toolNames(server: RawServer, era: Era, id: number): Promise<string[]> {
  if (id !== 2) server.send(eraRequest(era, id, 'tools/list'));
  const { message } = await server.response(id);
  return ((message.result as { tools: Array<{ name: string }> }).tools ?? []).map((tool) => tool.name).sort();
}

async function call(server: RawServer, era: Era, id: number, name: string, args: Record<string, unknown> = {}) {
  server.send(eraRequest(era, id, 'tools/call', { name, arguments: args }));
  const { message } = await server.response(id);
  if (message.error) return { isError: true, text: message.error.message, structured: undefined };
  const result = message.result as { isError?: boolean; content: Array<{ text: string }>; structuredContent?: Record<string, unknown> };
  return { isError: result.isError === true, text: result.content[0]?.text ?? '', structured: result.structuredContent };
}

/** Writes the whole file at once, as the app does (a temporary file renamed over). */
function replaceFile(dir: string, text: string): void {
  writeFileSync(join(dir, 'config.json.tmp'), text);
  renameSync(join(dir, 'config.json.tmp'), join(dir, 'config.json'));
}

const UNUSABLE: Array<[string, (dir: string) => void, RegExp]> = [
  [
    'a misspelt back end',
    (dir) => writeSettings(dir, { provider: { type: 'kimia', url: 'https://kimai.example.com' } }),
    /cannot be used: provider\.type is "kimia", which is not a back end this Punchcard knows \(local, kimai, clockodo, calamari, clockify, toggl, harvest, tempo; did you mean "kimai"\?\)\./,
  ],
  [
    'a newer schema version',
    (dir) => writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 2, provider: { type: 'local' } })),
    /its schemaVersion is 2, and this Punchcard reads version 1 only/,
  ],
  ['text that is not JSON', (dir) => writeFileSync(join(dir, 'config.json'), '{ "provider": { "type": "kimai", '), /cannot be used: it is not valid JSON \(/],
  ['a folder where the file should be', (dir) => mkdirSync(join(dir, 'config.json')), /cannot be used: it is not a regular file/],
];

describe.each<Era>(['legacy', 'modern'])('settings that cannot say where data goes (%s era)', (era) => {
  it.each(UNUSABLE)('%s: whoami alone, in words that name the file, and no timesheet is made', async (_label, prepare, problem) => {
    const dir = folder();
    prepare(dir);
    const server = start(dir, era);
    expect(await toolNames(server, era, 2)).toEqual(['whoami']);
    const whoami = await call(server, era, 3, 'whoami');
    expect(whoami.isError).toBe(false);
    expect(whoami.text).toContain(`The settings file ${join(dir, 'config.json')} cannot be used`);
    expect(whoami.text).toMatch(problem);
    expect(whoami.text).toMatch(/Nothing is read from or written to any timesheet until it is fixed/);
    expect(whoami.structured).toMatchObject({ settings_problem: expect.stringMatching(problem), capabilities: ['account'] });
    // A tool a client remembers from before is not served.
    expect((await call(server, era, 4, 'log_time', { start: '09:00', end: '10:00' })).isError).toBe(true);
    expect(server.stderr()).toMatch(problem);
    expect(existsSync(join(dir, 'punchcard.db'))).toBe(false);
  });

  it("the app's own engine, asking for every tool, gets no more", async () => {
    const dir = folder();
    writeSettings(dir, { provider: { type: 'clockodoo', email: 'ada@example.com' } });
    const server = start(dir, era, {}, ['--all-tools']);
    expect(await toolNames(server, era, 2)).toEqual(['whoami']);
    expect((await call(server, era, 3, 'timer_status')).isError).toBe(true);
    expect(existsSync(join(dir, 'punchcard.db'))).toBe(false);
  });

  it('a company tracker the file cannot name is never asked, and its token is not used', async () => {
    const fake = await startFakeKimai();
    fakes.push(fake);
    const dir = folder();
    // Written by a newer Punchcard for the same Kimai: this one cannot know what else changed.
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 2, provider: { type: 'kimai', url: fake.url } }));
    const server = start(dir, era, { PUNCHCARD_KIMAI_TOKEN: ADA.token });
    expect(await toolNames(server, era, 2)).toEqual(['whoami']);
    expect((await call(server, era, 3, 'whoami')).text).toMatch(/schemaVersion is 2/);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(fake.requests).toEqual([]);
  });

  it('brings the back end in once the file is fixed, without a restart', async () => {
    const fake = await startFakeKimai();
    fakes.push(fake);
    seedCatalog(fake);
    const dir = folder();
    writeSettings(dir, { provider: { type: 'kimai', url: 'not an address' } });
    const server = start(dir, era, { PUNCHCARD_KIMAI_TOKEN: ADA.token });
    expect(await toolNames(server, era, 2)).toEqual(['whoami']);
    expect((await call(server, era, 3, 'whoami')).text).toMatch(/the kimai back end's settings are not usable: provider\.url: an http\(s\) address/);
    expect(fake.requests).toEqual([]);

    replaceFile(dir, JSON.stringify({ schemaVersion: 1, provider: { type: 'kimai', url: fake.url } }));
    let id = 10;
    await expect.poll(async () => (await toolNames(server, era, id++)).includes('timer_status')).toBe(true);
    const whoami = await call(server, era, 100, 'whoami');
    expect(whoami.structured).toMatchObject({ name: 'Ada Lovelace', settings_problem: null, settings_notes: [] });
    expect((await call(server, era, 101, 'clock_in', { project: 'Website', activity: 'Design' })).isError).toBe(false);
    expect(fake.state.timesheets).toHaveLength(1);
  });
});

describe('settings that fall back one by one', () => {
  it('keeps the good ones, falls back on the bad ones, and whoami names each', async () => {
    const dir = folder();
    writeSettings(dir, {
      timezone: '+01:00',
      workWeek: { mon: 30, fri: 4 },
      tools: { enabled: { clock_in: 'yes', delete_time_entry: true } },
      user: { name: 'Ada' },
    });
    const server = start(dir, 'legacy');
    const names = await toolNames(server, 'legacy', 2);
    expect(names).not.toContain('clock_in');
    expect(names).toContain('delete_time_entry');
    const whoami = await call(server, 'legacy', 3, 'whoami');
    expect(whoami.structured).toMatchObject({
      name: 'Ada',
      timezone: 'Europe/Berlin',
      week_target_hours: 36,
      settings_problem: null,
      settings_notes: [
        'tools.enabled.clock_in is "yes", not true or false; it is off until it is fixed.',
        'timezone is "+01:00", which is not a time zone (a name such as Europe/Berlin); the system zone is used until it is fixed.',
        expect.stringMatching(/^workWeek\.mon: .* \(it is 30\); 8 is used until it is fixed\.$/),
      ],
    });
    expect(whoami.text).toMatch(/\nSettings: timezone is "\+01:00"/);
    expect(server.stderr()).toContain(`${join(dir, 'config.json')}: tools.enabled.clock_in is "yes"`);
    // The local timesheet is in use: the person's other settings were readable.
    expect((await call(server, 'legacy', 4, 'log_time', { start: 'yesterday 09:00', end: 'yesterday 10:00' })).isError).toBe(false);
  });
});

describe('a file broken while the server runs', () => {
  it('leaves the settings that worked in use, and whoami says why', async () => {
    const fake = await startFakeKimai();
    fakes.push(fake);
    seedCatalog(fake);
    const dir = folder();
    writeSettings(dir, { provider: { type: 'kimai', url: fake.url }, tools: { groups: { leave: false } } });
    const server = start(dir, 'legacy', { PUNCHCARD_KIMAI_TOKEN: ADA.token });
    expect(await toolNames(server, 'legacy', 2)).toContain('timer_status');
    expect((await call(server, 'legacy', 3, 'clock_in', { project: 'Website', activity: 'Design' })).isError).toBe(false);

    replaceFile(dir, JSON.stringify({ schemaVersion: 1, provider: { type: 'kimia', url: fake.url } }));
    let id = 10;
    await expect
      .poll(async () => (await call(server, 'legacy', id++, 'whoami')).structured?.settings_problem)
      .toMatch(/was changed and cannot be used: provider\.type is "kimia".*Punchcard keeps the settings it read before until it is fixed\./);
    const names = await toolNames(server, 'legacy', 200);
    expect(names).toContain('clock_out');
    expect(names).not.toContain('request_leave');
    expect((await call(server, 'legacy', 201, 'clock_out')).isError).toBe(false);
    expect(existsSync(join(dir, 'punchcard.db'))).toBe(false);
  });
});
