// Tempo Timesheets through the engine in process (test/support/engine.ts, startInProcessEngine) over the fake Tempo and
// Jira site: what is Tempo's alone. Two hosts and two secrets, each refused in its own words; Punchcard's own timer in
// the data folder across a restart, one worklog at clock_out, kept running where the booking is refused, and never
// booked twice where Tempo's answer was lost; issues by key in any case and by a moved issue's old key, a key Jira does
// not show refused, no activity; work attributes named as Tempo shows them and sent as the values it stores, the
// settings' filling what a call leaves out; a change sending the whole worklog again; someone else's worklog refused
// before anything is sent; a period submitted refusing writes; the schedule's targets and holidays; paging by offset
// on Tempo's own host, never its next link; and Tempo's failures in words (both shapes of its errors, a scope the token
// lacks, a 429 waited out once then said, one asking for more than a minute said at once as a minute, a 5xx).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { makeUserDataDir, refusalOf, startInProcessEngine, textOf, writeSettings } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { filesText } from '../../support/files-text.ts';
import { ADA, addIssues, addWorklog, BOB, type FakeTempo, type FakeTempoOptions, LEA, startFakeTempo, TOKENS } from '../providers/tempo/fake-tempo.ts';
import { NOW, seedAcme, tempoProvider } from '../providers/tempo/request-scenario.ts';

const opened = closeAfterEach();

async function tempoEngine(
  options: FakeTempoOptions & {
    tokens?: { tempo?: string | null; jira?: string | null };
    provider?: Record<string, unknown>;
    settings?: Record<string, unknown>;
    env?: Record<string, string>;
    dir?: string;
    /** More of the world, put into the fake before the engine starts (a team the person leads). */
    seed?: (fake: FakeTempo) => void;
  } = {},
) {
  const fake = opened(await startFakeTempo({ now: clockStartingAt(NOW), perSecond: null, ...options }));
  const seeded = seedAcme(fake);
  options.seed?.(fake);
  const dir = options.dir ?? makeUserDataDir();
  writeSettings(dir, { provider: { ...tempoProvider(fake), ...options.provider }, ...options.settings });
  const open = async () => {
    const tempo = options.tokens?.tempo === undefined ? TOKENS.ada.tempo : options.tokens.tempo;
    const jira = options.tokens?.jira === undefined ? TOKENS.ada.jira : options.tokens.jira;
    return opened(
      await startInProcessEngine({
        userDataDir: dir,
        args: ['--all-tools'],
        env: {
          PUNCHCARD_NOW: NOW,
          PUNCHCARD_TEMPO_PER_SECOND: '1000',
          ...(tempo === null ? {} : { PUNCHCARD_TEMPO_TOKEN: tempo }),
          ...(jira === null ? {} : { PUNCHCARD_JIRA_TOKEN: jira }),
          ...options.env,
        },
      }),
    );
  };
  const engine = await open();
  const writes = (from: number) => fake.requests.slice(from).filter((request) => request.method !== 'GET' && request.path !== '/rest/api/3/search/jql');
  const posted = () =>
    fake.requests
      .filter((request) => request.method === 'POST' && request.path === '/4/worklogs')
      .map((request) => JSON.parse(request.body) as Record<string, unknown>);
  const adas = () => fake.state.worklogs.filter((worklog) => worklog.authorAccountId === ADA);
  return { fake, engine, dir, open, writes, posted, adas, ...seeded };
}

describe('two services, two secrets', () => {
  it("a refused Tempo token and a refused Jira login are each said as that secret's, never shown", async () => {
    const wrong = 'tempo-wrong-0123456789';
    const tempo = await tempoEngine({ tokens: { tempo: wrong } });
    const refused = await tempo.engine.call('timer_status');
    expect(refusalOf(refused)).toMatchObject({ code: 'tempo_token_refused', facts: { host: expect.stringMatching(/^127\.0\.0\.1:/) } });
    expect(JSON.stringify(refused)).not.toContain(wrong);
    for (const file of filesText(tempo.dir)) expect(file.text, file.path).not.toContain(wrong);
    const jira = await tempoEngine({ tokens: { jira: 'jira-wrong-0123' } });
    const said = await jira.engine.call('timer_status');
    expect(refusalOf(said)).toMatchObject({ code: 'jira_token_refused', facts: { email: 'ada@example.com' } });
    expect(textOf(said)).toContain('did not accept the e-mail ada@example.com with your Jira API token');
  });

  it('a missing secret is said by name, and the other is not sent in its place', async () => {
    const noJira = await tempoEngine({ tokens: { jira: null } });
    expect(refusalOf(await noJira.engine.call('timer_status'))).toMatchObject({ code: 'jira_token_missing', facts: { email: 'ada@example.com' } });
    expect(noJira.fake.requests.filter((request) => request.service === 'jira')).toEqual([]);
    const noTempo = await tempoEngine({ tokens: { tempo: null } });
    expect(refusalOf(await noTempo.engine.call('timer_status'))?.code).toBe('tempo_token_missing');
    expect(noTempo.fake.requests.filter((request) => request.service === 'tempo')).toEqual([]);
  });
});

