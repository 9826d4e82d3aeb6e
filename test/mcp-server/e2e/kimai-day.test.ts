// The built server configured for Kimai, driven over real stdio by the SDK client through a working
// day against the fake Kimai, in both protocol eras; then the absence plugin found at run time.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DETECTION_FILE_NAME, readDetection } from '../../../mcp-server/providers/kimai/facts.ts';
import { type EngineHandle, type Era, makeUserDataDir, SERVER_BUNDLE, startEngine, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, rememberPlugin, seedCatalog, startFakeKimai } from '../providers/kimai/fake-kimai.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';

// Wednesday morning, 08:00 in Berlin. Both clocks start here and run in real time.
const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;

describe.each<Era>(['legacy', 'modern'])('a realistic day on Kimai (%s era)', (era) => {
  let fake: FakeKimai;
  let engine: EngineHandle;

  beforeAll(async () => {
    fake = await startFakeKimai({ now: clockStartingAt(NOW), config: { absencePlugin: true } });
    seedCatalog(fake);
    const userDataDir = makeUserDataDir({
      provider: { type: 'kimai', url: `${fake.url}/` },
      holidays: { country: 'DE', state: 'BY' },
      tools: { enabled: { update_time_entry: true, delete_time_entry: true, cancel_leave_request: true, archive_catalog_item: true } },
    });
    rememberPlugin(userDataDir, fake.url, true);
    // The machine runs in New York; the Kimai profile says Berlin, and no zone is set in Punchcard.
    engine = await startEngine({ era, userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_KIMAI_TOKEN: ADA.token, TZ: 'America/New_York' } });
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it('lists every tool the plugin-enabled Kimai can serve, marked as reaching out', async () => {
    const { tools } = await engine.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['clock_in', 'request_leave', 'absence_calendar', 'whoami']));
    expect(tools.every((tool) => tool.annotations?.openWorldHint === true)).toBe(true);
  });

  it('says who the user is in Kimai, in the Kimai profile zone', async () => {
    const result = await engine.call('whoami');
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ name: 'Ada Lovelace', provider: `Kimai (${fake.url})`, timezone: 'Europe/Berlin' });
    // A fresh profile read is the live check; the tracking mode is said once the settings were read.
    expect(result.structuredContent?.connection).toMatch(/^Kimai at http:\/\/127\.0\.0\.1:\d+ as "ada"(; tracking mode default)?; absence plugin available\.$/);
  });

  it('lists the catalog with global activities', async () => {
    const catalog = await engine.call('list_catalog');
    expect(catalog.structuredContent).toMatchObject({
      customers: [{ name: 'ACME' }],
      projects: [{ name: 'Website', parent: 'ACME' }],
      activities: [
        { name: 'Design', parent: 'Website' },
        { name: 'Meeting', parent: null },
      ],
    });
  });

  it('clocks in back-dated, refuses a second timer, and shows the status', async () => {
    const started = await engine.call('clock_in', { project: 'website', activity: 'Design', description: 'Landing page', start: '06:30' });
    expect(started.structuredContent).toMatchObject({
      started: { start: '2026-11-18T06:30:00+01:00', end: null, project: 'Website', activity: 'Design', description: 'Landing page' },
      stopped: null,
    });
    expect(JSON.parse(fake.requests.findLast((request) => request.method === 'POST')?.body ?? '{}')).toMatchObject({ begin: '2026-11-18T06:30:00' });
    const again = await engine.call('clock_in', { project: 'Website', activity: 'Meeting' });
    expect(textOf(again)).toMatch(/already running: "Website" · "Design" — "Landing page" since 06:30/);
    const status = await engine.call('timer_status');
    expect(status.structuredContent).toMatchObject({ running: { project: 'Website', minutes: 90 }, today_minutes: 90, week_minutes: 90 });
  });

  it('switches to a meeting and back, Kimai stopping the running timer', async () => {
    const meeting = await engine.call('clock_in', { project: 'Website', activity: 'Meeting', switch: true });
    expect(meeting.structuredContent).toMatchObject({ started: { activity: 'Meeting', end: null }, stopped: { activity: 'Design' } });
    expect(textOf(meeting)).toMatch(/^Stopped "Website" · "Design" — "Landing page" \(1 h 3\d min\); clocked in on "Website" · "Meeting"/);
  });

  it('clocks out with a note', async () => {
    const stopped = await engine.call('clock_out', { note: 'standup' });
    expect(stopped.structuredContent).toMatchObject({ stopped: { activity: 'Meeting', description: 'standup' } });
  });

  it('logs yesterday, edits an entry keeping its activity, and names one deleted in words', async () => {
    await engine.call('log_time', { date: 'yesterday', duration: '1h30m', project: 'Website', activity: 'Meeting' });
    await engine.call('log_time', { date: 'yesterday', duration: '30m', project: 'Website', activity: 'Design', description: 'review' });
    const listed = await engine.call('list_time_entries', { from: 'yesterday', to: 'yesterday' });
    const review = (listed.structuredContent?.entries as Array<{ id: number }>)[1] as { id: number };
    const updated = await engine.call('update_time_entry', { id: review.id, description: 'code review', end: '2026-11-17T11:15:00+01:00' });
    expect(updated.structuredContent).toMatchObject({ entry: { description: 'code review', minutes: 45, activity: 'Design' } });
    await engine.call('delete_time_entry', { id: review.id });
    const missing = await engine.call('delete_time_entry', { id: review.id });
    expect(textOf(missing)).toBe(`There is no time entry #${review.id} in Kimai (or it is not yours).`);
  });

  it('reports this week by default, its target so far up to today, and by activity', async () => {
    const report = await engine.call('time_report', { group_by: 'day' });
    const data = report.structuredContent as { today: string; groups: Array<{ key: string }>; target_so_far_minutes: number };
    expect(data.today).toBe('2026-11-18');
    expect(data.groups.map((group) => group.key)).toEqual(['16', '17', '18', '19', '20', '21', '22'].map((day) => `2026-11-${day}`));
    expect(data.target_so_far_minutes).toBe(3 * 8 * 60);
    const byActivity = await engine.call('time_report', { group_by: 'activity', project: 'Website' });
    expect((byActivity.structuredContent?.groups as Array<{ key: string }>).map((group) => group.key).sort()).toEqual(['Design', 'Meeting']);
  });

  it('says in words that a plain user may not add to the catalog', async () => {
    const created = await engine.call('create_catalog_item', { kind: 'activity', name: 'Support' });
    expect(created.isError).toBe(true);
    expect(textOf(created)).toMatch(/^Your Kimai account may not create an activity \(Kimai answered 403 Forbidden\)/);
  });

  it('requests leave over New Year as one absence per year, with one summary', async () => {
    const leave = await engine.call('request_leave', { type: 'vacation', first_day: '2026-12-21', last_day: '2027-01-08', comment: 'family' });
    expect(leave.isError).toBeFalsy();
    // 21–24, 28–31, 4, 5, 7, 8: the 25th, 26th, 1st and 6th are Bavarian holidays.
    expect(leave.structuredContent).toMatchObject({
      request: { type: 'vacation', first_day: '2026-12-21', last_day: '2027-01-08', status: 'pending', days: 12 },
      parts: [
        { first_day: '2026-12-21', last_day: '2026-12-31' },
        { first_day: '2027-01-01', last_day: '2027-01-08' },
      ],
    });
    expect(textOf(leave)).toMatch(/Filed as 2 records: #\d+ 2026-12-21 to 2026-12-31, #\d+ 2027-01-01 to 2027-01-08\./);
    expect(fake.state.absences.map((absence) => [absence.date, absence.endDate])).toEqual([
      ['2026-12-21', '2026-12-31'],
      ['2027-01-01', '2027-01-08'],
    ]);
  });

  it('lists leave, the balance and the absence calendar from the plugin', async () => {
    const listed = await engine.call('list_leave_requests', { from: '2026-12-01', to: '2027-01-31' });
    // The same count as request_leave gave, per part: holidays are not leave days here either.
    expect((listed.structuredContent?.requests as Array<{ days: number }>).map((request) => request.days)).toEqual([8, 4]);
    const balance = await engine.call('leave_balance');
    // Mon 21 – Thu 24, Mon 28 – Thu 31 in 2026 (25, 26 are Bavarian holidays).
    expect(balance.structuredContent).toMatchObject({ year: 2026, planned: 8, remaining: 17 });
    const calendar = await engine.call('absence_calendar', { from: '2026-12-24', to: '2026-12-27' });
    const days = calendar.structuredContent?.days as Array<{ date: string; away: Array<{ person: string }> }>;
    expect(days.map((day) => [day.date, day.away.map((away) => away.person)])).toEqual([
      ['2026-12-24', ['Ada Lovelace']],
      ['2026-12-25', []],
      ['2026-12-26', []],
      ['2026-12-27', []],
    ]);
  });

  it('cancels the January part', async () => {
    const january = fake.state.absences.find((absence) => absence.date === '2027-01-01');
    const cancelled = await engine.call('cancel_leave_request', { id: january?.id ?? 0 });
    expect(cancelled.structuredContent).toMatchObject({ request: { status: 'cancelled', first_day: '2027-01-01', days: 4 } });
    expect(fake.state.absences).toHaveLength(1);
  });

  it('archives a project by hiding it, which a plain user may not', async () => {
    const website = fake.state.projects[0];
    const archived = await engine.call('archive_catalog_item', { kind: 'project', id: website?.id ?? 0 });
    expect(archived.isError).toBe(true);
    expect(textOf(archived)).toMatch(/may not archive the project/);
  });

  it('never put the token on stdout or stderr', () => {
    expect(engine.stderr()).not.toContain(ADA.token);
    expect(engine.stderr()).toMatch(/serving on stdio/);
  });
});

