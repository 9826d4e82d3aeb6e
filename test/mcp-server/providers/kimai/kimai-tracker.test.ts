// The Kimai tracker against the fake Kimai, in process: what it sends, what it makes of the answers,
// and how many requests each operation costs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type KimaiDetection, readDetection, writeDetection } from '../../../../mcp-server/providers/kimai/facts.ts';
import { loadKimaiTracker } from '../../../../mcp-server/providers/kimai/tracker.ts';
import type { RemoteTracker } from '../../../../mcp-server/providers/remote-tracker.ts';
import { TimerRunningError } from '../../../../mcp-server/providers/time-tracker.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeKimaiOptions, type FakeUser, seedCatalog, startFakeKimai } from './fake-kimai.ts';
import { failureOf } from './tracker-support.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;
const TOM = DEFAULT_USERS[1] as FakeUser;
const WORK_WEEK = { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 };
/** Christmas and New Year, as a region's calendar would give them. */
const HOLIDAYS: ReadonlySet<string> = new Set(['2026-12-25', '2026-12-26', '2027-01-01']);
const at = (iso: string) => Date.parse(iso);

let fake: FakeKimai | undefined;
let tracker: RemoteTracker | undefined;
let dir: string | undefined;
let logged: string[] = [];

afterEach(async () => {
  tracker?.close();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  fake = undefined;
  tracker = undefined;
  dir = undefined;
});

async function setup(
  options: FakeKimaiOptions & { user?: FakeUser; token?: string | null; timeoutMs?: number; remembered?: KimaiDetection; approvalTools?: boolean } = {},
) {
  const now = clockStartingAt(NOW);
  const server = await startFakeKimai({ now, ...options });
  fake = server;
  const { acme: customer, website, design, meeting } = seedCatalog(server);
  dir = mkdtempSync(join(tmpdir(), 'punchcard-kimai-'));
  if (options.remembered) writeDetection(dir, server.url, options.remembered, (message) => logged.push(message));
  logged = [];
  const token = options.token === undefined ? (options.user ?? ADA).token : options.token;
  const created = (await loadKimaiTracker())({
    profile: { type: 'kimai', url: server.url },
    secret: async () => token,
    userDataDir: dir,
    workWeek: () => WORK_WEEK,
    holidays: async (from, to) => new Map([...HOLIDAYS].filter((date) => date >= from && date <= to).map((date) => [date, 'Holiday'])),
    timezone: () => '',
    now,
    log: (message) => logged.push(message),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.approvalTools ? { approvalToolsWanted: () => true } : {}),
  });
  tracker = created;
  return { fake: server, tracker: created, ids: { customer: customer.id, website: website.id, design: design.id, meeting: meeting.id } };
}

/** Requests made while `run` ran, as 'METHOD /path'. */
async function requestsDuring(server: FakeKimai, run: () => Promise<unknown>): Promise<string[]> {
  const before = server.requests.length;
  await run();
  return server.requests.slice(before).map((request) => `${request.method} ${request.path.replace(/^\/api/, '')}`);
}