describe("Punchcard's timer on Tempo", () => {
  it('survives a restart in the data folder and books one worklog at clock_out, with its start, note and attributes', async () => {
    const world = await tempoEngine();
    world.fake.state.attributes.push({
      key: '_WorkType_',
      name: 'Work Type',
      type: 'STATIC_LIST',
      required: true,
      names: { dev: 'Development', meet: 'Meeting' },
    });
    const started = await world.engine.call('clock_in', { project: 'WEB-1', start: '07:30', description: 'Standup', fields: { 'Work Type': 'Meeting' } });
    expect(started.isError, textOf(started)).toBeFalsy();
    expect(world.writes(0)).toEqual([]);
    await world.engine.close();
    const again = await world.open();
    expect((await again.call('timer_status')).structuredContent).toMatchObject({
      running: { start: '2026-11-18T07:30:00+01:00', project: 'Website', description: 'Standup', fields: { 'Work Type': 'Meeting' } },
    });
    const stopped = await again.call('clock_out', { end: '07:45', note: 'Short' });
    expect(stopped.structuredContent).toMatchObject({ stopped: { start: '2026-11-18T07:30:00+01:00', end: '2026-11-18T07:45:00+01:00', minutes: 15 } });
    expect(world.posted()).toEqual([
      {
        authorAccountId: ADA,
        issueId: world.website,
        startDate: '2026-11-18',
        startTime: '07:30:00',
        timeSpentSeconds: 900,
        description: 'Standup\nShort',
        attributes: [{ key: '_WorkType_', value: 'meet' }],
      },
    ]);
    expect((await again.call('timer_status')).structuredContent).toMatchObject({ running: null });
  });

  it('runs on where Tempo refuses the booking, and says so; the next clock_out books it', async () => {
    const world = await tempoEngine();
    expect((await world.engine.call('clock_in', { project: 'web-1', start: '07:00' })).isError).toBeFalsy();
    world.fake.failNext('tempo', { method: 'POST', path: '/4/worklogs' }, { status: 400, body: { errors: [{ message: 'Issue is not editable' }] } });
    const refused = await world.engine.call('clock_out');
    expect(refusalOf(refused)).toMatchObject({ code: 'tempo_refused', facts: { message: 'Issue is not editable' } });
    expect(textOf(refused)).toContain('the timer runs on');
    expect((await world.engine.call('timer_status')).structuredContent).toMatchObject({ running: { start: '2026-11-18T07:00:00+01:00' } });
    expect((await world.engine.call('clock_out')).isError).toBeFalsy();
    expect(world.adas().filter((worklog) => worklog.startDate === '2026-11-18')).toHaveLength(1);
  });

  it('is never booked twice where Tempo booked it but its answer was lost: kept, then found, not sent again', async () => {
    const world = await tempoEngine({ env: { PUNCHCARD_TEMPO_TIMEOUT_MS: '400' } });
    expect((await world.engine.call('clock_in', { project: 'WEB-1', start: '07:00' })).isError).toBeFalsy();
    // Tempo's answer comes after the deadline: lost to Punchcard, which keeps the clock-out for later.
    world.fake.failNext('tempo', { method: 'POST', path: '/4/worklogs' }, { status: 200, body: {}, delayMs: 1_500 });
    const kept = await world.engine.call('clock_out', { end: '07:40' });
    expect(kept.isError, textOf(kept)).toBeFalsy();
    // Tempo had booked it all the same: the request reached it before its answer was lost.
    addWorklog(world.fake, {
      author: ADA,
      issueId: world.website,
      start: Date.parse('2026-11-18T07:00:00+01:00'),
      end: Date.parse('2026-11-18T07:40:00+01:00'),
    });
    const sentBefore = world.posted().length;
    // The next call sends the kept clock-out first: the worklog is found among the day's, not booked again.
    const status = await world.engine.call('timer_status');
    expect(status.isError, textOf(status)).toBeFalsy();
    expect(status.structuredContent).toMatchObject({ running: null });
    expect(world.posted()).toHaveLength(sentBefore);
    expect(world.adas().filter((worklog) => worklog.startDate === '2026-11-18')).toHaveLength(1);
  });

  it('refuses a clock-in without an issue where nothing was booked before, and one whose key Jira does not show, with nothing written', async () => {
    const world = await tempoEngine();
    world.fake.state.worklogs.splice(0);
    expect(refusalOf(await world.engine.call('clock_in'))?.code).toBe('tempo_issue_needed');
    const unknown = await world.engine.call('clock_in', { project: 'NOPE-9' });
    expect(refusalOf(unknown)).toEqual({ code: 'tempo_issue_unknown', facts: { key: 'NOPE-9' } });
    expect(textOf(unknown)).toContain('Jira shows you no issue NOPE-9');
    expect(refusalOf(await world.engine.call('clock_in', { project: 'WEB-1', activity: 'Development' }))).toMatchObject({
      code: 'catalog_kind_empty',
      facts: { kind: 'activity' },
    });
    expect(world.writes(0)).toEqual([]);
  });
});

