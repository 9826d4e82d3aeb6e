// Clocking in on a train (issue 33): the engine in process (test/support/engine.ts, startInProcessEngine) against
// each remote back end's fake behind a relay the test cuts (the port then refuses), hangs (a deadline
// passes) and restores. What the person does meanwhile is kept in the outbox with the moment it
// happened and sent once the back end answers, in order, once (two engines sharing the outbox, one of
// them killed while it sends, are processes: outbox-processes.test.ts). What happened on the server
// meanwhile (a timer started on the web, an overlapping entry) is not overwritten; the next answer
// says what was sent and what needs a decision.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTBOX_SETTLED_FILE } from '../../../mcp-server/contract/outbox-signal.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type InProcessEngineHandle, makeUserDataDir, refusalOf, startInProcessEngine, textOf, writeSettings } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { ManualTimers } from '../../support/manual-timers.ts';
import { DEFAULT_USERS as KIMAI_USERS, seedCatalog, startFakeKimai } from '../providers/kimai/fake-kimai.ts';
import { at, dataFolder as folderFor, type Harness, LATER, NOW, outboxHarnesses, shortDeadline, until } from './outbox-harness.ts';

const opened = closeAfterEach();
const HARNESSES = outboxHarnesses(opened);
const dataFolder = (harness: Harness) => folderFor(harness, opened);
const kimaiHarness = HARNESSES.kimai as () => Promise<Harness>;

async function engineFor(
  harness: Harness,
  now: string,
  userDataDir: string,
  env: Record<string, string> = {},
  timers?: ManualTimers,
): Promise<InProcessEngineHandle> {
  return opened(await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: now, ...harness.env, ...env }, ...(timers ? { timers } : {}) }));
}