describe('what one start leaves the next', () => {
  it('takes the zone remembered, asks for the profile only when a call needs the user, and corrects the memory', async () => {
    // A stale zone: the person moved their Kimai profile to Berlin since.
    const { fake, tracker } = await setup({ remembered: { timezone: 'America/New_York' } });
    expect(await requestsDuring(fake, async () => expect(await tracker.account.timeZone()).toBe('America/New_York'))).toEqual([]);
    await tracker.entries.listEntries({ from: at('2026-11-18T00:00:00+01:00'), to: at('2026-11-19T00:00:00+01:00'), limit: 10, offset: 0 });
    expect(await tracker.account.timeZone()).toBe('Europe/Berlin');
    // The same read says Ada leads nobody: no team tools, now or at the next start.
    expect(dir && readDetection(dir, fake.url)).toEqual({
      timezone: 'Europe/Berlin',
      leads: false,
      role: 'ROLE_USER',
      tagsRefused: false,
      invoicesRefused: false,
      correctionsRefused: false,
      ratesRefused: false,
      teamsRefused: false,
      catalogRefused: false,
      peopleRefused: false,
    });
  });

  it('learns in the background whether the person leads a team, and switches the team tools on live', async () => {
    const { fake, tracker } = await setup({ config: { absencePlugin: true }, remembered: { absences: true, approvals: true }, user: TOM });
    fake.addTeam('Web', [{ userId: TOM.id, teamlead: true }, { userId: ADA.id }]);
    let changes = 0;
    tracker.onCapabilitiesChange(() => changes++);
    expect(tracker.capabilities.has('team_hours')).toBe(false);
    expect(await requestsDuring(fake, () => tracker.detectFeatures())).toEqual(['GET /users/me']);
    expect([...tracker.capabilities].filter((capability) => capability.startsWith('team_')).sort()).toEqual(['team_hours', 'team_leave', 'team_projects']);
    expect(changes).toBe(1);
    expect(dir && readDetection(dir, fake.url)).toMatchObject({ leads: true });
  });

  it('offers a team lead of no team, and a worker, no team tools', async () => {
    const { tracker } = await setup({ user: TOM });
    await tracker.detectFeatures();
    expect([...tracker.capabilities].filter((capability) => capability.startsWith('team_'))).toEqual([]);
  });

  it('remembers the plugin answer and the zone from a connection test', async () => {
    const { fake, tracker } = await setup({ config: { absencePlugin: true } });
    expect(await tracker.testConnection()).toMatchObject({ ok: true, absences: 'present' });
    expect(dir && readDetection(dir, fake.url)).toEqual({ absences: true, timezone: 'Europe/Berlin' });
  });

  it("names the account in a connection test: its id, name, zone and e-mail (the team server's audit log names people by it)", async () => {
    const { tracker } = await setup();
    expect((await tracker.testConnection()).user).toEqual({ id: '1', name: 'Ada Lovelace', timezone: 'Europe/Berlin', email: 'ada@example.com' });
  });

  it('does not ask about a plugin remembered as there, nor about a role remembered', async () => {
    const { fake, tracker } = await setup({
      config: { absencePlugin: true, approvalPlugin: true },
      remembered: { absences: true, approvals: true, leads: false, role: 'ROLE_USER' },
    });
    expect(await requestsDuring(fake, () => tracker.detectFeatures())).toEqual([]);
    expect(tracker.capabilities.has('leave')).toBe(true);
    expect(tracker.capabilities.has('approvals')).toBe(true);
  });

  it('asks nothing about the ApprovalBundle plugin while no approvals tool is on', async () => {
    const { fake, tracker } = await setup({
      config: { absencePlugin: true, approvalPlugin: true },
      remembered: { absences: true, leads: false, role: 'ROLE_USER' },
    });
    expect(await requestsDuring(fake, () => tracker.detectFeatures())).toEqual([]);
    expect(tracker.capabilities.has('approvals')).toBe(false);
  });

  it('asks every hour for the ApprovalBundle plugin while it is not known to be there, and offers approvals once it answers', async () => {
    const { fake, tracker } = await setup({
      config: { absencePlugin: true },
      remembered: { absences: true, leads: false, role: 'ROLE_USER' },
      approvalTools: true,
    });
    let changes = 0;
    tracker.onCapabilitiesChange(() => changes++);
    expect(await requestsDuring(fake, () => tracker.detectFeatures())).toEqual(['GET /approval-bundle/week-status']);
    expect(tracker.capabilities.has('approvals')).toBe(false);
    expect(dir && readDetection(dir, fake.url)).toMatchObject({ approvals: false });
    fake.config.approvalPlugin = true;
    expect(await requestsDuring(fake, () => tracker.detectFeatures())).toEqual(['GET /approval-bundle/week-status']);
    expect(tracker.capabilities.has('approvals')).toBe(true);
    expect(changes).toBe(1);
    expect(dir && readDetection(dir, fake.url)).toMatchObject({ approvals: true });
    // Remembered as there: not asked again.
    expect(await requestsDuring(fake, () => tracker.detectFeatures())).toEqual([]);
  });

  it('offers leave on trust while nothing is known, and the first 404 of the plugin withdraws it in words', async () => {
    const { fake, tracker } = await setup();
    let changes = 0;
    tracker.onCapabilitiesChange(() => changes++);
    expect(tracker.capabilities.has('leave')).toBe(true);
    const error = await failureOf(
      tracker.leave.createLeave({
        type: 'vacation',
        firstDay: '2026-12-01',
        lastDay: '2026-12-01',
        firstDayPart: 'full',
        lastDayPart: 'full',
        days: 1,
        comment: '',
      }),
    );
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/^This Kimai has no absence plugin \(or your account may not use it\)/);
    expect(tracker.capabilities.has('leave')).toBe(false);
    expect(changes).toBe(1);
    expect(dir && readDetection(dir, fake.url)).toEqual({
      absences: false,
      timezone: 'Europe/Berlin',
      leads: false,
      role: 'ROLE_USER',
      tagsRefused: false,
      invoicesRefused: false,
      correctionsRefused: false,
      ratesRefused: false,
      teamsRefused: false,
      catalogRefused: false,
      peopleRefused: false,
    });
    // A report asks no more: without the plugin there is no leave to count.
    expect(await requestsDuring(fake, async () => expect(await tracker.leave.listLeave({ from: '2026-01-01', to: '2026-12-31' })).toEqual([]))).toEqual([]);
  });
});