describe('issues by key', () => {
  it('books on any issue by its key, a moved one by its old key, in any case; listed with its key', async () => {
    const world = await tempoEngine();
    const [moved] = addIssues(world.fake, { key: 'OPS', name: 'Operations' }, [{ summary: 'Deploy', oldKeys: ['LEGACY-7'] }]);
    const logged = await world.engine.call('log_time', { project: 'legacy-7', date: 'yesterday', duration: '30m' });
    expect(logged.structuredContent).toMatchObject({ entry: { project: 'Deploy', minutes: 30 } });
    expect(world.posted().at(-1)).toMatchObject({ issueId: moved?.id });
    const catalog = await world.engine.call('list_catalog', { search: 'web-2' });
    expect(catalog.structuredContent).toMatchObject({ projects: [{ name: 'Internal', key: 'WEB-2', parent: 'Acme' }] });
  });
});

describe('work attributes', () => {
  const attributes: FakeTempoOptions = {};
  async function withAttributes(settings: Record<string, unknown> = {}) {
    const world = await tempoEngine({ ...attributes, provider: settings });
    world.fake.state.attributes.push(
      { key: '_WorkType_', name: 'Work Type', type: 'STATIC_LIST', required: true, names: { dev: 'Development', meet: 'Meeting' } },
      { key: '_Billable_', name: 'Billable', type: 'CHECKBOX', required: false },
    );
    return world;
  }

  it('asks a required one before anything is sent, with its choices by name; sends a choice as its stored value', async () => {
    const world = await withAttributes();
    const refused = await world.engine.call('log_time', { project: 'WEB-1', date: 'yesterday', duration: '1h' });
    expect(refusalOf(refused)).toEqual({
      code: 'fields_required',
      facts: { back_end: expect.any(String), missing: ['Work Type'], choices: { 'Work Type': ['Development', 'Meeting'] } },
    });
    expect(world.writes(0)).toEqual([]);
    const logged = await world.engine.call('log_time', {
      project: 'WEB-1',
      date: 'yesterday',
      duration: '1h',
      fields: { 'work type': 'development', _Billable_: true },
    });
    expect(logged.structuredContent).toMatchObject({ entry: { fields: { 'Work Type': 'Development', Billable: true } } });
    expect(world.posted().at(-1)).toMatchObject({
      attributes: [
        { key: '_WorkType_', value: 'dev' },
        { key: '_Billable_', value: 'true' },
      ],
    });
  });

  it("fills what a call leaves out from the settings' workAttributes, and refuses a setting Tempo does not take, nothing sent", async () => {
    const world = await withAttributes({ workAttributes: { 'Work Type': 'Meeting' } });
    const logged = await world.engine.call('log_time', { project: 'WEB-1', date: 'yesterday', duration: '1h' });
    expect(logged.isError, textOf(logged)).toBeFalsy();
    expect(world.posted().at(-1)).toMatchObject({ attributes: [{ key: '_WorkType_', value: 'meet' }] });
    const wrong = await withAttributes({ workAttributes: { 'Work Type': 'Coding' } });
    const refused = await wrong.engine.call('log_time', { project: 'WEB-1', date: 'yesterday', duration: '1h' });
    expect(refusalOf(refused)).toEqual({
      code: 'tempo_attribute_setting_invalid',
      facts: { attribute: 'Work Type', value: 'Coding', problem: 'choice', choices: ['Development', 'Meeting'] },
    });
    expect(wrong.writes(0)).toEqual([]);
  });
});