describe.each(Object.keys(HARNESSES))('the outbox on %s', (name) => {
  it('a clock-in while the port refuses is kept with its time and sent once when the back end answers', async () => {
    const harness = await (HARNESSES[name] as () => Promise<Harness>)();
    const dir = dataFolder(harness);
    const engine = await engineFor(harness, NOW, dir);
    // What the engine knows before the train leaves the station: the catalog and no running timer.
    expect((await engine.call('timer_status')).isError).toBeFalsy();
    expect((await engine.call('list_catalog')).isError).toBeFalsy();
    await harness.network.cut();
    const kept = await engine.call('clock_in', { project: harness.project, ...(harness.activity ? { activity: harness.activity } : {}) });
    expect(kept.isError).toBeFalsy();
    expect(textOf(kept)).toMatch(
      new RegExp(`^${harness.service} is out of reach; clocked in at 09:0[23] on "${harness.project}".* here, sent as soon as ${harness.service} answers\\.`),
    );
    expect(kept.structuredContent).toMatchObject({ started: { waiting_to_send: true } });
    // The timer runs here, marked as waiting; the read says it is what was last known.
    const status = await engine.call('timer_status');
    expect(status.structuredContent).toMatchObject({ running: { project: harness.project, waiting_to_send: true } });
    expect(textOf(status)).toMatch(new RegExp(`${harness.service} is out of reach \\(connection refused\\): this is what Punchcard last knew of it`));
    expect(harness.entries()).toEqual([]);
    await engine.close();

    // Back up 38 minutes later: the next call sends it first, and says so.
    await harness.network.restore();
    const later = await engineFor(harness, LATER, dir);
    const after = await later.call('timer_status');
    expect(textOf(after)).toMatch(
      new RegExp(`Sent to ${harness.service} from the outbox \\(kept while it was out of reach\\): Clocked in at 09:0[23] on "${harness.project}"`),
    );
    expect(after.structuredContent).toMatchObject({ running: { project: harness.project } });
    expect(after.structuredContent?.running).not.toHaveProperty('waiting_to_send');
    const entries = harness.entries();
    expect(entries).toHaveLength(1);
    expect(Math.abs((entries[0]?.start ?? 0) - Date.parse(NOW))).toBeLessThan(90_000);
    expect(entries[0]?.end).toBeNull();
    // Told once.
    expect(textOf(await later.call('timer_status'))).not.toMatch(/outbox/);
  });
  it('a clock-out while the port refuses and an entry logged while the back end does not answer arrive with their times, once', async () => {
    const harness = await (HARNESSES[name] as () => Promise<Harness>)();
    const dir = dataFolder(harness);
    const engine = await engineFor(harness, NOW, dir, shortDeadline(harness));
    const what = { project: harness.project, ...(harness.activity ? { activity: harness.activity } : {}) };
    expect((await engine.call('clock_in', { ...what, start: '08:30' })).isError).toBeFalsy();
    expect((await engine.call('timer_status')).isError).toBeFalsy();
    await harness.network.cut();
    const out = await engine.call('clock_out');
    expect(out.isError).toBeFalsy();
    expect(textOf(out)).toMatch(
      new RegExp(
        `^${harness.service} is out of reach; clocked out of "${harness.project}".* at 09:0[23] after 3[23] min here, sent as soon as ${harness.service} answers\\.`,
      ),
    );
    await harness.network.hang();
    const logged = await engine.call('log_time', { ...what, start: '07:00', end: '08:00' });
    expect(logged.isError).toBeFalsy();
    expect(textOf(logged)).toMatch(new RegExp(`^${harness.service} is out of reach; logged 1 h on "${harness.project}".*, 07:00–08:00 here`));
    expect((await engine.call('timer_status')).structuredContent).toMatchObject({ running: null });
    await engine.close();

    await harness.network.restore();
    const later = await engineFor(harness, LATER, dir);
    const told = textOf(await later.call('timer_status'));
    expect(told).toMatch(
      new RegExp(
        `Sent to ${harness.service} from the outbox .*Clocked out of "${harness.project}".* at 09:0[23]\\. Logged 1 h on "${harness.project}".*, 07:00–08:00`,
      ),
    );
    const entries = harness.entries().sort((a, b) => a.start - b.start);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ start: at('07:00'), end: at('08:00') });
    expect(entries[1]?.start).toBe(at('08:30'));
    expect(Math.abs((entries[1]?.end ?? 0) - Date.parse(NOW))).toBeLessThan(90_000);
  });

  it('a timer started on the web after the kept clock-in: the clock-in is recorded up to it, and it keeps running', async () => {
    const harness = await (HARNESSES[name] as () => Promise<Harness>)();
    const dir = dataFolder(harness);
    const engine = await engineFor(harness, NOW, dir);
    expect((await engine.call('timer_status')).isError).toBeFalsy();
    expect((await engine.call('list_catalog')).isError).toBeFalsy();
    await harness.network.cut();
    expect(textOf(await engine.call('clock_in', { project: harness.project, ...(harness.activity ? { activity: harness.activity } : {}) }))).toMatch(
      /out of reach; clocked in/,
    );
    await engine.close();
    harness.startOnTheWeb(at('09:20'));
    await harness.network.restore();
    const later = await engineFor(harness, LATER, dir);
    const told = textOf(await later.call('timer_status'));
    expect(told).toMatch(
      new RegExp(
        `Adjusted when sent to ${harness.service}: Recorded "${harness.project}".* from 09:0[23] to 09:20 .*a timer on .* was started at 09:20 \\(on the web or another device\\) and keeps running\\.`,
      ),
    );
    const entries = harness.entries().sort((a, b) => a.start - b.start);
    expect(entries).toHaveLength(2);
    expect(entries[0]?.end).toBe(at('09:20'));
    expect(entries[1]).toMatchObject({ start: at('09:20'), end: null });
  });

  it('a timer started on the web before the kept clock-in: nothing is overwritten, and the next answer asks for a decision', async () => {
    const harness = await (HARNESSES[name] as () => Promise<Harness>)();
    const dir = dataFolder(harness);
    const engine = await engineFor(harness, NOW, dir);
    expect((await engine.call('timer_status')).isError).toBeFalsy();
    expect((await engine.call('list_catalog')).isError).toBeFalsy();
    await harness.network.cut();
    expect(textOf(await engine.call('clock_in', { project: harness.project, ...(harness.activity ? { activity: harness.activity } : {}) }))).toMatch(
      /out of reach; clocked in/,
    );
    harness.startOnTheWeb(at('08:45'));
    await harness.network.restore();
    const told = textOf(await engine.call('timer_status'));
    expect(told).toMatch(
      new RegExp(
        `Needs your decision .*Your clock-in at 09:0[23] on "${harness.project}".* was not sent: a timer on .* has been running in ${harness.service} since 08:45`,
      ),
    );
    expect(harness.entries()).toEqual([expect.objectContaining({ start: at('08:45'), end: null })]);
    expect(textOf(await engine.call('timer_status'))).not.toMatch(/decision/);
  });

  it('kept writes are sent in the background once the back end answers, without another call', async () => {
    const harness = await (HARNESSES[name] as () => Promise<Harness>)();
    const dir = dataFolder(harness);
    // The background's pauses on a clock the test moves: the round is due when the test says so.
    const timers = new ManualTimers();
    const engine = await engineFor(harness, NOW, dir, {}, timers);
    expect((await engine.call('list_catalog')).isError).toBeFalsy();
    await harness.network.cut();
    expect(
      textOf(
        await engine.call('log_time', { project: harness.project, ...(harness.activity ? { activity: harness.activity } : {}), start: '07:00', end: '08:00' }),
      ),
    ).toMatch(/out of reach; logged/);
    // A read while the back end is away tries the outbox again, settles nothing, and so signals nothing.
    expect((await engine.call('timer_status')).isError).toBe(true);
    const signal = join(dir, OUTBOX_SETTLED_FILE);
    expect(existsSync(signal)).toBe(false);
    await harness.network.restore();
    // The next round is the first pause away (5 s), as the kept write scheduled it.
    expect(timers.pending).toEqual([5_000]);
    timers.advance(5_000);
    await until(() => harness.entries().length === 1);
    expect(harness.entries()).toEqual([expect.objectContaining({ start: at('07:00'), end: at('08:00') })]);
    // The app, watching the data folder, learns of the send at once (main/app/status-sync.ts).
    await until(() => existsSync(signal));
    expect(statSync(signal).mode & 0o777).toBe(0o600);
    expect(textOf(await engine.call('timer_status'))).toMatch(new RegExp(`Sent to ${harness.service} from the outbox .*Logged 1 h on "${harness.project}"`));
  });
});