describe('timers', () => {
  it('starts without sending a begin, refuses a second timer, and lets Kimai stop the first on switch', async () => {
    const { fake, tracker, ids } = await setup();
    const { started } = await tracker.timer.startTimer({ projectId: ids.website, activityId: ids.design, description: 'Landing page' }, false);
    expect(started).toMatchObject({ end: null, project: { name: 'Website' }, activity: { name: 'Design' }, description: 'Landing page' });
    const post = fake.requests.find((request) => request.method === 'POST');
    expect(JSON.parse(post?.body ?? '{}')).toEqual({ project: ids.website, activity: ids.design, description: 'Landing page' });

    await expect(tracker.timer.startTimer({ projectId: ids.website, activityId: ids.meeting, description: '' }, false)).rejects.toBeInstanceOf(
      TimerRunningError,
    );

    const calls = await requestsDuring(fake, async () => {
      const switched = await tracker.timer.startTimer({ projectId: ids.website, activityId: ids.meeting, description: '' }, true);
      expect(switched.stopped).toMatchObject({ id: started.id, activity: { name: 'Design' } });
      expect(switched.stopped?.end).not.toBeNull();
      expect(switched.started.activity?.name).toBe('Meeting');
    });
    // Kimai's own auto-stop (limit 1): no explicit stop, one read of where the old one ended.
    expect(calls).toEqual(['GET /timesheets/active', 'POST /timesheets', `GET /timesheets/${started.id}`]);
    expect(fake.state.timesheets.filter((sheet) => sheet.end === null)).toHaveLength(1);
  });

  it('stops the running timer where a back-dated one starts', async () => {
    const { fake, tracker, ids } = await setup();
    await tracker.timer.startTimer({ projectId: ids.website, activityId: ids.design, description: '', start: at('2026-11-18T06:30:00+01:00') }, false);
    const { stopped, started } = await tracker.timer.startTimer(
      { projectId: ids.website, activityId: ids.meeting, description: '', start: at('2026-11-18T07:15:00+01:00') },
      true,
    );
    expect(stopped?.end).toBe(at('2026-11-18T07:15:00+01:00'));
    expect(started.start).toBe(at('2026-11-18T07:15:00+01:00'));
    const bodies = fake.requests.filter((request) => request.method !== 'GET').map((request) => request.body);
    expect(bodies).toContain(JSON.stringify({ end: '2026-11-18T07:15:00' }));
    await expect(
      tracker.timer.startTimer({ projectId: ids.website, activityId: ids.meeting, description: '', start: at('2026-11-18T07:00:00+01:00') }, true),
    ).rejects.toThrow(/before the running one/);
  });

  it('stops running timers itself when Kimai allows several at once', async () => {
    const { fake, tracker, ids } = await setup({ config: { activeEntriesHardLimit: 3 } });
    await tracker.timer.startTimer({ projectId: ids.website, activityId: ids.design, description: '' }, false);
    const calls = await requestsDuring(fake, () => tracker.timer.startTimer({ projectId: ids.website, activityId: ids.meeting, description: '' }, true));
    expect(calls).toContain('PATCH /timesheets/5/stop');
    expect(fake.state.timesheets.filter((sheet) => sheet.end === null)).toHaveLength(1);
  });

  it('resumes the last project and activity when none is named (Kimai restart)', async () => {
    const { fake, tracker, ids } = await setup();
    fake.addTimesheet({
      userId: ADA.id,
      begin: at('2026-11-17T09:00:00+01:00'),
      end: at('2026-11-17T10:00:00+01:00'),
      projectId: ids.website,
      activityId: ids.design,
      description: 'Landing page',
    });
    const { started } = await tracker.timer.startTimer({ projectId: null, activityId: null, description: '' }, false);
    expect(started).toMatchObject({ end: null, project: { name: 'Website' }, activity: { name: 'Design' }, description: 'Landing page' });
    expect(fake.requests.some((request) => /\/restart$/.test(request.path) && request.body === '{"copy":"all"}')).toBe(true);
  });

  it('asks for the activity Kimai needs without naming any (a client not offered list_catalog learns no names from a refusal)', async () => {
    const { tracker, ids } = await setup();
    const error = await failureOf(tracker.timer.startTimer({ projectId: ids.website, activityId: null, description: '' }, false));
    expect(error.message).toBe('Kimai books every entry on an activity too; name one (list_catalog shows them).');
    expect((await failureOf(tracker.timer.startTimer({ projectId: null, activityId: ids.meeting, description: '' }, false))).message).toMatch(
      /name the project too/,
    );
  });

  it('stops with a note (stop, then the note) and at a given end (one PATCH)', async () => {
    const { fake, tracker, ids } = await setup();
    await tracker.timer.startTimer(
      { projectId: ids.website, activityId: ids.design, description: 'Landing page', start: at('2026-11-18T06:30:00+01:00') },
      false,
    );
    await tracker.timer.runningEntry();
    const calls = await requestsDuring(fake, async () => {
      const stopped = await tracker.timer.stopTimer(undefined, 'hero done');
      expect(stopped.description).toBe('Landing page\nhero done');
    });
    // The running timer read a moment ago (clock_out reads it first) is not fetched again.
    expect(calls).toEqual(['PATCH /timesheets/5/stop', 'PATCH /timesheets/5']);
    await expect(tracker.timer.stopTimer()).rejects.toThrow(/No timer is running/);

    await tracker.timer.startTimer({ projectId: ids.website, activityId: ids.design, description: '', start: at('2026-11-18T07:00:00+01:00') }, false);
    const stopped = await tracker.timer.stopTimer(at('2026-11-18T07:40:00+01:00'));
    expect(stopped.end).toBe(at('2026-11-18T07:40:00+01:00'));
  });
});

describe('timers: what can no longer be done', () => {
  it('refuses an end before the start of the running timer', async () => {
    const { tracker, ids } = await setup();
    await tracker.timer.startTimer({ projectId: ids.website, activityId: ids.design, description: '', start: at('2026-11-18T07:00:00+01:00') }, false);
    expect((await failureOf(tracker.timer.stopTimer(at('2026-11-18T06:59:00+01:00')))).message).toBe('The end time is before the timer started.');
  });

  it('says so when the running timer was deleted in Kimai meanwhile', async () => {
    const { fake, tracker, ids } = await setup();
    const { started } = await tracker.timer.startTimer({ projectId: ids.website, activityId: ids.design, description: '' }, false);
    await tracker.timer.runningEntry();
    fake.state.timesheets.splice(0);
    const error = await failureOf(tracker.timer.stopTimer());
    expect(error).toMatchObject({ kind: 'not_found', message: `The running timer #${started.id} is gone from Kimai; it was probably deleted meanwhile.` });
  });

  it('has nothing to resume without an earlier entry', async () => {
    const { fake, tracker } = await setup();
    expect((await failureOf(tracker.timer.startTimer({ projectId: null, activityId: null, description: '' }, false))).message).toMatch(
      /^Kimai needs a project and an activity to start a timer, and there is no earlier entry to resume\./,
    );
    expect(fake.requests.some((request) => request.method !== 'GET')).toBe(false);
  });

  it('cannot reopen a finished entry or clear its activity', async () => {
    const { fake, tracker, ids } = await setup();
    const entry = await tracker.entries.createEntry({
      projectId: ids.website,
      activityId: ids.design,
      description: '',
      start: at('2026-11-17T09:00:00+01:00'),
      end: at('2026-11-17T10:00:00+01:00'),
    });
    expect((await failureOf(tracker.entries.updateEntry(entry.id, { end: null }))).message).toBe(
      'Kimai cannot reopen a finished entry; start a new timer instead.',
    );
    expect((await failureOf(tracker.entries.updateEntry(entry.id, { activityId: null }))).message).toMatch(
      /^Every Kimai time entry has a project and an activity/,
    );
    expect(fake.requests.filter((request) => request.method === 'PATCH')).toEqual([]);
  });
});