describe('a change re-sends the whole worklog', () => {
  it('PUT carries every value it does not change: issue, day, time, seconds, billable seconds and attributes', async () => {
    const world = await tempoEngine();
    world.fake.state.attributes.push({ key: '_WorkType_', name: 'Work Type', type: 'STATIC_LIST', required: false, names: { dev: 'Development' } });
    const worklog = addWorklog(world.fake, {
      author: ADA,
      issueId: world.internal,
      start: Date.parse('2026-11-17T13:00:00+01:00'),
      end: Date.parse('2026-11-17T14:30:00+01:00'),
      description: 'Review',
      attributes: [{ key: '_WorkType_', value: 'dev' }],
    });
    worklog.billableSeconds = 3600;
    const changed = await world.engine.call('update_time_entry', { id: worklog.tempoWorklogId, description: 'Code review' });
    expect(changed.structuredContent).toMatchObject({
      entry: { description: 'Code review', project: 'Internal', minutes: 90, fields: { 'Work Type': 'Development' } },
    });
    const put = world.fake.requests.find((request) => request.method === 'PUT');
    expect(JSON.parse(put?.body ?? '{}')).toEqual({
      authorAccountId: ADA,
      issueId: world.internal,
      startDate: '2026-11-17',
      startTime: '13:00:00',
      timeSpentSeconds: 5400,
      billableSeconds: 3600,
      description: 'Code review',
      attributes: [{ key: '_WorkType_', value: 'dev' }],
    });
  });

  it("refuses someone else's worklog by its number, whatever Tempo shows of it, before anything is sent", async () => {
    for (const colleagueWorklog of [200, 403, 404] as const) {
      const world = await tempoEngine({ colleagueWorklog });
      const bobs = world.fake.state.worklogs.find((worklog) => worklog.authorAccountId === BOB);
      for (const call of ['update_time_entry', 'delete_time_entry'] as const) {
        const refused = await world.engine.call(call, { id: bobs?.tempoWorklogId, ...(call === 'update_time_entry' ? { description: 'Mine now' } : {}) });
        expect(refusalOf(refused)?.code, `${call} ${colleagueWorklog}`).toBe(colleagueWorklog === 404 ? 'remote_record_missing' : 'entry_not_yours');
      }
      expect(world.writes(0)).toEqual([]);
    }
  });
});

describe('periods, schedule, reports', () => {
  it('a submitted period refuses a write into it before anything is sent', async () => {
    const world = await tempoEngine();
    world.fake.state.approvals.push({ accountId: ADA, from: '2026-11-16', to: '2026-11-22', status: 'IN_REVIEW', comment: null, actor: ADA, reviewer: null });
    const refused = await world.engine.call('log_time', { project: 'WEB-1', date: 'yesterday', duration: '1h' });
    expect(refusalOf(refused)).toMatchObject({
      code: 'timesheet_period_locked',
      facts: { first_day: '2026-11-16', last_day: '2026-11-22', status: 'pending' },
    });
    expect(world.writes(0)).toEqual([]);
  });

  it("takes targets from the schedule, its holidays by name, and says the site and Tempo's host in whoami", async () => {
    const world = await tempoEngine();
    world.fake.state.holidays.push({ date: '2026-11-19', name: 'Founders Day' });
    const ada = world.fake.state.users.find((user) => user.accountId === ADA);
    if (ada) ada.week = [28_800, 28_800, 28_800, 28_800, 21_600, 0, 0];
    const who = await world.engine.call('whoami');
    expect(who.structuredContent).toMatchObject({ plan_source: 'back_end', work_week: { mon: 8, fri: 6, sat: 0 }, week_target_hours: 38 });
    expect(textOf(who)).toMatch(/Tempo Timesheets on "Acme" \(127\.0\.0\.1:\d+\) as "Ada Lovelace", with Tempo at 127\.0\.0\.1:\d+\./);
    const report = await world.engine.call('time_report', { from: '2026-11-16', to: '2026-11-20' });
    const days = (report.structuredContent as { groups: Array<{ key: string; target_minutes?: number; holiday?: string }> }).groups;
    expect(days.find((day) => day.key === '2026-11-19')).toMatchObject({ target_minutes: 0, holiday: 'Founders Day' });
    expect(days.find((day) => day.key === '2026-11-20')).toMatchObject({ target_minutes: 360 });
  });

  it("a token without the Schemes scope: the settings' week counts, whoami says which scope to add, and everyday tools go on", async () => {
    const world = await tempoEngine();
    const ada = world.fake.state.users.find((user) => user.accountId === ADA);
    if (ada) ada.scopes = ['Worklogs', 'Approvals', 'Teams'];
    const who = await world.engine.call('whoami');
    expect(who.isError, textOf(who)).toBeFalsy();
    expect(textOf(who)).toContain('it may lack the Schemes scope');
    expect((await world.engine.call('time_report', { from: '2026-11-16', to: '2026-11-20' })).isError).toBeFalsy();
    expect((await world.engine.call('log_time', { project: 'WEB-1', date: 'yesterday', duration: '1h' })).isError).toBeFalsy();
  });
});