describe('the outbox’s background while Kimai stays out of reach', () => {
  it('waits twice as long after each round that finds it away, 5 s up to 5 min, and 5 s again once it answered', async () => {
    const harness = await kimaiHarness();
    const dir = dataFolder(harness);
    const timers = new ManualTimers();
    const engine = await engineFor(harness, NOW, dir, {}, timers);
    expect((await engine.call('list_catalog')).isError).toBeFalsy();
    await harness.network.cut();
    const logHour = (start: string, end: string) => engine.call('log_time', { project: harness.project, activity: harness.activity, start, end });
    expect(textOf(await logHour('07:00', '08:00'))).toMatch(/out of reach; logged/);
    // Half an hour away costs the test nothing: each round is run when due (it finds Kimai away and
    // schedules the next), and the next one waits longer.
    const waits = [await settled(timers)];
    while (waits.length < 9) {
      timers.advance(waits.at(-1) as number);
      waits.push(await settled(timers));
    }
    expect(waits).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    expect(harness.entries()).toEqual([]);
    // Back: the round that is due sends it, and nothing more waits.
    await harness.network.restore();
    timers.advance(waits.at(-1) as number);
    await until(() => harness.entries().length === 1);
    await until(() => timers.pending.length === 0);
    // The next time it is away, the background starts again from the first pause.
    await harness.network.cut();
    expect(textOf(await logHour('08:00', '09:00'))).toMatch(/out of reach; logged/);
    expect(await settled(timers)).toBe(5_000);
  });
});

/** The one round the background scheduled, once the round before has ended (its requests are real). */
async function settled(timers: ManualTimers): Promise<number> {
  await until(() => timers.pending.length === 1);
  return timers.pending[0] as number;
}