describe('punch-clock modes', () => {
  it('refuses times a plain user may not send before sending them, but clocks in and out now', async () => {
    const { fake, tracker, ids } = await setup({ config: { trackingMode: 'punch' } });
    const start = await failureOf(
      tracker.timer.startTimer({ projectId: ids.website, activityId: ids.design, description: '', start: at('2026-11-18T07:00:00+01:00') }, false),
    );
    expect(start.message).toMatch(/punch-clock tracking mode, so it does not accept a start time/);
    expect(
      (
        await failureOf(
          tracker.entries.createEntry({
            projectId: ids.website,
            activityId: ids.design,
            description: '',
            start: at('2026-11-17T09:00:00+01:00'),
            end: at('2026-11-17T10:00:00+01:00'),
          }),
        )
      ).message,
    ).toMatch(/does not accept entries logged afterwards/);
    expect(fake.requests.some((request) => request.method === 'POST')).toBe(false);

    await tracker.timer.startTimer({ projectId: ids.website, activityId: ids.design, description: '' }, false);
    expect((await failureOf(tracker.timer.stopTimer(at('2026-11-18T08:00:00+01:00')))).message).toMatch(/does not accept an end time/);
    const stopped = await tracker.timer.stopTimer();
    expect(stopped.end).not.toBeNull();
  });

  it('lets a team lead set times in punch mode (Kimai exempts view_other_timesheet)', async () => {
    const { tracker, ids } = await setup({ config: { trackingMode: 'punch' }, user: TOM });
    const entry = await tracker.entries.createEntry({
      projectId: ids.website,
      activityId: ids.design,
      description: '',
      start: at('2026-11-17T09:00:00+01:00'),
      end: at('2026-11-17T10:00:00+01:00'),
    });
    expect(entry.end).toBe(at('2026-11-17T10:00:00+01:00'));
  });

  it('explains Kimai\'s nameless "extra fields" refusal with the settings it reads only then', async () => {
    const { fake, tracker, ids } = await setup();
    fake.config.trackingMode = 'punch';
    const calls = await requestsDuring(fake, async () => {
      const error = await failureOf(
        tracker.entries.createEntry({
          projectId: ids.website,
          activityId: ids.design,
          description: '',
          start: at('2026-11-17T09:00:00+01:00'),
          end: at('2026-11-17T10:00:00+01:00'),
        }),
      );
      expect(error.message).toMatch(/^Your Kimai uses the punch-clock tracking mode, so it does not accept entries logged afterwards/);
    });
    // The happy path sends the entry at once; the settings are asked for after Kimai refused it.
    expect(calls.indexOf('POST /timesheets')).toBeLessThan(calls.indexOf('GET /config/timesheet'));
  });

  it('explains the refusal with the settings it had when the mode changed under a running session', async () => {
    const { fake, tracker, ids } = await setup();
    // A back-dated start reads the settings (default mode) and keeps them for a while.
    await tracker.timer.startTimer({ projectId: ids.website, activityId: ids.design, description: '', start: at('2026-11-18T07:00:00+01:00') }, false);
    fake.config.trackingMode = 'punch';
    const error = await failureOf(
      tracker.entries.createEntry({
        projectId: ids.website,
        activityId: ids.design,
        description: '',
        start: at('2026-11-17T09:00:00+01:00'),
        end: at('2026-11-17T10:00:00+01:00'),
      }),
    );
    expect(error.message).toBe('Kimai did not let you set start and end to log the time: your Kimai role may not set times on entries.');
  });
});