describe('the team report', () => {
  it("names each member by Jira's accountId, as Tempo and Jira name them, the same whatever window of the team is read", async () => {
    const world = await tempoEngine({
      tokens: TOKENS.lea,
      provider: { email: 'lea@example.com' },
      settings: { tools: { groups: { team: true } } },
      seed: (fake) => fake.state.teams.push({ id: 7, name: 'Acme', lead: LEA, members: [ADA, BOB] }),
    });
    // Whom Lea leads is learnt once the engine has read Tempo's teams.
    await expect.poll(async () => (await world.engine.client.listTools()).tools.map((tool) => tool.name)).toContain('team_report');
    type Row = { id: unknown; name: string };
    const rows = async (args: Record<string, unknown>) => {
      const report = await world.engine.call('team_report', { from: '2026-11-16', to: '2026-11-22', ...args });
      expect(report.isError, textOf(report)).toBeFalsy();
      return (report.structuredContent as { people: Row[] }).people.map((row) => ({ id: row.id, name: row.name }));
    };
    const everyone = [
      { id: ADA, name: 'Ada Lovelace' },
      { id: BOB, name: 'Bob Builder' },
    ];
    expect(await rows({})).toEqual(everyone);
    // Bob read alone, from the second place: still by his accountId, not by his place in a window.
    expect(await rows({ offset: 1, limit: 1 })).toEqual([everyone[1]]);
  });
});