// The first test is the built server's (its opening lists the tools before the engine asks Kimai
// anything); what the engine then learns and withdraws is the engine's, in the test's process.
describe('the absence plugin, found at run time', () => {
  const opened = closeAfterEach();

  it('lists the leave tools in the very first tools/list, confirms them in the background, and asks no more once remembered', async () => {
    const fake = opened(await startFakeKimai({ config: { absencePlugin: true } }));
    const dir = makeUserDataDir({ provider: { type: 'kimai', url: fake.url } });
    let notifications = 0;
    let engine = opened(await startEngine({ userDataDir: dir, env: { PUNCHCARD_KIMAI_TOKEN: ADA.token }, listChanged: () => notifications++ }));
    // tools/list went out before the server asked Kimai anything, and already holds the leave tools.
    expect(fake.requests).toHaveLength(0);
    const first = (await engine.client.listTools()).tools.map((tool) => tool.name);
    expect(first).toEqual(expect.arrayContaining(['clock_in', 'request_leave', 'list_leave_requests', 'leave_balance', 'absence_calendar']));
    await expect.poll(() => readDetection(dir, fake.url)?.absences).toBe(true);
    expect(notifications).toBe(0);
    await engine.close();

    const requestsBefore = fake.requests.length;
    engine = opened(await startEngine({ userDataDir: dir, env: { PUNCHCARD_KIMAI_TOKEN: ADA.token } }));
    expect((await engine.client.listTools()).tools.map((tool) => tool.name)).toContain('request_leave');
    // Remembered as there: not asked again (a 404 on a leave request would say it is gone).
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(fake.requests.length).toBe(requestsBefore);
  });

  it('on a Kimai without the plugin, withdraws the leave tools offered on trust at the first 404', async () => {
    const fake = opened(await startFakeKimai());
    // The background check answers late, so the calls below meet the plugin's absence first.
    fake.failNext({ path: '/api/absences/types' }, { status: 404, body: { code: 404, message: 'Not Found' }, delayMs: 3_000 });
    const dir = makeUserDataDir({ provider: { type: 'kimai', url: fake.url } });
    let notifications = 0;
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_KIMAI_TOKEN: ADA.token }, listChanged: () => notifications++ }));
    expect((await engine.client.listTools()).tools.map((tool) => tool.name)).toContain('request_leave');
    const filed = await engine.call('request_leave', { type: 'vacation', first_day: '2026-12-01' });
    expect(filed.isError).toBe(true);
    expect(textOf(filed)).toMatch(/^This Kimai has no absence plugin \(or your account may not use it\)/);
    await expect.poll(() => notifications).toBeGreaterThanOrEqual(1);
    expect((await engine.client.listTools()).tools.map((tool) => tool.name)).not.toContain('request_leave');
    expect(readDetection(dir, fake.url)).toMatchObject({ absences: false });
    // A report still runs: it counts targets without leave.
    expect((await engine.call('time_report')).isError).toBeFalsy();
  });

  it('a report on a Kimai whose plugin is unknown yet and missing counts without leave, and learns it', async () => {
    const fake = opened(await startFakeKimai());
    fake.failNext({ path: '/api/absences/types' }, { status: 404, body: { code: 404, message: 'Not Found' }, delayMs: 3_000 });
    const dir = makeUserDataDir({ provider: { type: 'kimai', url: fake.url } });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_KIMAI_TOKEN: ADA.token } }));
    expect((await engine.call('time_report')).isError).toBeFalsy();
    expect(readDetection(dir, fake.url)).toMatchObject({ absences: false });
  });

  it('learns the plugin and the profile zone from --test-connection, before any AI client starts', async () => {
    const fake = opened(await startFakeKimai({ config: { absencePlugin: false } }));
    const dir = makeUserDataDir({ provider: { type: 'kimai', url: fake.url } });
    // Not spawnSync: the fake Kimai answers from this very process.
    const test = await promisify(execFile)(process.execPath, [SERVER_BUNDLE, '--user-data', dir, '--test-connection'], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, PUNCHCARD_KIMAI_TOKEN: ADA.token },
    });
    expect(test.stderr).toMatch(/^Connection OK/);
    expect(readDetection(dir, fake.url)).toEqual({ absences: false, timezone: 'Europe/Berlin' });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_KIMAI_TOKEN: ADA.token } }));
    expect((await engine.client.listTools()).tools.map((tool) => tool.name)).not.toContain('request_leave');
  });

  it('keeps the leave tools away from a Kimai without the plugin, and from the calendar', async () => {
    const fake = opened(await startFakeKimai());
    const dir = makeUserDataDir({ provider: { type: 'kimai', url: fake.url } });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_KIMAI_TOKEN: ADA.token } }));
    await expect.poll(() => existsSync(join(dir, DETECTION_FILE_NAME))).toBe(true);
    // The file is written as the check ends; the tools it withdraws leave the list a moment after.
    const names = async () => (await engine.client.listTools()).tools.map((tool) => tool.name);
    await expect.poll(names).not.toContain('request_leave');
    expect(await names()).not.toContain('absence_calendar');
    // The report still runs: without the plugin Kimai knows no leave, and nothing is asked for.
    const report = await engine.call('time_report');
    expect(report.isError).toBeFalsy();
    expect(fake.requests.some((request) => request.path.startsWith('/api/absences') && request.path !== '/api/absences/types')).toBe(false);
  });
});