describe('the outbox and what may change meanwhile (Kimai)', () => {
  it('a write a gateway answered 503 for is kept; one the back end refused (401) is said at once and not kept', async () => {
    const fake = opened(await startFakeKimai({ now: clockStartingAt(LATER) }));
    seedCatalog(fake);
    const ada = KIMAI_USERS[0] as (typeof KIMAI_USERS)[number];
    const dir = makeUserDataDir({ timezone: 'Europe/Berlin', provider: { type: 'kimai', url: fake.url } });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_KIMAI_TOKEN: ada.token } }));
    expect((await engine.call('list_catalog')).isError).toBeFalsy();
    fake.failNext({ method: 'POST', path: '/api/timesheets' }, { status: 503, raw: '<html>Service Unavailable</html>' });
    const kept = await engine.call('log_time', { project: 'Website', activity: 'Design', start: '07:00', end: '08:00' });
    expect(textOf(kept)).toMatch(/^Kimai is out of reach; logged 1 h on "Website" · "Design", 07:00–08:00 here/);
    expect(textOf(await engine.call('timer_status'))).toMatch(/Sent to Kimai from the outbox .*Logged 1 h on "Website" · "Design", 07:00–08:00/);
    fake.failNext({ method: 'POST', path: '/api/timesheets' }, { status: 401, body: { code: 401, message: 'Unauthorized' } });
    const refused = await engine.call('log_time', { project: 'Website', activity: 'Design', start: '08:00', end: '08:30' });
    expect(textOf(refused)).toMatch(/^Kimai at \S+ did not accept the API token/);
    expect(refused.isError).toBe(true);
    expect(textOf(await engine.call('timer_status'))).not.toMatch(/outbox|decision/);
    expect(fake.state.timesheets.map((sheet) => [sheet.begin, sheet.end])).toEqual([[at('07:00'), at('08:00')]]);
  });

  it('a kept write that meets a rate limit waits for the next round instead of asking for a decision', async () => {
    const fake = opened(await startFakeKimai({ now: clockStartingAt(LATER) }));
    seedCatalog(fake);
    const ada = KIMAI_USERS[0] as (typeof KIMAI_USERS)[number];
    const dir = makeUserDataDir({ timezone: 'Europe/Berlin', provider: { type: 'kimai', url: fake.url } });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_KIMAI_TOKEN: ada.token } }));
    expect((await engine.call('list_catalog')).isError).toBeFalsy();
    fake.failNext({ method: 'POST', path: '/api/timesheets' }, { status: 502, raw: 'Bad Gateway' });
    expect(textOf(await engine.call('log_time', { project: 'Website', activity: 'Design', start: '07:00', end: '08:00' }))).toMatch(
      /^Kimai is out of reach; logged/,
    );
    fake.failNext({ method: 'POST', path: '/api/timesheets' }, { status: 429, headers: { 'Retry-After': '120' } });
    expect(textOf(await engine.call('timer_status'))).not.toMatch(/decision|Sent to/);
    expect(fake.state.timesheets).toEqual([]);
    expect(textOf(await engine.call('timer_status'))).toMatch(/Sent to Kimai from the outbox .*Logged 1 h on "Website" · "Design", 07:00–08:00/);
    expect(fake.state.timesheets.map((sheet) => [sheet.begin, sheet.end])).toEqual([[at('07:00'), at('08:00')]]);
  });

  it('what a refused call sent from the outbox is said in the next answer, not lost with the refusal', async () => {
    const harness = await kimaiHarness();
    const dir = dataFolder(harness);
    const engine = await engineFor(harness, NOW, dir);
    expect((await engine.call('list_catalog')).isError).toBeFalsy();
    await harness.network.cut();
    expect(textOf(await engine.call('log_time', { project: 'Website', activity: 'Design', start: '07:00', end: '08:00' }))).toMatch(/out of reach; logged/);
    await harness.network.restore();
    // The clock-out sends the kept entry first, then is refused: its answer is the refusal alone.
    const refused = await engine.call('clock_out');
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).not.toMatch(/outbox/);
    expect(harness.entries()).toEqual([expect.objectContaining({ start: at('07:00'), end: at('08:00') })]);
    expect(textOf(await engine.call('timer_status'))).toMatch(/Sent to Kimai from the outbox .*Logged 1 h on "Website" · "Design", 07:00–08:00/);
    expect(textOf(await engine.call('timer_status'))).not.toMatch(/outbox/);
  });

  it('a damaged outbox file: the engine says so once and sends writes straight to the back end', async () => {
    const harness = await kimaiHarness();
    const dir = dataFolder(harness);
    writeFileSync(join(dir, 'outbox.db'), 'not a database '.repeat(100));
    const engine = await engineFor(harness, NOW, dir);
    const first = await engine.call('timer_status');
    expect(first.isError).toBeFalsy();
    expect(first.structuredContent?.notices).toEqual([
      {
        code: 'outbox_unusable',
        facts: { service: 'Kimai', file: { problem: 'cannot_open', path: expect.stringMatching(/outbox\.db$/), reason: 'file is not a database' } },
      },
    ]);
    expect(textOf(first)).toMatch(
      /Punchcard's outbox \S+outbox\.db cannot be opened \(file is not a database\)\. .* Until then, changes go straight to Kimai: while it is out of reach they fail instead of being kept to send later\./,
    );
    const logged = await engine.call('log_time', { project: 'Website', activity: 'Design', start: '07:00', end: '08:00' });
    expect(logged.isError).toBeFalsy();
    expect(textOf(logged)).not.toMatch(/outbox|out of reach/);
    expect(harness.entries()).toEqual([expect.objectContaining({ start: at('07:00'), end: at('08:00') })]);
    await harness.network.cut();
    const refused = await engine.call('log_time', { project: 'Website', activity: 'Design', start: '08:00', end: '08:30' });
    expect(refused.isError).toBe(true);
    expect(harness.entries()).toHaveLength(1);
  });

  it('an AI client with --all-tools keeps no write AI clients may not make, so none is sent later', async () => {
    const harness = await kimaiHarness();
    const dir = dataFolder(harness);
    writeSettings(dir, { timezone: 'Europe/Berlin', ...harness.settings, tools: { enabled: { log_time: false } } });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, args: ['--all-tools'], env: { PUNCHCARD_NOW: NOW, ...harness.env } }));
    expect((await engine.call('list_catalog')).isError).toBeFalsy();
    await harness.network.cut();
    const refused = await engine.call('log_time', { project: 'Website', activity: 'Design', start: '07:00', end: '08:00' });
    expect(refused.isError).toBe(true);
    expect(refusalOf(refused)).toEqual({ code: 'outbox_write_switched_off', facts: { service: 'Kimai', tool: 'log_time' } });
    expect(textOf(refused)).toBe(
      "Kimai is out of reach, and this change cannot be kept to send later: log_time is switched off now (the read-only switch, the tool switches or your organisation's policy). Nothing was changed.",
    );
    await harness.network.restore();
    expect(textOf(await engine.call('timer_status'))).not.toMatch(/outbox|decision/);
    expect(harness.entries()).toEqual([]);
  });

  it('a kept write the read-only switch now forbids is not sent, and the next answer says why', async () => {
    const harness = await kimaiHarness();
    const dir = dataFolder(harness);
    const engine = await engineFor(harness, NOW, dir);
    expect((await engine.call('list_catalog')).isError).toBeFalsy();
    await harness.network.cut();
    expect(textOf(await engine.call('log_time', { project: 'Website', activity: 'Design', start: '07:00', end: '08:00' }))).toMatch(/out of reach; logged/);
    await engine.close();
    writeSettings(dir, { timezone: 'Europe/Berlin', ...harness.settings, tools: { readOnly: true } });
    await harness.network.restore();
    const later = await engineFor(harness, LATER, dir);
    const told = textOf(await later.call('timer_status'));
    expect(told).toMatch(
      /Needs your decision .*Your entry "Website" · "Design", 07:00–08:00 was not sent: log_time is switched off now \(the read-only switch, the tool switches or your organisation's policy\)\./,
    );
    expect(harness.entries()).toEqual([]);
  });
});