describe('entries', () => {
  it("converts to the Kimai profile zone, not the caller's, across daylight-saving changes", async () => {
    const newYork: FakeUser = { ...ADA, timezone: 'America/New_York' };
    const { fake, tracker, ids } = await setup({ users: [newYork] });
    // Europe switched back on 2026-10-25, New York only on 2026-11-01: a week with a 5-hour gap.
    const entry = await tracker.entries.createEntry({
      projectId: ids.website,
      activityId: ids.design,
      description: '',
      start: at('2026-10-27T14:00:00+01:00'),
      end: at('2026-10-27T15:30:00+01:00'),
    });
    expect(JSON.parse(fake.requests.at(-1)?.body ?? '{}')).toMatchObject({ begin: '2026-10-27T09:00:00', end: '2026-10-27T10:30:00' });
    expect(entry.start).toBe(at('2026-10-27T13:00:00Z'));
    expect(entry.end).toBe(at('2026-10-27T14:30:00Z'));
  });

  it('keeps the length of entries over the spring-forward and fall-back nights', async () => {
    const { tracker, ids } = await setup();
    const spring = await tracker.entries.createEntry({
      projectId: ids.website,
      activityId: ids.design,
      description: '',
      start: at('2026-03-29T01:30:00+01:00'),
      end: at('2026-03-29T03:30:00+02:00'),
    });
    expect((spring.end ?? 0) - spring.start).toBe(3_600_000);
    const autumn = await tracker.entries.createEntry({
      projectId: ids.website,
      activityId: ids.design,
      description: '',
      start: at('2026-10-25T00:00:00+02:00'),
      end: at('2026-10-25T04:00:00+01:00'),
    });
    expect((autumn.end ?? 0) - autumn.start).toBe(5 * 3_600_000);
    // The second 02:30 of that night has no offset-less spelling Kimai would read right.
    const repeated = await failureOf(
      tracker.entries.createEntry({
        projectId: ids.website,
        activityId: ids.design,
        description: '',
        start: at('2026-10-25T02:00:00+01:00'),
        end: at('2026-10-25T02:30:00+01:00'),
      }),
    );
    expect(repeated.message).toMatch(/repeats when clocks go back in Europe\/Berlin/);
  });

  it('pages with the limit as page size: one request when the offset is a multiple, two otherwise, and 404 past the end', async () => {
    const { fake, tracker, ids } = await setup();
    for (let day = 0; day < 7; day++) {
      const begin = at('2026-11-16T09:00:00+01:00') + day * 3_600_000;
      fake.addTimesheet({ userId: ADA.id, begin, end: begin + 1_800_000, projectId: ids.website, activityId: ids.design });
    }
    fake.addTimesheet({
      userId: TOM.id,
      begin: at('2026-11-16T09:00:00+01:00'),
      end: at('2026-11-16T10:00:00+01:00'),
      projectId: ids.website,
      activityId: ids.design,
    });
    const query = { from: at('2026-11-16T00:00:00+01:00'), to: at('2026-11-23T00:00:00+01:00') };
    await tracker.account.whoami();
    let result: Awaited<ReturnType<RemoteTracker['entries']['listEntries']>> | undefined;
    expect(await requestsDuring(fake, async () => (result = await tracker.entries.listEntries({ ...query, limit: 3, offset: 3 })))).toEqual([
      'GET /timesheets',
    ]);
    expect(result?.total).toBe(7);
    expect(result?.entries.map((entry) => entry.start)).toEqual([3, 4, 5].map((hour) => at('2026-11-16T09:00:00+01:00') + hour * 3_600_000));
    expect(await requestsDuring(fake, async () => (result = await tracker.entries.listEntries({ ...query, limit: 3, offset: 2 })))).toEqual([
      'GET /timesheets',
      'GET /timesheets',
    ]);
    expect(result?.entries).toHaveLength(3);
    expect(fake.requests.at(-1)?.query).toMatch(/page=2&size=3/);
    result = await tracker.entries.listEntries({ ...query, limit: 3, offset: 30 });
    expect(result).toEqual({ entries: [], total: 7 });
    expect(fake.requests.some((request) => request.status === 404)).toBe(true);
  });

  it('reads all pages of a long report a few at a time', async () => {
    const { fake, tracker, ids } = await setup();
    const base = at('2026-10-01T00:00:00+02:00');
    for (let index = 0; index < 1_234; index++) {
      const begin = base + index * 30 * 60_000;
      fake.addTimesheet({ userId: ADA.id, begin, end: begin + 20 * 60_000, projectId: ids.website, activityId: ids.design });
    }
    await tracker.account.whoami();
    let spans: Awaited<ReturnType<RemoteTracker['entries']['workSpans']>> = [];
    const calls = await requestsDuring(fake, async () => (spans = await tracker.entries.workSpans(base, at('2026-11-01T00:00:00+01:00'), at(NOW))));
    expect(calls).toEqual(['GET /timesheets', 'GET /timesheets', 'GET /timesheets']);
    expect(spans).toHaveLength(1_234);
    expect(spans.every((span) => span.end - span.start === 20 * 60_000)).toBe(true);
  });

  it('gets, changes and deletes one entry, naming unknown ones', async () => {
    const { tracker, ids } = await setup();
    const entry = await tracker.entries.createEntry({
      projectId: ids.website,
      activityId: ids.design,
      description: 'a',
      start: at('2026-11-17T09:00:00+01:00'),
      end: at('2026-11-17T10:00:00+01:00'),
    });
    expect(await tracker.entries.getEntry(entry.id)).toMatchObject({ project: { name: 'Website' }, activity: { name: 'Design' } });
    expect(await tracker.entries.updateEntry(entry.id, { activityId: ids.meeting, description: 'b' })).toMatchObject({
      activity: { name: 'Meeting' },
      description: 'b',
    });
    expect((await failureOf(tracker.entries.updateEntry(entry.id, { projectId: null }))).message).toMatch(/has a project and an activity/);
    expect(await tracker.entries.deleteEntry(entry.id)).toMatchObject({ id: entry.id });
    expect((await failureOf(tracker.entries.getEntry(entry.id))).message).toBe(`There is no time entry #${entry.id} in Kimai (or it is not yours).`);
  });

  it('says an exported entry is locked for a plain user, and changes or deletes nothing; an administrator may', async () => {
    const { fake, tracker, ids } = await setup();
    const sheet = {
      projectId: ids.website,
      activityId: ids.design,
      begin: at('2026-11-16T09:00:00+01:00'),
      end: at('2026-11-16T10:00:00+01:00'),
      exported: true,
    };
    const exported = fake.addTimesheet({ ...sheet, userId: ADA.id });
    const free = fake.addTimesheet({ ...sheet, userId: ADA.id, exported: false });
    const { entries } = await tracker.entries.listEntries({ from: at('2026-11-16T00:00:00+01:00'), to: at('2026-11-17T00:00:00+01:00'), limit: 50, offset: 0 });
    const lock = 'It is exported in Kimai, and only an administrator may change exported records.';
    expect(entries.map((entry) => [entry.id, entry.locked])).toEqual([
      [exported.id, lock],
      [free.id, undefined],
    ]);
    expect((await tracker.entries.getEntry(exported.id)).locked).toBe(lock);
    const requests = await requestsDuring(fake, async () =>
      expect((await failureOf(tracker.entries.deleteEntry(exported.id))).message).toBe(
        `Time entry #${exported.id} cannot be deleted: ${lock} Nothing was deleted.`,
      ),
    );
    expect(requests.filter((request) => request.startsWith('DELETE'))).toEqual([]);
    expect(fake.state.timesheets.some((candidate) => candidate.id === exported.id)).toBe(true);
  });

  it('leaves an exported entry open to an administrator, who may change exported records', async () => {
    const root = DEFAULT_USERS[2] as FakeUser;
    const { fake, tracker, ids } = await setup({ user: root });
    const sheet = fake.addTimesheet({
      projectId: ids.website,
      activityId: ids.design,
      begin: at('2026-11-16T09:00:00+01:00'),
      end: at('2026-11-16T10:00:00+01:00'),
      exported: true,
      userId: root.id,
    });
    expect((await tracker.entries.getEntry(sheet.id)).locked).toBeUndefined();
    expect(await tracker.entries.deleteEntry(sheet.id)).toMatchObject({ id: sheet.id });
  });

  it('names the field Kimai rejected', async () => {
    const { fake, tracker, ids } = await setup();
    const other = fake.addProject('Intranet', ids.customer);
    const error = await failureOf(
      tracker.entries.createEntry({
        projectId: other.id,
        activityId: ids.design,
        description: '',
        start: at('2026-11-17T09:00:00+01:00'),
        end: at('2026-11-17T10:00:00+01:00'),
      }),
    );
    expect(error.message).toMatch(/^Kimai refused to log the time: activity: "Project mismatch/);
  });
});

describe('catalog', () => {
  it('loads customers, projects (all dates) and activities once, and shows hidden ones only on request', async () => {
    const { fake, tracker, ids } = await setup();
    fake.addProject('Ended', ids.customer, { end: '2020-12-31' });
    fake.addActivity('Old', ids.website, { visible: false });
    const calls = await requestsDuring(fake, async () => {
      const visible = await tracker.catalog.catalog(false);
      expect(visible.projects.map((item) => item.name)).toEqual(['Ended', 'Website']);
      expect(visible.activities.map((item) => item.name)).toEqual(['Design', 'Meeting']);
      const all = await tracker.catalog.catalog(true);
      expect(all.activities.find((item) => item.name === 'Old')).toMatchObject({ archived: true });
    });
    expect(calls.sort()).toEqual(['GET /activities', 'GET /customers', 'GET /projects']);
    expect(fake.requests.find((request) => request.path === '/api/projects')?.query).toMatch(/ignoreDates=1/);
  });

  it('creates and archives with the permission, and says so in words without it', async () => {
    const admin: FakeUser = { ...ADA, role: 'ROLE_ADMIN' };
    const { tracker, ids } = await setup({ users: [admin] });
    const project = await tracker.catalog.createCatalogItem({ kind: 'project', name: 'Shop', customerId: ids.customer });
    expect(project).toMatchObject({ name: 'Shop', customer: { name: 'ACME' } });
    expect(await tracker.catalog.setArchived('project', project.id, true)).toMatchObject({ archived: true });
    await expect(tracker.catalog.createCatalogItem({ kind: 'project', name: 'Orphan' })).rejects.toThrow(/belongs to a customer/);

    tracker.close();
    await fake?.close();
    const plain = await setup();
    expect((await failureOf(plain.tracker.catalog.createCatalogItem({ kind: 'customer', name: 'New Co' }))).message).toMatch(
      /^Your Kimai account may not create a customer \(Kimai answered 403 Forbidden\)/,
    );
  });
});

describe('failures', () => {
  it('explains a bad token, and never shows it', async () => {
    const { tracker } = await setup({ token: 'not-a-real-token-secret' });
    const error = await failureOf(tracker.timer.runningEntry());
    expect(error.message).toMatch(/did not accept the API token/);
    expect(error.message).not.toMatch(/not-a-real-token-secret/);
  });

  it('says where to put a token when none is stored', async () => {
    const { fake, tracker } = await setup({ token: null });
    expect((await failureOf(tracker.timer.runningEntry())).message).toMatch(
      /No Kimai API token is stored for http:\/\/127\.0\.0\.1:\d+.*PUNCHCARD_KIMAI_TOKEN/,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('retries once after a 429, honouring Retry-After, and reports a second one', async () => {
    const { fake, tracker } = await setup();
    fake.failNext({ path: '/api/timesheets/active' }, { status: 429, headers: { 'Retry-After': '0' } });
    expect(await tracker.timer.runningEntry()).toBeNull();
    expect(fake.requests.filter((request) => request.path === '/api/timesheets/active').map((request) => request.status)).toEqual([429, 200]);

    fake.failNext({ path: '/api/timesheets/active' }, { status: 429, headers: { 'Retry-After': '0' }, times: 2 });
    expect((await failureOf(tracker.timer.runningEntry())).message).toMatch(/limiting requests/);
    // A wait longer than a tool call should take is reported at once instead.
    fake.failNext({ path: '/api/timesheets/active' }, { status: 429, headers: { 'Retry-After': '3600' } });
    const before = fake.requests.length;
    await failureOf(tracker.timer.runningEntry());
    expect(fake.requests.length - before).toBe(1);
  });

  it('reports server errors, invalid JSON, web pages and timeouts, and keeps working afterwards', async () => {
    const { fake, tracker } = await setup({ timeoutMs: 300 });
    fake.failNext({ path: '/api/timesheets/active' }, { status: 500, body: { code: 500, message: 'Internal Server Error' } });
    expect((await failureOf(tracker.timer.runningEntry())).message).toMatch(/internal error \(500\)/);
    fake.failNext({ path: '/api/timesheets/active' }, { status: 200, raw: '{"id": 1, "begin": ' });
    expect((await failureOf(tracker.timer.runningEntry())).message).toMatch(/not Kimai's JSON API/);
    fake.failNext(
      { path: '/api/timesheets/active' },
      { status: 200, raw: '<!DOCTYPE html><html><body>Login</body></html>', headers: { 'Content-Type': 'text/html' } },
    );
    expect((await failureOf(tracker.timer.runningEntry())).message).toMatch(/a web page that is not Kimai's JSON API/);
    fake.failNext({ path: '/api/timesheets/active' }, { status: 200, body: [], delayMs: 2_000 });
    expect((await failureOf(tracker.timer.runningEntry())).message).toBe(
      `Kimai at ${new URL(fake.url).host} did not answer within 300 ms trying to read the running timer. It may be overloaded or unreachable; try again later. (A write may still have happened: check before repeating it.)`,
    );
    expect(await tracker.timer.runningEntry()).toBeNull();
  });

  it('names an unreachable server', async () => {
    const { fake, tracker } = await setup();
    await fake.close();
    expect((await failureOf(tracker.timer.runningEntry())).message).toMatch(/connection refused/);
  });
});

describe('leave on the absence plugin', () => {
  it('detects the plugin, remembers it, and splits a request over New Year into one absence per year', async () => {
    const { fake, tracker } = await setup({ config: { absencePlugin: true } });
    let changes = 0;
    tracker.onCapabilitiesChange(() => changes++);
    // Nothing known yet: the leave tools are offered on trust, and the check confirms them.
    expect(tracker.capabilities.has('leave')).toBe(true);
    await tracker.detectFeatures();
    expect(changes).toBe(0);
    expect(tracker.capabilities.has('leave')).toBe(true);

    // request_leave counts the days (holidays left out) and hands them in.
    const request = await tracker.leave.createLeave({
      type: 'vacation',
      firstDay: '2026-12-21',
      lastDay: '2027-01-08',
      firstDayPart: 'full',
      lastDayPart: 'full',
      days: 13,
      comment: 'family',
    });
    expect(request.parts).toEqual([
      { id: expect.any(Number), firstDay: '2026-12-21', lastDay: '2026-12-31' },
      { id: expect.any(Number), firstDay: '2027-01-01', lastDay: '2027-01-08' },
    ]);
    expect(fake.state.absences.map((absence) => [absence.date, absence.endDate, absence.type])).toEqual([
      ['2026-12-21', '2026-12-31', 'holiday'],
      ['2027-01-01', '2027-01-08', 'holiday'],
    ]);
    // Listed, each part counts as request_leave did: 21–24 and 28–31 (the 25th is a holiday), and 4–8 (the 1st is).
    const listed = await tracker.leave.listLeave({ from: '2026-12-01', to: '2027-01-31' });
    expect(listed).toEqual([
      expect.objectContaining({ type: 'vacation', firstDay: '2026-12-21', lastDay: '2026-12-31', days: 8, status: 'pending', person: 'Ada Lovelace' }),
      expect.objectContaining({ firstDay: '2027-01-01', lastDay: '2027-01-08', days: 5 }),
    ]);
    expect(listed.reduce((sum, item) => sum + item.days, 0)).toBe(request.days);
    const cancelled = await tracker.leave.cancelLeave(listed[0]?.id ?? 0);
    expect(cancelled).toMatchObject({ status: 'cancelled', days: 8 });
    expect(fake.state.absences).toHaveLength(1);
    expect((await failureOf(tracker.leave.cancelLeave(4242))).message).toMatch(/no absence #4242 of yours/);
    expect(fake.requests.some((request) => request.method === 'DELETE' && request.path.endsWith('/4242'))).toBe(false);
  });

  it('tells the person when the plugin is there but their account may not use it', async () => {
    const { fake, tracker } = await setup({ config: { absencePlugin: true } });
    fake.failNext({ path: '/api/absences/types' }, { status: 403, body: { code: 403, message: 'Forbidden' }, times: 2 });
    const report = await tracker.testConnection();
    expect(report).toMatchObject({
      ok: true,
      absences: 'forbidden',
      message: expect.stringMatching(/; absence plugin installed, but your account may not use it\.$/),
    });
    await tracker.detectFeatures();
    expect(tracker.capabilities.has('leave')).toBe(false);
    expect(logged).toContain('Kimai has the absence plugin, but your account may not use it; the leave tools are off.');
  });

  it('finds what the leave listing shows, years ahead too, and cancels it without a listing first', async () => {
    const { fake, tracker } = await setup({ config: { absencePlugin: true } });
    await tracker.detectFeatures();
    // Filed elsewhere (in Kimai's web page, by another start): this start has not listed it.
    fake.state.absences.push({
      id: 900,
      userId: ADA.id,
      date: '2029-03-05',
      endDate: '2029-03-09',
      type: 'holiday',
      status: 'new',
      halfDay: false,
      comment: '',
    });
    expect(await tracker.leave.cancelLeave(900)).toMatchObject({ status: 'cancelled', firstDay: '2029-03-05' });
    expect(fake.state.absences).toHaveLength(0);
    expect((await failureOf(tracker.leave.cancelLeave(901))).message).toBe('There is no absence #901 of yours in Kimai from last year on.');
  });

  it('names an absence deleted in Kimai since it was listed', async () => {
    const { fake, tracker } = await setup({ config: { absencePlugin: true } });
    await tracker.detectFeatures();
    const request = await tracker.leave.createLeave({
      type: 'vacation',
      firstDay: '2026-12-01',
      lastDay: '2026-12-01',
      firstDayPart: 'full',
      lastDayPart: 'full',
      days: 1,
      comment: '',
    });
    fake.state.absences.splice(0);
    expect((await failureOf(tracker.leave.cancelLeave(request.id))).message).toBe(`There is no absence #${request.id} in Kimai (or it is not yours).`);
  });

  it('says which parts were filed when a later part is refused', async () => {
    const { fake, tracker } = await setup({ config: { absencePlugin: true } });
    await tracker.detectFeatures();
    fake.state.absences.push({
      id: 900,
      userId: ADA.id,
      date: '2027-01-05',
      endDate: '2027-01-05',
      type: 'sickness',
      // Rejected: Punchcard weighs an overlap on waiting and approved leave only, and the fake's plugin refuses the day all the same.
      status: 'rejected',
      halfDay: false,
      comment: '',
    });
    const error = await failureOf(
      tracker.leave.createLeave({
        type: 'vacation',
        firstDay: '2026-12-28',
        lastDay: '2027-01-08',
        firstDayPart: 'full',
        lastDayPart: 'full',
        days: 8,
        comment: '',
      }),
    );
    expect(error.message).toMatch(
      /^Kimai stores this leave as 2 absences; 1 were filed \(#\d+ \(2026-12-28 to 2026-12-31\)\), then it refused the part from 2027-01-01 to 2027-01-08: Kimai refused to request the absence: first day: "There is already an absence on this day\."\./,
    );
  });

  it('knows no leave and costs no request without the plugin', async () => {
    const { fake, tracker } = await setup();
    await tracker.detectFeatures();
    expect(tracker.capabilities.has('leave')).toBe(false);
    expect(await requestsDuring(fake, () => tracker.leave.listLeave({ from: '2026-01-01', to: '2026-12-31' }))).toEqual([]);
    await expect(
      tracker.leave.createLeave({
        type: 'vacation',
        firstDay: '2026-12-21',
        lastDay: '2026-12-21',
        firstDayPart: 'full',
        lastDayPart: 'full',
        days: 1,
        comment: '',
      }),
    ).rejects.toThrow(/no absence plugin/);
  });
});

describe('a timer read (timer_status: what runs, and the week so far)', () => {
  const WEEK = { from: at('2026-11-16T00:00:00+01:00'), to: at('2026-11-19T00:00:00+01:00') };
  const read = (tracker: RemoteTracker, now: number) => Promise.all([tracker.timer.runningEntry(), tracker.entries.workSpans(WEEK.from, WEEK.to, now)]);
  const minutes = (spans: Array<{ start: number; end: number }>) => spans.reduce((sum, span) => sum + (span.end - span.start), 0) / 60_000;

  it('asks Kimai only what runs once the week was read, and adds the running timer up to now', async () => {
    const { fake, tracker, ids } = await setup();
    fake.addTimesheet({
      userId: ADA.id,
      begin: at('2026-11-16T09:00:00+01:00'),
      end: at('2026-11-16T11:00:00+01:00'),
      projectId: ids.website,
      activityId: ids.design,
    });
    fake.addTimesheet({ userId: ADA.id, begin: at('2026-11-18T07:00:00+01:00'), end: null, projectId: ids.website, activityId: ids.design });
    const first = await read(tracker, at('2026-11-18T07:30:00+01:00'));
    expect(minutes(first[1])).toBe(150);
    let second: Awaited<ReturnType<typeof read>> | undefined;
    expect(await requestsDuring(fake, async () => (second = await read(tracker, at('2026-11-18T07:45:00+01:00'))))).toEqual(['GET /timesheets/active']);
    expect(minutes(second?.[1] ?? [])).toBe(165);
  });

  it('reads the week again after a write through Punchcard: a clock-out counts at once', async () => {
    const { fake, tracker, ids } = await setup();
    fake.addTimesheet({ userId: ADA.id, begin: at('2026-11-18T07:00:00+01:00'), end: null, projectId: ids.website, activityId: ids.design });
    await read(tracker, at('2026-11-18T07:30:00+01:00'));
    const stopped = await tracker.timer.stopTimer();
    const calls = await requestsDuring(fake, () => read(tracker, at('2026-11-18T09:00:00+01:00')));
    expect(calls).toEqual(expect.arrayContaining(['GET /timesheets/active', 'GET /timesheets']));
    const [running, spans] = await read(tracker, at('2026-11-18T09:00:00+01:00'));
    expect(running).toBeNull();
    expect(minutes(spans)).toBe(((stopped.end as number) - stopped.start) / 60_000);
  });

  it('reads the week again where the timers running are not those of its last read (clocked out or in elsewhere)', async () => {
    const { fake, tracker, ids } = await setup();
    const sheet = fake.addTimesheet({ userId: ADA.id, begin: at('2026-11-18T07:00:00+01:00'), end: null, projectId: ids.website, activityId: ids.design });
    await read(tracker, at('2026-11-18T07:30:00+01:00'));
    // Stopped on Kimai's own pages: not running any more, and not among the finished entries kept.
    sheet.end = at('2026-11-18T07:40:00+01:00');
    const [running, spans] = await read(tracker, at('2026-11-18T08:00:00+01:00'));
    expect(running).toBeNull();
    expect(minutes(spans)).toBe(40);
    // Started elsewhere: the new timer is read with the week.
    fake.addTimesheet({ userId: ADA.id, begin: at('2026-11-18T08:00:00+01:00'), end: null, projectId: ids.website, activityId: ids.meeting });
    const calls = await requestsDuring(fake, () => read(tracker, at('2026-11-18T08:30:00+01:00')));
    expect(calls).toEqual(expect.arrayContaining(['GET /timesheets']));
    expect(minutes((await read(tracker, at('2026-11-18T08:30:00+01:00')))[1])).toBe(70);
  });
});

describe("an AI agent's own time", () => {
  const work = (ids: { website: number; meeting: number }, start: string, end: string) => ({
    start: at(start),
    end: at(end),
    projectId: ids.website,
    activityId: ids.meeting,
    description: 'Ran the test suite',
    agent: 'claude-code',
  });

  it('carries the tag ai-<agent>, made visible once, and reads it back as the agent', async () => {
    const { fake, tracker, ids } = await setup();
    let entry: Awaited<ReturnType<typeof tracker.entries.createEntry>> | undefined;
    const first = await requestsDuring(
      fake,
      async () => (entry = await tracker.entries.createEntry(work(ids, '2026-11-17T09:00:00+01:00', '2026-11-17T10:00:00+01:00'))),
    );
    expect(first.filter((request) => request.includes('/tags'))).toEqual(['GET /tags/find', 'POST /tags']);
    expect(fake.state.tags).toEqual([expect.objectContaining({ name: 'ai-claude-code', visible: true })]);
    expect(fake.state.timesheets.find((sheet) => sheet.id === entry?.id)?.tags).toEqual(['ai-claude-code']);
    expect(entry).toMatchObject({ agent: 'claude-code', description: 'Ran the test suite' });
    const second = await requestsDuring(fake, () => tracker.entries.createEntry(work(ids, '2026-11-17T11:00:00+01:00', '2026-11-17T12:00:00+01:00')));
    expect(second.filter((request) => request.includes('/tags'))).toEqual(['GET /tags/find']);
    const { entries } = await tracker.entries.listEntries({ from: at('2026-11-17T00:00:00+01:00'), to: at('2026-11-18T00:00:00+01:00'), limit: 10, offset: 0 });
    expect(entries.map((listed) => listed.agent)).toEqual(['claude-code', 'claude-code']);
    const spans = await tracker.entries.workSpans(at('2026-11-17T00:00:00+01:00'), at('2026-11-18T00:00:00+01:00'), at(NOW));
    expect(spans.map((span) => span.agent)).toEqual(['claude-code', 'claude-code']);
  });

  it('refuses, and keeps nothing, where a hidden tag of that name keeps Kimai from making a visible one', async () => {
    const { fake, tracker, ids } = await setup();
    fake.state.tags.push({ id: 9_000, name: 'ai-claude-code', visible: false });
    const failure = await failureOf(tracker.entries.createEntry(work(ids, '2026-11-17T09:00:00+01:00', '2026-11-17T10:00:00+01:00')));
    expect(failure.message).toMatch(/^Kimai would not make the tag ai-claude-code for the agent's own time .*Nothing was recorded\.$/);
    expect(fake.state.timesheets).toEqual([]);
  });
});
