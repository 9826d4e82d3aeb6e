// The built server configured for Clockodo, driven over real stdio by the SDK client through a working
// day against the fake Clockodo, in both protocol eras: the timer on a project and service the person
// may book, entries of their own only, Clockodo's targets and time account, leave with Clockodo's
// types, non-business days and entitlements, and colleagues in the calendar. The API key shows up
// nowhere but in the requests that carry it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOCKODO_FACTS_FILE } from '../../../mcp-server/providers/clockodo/facts.ts';
import { type EngineHandle, type Era, makeUserDataDir, startEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { filesText } from '../../support/files-text.ts';
import { DEFAULT_USERS, type FakeClockodo, type FakeUser, seedCompany, startFakeClockodo } from '../providers/clockodo/fake-clockodo.ts';

// Wednesday morning, 08:00 in Berlin. Both clocks start here and run in real time.
const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;
const BOB = DEFAULT_USERS[1] as FakeUser;
const MIA = DEFAULT_USERS[2] as FakeUser;

describe.each<Era>(['legacy', 'modern'])('a realistic day on Clockodo (%s era)', (era) => {
  let fake: FakeClockodo;
  let engine: EngineHandle;
  let ids: ReturnType<typeof seedCompany>;

  beforeAll(async () => {
    fake = await startFakeClockodo({ now: clockStartingAt(NOW) });
    ids = seedCompany(fake);
    // Colleagues' absences: Bob (Ada's team, visible to her, its kind hidden) and Mia (another team).
    fake.addAbsence({ usersId: BOB.id, dateSince: '2026-11-19', dateUntil: '2026-11-20', type: 4, status: 1 });
    fake.addAbsence({ usersId: MIA.id, dateSince: '2026-11-19', dateUntil: '2026-11-19', type: 1, status: 1 });
    // An entry of Bob's and a lump sum of Ada's, last Monday.
    fake.addEntry({
      usersId: BOB.id,
      customersId: ids.customers.acme as number,
      projectsId: ids.projects.website as number,
      servicesId: ids.services.development as number,
      timeSince: Date.parse('2026-11-16T09:00:00+01:00'),
      timeUntil: Date.parse('2026-11-16T10:00:00+01:00'),
    });
    fake.addEntry({
      type: 2,
      usersId: ADA.id,
      customersId: ids.customers.acme as number,
      projectsId: ids.projects.website as number,
      servicesId: ids.services.development as number,
      lumpsum: 120,
      text: 'Train ticket',
      timeSince: Date.parse('2026-11-16T12:00:00+01:00'),
      timeUntil: null,
    });
    const userDataDir = makeUserDataDir({
      provider: { type: 'clockodo', email: 'Ada@Example.com', url: `${fake.url}/` },
      tools: { enabled: { update_time_entry: true, delete_time_entry: true, cancel_leave_request: true } },
    });
    // The machine runs in New York; Clockodo says Berlin, and no zone is set in Punchcard.
    engine = await startEngine({ era, userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKODO_TOKEN: ADA.apiKey, TZ: 'America/New_York' } });
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it('lists what a worker without the right to add customers may use, marked as reaching out', async () => {
    // Learned in the background after the first call; on a busy machine that takes a few seconds.
    await expect.poll(() => readFacts(engine.userDataDir)).toMatchObject({ role: 'worker', canAddCustomers: false, absences: true, userId: ADA.id });
    const { tools } = await engine.client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(
      expect.arrayContaining(['clock_in', 'log_time', 'update_time_entry', 'request_leave', 'cancel_leave_request', 'absence_calendar', 'whoami']),
    );
    expect(names).not.toContain('create_catalog_item');
    expect(names).not.toContain('archive_catalog_item');
    expect(names).not.toContain('start_break');
    expect(tools.every((tool) => tool.annotations?.openWorldHint === true)).toBe(true);
  });

  it('says who the person is in Clockodo, with its targets and zone', async () => {
    const result = await engine.call('whoami');
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      name: 'Ada Worker',
      provider: 'Clockodo (ada@example.com)',
      timezone: 'Europe/Berlin',
      plan_source: 'back_end',
      work_week: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 },
      week_target_hours: 40,
      holiday_region: "Clockodo's non-business days",
    });
    expect(result.structuredContent?.connection).toMatch(
      /^Clockodo at 127\.0\.0\.1:\d+ as "Ada Worker" \(worker\) of .+; absence module on; may not add customers or projects\.$/,
    );
  });

  it('lists only the projects and services the person may book on', async () => {
    const catalog = await engine.call('list_catalog');
    expect(catalog.structuredContent).toMatchObject({
      customers: [{ name: 'ACME' }],
      projects: [{ name: 'Website', parent: 'ACME' }],
      activities: [{ name: 'Development', parent: null }],
    });
    expect(JSON.stringify(catalog.structuredContent)).not.toMatch(/Rocket|Globex|Meeting/);
  });

  it('clocks in back-dated on a project and service, and refuses a second timer and a service not open to the person', async () => {
    const started = await engine.call('clock_in', { project: 'website', activity: 'Development', description: 'Landing page', start: '06:30' });
    expect(started.structuredContent).toMatchObject({
      started: { start: '2026-11-18T06:30:00+01:00', end: null, project: 'Website', activity: 'Development', description: 'Landing page' },
      stopped: null,
    });
    const post = fake.requests.findLast((request) => request.method === 'POST' && request.path === '/api/v2/clock');
    expect(JSON.parse(post?.body ?? '{}')).toEqual({
      customers_id: ids.customers.acme,
      projects_id: ids.projects.website,
      services_id: ids.services.development,
      text: 'Landing page',
      time_since: '2026-11-18T05:30:00Z',
    });
    const again = await engine.call('clock_in', { project: 'Website', activity: 'Development' });
    expect(textOf(again)).toMatch(/already running: "Website" · "Development" — "Landing page" since 06:30/);
    const meeting = await engine.call('clock_in', { project: 'Website', activity: 'Meeting', switch: true });
    expect(meeting.isError).toBe(true);
    expect(textOf(meeting)).toMatch(/No activity "Meeting"\. Known: "Development"/);
    const status = await engine.call('timer_status');
    expect(status.structuredContent).toMatchObject({ running: { project: 'Website', minutes: 90 }, on_break: null, today_minutes: 90, week_minutes: 90 });
  });

  it('switches to a new entry with Clockodo stopping the running one, and clocks out with a note', async () => {
    const review = await engine.call('clock_in', { project: 'Website', activity: 'Development', description: 'Review', switch: true });
    expect(textOf(review)).toMatch(/^Stopped "Website" · "Development" — "Landing page" \(1 h 3\d min\); clocked in on "Website" · "Development" — "Review"/);
    const out = await engine.call('clock_out', { note: 'approved' });
    expect(out.structuredContent).toMatchObject({ stopped: { description: 'Review\napproved' } });
    expect(textOf(await engine.call('clock_out'))).toMatch(/No timer is running/);
  });

  it('resumes the last project and service when clocking in without naming them', async () => {
    const resumed = await engine.call('clock_in');
    expect(resumed.structuredContent).toMatchObject({ started: { project: 'Website', activity: 'Development', end: null } });
    expect((await engine.call('clock_out')).isError).toBeFalsy();
  });

  it('logs and lists entries of the person, lump sums listed but left alone', async () => {
    await engine.call('log_time', { date: 'yesterday', duration: '1h30m', project: 'Website', activity: 'Development', description: 'Call' });
    const created = JSON.parse(fake.requests.findLast((request) => request.method === 'POST' && request.path === '/api/v2/entries')?.body ?? '{}');
    expect(created).toMatchObject({ billable: 1, time_since: '2026-11-17T08:00:00Z', time_until: '2026-11-17T09:30:00Z' });
    const listed = await engine.call('list_time_entries');
    const entries = listed.structuredContent?.entries as Array<{ id: number; description: string; minutes: number }>;
    expect(entries.map((entry) => entry.description)).toEqual([
      'Train ticket (lump sum 120; edit it in Clockodo)',
      'Call',
      'Landing page',
      'Review\napproved',
      'Review\napproved',
    ]);
    const lumpSum = entries[0] as { id: number };
    const refusedLumpSum = await engine.call('update_time_entry', { id: lumpSum.id, description: 'x' });
    // The listing says it is locked, and the change is refused in the same words.
    expect((listed.structuredContent?.entries as Array<{ locked?: string }>).map((entry) => entry.locked)).toEqual([
      'It is a lump sum, which Punchcard lists but does not change; change it in Clockodo.',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(textOf(refusedLumpSum)).toBe(
      `Time entry #${lumpSum.id} cannot be changed: It is a lump sum, which Punchcard lists but does not change; change it in Clockodo. Nothing was changed.`,
    );
  });

  it("says a colleague's entry is not the worker's when Clockodo refuses to show it, and changes nothing", async () => {
    // Clockodo refuses a worker a colleague's entry itself; a manager's is refused by Punchcard, in the same words (clockodo-refusals).
    const bobs = fake.state.entries.find((entry) => entry.usersId === BOB.id) as { id: number };
    const sent = fake.requests.length;
    for (const [tool, args] of [
      ['update_time_entry', { id: bobs.id, description: 'mine now' }],
      ['delete_time_entry', { id: bobs.id }],
    ] as const) {
      const result = await engine.call(tool, args);
      expect(textOf(result)).toBe(`Time entry #${bobs.id} is not yours; Punchcard only reads and changes your own entries.`);
    }
    expect(fake.requests.slice(sent).map((request) => `${request.method} ${request.status}`)).toEqual(['GET 403', 'GET 403']);
  });

  it("reports the week with Clockodo's time account", async () => {
    const report = await engine.call('time_report', { group_by: 'day' });
    const data = report.structuredContent as { back_end_balance: { minutes: number; covers: string } };
    expect(data.back_end_balance.covers).toBe("Clockodo's time account for 2026 (its user report)");
    expect(textOf(report)).toMatch(/\nClockodo's time account for 2026 \(its user report\): -\d+ h/);
  });

  it("files leave with Clockodo's non-business days counted out, and refuses an overlap naming it", async () => {
    const leave = await engine.call('request_leave', { type: 'vacation', first_day: '2026-12-21', last_day: '2026-12-31', comment: 'family' });
    // 21–23, Christmas Eve as half a day, 28–31: Clockodo counts 7.5 days, and so does Punchcard.
    expect(leave.structuredContent).toMatchObject({ request: { type: 'vacation', days: 7.5, status: 'pending' }, vacation_days_remaining: 24.5 });
    expect(textOf(leave)).toMatch(/Public holidays not counted: "Christmas Day"\./);
    const overlap = await engine.call('request_leave', { type: 'Sick day of a child', first_day: '2026-12-28' });
    expect(textOf(overlap)).toMatch(/^That overlaps your absence #\d+ \(2026-12-21 to 2026-12-31, pending\)\. Nothing was filed/);
    const other = await engine.call('request_leave', { type: 'other', first_day: '2026-12-14' });
    expect(textOf(other)).toMatch(/Clockodo has no type "other": name one of its own types instead \("Regular holiday", "Special leave"/);
  });

  it('files leave over New Year as one absence per year, and a half day on its own', async () => {
    const winter = await engine.call('request_leave', { type: 'Special leave', first_day: '2027-12-30', last_day: '2028-01-03', last_day_part: 'morning' });
    expect(winter.isError).toBeFalsy();
    expect(winter.structuredContent).toMatchObject({ request: { type: 'personal', kind: 'Special leave' } });
    const parts = (winter.structuredContent?.parts as Array<{ first_day: string; last_day: string }>).map((part) => [part.first_day, part.last_day]);
    expect(parts).toEqual([
      ['2027-12-30', '2027-12-31'],
      ['2028-01-01', '2028-01-02'],
      ['2028-01-03', '2028-01-03'],
    ]);
    expect(fake.state.absences.filter((absence) => absence.usersId === ADA.id && absence.dateSince >= '2027-12-30').map((absence) => absence.halfDay)).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('counts the balance as Clockodo keeps it: quota plus carry-over', async () => {
    const balance = await engine.call('leave_balance');
    expect(balance.structuredContent).toMatchObject({
      year: 2026,
      entitlement: 32,
      carry_over: 2,
      taken: 0,
      planned: 7.5,
      remaining: 24.5,
      source: 'back_end',
    });
  });

  it('shows colleagues the person may see in the calendar, without the kind Clockodo hides', async () => {
    const calendar = await engine.call('absence_calendar', { from: '2026-11-19', to: '2026-11-20' });
    const days = calendar.structuredContent?.days as Array<{ date: string; away: Array<{ person: string; type: string | null }> }>;
    expect(days.map((day) => day.away)).toEqual([
      [{ person: 'Bob Colleague', type: null, part: 'full' }],
      [{ person: 'Bob Colleague', type: null, part: 'full' }],
    ]);
    expect(textOf(calendar)).toMatch(/2026-11-19 Thu: "Bob Colleague": away/);
  });

  it('every request of the day names Punchcard, the login, and no time with milliseconds', () => {
    // Last, so that the times the day sent (clocks, logged and listed entries) are among them.
    expect(fake.requests.some((request) => /time_since|time_until/.test(request.query + request.body))).toBe(true);
    for (const request of fake.requests) {
      expect(request.headers['x-clockodo-external-application']).toBe('Punchcard;ada@example.com');
      expect(request.headers['x-clockodoapiuser']).toBe('ada@example.com');
      expect(decodeURIComponent(request.query) + request.body, `${request.method} ${request.path}`).not.toMatch(/\d\d:\d\d:\d\d\.\d/);
    }
  });

  it('never names another user in a request, and keeps the key out of results, the log and every file', async () => {
    for (const request of fake.requests) {
      const users = [
        ...request.query.matchAll(/users_id(?:%5D|\])?(?:%5B%5D|\[\])?=(\d+)/g),
        ...request.path.matchAll(/\/users\/(\d+)/g),
        ...request.path.matchAll(/\/userreports\/(\d+)/g),
      ].map((match) => Number(match[1]));
      for (const id of users) expect(id, `${request.method} ${request.path}${request.query}`).toBe(ADA.id);
      expect(request.body).not.toMatch(/"users_id"/);
    }
    expect(engine.stderr()).not.toContain(ADA.apiKey);
    for (const file of filesText(engine.userDataDir)) expect(file.text, file.path).not.toContain(ADA.apiKey);
  });
});

function readFacts(dir: string): Record<string, unknown> | undefined {
  try {
    return Object.values(JSON.parse(readFileSync(join(dir, CLOCKODO_FACTS_FILE), 'utf8')) as Record<string, Record<string, unknown>>)[0];
  } catch {
    return undefined;
  }
}