describe("Tempo's lists and failures", () => {
  it("pages a person's worklogs by offset on Tempo's own host until a short page, never following its next link", async () => {
    const world = await tempoEngine({ pageCap: 2, nextLinkOrigin: 'https://evil.example' });
    // Four of the 17th beside the one of the 16th: five in the recent days, two a page.
    for (let hour = 8; hour < 12; hour++) {
      addWorklog(world.fake, {
        author: ADA,
        issueId: world.website,
        start: Date.parse(`2026-11-17T${String(hour).padStart(2, '0')}:00:00+01:00`),
        end: Date.parse(`2026-11-17T${String(hour).padStart(2, '0')}:30:00+01:00`),
      });
    }
    const listed = await world.engine.call('list_time_entries', { from: '2026-11-17', to: '2026-11-17' });
    expect((listed.structuredContent as { entries: unknown[] }).entries).toHaveLength(4);
    const pages = world.fake.requests.filter((request) => request.path.startsWith('/4/worklogs/user/'));
    expect(pages.map((request) => new URLSearchParams(request.query).get('offset'))).toEqual(['0', '2', '4']);
  });

  for (const errorShape of ['list', 'object'] as const) {
    it(`quotes Tempo's 400 in its ${errorShape} shape`, async () => {
      const world = await tempoEngine({ errorShape });
      const message = 'Work attribute Account (_Account_) is required';
      world.fake.failNext(
        'tempo',
        { method: 'POST', path: '/4/worklogs' },
        { status: 400, body: errorShape === 'list' ? { errors: [{ message }] } : { errors: { message } } },
      );
      const refused = await world.engine.call('log_time', { project: 'WEB-1', date: 'yesterday', duration: '1h' });
      expect(refusalOf(refused)).toMatchObject({ code: 'tempo_refused', facts: { message } });
      // Tempo's words as one quoted line (contract/outcomes/quoted-line.ts), the sentence's stop after it.
      expect(textOf(refused)).toContain(`Tempo refused to book the worklog: "${message}".`);
    });
  }

  it('a token without the Worklogs scope is said naming it', async () => {
    const world = await tempoEngine();
    const ada = world.fake.state.users.find((user) => user.accountId === ADA);
    if (ada) ada.scopes = ['Schemes'];
    expect(refusalOf(await world.engine.call('list_time_entries'))).toMatchObject({ code: 'tempo_forbidden', facts: { scope: 'Worklogs' } });
  });

  it('a 429 is waited out once (a second, where Tempo says no Retry-After), then said; a 5xx is said', async () => {
    const world = await tempoEngine();
    world.fake.failNext('tempo', { path: /^\/4\/worklogs\/user\// }, { status: 429, body: { errors: [{ message: 'Rate limit exceeded' }] } });
    const waited = await world.engine.call('list_time_entries');
    expect(waited.isError, textOf(waited)).toBeFalsy();
    expect(world.fake.requests.filter((request) => request.path.startsWith('/4/worklogs/user/')).map((request) => request.status)).toEqual([429, 200]);
    world.fake.failNext('tempo', { path: /^\/4\/worklogs\/user\// }, { status: 429, body: { errors: [{ message: 'Rate limit exceeded' }] }, times: 2 });
    const said = await world.engine.call('list_time_entries', { from: '2026-01-05', to: '2026-01-09' });
    expect(refusalOf(said)).toMatchObject({ code: 'tempo_rate_limited', facts: { action: 'read your worklogs' } });
    world.fake.failNext('tempo', { path: /^\/4\/worklogs\/user\// }, { status: 503, raw: 'down' });
    expect(refusalOf(await world.engine.call('list_time_entries', { from: '2026-02-02', to: '2026-02-06' }))).toMatchObject({
      code: 'remote_unavailable',
      facts: { service: 'Tempo', status: 503 },
    });
  });

  it("says at once a 429 whose Retry-After asks for more than Tempo's limit can mean, as a minute, and sends nothing again", async () => {
    const world = await tempoEngine();
    world.fake.failNext(
      'tempo',
      { path: /^\/4\/worklogs\/user\// },
      { status: 429, body: { errors: [{ message: 'Rate limit exceeded' }] }, headers: { 'Retry-After': '99999999999999999999' } },
    );
    const said = await world.engine.call('list_time_entries');
    expect(refusalOf(said)).toMatchObject({ code: 'tempo_rate_limited', facts: { action: 'read your worklogs', retry_after_s: 60 } });
    expect(textOf(said)).toContain('again in 60 seconds');
    expect(world.fake.requests.filter((request) => request.path.startsWith('/4/worklogs/user/')).map((request) => request.status)).toEqual([429]);
  });

  it("withholds leave in Tempo's own words, nothing sent", async () => {
    const world = await tempoEngine();
    const refused = await world.engine.call('request_leave', { type: 'vacation', first_day: '2026-12-01' });
    expect(refusalOf(refused)).toMatchObject({ code: 'tool_withheld', facts: { tool: 'request_leave', why: 'back_end' } });
    expect(textOf(refused)).toContain('Tempo Timesheets keeps no leave or time off');
    expect(world.writes(0)).toEqual([]);
  });
});

describe('the day from evidence', () => {
  it("drafts a commit naming an issue's key on that issue, the key resolved through Jira; nothing is booked", async () => {
    const dir = makeUserDataDir();
    const repository = join(dir, 'src', 'shop');
    execFileSync('git', ['init', '-q', '-b', 'main', repository]);
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'Ada',
      GIT_AUTHOR_EMAIL: 'ada@example.com',
      GIT_COMMITTER_NAME: 'Ada',
      GIT_COMMITTER_EMAIL: 'ada@example.com',
    };
    const when = '2026-11-17T10:00:00+01:00';
    execFileSync('git', ['-C', repository, 'commit', '--allow-empty', '-q', '-m', 'WEB-2 Basket totals'], {
      env: { ...env, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when },
    });
    const world = await tempoEngine({ dir, settings: { evidence: { emails: ['ada@example.com'], git: { folders: [join(dir, 'src')] } } } });
    const suggested = await world.engine.call('suggest_entries', { from: 'yesterday' });
    expect(suggested.isError, textOf(suggested)).toBeFalsy();
    expect((suggested.structuredContent as { drafts: unknown[] }).drafts).toEqual([
      expect.objectContaining({ project: expect.objectContaining({ name: 'Internal' }) }),
    ]);
    expect(world.writes(0)).toEqual([]);
  });
});
