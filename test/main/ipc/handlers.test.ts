// The IPC handlers as plain functions of their ports: real settings file (conf), real registrar on
// a temporary HOME, an in-memory keychain and a recording timesheet. The UI tests drive the same
// handlers with the real engine and gnome-keyring.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { credentialAccount, type BackEndProfile } from '../../../mcp-server/contract/settings.ts';
import { TOOL_CATALOG, TOOL_NAMES } from '../../../mcp-server/contract/tool-catalog.ts';
import { createRegistrar, launchSpec } from '../../../mcp-server/clients/index.ts';
import type { AccountView } from '../../../window-contract/account.ts';
import type { PreferencesView, ToolsView } from '../../../window-contract/settings.ts';
import type { EntryView, StatusView } from '../../../window-contract/status.ts';
import type { BackEndPlan } from '../../../main/engine/timesheet.ts';
import { NO_POLICY, type Policy } from '../../../mcp-server/policy/policy.ts';
import { appImageRefusal } from '../../../main/app/app-image.ts';
import { createDispatch } from '../../../main/ipc/dispatch.ts';
import { createHandlers, type HandlerDeps } from '../../../main/ipc/handlers/index.ts';
import { createSettingsStore } from '../../../main/settings/settings-store.ts';
import { trackerFolders } from '../../../main/settings/tracker-folders.ts';
import { updateView, type UpdatePhase } from '../../../main/updates/update-model.ts';
import type { UpdateMode } from '../../../window-contract/updates.ts';
import { UpdateRefusal } from '../../../main/updates/updater.ts';

const IDLE: StatusView = {
  today: '2026-11-18',
  running: null,
  todayMinutes: 0,
  weekMinutes: 0,
  todayEntries: [],
  week: [],
  recentProjects: [],
  recentWork: [],
  breaksSupported: false,
  asOf: 0,
  keptWrites: [],
  teamAvailable: false,
  adminSections: [],
  decidesTimesheets: false,
  sequence: 0,
};

function setup(overrides: Partial<HandlerDeps> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'punchcard-handlers-'));
  const userData = join(home, '.config', 'Punchcard');
  mkdirSync(userData, { recursive: true });
  const secrets = new Map<string, string>();
  const events: string[] = [];
  const tested: Array<{ profile: BackEndProfile; token: string | undefined }> = [];
  const saved: Array<{ fileName: string; contents: string }> = [];
  const saveTo: string | null = '/home/ada/punchcard.csv';
  // What the engine says the back end keeps (whoami, leave_balance), or why it cannot say.
  const engine = { plan: null as BackEndPlan | null | Error, planCalls: 0 };
  const deps: HandlerDeps = {
    timesheet: {
      getStatus: async () => IDLE,
      clockIn: async (request) => {
        events.push(`clockIn ${JSON.stringify(request)}`);
        return { ...IDLE, asOf: 1 };
      },
      clockOut: async () => IDLE,
      startBreak: async (type) => {
        events.push(type === undefined ? 'startBreak' : `startBreak ${type}`);
        return { ...IDLE, asOf: 2 };
      },
      endBreak: async () => {
        events.push('endBreak');
        return { ...IDLE, asOf: 3 };
      },
      decideKeptWrite: async (id, choice) => {
        events.push(`decideKeptWrite ${id} ${choice}`);
        return { outcome: 'Dismissed.', status: { ...IDLE, asOf: 4 } };
      },
      backEndPlan: async () => {
        engine.planCalls++;
        if (engine.plan instanceof Error) throw engine.plan;
        return engine.plan;
      },
      supportedTools: async () => new Set(TOOL_NAMES.filter((name) => name !== 'absence_calendar')),
      testConnection: async (profile, token) => {
        tested.push({ profile, token });
        return { ok: true, message: 'Connected.' };
      },
    },
    settings: createSettingsStore(new Conf<Record<string, unknown>>({ cwd: userData, configName: 'config' })),
    credentials: {
      get: async (account) => secrets.get(account) ?? null,
      set: async (account, secret) => void secrets.set(account, secret),
      delete: async (account) => secrets.delete(account),
    },
    clientsUnavailable: null,
    registrar: createRegistrar({
      environment: { platform: 'linux', home, env: { HOME: home } },
      launch: launchSpec({ executable: process.execPath, serverScript: join(home, 'punchcard-mcp.mjs'), userDataDir: userData, runAsNode: false }),
    }),
    platform: 'linux',
    clipboard: { writeText: (text) => void events.push(`clipboard ${text}`) },
    openExternal: async (url) => void events.push(`open ${url}`),
    loginItem: { supported: true, set: (on) => void events.push(`login ${on}`) },
    holidayRegions: async () => [{ code: 'DE', name: 'Germany' }],
    checkHolidayRegion: async (region) => (region.country === 'XX' ? '"XX" is not a country the holiday data knows.' : null),
    trackerFolders: trackerFolders(userData),
    restartEngine: async () => void events.push('restart'),
    statusChanged: (status) => void events.push(`statusChanged ${status.asOf}`),
    workday: workdayStub(events),
    drafts: draftsStub(events),
    leave: leaveStub(events),
    team: {
      hours: async () => {
        throw new Error('no team in these tests');
      },
      pending: async () => ({ requests: [], nextOffset: null, covers: '' }),
      decide: async (id, decision) => {
        events.push(`decideLeave ${id} ${decision}`);
        return 'Decided.';
      },
    },
    approvals: approvalsStub(events),
    workingTime: {
      range: async () => {
        throw new Error('no working time in these tests');
      },
    },
    admin: adminStub(events),
    idle: { question: () => null, answer: async () => IDLE },
    updates: updatesStub(events),
    saveTextFile: async (request) => {
      saved.push(request);
      return saveTo;
    },
    ...overrides,
  };
  const dispatch = createDispatch(createHandlers(deps), (line) => events.push(`log ${line}`));
  const config = () => JSON.parse(readFileSync(join(userData, 'config.json'), 'utf8'));
  return { home, userData, secrets, events, tested, engine, dispatch, config, saved, deps };
}

/** The engine's approvals: one approved week locked, and each call recorded. */
function approvalsStub(events: string[]): HandlerDeps['approvals'] {
  const submission = {
    id: 'sub-7',
    person: 'Ada Lovelace',
    period: 'week' as const,
    firstDay: '2026-11-16',
    lastDay: '2026-11-22',
    status: 'pending' as const,
    hours: 38.5,
    note: null,
    decidedBy: null,
  };
  return {
    week: async (monday, backEnd) => {
      events.push(`approvalsWeek ${monday} ${backEnd}`);
      return {
        submissions: [{ ...submission, status: 'approved' }],
        locks: [{ firstDay: monday, lastDay: '2026-11-22', status: 'approved', words: `Locked in ${backEnd}.` }],
        rejectionNoteKept: false,
        backEnd,
        problem: null,
      };
    },
    submit: async (monday) => {
      events.push(`submit ${monday}`);
      return { submission, outcome: 'Submitted.' };
    },
    toDecide: async (status) => {
      events.push(`toDecide ${status ?? 'all'}`);
      return { submissions: [submission], more: false, from: '2026-09-28', to: '2026-11-22' };
    },
    entries: async (id) => {
      events.push(`entries ${id}`);
      return { submission, entries: [], more: false };
    },
    decide: async (id, decision, note) => {
      events.push(`decide ${id} ${decision} ${JSON.stringify(note)}`);
      return { submission: { ...submission, status: decision === 'approve' ? 'approved' : 'rejected' }, outcome: 'Decided.' };
    },
  };
}

/** The engine's drafts of any day: one, with a project; booking records what it was given. */
function draftsStub(events: string[]): HandlerDeps['drafts'] {
  const draft = {
    id: 'd1',
    start: '2026-11-18T09:00:00+01:00',
    end: '2026-11-18T10:00:00+01:00',
    minutes: 60,
    project: { id: 1, name: 'Website' },
    activity: null,
    description: 'PAY-42: retry webhooks',
    evidence: [{ source: 'git' as const, at: '2026-11-18T09:30:00+01:00', text: 'PAY-42: retry webhooks' }],
    confidence: 'high' as const,
  };
  return {
    of: async (date) => {
      events.push(`suggest ${date}`);
      return { date, drafts: [draft], booked: [], unmapped: [], skipped: [] };
    },
    book: async (date, entries) => {
      events.push(`book ${date} ${JSON.stringify(entries)}`);
      return { booked: [], message: 'Booked.' };
    },
  };
}

/** Entries of the week of 2026-11-16 and a recording of every change. */
function workdayStub(events: string[]): HandlerDeps['workday'] {
  const entry = (id: number, fields: Partial<EntryView> = {}): EntryView => ({
    id,
    start: '2026-11-16T09:00:00+01:00',
    end: '2026-11-16T10:30:00+01:00',
    minutes: 90,
    project: 'Website',
    activity: 'Design',
    description: 'Mock-ups',
    ...fields,
  });
  return {
    week: async (date) => {
      events.push(`week ${date}`);
      return {
        from: '2026-11-16',
        to: '2026-11-22',
        days: [],
        entries: [entry(1), entry(2, { project: '=HYPERLINK("http://x")', description: 'say "hi", then\nleave' })],
        asOf: 0,
      };
    },
    log: async (fields) => {
      events.push(`log ${JSON.stringify(fields)}`);
      return entry(3);
    },
    update: async (id, fields) => {
      events.push(`update ${id} ${JSON.stringify(fields)}`);
      return entry(id);
    },
    remove: async (id) => {
      events.push(`remove ${id}`);
      return entry(id);
    },
    entriesBetween: async (from, to) => {
      events.push(`entries ${from} ${to}`);
      return [entry(1), entry(2, { project: '=HYPERLINK("http://x")', description: 'say "hi", then\nleave' })];
    },
    catalog: async () => ({ projects: ['Website'], activities: [], breakTypes: [], fields: [], requiredFields: [] }),
    report: async (from, to) => ({
      from,
      to,
      today: to,
      days: [],
      projects: [],
      totalMinutes: 0,
      targetMinutes: 0,
      targetSoFarMinutes: 0,
      overtimeMinutes: 0,
      backEndBalance: null,
    }),
    forget: () => void events.push('forget'),
  };
}

/** The engine's administration: a customer and a tag; every change is recorded, and the fresh view says it. */
function adminStub(events: string[]): HandlerDeps['admin'] {
  const customers = [{ id: 1, name: 'Acme', archived: false, parent: null }];
  const tags: Array<{ id: number; name: string; color: string | null; archived: boolean }> = [{ id: 900, name: 'billing', color: '#336699', archived: false }];
  return {
    catalog: async () => {
      events.push('catalog');
      return { customers: structuredClone(customers), projects: [], activities: [], note: null, changeable: true };
    },
    addCatalogItem: async (kind, name, parent) => {
      events.push(`add ${kind} ${name}${parent ? ` under ${parent}` : ''}`);
      if (kind === 'customer') customers.push({ id: customers.length + 1, name, archived: false, parent: null });
      return `Created ${kind} "${name}".`;
    },
    setArchived: async (kind, id, archived) => {
      events.push(`archive ${kind} ${id} ${archived}`);
      const item = customers.find((customer) => customer.id === id);
      if (item) item.archived = archived;
      return `${archived ? 'Archived' : 'Restored'} ${kind} "${item?.name}".`;
    },
    catalogItem: async (kind, id) => {
      events.push(`read ${kind} ${id}`);
      const item = customers.find((customer) => customer.id === id);
      return { kind, id, fields: { name: item?.name ?? '?', comment: '' } };
    },
    updateCatalogItem: async (kind, id, change) => {
      events.push(`change ${kind} ${id} ${JSON.stringify(change)}`);
      const item = customers.find((customer) => customer.id === id);
      if (item && change.name) item.name = change.name;
      return `Changed the ${kind} "${item?.name}".`;
    },
    tags: async () => structuredClone(tags),
    addTag: async (name, color) => {
      events.push(`tag ${name} ${color ?? 'no colour'}`);
      tags.push({ id: 901, name, color: color ?? null, archived: false });
      return `Created the tag "${name}".`;
    },
    invoices: async (page) => {
      events.push(`invoices ${page}`);
      return { from: '2026-08-20', to: '2026-11-18', invoices: [], page, totalPages: 1, total: 0 };
    },
    people: async (page, includeInactive) => {
      events.push(`people ${page} ${includeInactive}`);
      return { people: [ada], page, totalPages: 1, total: 1 };
    },
    invitePerson: async ({ name, email, role }) => {
      events.push(`invite ${name} ${email} ${role ?? 'no role'}`);
      return { message: `Invited ${name}.`, person: { ...ada, id: 2, name, email, role: role ?? 'ROLE_USER' } };
    },
    updatePerson: async (id, changes) => {
      events.push(`update ${id} ${JSON.stringify(changes)}`);
      return { message: 'Updated.', person: { ...ada, ...changes } };
    },
    setPersonActive: async (id, active) => {
      events.push(`active ${id} ${active}`);
      return { message: active ? 'Reactivated.' : 'Deactivated.', person: { ...ada, active } };
    },
    correctEntries: async (scope, confirmCount) => {
      events.push(`correct ${JSON.stringify(scope)} ${confirmCount ?? 'preview'}`);
      return { changed: confirmCount !== undefined, count: 1, hours: 2, lockedUntil: null, notTouched: [], entries: [], message: 'Would change 1 entry.' };
    },
    teams: async () => [{ id: 3, name: 'Web' }],
    team: async (id) => {
      events.push(`team ${id}`);
      return { id, name: 'Web', members: [{ id: 1, name: 'Ada Lovelace', lead: true }] };
    },
    changeTeam: async (change) => {
      events.push(`change team ${JSON.stringify(change)}`);
      return { message: 'Changed.', teams: [{ id: 3, name: 'Web' }], team: null };
    },
    rates: async (kind, item) => ({ kind, item: { id: item, name: 'Website' }, currency: 'EUR', rates: [] }),
    setRate: async (rate) => {
      events.push(`set rate ${JSON.stringify(rate)}`);
      return { message: 'Set.', view: { kind: rate.kind, item: { id: rate.item, name: 'Website' }, currency: 'EUR', rates: [] } };
    },
    removeRate: async (rate) => {
      events.push(`remove rate ${JSON.stringify(rate)}`);
      return { message: 'Removed.', view: { kind: rate.kind, item: { id: rate.item, name: 'Website' }, currency: 'EUR', rates: [] } };
    },
  };
}

const ada = { id: 1, name: 'Ada Lovelace', email: 'ada@example.com', role: 'ROLE_USER', active: true, teams: [] };

function leaveStub(events: string[]): HandlerDeps['leave'] {
  const request = {
    id: 4,
    type: 'vacation' as const,
    firstDay: '2026-12-21',
    lastDay: '2026-12-23',
    firstDayPart: 'full' as const,
    lastDayPart: 'full' as const,
    days: 3,
    status: 'pending' as const,
    comment: '',
  };
  return {
    requests: async (year) => {
      events.push(`requests ${year}`);
      return [request];
    },
    balance: async (year) => ({ year, entitlement: 28, carryOver: 0, unlimited: false, taken: 5, planned: 3, remaining: 20, other: [], source: 'settings' }),
    // Three days that would leave 2 less than nothing, with Bob away on one of them.
    preview: async () => ({
      days: 3,
      free: [],
      leaves: [{ year: 2026, days: -2 }],
      balanceProblem: null,
      beyondRefused: null,
      away: [{ person: 'Bob', type: null, firstDay: '2026-12-22', lastDay: '2026-12-22' }],
    }),
    request: async (input) => {
      events.push(`request ${JSON.stringify(input)}`);
      return { request, message: 'Requested.' };
    },
    cancel: async (id) => {
      events.push(`cancel ${id}`);
      return { ...request, status: 'cancelled' };
    },
    calendar: async (month) => ({ month, days: [], people: [] }),
  };
}

describe('status handlers', () => {
  it('drop blank form fields, trim the rest, and tell the tray', async () => {
    const { dispatch, events } = setup();
    await dispatch('clockIn', { project: ' Website ', activity: '  ', description: '' });
    expect(events).toEqual(['clockIn {"project":"Website"}', 'statusChanged 1']);
  });

  it('start and end a break through the engine, and tell the tray', async () => {
    const { dispatch, events } = setup();
    expect(await dispatch('startBreak', undefined)).toMatchObject({ ok: true, value: { asOf: 2 } });
    expect(await dispatch('endBreak', undefined)).toMatchObject({ ok: true, value: { asOf: 3 } });
    // A break of the type chosen (the window's and the tray's picker); a blank one is the default.
    expect(await dispatch('startBreak', { type: ' Lunch ' })).toMatchObject({ ok: true });
    expect(await dispatch('startBreak', { type: '  ' })).toMatchObject({ ok: true });
    expect(events).toEqual([
      'startBreak',
      'statusChanged 2',
      'endBreak',
      'statusChanged 3',
      'startBreak Lunch',
      'statusChanged 2',
      'startBreak',
      'statusChanged 2',
    ]);
    expect(await dispatch('endBreak', { type: 'Lunch' } as never)).toMatchObject({ ok: false });
  });
});

describe('tool handlers', () => {
  it('show the defaults: change tools off, unsupported tools marked, and write switches the engine reads', async () => {
    const { dispatch, config } = setup();
    const view = await dispatch('getTools', undefined);
    if (!view.ok) throw new Error(view.message);
    const tools = (
      view.value as { groups: Array<{ tools: Array<{ name: string; enabled: boolean; supported: boolean; access: string; title: string }> }> }
    ).groups.flatMap((group) => group.tools);
    expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
    expect(tools.find((tool) => tool.name === 'delete_time_entry')).toMatchObject({ enabled: false, access: 'change' });
    expect(tools.find((tool) => tool.name === 'absence_calendar')).toMatchObject({ enabled: false, supported: false });
    expect(tools.find((tool) => tool.name === 'clock_in')).toMatchObject({ enabled: true, title: 'Clock in' });

    await dispatch('setTool', { name: 'delete_time_entry', enabled: true });
    expect(config().tools.enabled).toEqual({ delete_time_entry: true });
  });

  it('a group switch overrides the per-tool switches of that group only', async () => {
    const { dispatch, config } = setup();
    await dispatch('setTool', { name: 'delete_time_entry', enabled: true });
    await dispatch('setTool', { name: 'whoami', enabled: false });
    const result = await dispatch('setToolGroup', { group: 'entries', enabled: false });
    expect(config().tools).toMatchObject({ groups: { entries: false }, enabled: { whoami: false } });
    if (!result.ok) throw new Error(result.message);
    const entries = (result.value as { groups: Array<{ group: string; state: string }> }).groups.find((group) => group.group === 'entries');
    expect(entries?.state).toBe('off');
  });

  it('leave a config.json a person broke exactly as it is, and say so', async () => {
    const { dispatch, userData } = setup();
    const broken = '{ "tools": { "readOnly": tru';
    writeFileSync(join(userData, 'config.json'), broken);
    expect(await dispatch('setTool', { name: 'whoami', enabled: false })).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /config\.json cannot be used: it is not valid JSON \(.*\)\. Nothing is read from or written to any timesheet until it is fixed; correct the file, or move it away to start over \(Punchcard never changes it\)\.$/,
      ),
    });
    expect(await dispatch('getTools', undefined)).toMatchObject({ ok: false });
    expect(readFileSync(join(userData, 'config.json'), 'utf8')).toBe(broken);
  });

  it('read-only mode hides writing tools but keeps their switches', async () => {
    const { dispatch, config } = setup();
    const result = await dispatch('setReadOnly', { readOnly: true });
    if (!result.ok) throw new Error(result.message);
    const clockIn = (result.value as { groups: Array<{ tools: Array<{ name: string; enabled: boolean; switchedOn: boolean }> }> }).groups
      .flatMap((group) => group.tools)
      .find((tool) => tool.name === 'clock_in');
    expect(clockIn).toMatchObject({ enabled: false, switchedOn: true });
    expect(config().tools.readOnly).toBe(true);
  });
});

describe('account handlers', () => {
  const SECRET = 'kimai-token-do-not-leak-7f3a';

  it('save the token in the keychain only, the normalised address in the settings, and restart the engine', async () => {
    const { dispatch, secrets, config, events, userData } = setup();
    const saved = await dispatch('saveAccount', { provider: { type: 'kimai', url: 'https://kimai.example.com/api/ ' }, token: SECRET });
    expect(saved).toMatchObject({ ok: true, value: { provider: { type: 'kimai', url: 'https://kimai.example.com' }, hasCredential: true } });
    expect(secrets.get(credentialAccount({ type: 'kimai', url: 'https://kimai.example.com' }))).toBe(SECRET);
    expect(config().provider).toEqual({ type: 'kimai', url: 'https://kimai.example.com' });
    expect(readFileSync(join(userData, 'config.json'), 'utf8')).not.toContain(SECRET);
    expect(JSON.stringify(saved)).not.toContain(SECRET);
    expect(events).toContain('restart');
  });

  it('refuse a Kimai without a token, and a bad address, writing nothing', async () => {
    const { dispatch, userData } = setup();
    expect(await dispatch('saveAccount', { provider: { type: 'kimai', url: 'https://kimai.example.com' } })).toMatchObject({
      ok: false,
      message: expect.stringContaining('Enter your Kimai API token'),
    });
    expect(await dispatch('saveAccount', { provider: { type: 'kimai', url: 'ftp://kimai' }, token: 'x' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Kimai address: an http\(s\) address/),
    });
    expect(() => readFileSync(join(userData, 'config.json'))).toThrow(/ENOENT/);
  });

  it('name the field of Clockodo and Calamari a value is wrong in, as the form names it, writing nothing', async () => {
    const { dispatch, userData } = setup();
    const refused = async (provider: unknown) => {
      const result = await dispatch('saveAccount', { provider, token: 'key' } as never);
      return result.ok ? 'saved' : result.message;
    };
    expect(await refused({ type: 'clockodo', email: 'ada' })).toBe('Clockodo login: an e-mail address such as ada@example.com.');
    expect(await refused({ type: 'clockodo', email: 'ada@example.com', url: 'clockodo.test' })).toBe(
      'Clockodo address: an http(s) address such as https://example.com.',
    );
    expect(await refused({ type: 'calamari', url: 'https://acme calamari.io', email: 'ada@acme.example' })).toBe(
      'Calamari address: an http(s) address such as https://example.com.',
    );
    expect(await refused({ type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme' })).toBe(
      'Calamari e-mail: an e-mail address such as ada@example.com.',
    );
    expect(await refused({ type: 'clockify', url: 'https://acme.clockify.me' })).toMatch(
      /^Clockify address: acme\.clockify\.me is not one of Clockify's API addresses/,
    );
    expect(await refused({ type: 'clockify', url: 'https://clockify-proxy.example.com' })).toMatch(
      /^Clockify address: Punchcard sends your Clockify API key only to Clockify's API addresses \(or to a server on this computer\), and clockify-proxy\.example\.com is not one/,
    );
    expect(() => readFileSync(join(userData, 'config.json'))).toThrow(/ENOENT/);
  });

  it('ask for the secret of the account being saved, by its login or address, and write nothing without it', async () => {
    const { dispatch, userData, events } = setup();
    expect(await dispatch('saveAccount', { provider: { type: 'clockodo', email: ' Ada@Example.com ', url: 'https://my.clockodo.com/api' } })).toEqual({
      ok: false,
      message: 'Enter your Clockodo API key for ada@example.com: Punchcard has none saved for it.',
    });
    expect(await dispatch('saveAccount', { provider: { type: 'calamari', url: 'https://acme.calamari.io/api/', email: 'ada@acme.example' } })).toEqual({
      ok: false,
      message: 'Enter your Calamari API key for https://acme.calamari.io: Punchcard has none saved for it.',
    });
    expect(await dispatch('saveAccount', { provider: { type: 'clockify', url: null, workspace: 'Acme' } })).toEqual({
      ok: false,
      message: 'Enter your Clockify API key for https://api.clockify.me: Punchcard has none saved for it.',
    });
    expect(() => readFileSync(join(userData, 'config.json'))).toThrow(/ENOENT/);
    expect(events).not.toContain('restart');
  });

  it('test an unsaved back end through the engine with the typed token, and the saved one without', async () => {
    const { dispatch, tested } = setup();
    await dispatch('testConnection', { provider: { type: 'kimai', url: 'http://localhost:8001/' }, token: ' abc ' });
    await dispatch('testConnection', undefined);
    expect(tested).toEqual([
      { profile: { type: 'kimai', url: 'http://localhost:8001' }, token: 'abc' },
      { profile: { type: 'local' }, token: undefined },
    ]);
  });

  it('forget the token of the configured Kimai', async () => {
    const { dispatch, secrets } = setup();
    await dispatch('saveAccount', { provider: { type: 'kimai', url: 'https://kimai.example.com' }, token: SECRET });
    expect(await dispatch('forgetCredential', undefined)).toMatchObject({ ok: true, value: { hasCredential: false } });
    expect(secrets.size).toBe(0);
  });

  it('report a keychain that cannot be asked instead of failing the screen', async () => {
    const { dispatch, userData } = setup({
      credentials: {
        get: async () => {
          throw Object.assign(new Error('The keychain is locked. Unlock it and try again.'), { name: 'CredentialStoreError' });
        },
        set: async () => {},
        delete: async () => false,
      },
    });
    writeFileSync(join(userData, 'config.json'), JSON.stringify({ provider: { type: 'kimai', url: 'https://kimai.example.com' } }));
    expect(await dispatch('getAccount', undefined)).toMatchObject({
      ok: true,
      value: { hasCredential: false, credentialProblem: 'The keychain is locked. Unlock it and try again.' },
    });
  });
});

describe('preference handlers', () => {
  it('save the work week, leave and reminder, and switch the login item only on change', async () => {
    const { dispatch, config, events } = setup();
    const result = await dispatch('savePreferences', {
      workWeek: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 4, sat: 0, sun: 0 },
      annualLeaveDays: 30,
      reminderHours: 9,
      startAtLogin: true,
    });
    expect(result).toMatchObject({ ok: true, value: { annualLeaveDays: 30, reminderHours: 9, startAtLogin: true } });
    expect(config()).toMatchObject({ workWeek: { fri: 4 }, leave: { annualDays: 30, carryOverDays: 0 }, app: { reminderHours: 9, startAtLogin: true } });
    await dispatch('savePreferences', { startAtLogin: true });
    expect(events.filter((event) => event.startsWith('login'))).toEqual(['login true']);
  });

  it('save how durations are written, which the tray reads back, and refuse a style there is not', async () => {
    const { dispatch, config } = setup();
    expect(await dispatch('getPreferences', undefined)).toMatchObject({ ok: true, value: { durations: 'units' } });
    expect(await dispatch('savePreferences', { durations: 'decimal' })).toMatchObject({ ok: true, value: { durations: 'decimal' } });
    expect(config()).toMatchObject({ app: { durations: 'decimal' } });
    expect(await dispatch('savePreferences', { durations: 'hh:mm' as never })).toMatchObject({ ok: false, message: expect.stringContaining('durations') });
    expect(config()).toMatchObject({ app: { durations: 'decimal' } });
  });

  it('offer leave beyond the balance only where nobody approves leave (the local timesheet), off until switched on', async () => {
    const { dispatch, config, deps } = setup();
    expect(await dispatch('getPreferences', undefined)).toMatchObject({ ok: true, value: { allowLeaveBeyondBalance: false } });
    expect(await dispatch('savePreferences', { allowLeaveBeyondBalance: true })).toMatchObject({ ok: true, value: { allowLeaveBeyondBalance: true } });
    expect(config().leave).toEqual({ annualDays: 25, carryOverDays: 0, allowBeyondBalance: true });
    deps.settings.update((settings) => ({ ...settings, provider: { type: 'kimai', url: 'https://kimai.example' } }));
    expect(await dispatch('getPreferences', undefined)).toMatchObject({ ok: true, value: { allowLeaveBeyondBalance: null } });
    expect(await dispatch('savePreferences', { allowLeaveBeyondBalance: 'yes' })).toMatchObject({ ok: false });
  });

  it('refuse an unknown zone, an unknown holiday region and out-of-range numbers with the reason', async () => {
    const { dispatch } = setup();
    expect(await dispatch('savePreferences', { timezone: 'Mars/Olympus' })).toMatchObject({ ok: false, message: expect.stringContaining('Mars/Olympus') });
    // Intl takes a fixed offset; the engine does not, and main holds the engine's rule.
    expect(await dispatch('savePreferences', { timezone: '+01:00' })).toMatchObject({ ok: false, message: expect.stringContaining('"+01:00" is unknown') });
    expect(await dispatch('savePreferences', { holidays: { country: 'XX' } })).toMatchObject({ ok: false, message: expect.stringContaining('"XX"') });
    expect(await dispatch('savePreferences', { reminderHours: 25 })).toMatchObject({ ok: false, message: expect.stringContaining('reminderHours') });
    expect(await dispatch('savePreferences', { workWeek: { mon: 8 } })).toMatchObject({ ok: false });
  });

  const CLOCKODO_PLAN: BackEndPlan = {
    workWeek: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 6, sat: 0, sun: 0 },
    keepsHolidays: true,
    holidays: "Clockodo's non-business days",
    leave: { year: 2026, entitlement: 32, carryOver: 2, remaining: 25, unlimited: false },
  };
  const clockodo = { type: 'clockodo', email: 'ada@example.com' };

  it('never ask the engine about a plan for the local timesheet: the settings are the plan', async () => {
    const { dispatch, engine } = setup();
    engine.plan = CLOCKODO_PLAN;
    expect(await dispatch('getPreferences', undefined)).toMatchObject({ ok: true, value: { backEnd: null } });
    expect(engine.planCalls).toBe(0);
  });

  it("show what Clockodo keeps as Clockodo's values, and refuse to save them locally, naming them", async () => {
    const { dispatch, engine, userData, config } = setup();
    writeFileSync(join(userData, 'config.json'), JSON.stringify({ provider: clockodo }));
    engine.plan = CLOCKODO_PLAN;
    const view = (await dispatch('getPreferences', undefined)) as { ok: true; value: PreferencesView };
    expect(view.value.backEnd).toEqual({ state: 'kept', name: 'Clockodo', ...CLOCKODO_PLAN });
    // The settings' own values are still reported; the window does not offer them.
    expect(view.value.workWeek).toEqual({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 });

    const before = readFileSync(join(userData, 'config.json'), 'utf8');
    expect(await dispatch('savePreferences', { workWeek: { mon: 4, tue: 4, wed: 4, thu: 4, fri: 4, sat: 0, sun: 0 } })).toEqual({
      ok: false,
      message: 'Clockodo keeps your work week: change it in Clockodo. Nothing was saved.',
    });
    expect(await dispatch('savePreferences', { holidays: { country: 'DE' }, annualLeaveDays: 30, reminderHours: 5 })).toEqual({
      ok: false,
      message: 'Clockodo keeps your public holidays and leave entitlement: change them in Clockodo. Nothing was saved.',
    });
    expect(await dispatch('savePreferences', { carryOverDays: 1 })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Clockodo keeps your leave entitlement/),
    });
    expect(readFileSync(join(userData, 'config.json'), 'utf8')).toBe(before);

    // What is the app's own still saves, and the answer still says what Clockodo keeps.
    const saved = await dispatch('savePreferences', { reminderHours: 5, timezone: 'Europe/Vienna' });
    expect(saved).toMatchObject({ ok: true, value: { reminderHours: 5, timezone: 'Europe/Vienna', backEnd: { state: 'kept', name: 'Clockodo' } } });
    expect(config()).toMatchObject({ app: { reminderHours: 5 }, timezone: 'Europe/Vienna', provider: clockodo });
  });

  it('leave the entitlement with the settings where the back end keeps only targets and holidays', async () => {
    const { dispatch, engine, userData, config } = setup();
    writeFileSync(join(userData, 'config.json'), JSON.stringify({ provider: clockodo }));
    engine.plan = { ...CLOCKODO_PLAN, leave: null };
    expect(await dispatch('savePreferences', { annualLeaveDays: 27, carryOverDays: 3 })).toMatchObject({
      ok: true,
      value: { annualLeaveDays: 27, backEnd: { leave: null } },
    });
    expect(config().leave).toEqual({ annualDays: 27, carryOverDays: 3, allowBeyondBalance: false });
    expect(await dispatch('savePreferences', { holidays: null })).toMatchObject({
      ok: false,
      message: 'Clockodo keeps your public holidays: change them in Clockodo. Nothing was saved.',
    });
  });

  it('save the work week and holidays a back end that keeps the plan keeps none of for the person (Clockify without a work capacity or holidays)', async () => {
    const { dispatch, engine, userData, config } = setup();
    writeFileSync(join(userData, 'config.json'), JSON.stringify({ provider: { type: 'clockify', url: 'https://api.clockify.me' } }));
    engine.plan = {
      workWeek: null,
      keepsHolidays: false,
      holidays: null,
      leave: { year: 2026, entitlement: 25, carryOver: null, remaining: 23, unlimited: false },
    };
    const saved = await dispatch('savePreferences', { workWeek: { mon: 6, tue: 6, wed: 6, thu: 6, fri: 6, sat: 0, sun: 0 }, holidays: { country: 'DE' } });
    expect(saved).toMatchObject({
      ok: true,
      value: { workWeek: { mon: 6 }, holidays: { country: 'DE' }, backEnd: { state: 'kept', name: 'Clockify', workWeek: null, keepsHolidays: false } },
    });
    expect(config()).toMatchObject({ workWeek: { mon: 6 }, holidays: { country: 'DE' } });
    // The leave entitlement is still Clockify's.
    expect(await dispatch('savePreferences', { annualLeaveDays: 30 })).toEqual({
      ok: false,
      message: 'Clockify keeps your leave entitlement: change it in Clockify. Nothing was saved.',
    });
    // Holidays kept, the week not: only the week saves.
    engine.plan = { workWeek: null, keepsHolidays: true, holidays: "Clockify's holidays", leave: null };
    expect(await dispatch('savePreferences', { holidays: null })).toEqual({
      ok: false,
      message: 'Clockify keeps your public holidays: change them in Clockify. Nothing was saved.',
    });
    expect(await dispatch('savePreferences', { workWeek: { mon: 7, tue: 7, wed: 7, thu: 7, fri: 7, sat: 0, sun: 0 } })).toMatchObject({
      ok: true,
      value: { workWeek: { mon: 7 } },
    });
  });

  it('save the plan locally where the settings keep it (Kimai), without asking the engine', async () => {
    const { dispatch, engine, userData, config } = setup();
    writeFileSync(join(userData, 'config.json'), JSON.stringify({ provider: { type: 'kimai', url: 'https://kimai.example.com' } }));
    engine.plan = CLOCKODO_PLAN;
    expect(await dispatch('getPreferences', undefined)).toMatchObject({ ok: true, value: { backEnd: null } });
    expect(await dispatch('savePreferences', { workWeek: { mon: 6, tue: 6, wed: 6, thu: 6, fri: 6, sat: 0, sun: 0 } })).toMatchObject({
      ok: true,
      value: { backEnd: null },
    });
    expect(config().workWeek.mon).toBe(6);
    expect(engine.planCalls).toBe(0);
  });

  it('save the plan Kimai leaves with the settings while the engine cannot reach Kimai', async () => {
    const { dispatch, engine, userData, config } = setup();
    writeFileSync(join(userData, 'config.json'), JSON.stringify({ provider: { type: 'kimai', url: 'https://kimai.example.com' } }));
    engine.plan = new Error('Nothing answers at https://kimai.example.com. Check the address and your network.');
    const saved = await dispatch('savePreferences', {
      workWeek: { mon: 6, tue: 6, wed: 6, thu: 6, fri: 0, sat: 0, sun: 0 },
      holidays: { country: 'DE' },
      annualLeaveDays: 27,
    });
    expect(saved).toMatchObject({ ok: true, value: { backEnd: null, annualLeaveDays: 27 } });
    expect(config()).toMatchObject({ workWeek: { fri: 0 }, holidays: { country: 'DE' }, leave: { annualDays: 27 } });
    expect(engine.planCalls).toBe(0);
  });

  it('lock the plan with the reason while the engine cannot read it, and save the rest', async () => {
    const { dispatch, engine, userData, config } = setup();
    writeFileSync(join(userData, 'config.json'), JSON.stringify({ provider: clockodo }));
    const problem = 'Clockodo at https://my.clockodo.com cannot be reached: the connection was refused. Check the address and your network.';
    engine.plan = new Error(problem);
    expect(await dispatch('getPreferences', undefined)).toMatchObject({ ok: true, value: { backEnd: { state: 'unknown', name: 'Clockodo', problem } } });
    // The work week is Clockodo's by its type; whether the leave is depends on what Clockodo says.
    expect(await dispatch('savePreferences', { workWeek: { mon: 6, tue: 6, wed: 6, thu: 6, fri: 6, sat: 0, sun: 0 }, carryOverDays: 2 })).toEqual({
      ok: false,
      message: 'Clockodo keeps your work week: change it in Clockodo. Nothing was saved.',
    });
    expect(await dispatch('savePreferences', { carryOverDays: 2 })).toEqual({
      ok: false,
      message: `Punchcard could not ask Clockodo whether it keeps your leave entitlement, so nothing was saved. ${problem}`,
    });
    expect(await dispatch('savePreferences', { reminderHours: 3 })).toMatchObject({ ok: true, value: { reminderHours: 3, backEnd: { state: 'unknown' } } });
    expect(config().app.reminderHours).toBe(3);
    expect(config().leave.carryOverDays).toBe(0);
  });

  it('open only the links main knows', async () => {
    const { dispatch, events } = setup();
    await dispatch('openLink', { id: 'kimai-api-tokens' });
    expect(events).toContain('open https://www.kimai.org/documentation/rest-api.html');
    await dispatch('openLink', { id: 'clockodo-api-key' });
    await dispatch('openLink', { id: 'calamari-api-keys' });
    await dispatch('openLink', { id: 'clockify-api-key' });
    expect(events.filter((event) => event.startsWith('open https://'))).toEqual([
      'open https://www.kimai.org/documentation/rest-api.html',
      'open https://my.clockodo.com/en/users/editself',
      expect.stringMatching(/^open https:\/\/help\.calamari\.io\//),
      'open https://clockify.me/help/administration/api-webhook-settings',
    ]);
    expect(await dispatch('openLink', { id: 'https://evil.example' })).toMatchObject({ ok: false });
  });
});

describe('client handlers', () => {
  it('register and unregister Cursor in the temporary HOME and copy its snippet through main', async () => {
    const { dispatch, home, events } = setup();
    mkdirSync(join(home, '.cursor'));
    writeFileSync(join(home, '.cursor', 'mcp.json'), '{\n  "mcpServers": {}\n}\n');
    const registered = await dispatch('registerClient', { id: 'cursor' });
    expect(registered).toMatchObject({ ok: true, value: { card: { id: 'cursor', status: 'registered', statusText: 'Registered', installed: true } } });
    expect(JSON.parse(readFileSync(join(home, '.cursor', 'mcp.json'), 'utf8')).mcpServers.punchcard.command).toBe(process.execPath);
    const removed = await dispatch('unregisterClient', { id: 'cursor' });
    expect(removed).toMatchObject({ ok: true, value: { card: { status: 'missing', statusText: 'Not registered' } } });
    expect(readFileSync(join(home, '.cursor', 'mcp.json'), 'utf8')).toBe('{\n  "mcpServers": {}\n}\n');
    await dispatch('copySnippet', { id: 'cursor', part: 'text' });
    expect(events.find((event) => event.startsWith('clipboard'))).toContain('"punchcard"');
  });

  it('show an invalid client file on the card and leave it alone', async () => {
    const { dispatch, home } = setup();
    mkdirSync(join(home, '.cursor'));
    writeFileSync(join(home, '.cursor', 'mcp.json'), '{ "mcpServers": { , } }');
    const list = await dispatch('listClients', undefined);
    if (!list.ok) throw new Error(list.message);
    const cursor = (list.value as Array<{ id: string; status: string; statusText: string }>).find((card) => card.id === 'cursor');
    expect(cursor?.status).toBe('invalid');
    expect(cursor?.statusText).toMatch(/^Cannot read the configuration: .*line 1/);
    expect(await dispatch('registerClient', { id: 'cursor' })).toMatchObject({ ok: false, message: expect.stringContaining('line 1') });
    expect(readFileSync(join(home, '.cursor', 'mcp.json'), 'utf8')).toBe('{ "mcpServers": { , } }');
  });

  it('open install links by label only', async () => {
    const { dispatch, events } = setup();
    const snippet = await dispatch('getSnippet', { id: 'vscode' });
    if (!snippet.ok) throw new Error(snippet.message);
    const label = (snippet.value as { links: string[] }).links[0];
    expect(label).toBeDefined();
    await dispatch('openClientLink', { id: 'vscode', label: label ?? '' });
    expect(events.some((event) => event.startsWith('open vscode:mcp/install?'))).toBe(true);
    expect(await dispatch('openClientLink', { id: 'vscode', label: 'https://evil.example' })).toMatchObject({ ok: false });
  });
});

describe('the Claude Desktop extension', () => {
  const bundle = '/opt/Punchcard/resources/punchcard.mcpb';
  const extension = (events: string[], present = true, failure?: string): NonNullable<HandlerDeps['extension']> => ({
    bundle: () => (present ? bundle : null),
    open: async (path) => {
      if (failure) throw new Error(failure);
      events.push(`openPath ${path}`);
    },
    show: (path) => void events.push(`show ${path}`),
  });

  it('hands the app’s own bundle to the system to open (Claude Desktop installs it), and shows it', async () => {
    const events: string[] = [];
    const { dispatch, home } = setup({ extension: extension(events) });
    expect(await dispatch('getExtension', undefined)).toEqual({ ok: true, value: { path: bundle, problem: null, claudeInstalled: false } });
    mkdirSync(join(home, '.config', 'Claude'), { recursive: true });
    expect(await dispatch('getExtension', undefined)).toMatchObject({ ok: true, value: { claudeInstalled: true } });
    expect(await dispatch('installExtension', undefined)).toEqual({
      ok: true,
      value: {
        message: 'Claude Desktop shows the extension: choose Install, then fill in your back end, or leave it empty to use what Punchcard is set to here.',
      },
    });
    await dispatch('showExtension', undefined);
    expect(events).toEqual([`openPath ${bundle}`, `show ${bundle}`]);
    // The window names no file: any request is refused before a handler runs.
    expect(await dispatch('installExtension', { path: '/etc/passwd' } as never)).toMatchObject({ ok: false });
  });

  it('says how to get a bundle when there is none, and what to do when nothing opens it', async () => {
    const events: string[] = [];
    const missing = setup({ extension: extension(events, false) });
    const view = await missing.dispatch('getExtension', undefined);
    expect(view).toMatchObject({
      ok: true,
      value: { path: null, problem: 'This copy of Punchcard has no extension file. In a checkout, npm run pack:mcpb makes dist/punchcard.mcpb.' },
    });
    expect(await missing.dispatch('installExtension', undefined)).toEqual({
      ok: false,
      message: 'This copy of Punchcard has no extension file. In a checkout, npm run pack:mcpb makes dist/punchcard.mcpb.',
    });
    expect(await setup().dispatch('getExtension', undefined)).toMatchObject({ ok: true, value: { path: null } });
    const unopened = setup({ extension: extension(events, true, 'No application knows how to open this file.') });
    expect(await unopened.dispatch('installExtension', undefined)).toEqual({
      ok: false,
      message: `Nothing opened ${bundle} (No application knows how to open this file). Install Claude Desktop, or in Claude Desktop choose Settings → Extensions → Install Extension and pick that file.`,
    });
    expect(events).toEqual([]);
  });

  it('is not offered where the organisation does not allow Claude Desktop', async () => {
    const events: string[] = [];
    const base = setup();
    const registrar = createRegistrar({
      refusal: (id) => (id === 'claude-desktop' ? 'your organisation allows only VS Code.' : null),
      environment: { platform: 'linux', home: base.home, env: { HOME: base.home } },
      launch: launchSpec({ executable: process.execPath, serverScript: join(base.home, 'punchcard-mcp.mjs'), userDataDir: base.userData, runAsNode: false }),
    });
    const { dispatch } = setup({ registrar, extension: extension(events) });
    expect(await dispatch('getExtension', undefined)).toMatchObject({
      ok: true,
      value: { problem: 'Set by your organisation: your organisation allows only VS Code.' },
    });
    expect(await dispatch('installExtension', undefined)).toEqual({ ok: false, message: 'Set by your organisation: your organisation allows only VS Code.' });
    expect(events).toEqual([]);
  });
});

describe('client handlers in an AppImage', () => {
  it('register, give snippets or open install links for nothing, in words, and leave the file alone; unregistering still works', async () => {
    const mount = '/tmp/.mount_PunchcA1b2C3';
    const reason = appImageRefusal(`${mount}/punchcard`, { APPIMAGE: '/home/ada/Apps/Punchcard.AppImage', APPDIR: mount });
    expect(reason).toMatch(/^Punchcard is running from an AppImage, whose files exist only while it runs \(\/tmp\/\.mount_PunchcA1b2C3\)/);
    const { dispatch, home, events } = setup({ clientsUnavailable: reason });
    mkdirSync(join(home, '.cursor'));
    writeFileSync(join(home, '.cursor', 'mcp.json'), '{\n  "mcpServers": {}\n}\n');
    for (const [channel, payload] of [
      ['registerClient', { id: 'cursor' }],
      ['getSnippet', { id: 'cursor' }],
      ['copySnippet', { id: 'cursor', part: 'text' }],
      ['openClientLink', { id: 'vscode', label: 'Install in VS Code' }],
    ] as const) {
      expect(await dispatch(channel, payload), channel).toMatchObject({ ok: false, message: reason });
    }
    expect(readFileSync(join(home, '.cursor', 'mcp.json'), 'utf8')).toBe('{\n  "mcpServers": {}\n}\n');
    expect(events).toEqual([]);
    expect(await dispatch('unregisterClient', { id: 'cursor' })).toMatchObject({ ok: true });
  });

  it('tells an AppImage from a deb, a checkout or an AppImage variable some other program left behind', () => {
    const env = { APPIMAGE: '/home/ada/Punchcard.AppImage', APPDIR: '/tmp/.mount_Punch9' };
    expect(appImageRefusal('/tmp/.mount_Punch9/punchcard', env)).not.toBeNull();
    expect(appImageRefusal('/opt/Punchcard/punchcard', env)).toBeNull();
    expect(appImageRefusal('/tmp/.mount_Punch9-other/punchcard', env)).toBeNull();
    expect(appImageRefusal('/tmp/.mount_Punch9/punchcard', { APPDIR: '/tmp/.mount_Punch9' })).toBeNull();
    expect(appImageRefusal('/usr/bin/node', {})).toBeNull();
  });
});

describe("handlers under an organisation's policy", () => {
  const policy: Policy = {
    ...NO_POLICY,
    sources: ['/etc/punchcard/policy.json'],
    readOnly: true,
    deniedTools: new Set(['delete_time_entry']),
    deniedGroups: new Set(['leave']),
    fixedProvider: { type: 'kimai', url: 'https://kimai.example.com' },
  };

  it("give the team server's endpoint the policy names, and copy it; without one, none and a refusal in words", async () => {
    const named = setup({ policy: () => ({ ...policy, teamServer: 'https://punchcard.example.com/mcp' }) });
    expect(await named.dispatch('getTeamServer', undefined)).toEqual({ ok: true, value: { endpoint: 'https://punchcard.example.com/mcp' } });
    expect(await named.dispatch('copyTeamServerUrl', undefined)).toEqual({ ok: true, value: null });
    expect(named.events).toContain('clipboard https://punchcard.example.com/mcp');
    const none = setup({ policy: () => policy });
    expect(await none.dispatch('getTeamServer', undefined)).toEqual({ ok: true, value: { endpoint: null } });
    expect(await none.dispatch('copyTeamServerUrl', undefined)).toMatchObject({ ok: false, message: "Your organisation's policy names no team server." });
    expect(none.events.some((event) => event.startsWith('clipboard'))).toBe(false);
  });

  it('never write a tool setting the policy forbids, and let the person narrow further', async () => {
    const { dispatch, userData } = setup({ policy: () => policy });
    const configFile = join(userData, 'config.json');
    const before = existsSync(configFile) ? readFileSync(configFile, 'utf8') : null;
    for (const [channel, request] of [
      ['setTool', { name: 'delete_time_entry', enabled: true }],
      ['setTool', { name: 'log_time', enabled: true }],
      ['setToolGroup', { group: 'leave', enabled: true }],
      ['setReadOnly', { readOnly: false }],
    ] as const) {
      expect(await dispatch(channel, request)).toMatchObject({ ok: false, message: expect.stringMatching(/^Set by your organisation/) });
    }
    expect(existsSync(configFile) ? readFileSync(configFile, 'utf8') : null).toBe(before);
    expect(await dispatch('setTool', { name: 'timer_status', enabled: false })).toMatchObject({ ok: true });
    const view = (await dispatch('getTools', undefined)) as { ok: true; value: ToolsView };
    const tool = (name: string) => view.value.groups.flatMap((group) => group.tools).find((each) => each.name === name);
    expect(view.value).toMatchObject({ readOnly: true, readOnlyLocked: true, organisation: null });
    expect(tool('request_leave')).toMatchObject({ lockedByOrganisation: true, enabled: false });
    expect(tool('list_time_entries')).toMatchObject({ lockedByOrganisation: false, enabled: true });
  });

  it('name the back ends it allows in a list, and refuse the others', async () => {
    const { dispatch } = setup({ policy: () => ({ ...NO_POLICY, providersAllowed: ['local', 'clockodo', 'calamari'] }) });
    const note = 'Set by your organisation: only the local timesheet, Clockodo and Calamari may be used.';
    const account = (await dispatch('getAccount', undefined)) as { ok: true; value: AccountView };
    expect(account.value.organisation).toEqual({ fixed: false, allowed: ['local', 'clockodo', 'calamari'], note });
    expect(await dispatch('saveAccount', { provider: { type: 'kimai', url: 'https://kimai.example.com' }, token: 'x' })).toEqual({ ok: false, message: note });
  });

  it('show the fixed back end and refuse to save another', async () => {
    const { dispatch } = setup({ policy: () => policy });
    const account = (await dispatch('getAccount', undefined)) as { ok: true; value: AccountView };
    expect(account.value.provider).toMatchObject({ type: 'kimai', url: 'https://kimai.example.com' });
    expect(account.value.organisation).toEqual({ fixed: true, allowed: ['kimai'], note: 'Set by your organisation: every account here uses this back end.' });
    expect(await dispatch('saveAccount', { provider: { type: 'local' } })).toMatchObject({
      ok: false,
      message: 'Set by your organisation: every account here uses this back end.',
    });
  });

  it("test the back end in effect, the fixed one, when Test is pressed for the saved account (it tested config.json's)", async () => {
    const { dispatch, tested } = setup({ policy: () => policy });
    expect(await dispatch('testConnection', undefined)).toEqual({ ok: true, value: { ok: true, message: 'Connected.' } });
    expect(tested).toEqual([{ profile: { type: 'kimai', url: 'https://kimai.example.com' }, token: undefined }]);
  });

  it("never send a typed token to a back end the policy does not allow (the attack: Test against an address of the attacker's)", async () => {
    const { dispatch, tested } = setup({ policy: () => policy });
    expect(await dispatch('testConnection', { provider: { type: 'kimai', url: 'https://attacker.example' }, token: 'secret' })).toEqual({
      ok: true,
      value: {
        ok: false,
        message:
          "Your organisation's policy fixes the back end to Kimai at https://kimai.example.com, so Punchcard does not contact Kimai at https://attacker.example.",
      },
    });
    const onlyLocal = setup({ policy: () => ({ ...NO_POLICY, providersAllowed: ['local'] }) });
    expect(await onlyLocal.dispatch('testConnection', { provider: { type: 'clockodo', email: 'ada@example.com' }, token: 'secret' })).toMatchObject({
      ok: true,
      value: { ok: false, message: "Your organisation's policy does not allow the clockodo back end, so Punchcard does not contact it." },
    });
    expect([...tested, ...onlyLocal.tested]).toEqual([]);
  });
});

describe('timesheet, report and leave handlers', () => {
  const withTools = (names: readonly string[]) => async () => new Set(TOOL_NAMES.filter((name) => names.includes(name)));
  const calamariTools = TOOL_NAMES.filter(
    (name) => !['update_time_entry', 'delete_time_entry', 'cancel_leave_request', 'create_catalog_item', 'archive_catalog_item'].includes(name),
  );

  it('give the week with what the back end allows, and tell the tray of every change', async () => {
    const { dispatch, events } = setup();
    const week = await dispatch('getTimesheet', { date: '2026-11-18' });
    expect(week).toMatchObject({ ok: true, value: { from: '2026-11-16', rights: { add: true, edit: true, note: null } } });
    await dispatch('logTime', { start: '2026-11-18T09:00', end: '2026-11-18T10:00', project: ' Website ', activity: ' ', description: '' });
    await dispatch('updateEntry', { id: 2, description: 'Review' });
    await dispatch('deleteEntry', { id: 2 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(events.filter((event) => !event.startsWith('statusChanged'))).toEqual([
      'week 2026-11-18',
      'approvalsWeek 2026-11-16 the local timesheet',
      'log {"start":"2026-11-18T09:00","end":"2026-11-18T10:00","project":"Website"}',
      'update 2 {"description":"Review"}',
      'remove 2',
    ]);
    expect(events.filter((event) => event.startsWith('statusChanged'))).toHaveLength(3);
    // The contract refuses what no engine call should see.
    expect(await dispatch('updateEntry', { id: 0 })).toMatchObject({ ok: false });
    expect(await dispatch('logTime', { start: 'yesterday', end: '10:00' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('a time as YYYY-MM-DDTHH:MM'),
    });
  });

  it('pass the custom fields as given to log_time, update_time_entry and clock_in, and refuse a bad shape before any engine call (issue 78)', async () => {
    const { dispatch, events } = setup();
    const fields = { Ticket: 'WEB-142', 'Cost centre': 'R&D', Billable: true, Teams: ['Web', 'Data'], Hours: '2.5', Old: null };
    await dispatch('logTime', { start: '2026-11-18T09:00', end: '2026-11-18T10:00', project: 'Website', fields });
    await dispatch('updateEntry', { id: 2, fields: { Ticket: ' WEB-7 ' } });
    await dispatch('clockIn', { project: 'Website', fields: { Ticket: 'WEB-142' } });
    expect(events.filter((event) => !event.startsWith('statusChanged'))).toEqual([
      `log ${JSON.stringify({ start: '2026-11-18T09:00', end: '2026-11-18T10:00', project: 'Website', fields })}`,
      'update 2 {"fields":{"Ticket":" WEB-7 "}}',
      'clockIn {"project":"Website","fields":{"Ticket":"WEB-142"}}',
    ]);
    const bad: Array<[unknown, string]> = [
      [['WEB-142'], 'fields'],
      ['Ticket=WEB-142', 'fields'],
      [{ Ticket: { nested: true } }, 'Ticket'],
      [{ '': 'x' }, 'each field by a name of 1 to 200 characters'],
      [{ '   ': 'x' }, 'each field by a name of 1 to 200 characters'],
      [{ ['x'.repeat(201)]: 'x' }, 'each field by a name of 1 to 200 characters'],
      [{ Ticket: 'x'.repeat(5001) }, 'Ticket'],
      [{ Teams: [1, 2] }, 'Teams'],
      [{ Hours: Number.POSITIVE_INFINITY }, 'Hours'],
      [Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`Field ${index}`, 'x'])), 'at most 50 fields'],
    ];
    for (const [given, named] of bad) {
      for (const [channel, request] of [
        ['logTime', { start: '2026-11-18T09:00', end: '2026-11-18T10:00', fields: given }],
        ['updateEntry', { id: 2, fields: given }],
        ['clockIn', { fields: given }],
      ] as const) {
        expect(await dispatch(channel, request), `${channel} ${JSON.stringify(given).slice(0, 40)}`).toMatchObject({
          ok: false,
          message: expect.stringMatching(new RegExp(`^Invalid request: .*${named.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)),
        });
      }
    }
    expect(events.filter((event) => !event.startsWith('statusChanged'))).toHaveLength(3);
  });

  it('say where entries cannot be changed, naming the back end', async () => {
    const { dispatch, deps } = setup();
    deps.settings.update((settings) => ({ ...settings, provider: { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' } }));
    deps.timesheet.supportedTools = withTools(calamariTools);
    expect(await dispatch('getTimesheet', { date: '2026-11-18' })).toMatchObject({
      ok: true,
      value: { rights: { add: true, edit: false, note: "Calamari's API cannot change or delete a shift: correct shifts in Calamari." } },
    });
    expect(await dispatch('getLeave', { year: 2026 })).toMatchObject({
      ok: true,
      value: {
        rights: { request: true, cancel: false, note: "Calamari's API cannot cancel a leave request: cancel it in Calamari (Requests)." },
        unavailable: null,
      },
    });
    expect(await dispatch('cancelLeave', { id: 4 })).toEqual({
      ok: false,
      message: "Calamari's API cannot cancel a leave request: cancel it in Calamari (Requests).",
    });
  });

  it('say there is no leave on a Kimai without its absence plugin, and ask the engine nothing about it', async () => {
    const { dispatch, deps, events } = setup();
    deps.settings.update((settings) => ({ ...settings, provider: { type: 'kimai', url: 'https://kimai.example' } }));
    deps.timesheet.supportedTools = withTools(
      TOOL_NAMES.filter(
        (name) =>
          !['request_leave', 'list_leave_requests', 'cancel_leave_request', 'leave_balance', 'absence_calendar', 'start_break', 'end_break'].includes(name),
      ),
    );
    const leave = await dispatch('getLeave', { year: 2026 });
    expect(leave).toMatchObject({ ok: true, value: { balance: null, requests: [], unavailable: expect.stringMatching(/^This Kimai has no absence plugin/) } });
    expect(await dispatch('getCalendar', { month: '2026-11' })).toMatchObject({
      ok: true,
      value: { unavailable: expect.stringMatching(/^This Kimai has no absence plugin/) },
    });
    expect(await dispatch('requestLeave', { type: 'vacation', firstDay: '2026-12-21', lastDay: '2026-12-23' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^This Kimai has no absence plugin/),
    });
    expect(events.filter((event) => event.startsWith('requests') || event.startsWith('request '))).toEqual([]);
  });

  it('file leave and forget the targets it changes', async () => {
    const { dispatch, events } = setup();
    expect(await dispatch('requestLeave', { type: 'vacation', firstDay: '2026-12-21', lastDay: '2026-12-23', comment: 'Family' })).toMatchObject({
      ok: true,
      value: { message: 'Requested.' },
    });
    expect(events).toContain('forget');
    expect(await dispatch('requestLeave', { type: 'holiday', firstDay: '2026-12-21', lastDay: '2026-12-23' })).toMatchObject({ ok: false });
    // What the person confirmed beyond the balance goes on to the engine; a preview takes no such word.
    await dispatch('requestLeave', { type: 'vacation', firstDay: '2026-12-28', lastDay: '2026-12-30', beyondBalance: true });
    expect(events).toContain('request {"type":"vacation","firstDay":"2026-12-28","lastDay":"2026-12-30","beyondBalance":true}');
    expect(await dispatch('previewLeave', { type: 'vacation', firstDay: '2026-12-28', lastDay: '2026-12-30', beyondBalance: true })).toMatchObject({
      ok: false,
    });
  });

  it('preview leave beyond the balance: refused on the local timesheet without the Preferences switch, with no colleagues there', async () => {
    const { dispatch, deps } = setup();
    deps.timesheet.supportedTools = withTools(TOOL_NAMES);
    const request = { type: 'vacation', firstDay: '2026-12-21', lastDay: '2026-12-23' } as const;
    expect(await dispatch('previewLeave', request)).toMatchObject({
      ok: true,
      value: {
        leaves: [{ year: 2026, days: -2 }],
        away: null,
        beyondRefused:
          'The timesheet on this computer approves leave as it is filed, and your Preferences do not allow leave beyond your balance. Ask for fewer days, or turn on “Allow leave beyond my balance” in Preferences.',
      },
    });
    expect(await dispatch('savePreferences', { allowLeaveBeyondBalance: true })).toMatchObject({ ok: true, value: { allowLeaveBeyondBalance: true } });
    expect(await dispatch('previewLeave', request)).toMatchObject({ ok: true, value: { beyondRefused: null } });
    // A company's tracker has an approver, and colleagues.
    deps.settings.update((settings) => ({ ...settings, provider: { type: 'kimai', url: 'https://kimai.example' } }));
    deps.settings.update((settings) => ({ ...settings, leave: { ...settings.leave, allowBeyondBalance: false } }));
    expect(await dispatch('previewLeave', request)).toMatchObject({
      ok: true,
      value: { beyondRefused: null, away: [{ person: 'Bob', firstDay: '2026-12-22' }] },
    });
  });

  it('export a range through the save dialog as CSV, neutralising formulas; nothing when cancelled', async () => {
    const { dispatch, saved } = setup();
    expect(await dispatch('exportCsv', { from: '2026-11-01', to: '2026-11-30' })).toEqual({ ok: true, value: { path: '/home/ada/punchcard.csv', entries: 2 } });
    expect(saved[0]?.fileName).toBe('punchcard-2026-11-01-to-2026-11-30.csv');
    const lines = saved[0]?.contents.split('\r\n') ?? [];
    expect(lines[0]).toBe('\uFEFFDate,Start,End,Minutes,Hours,Project,Activity,Note,Locked,Entry ID');
    expect(lines[2]).toBe(`2026-11-16,09:00,10:30,90,1.50,"'=HYPERLINK(""http://x"")",Design,"say ""hi"", then\nleave",,2`);
    expect(await dispatch('exportCsv', { from: '2026-11-30', to: '2026-11-01' })).toMatchObject({
      ok: false,
      message: 'The last day (2026-11-01) is before the first (2026-11-30).',
    });
    expect(await dispatch('exportCsv', { from: '2025-01-01', to: '2026-11-01' })).toMatchObject({ ok: false, message: 'Export at most 366 days at a time.' });
  });
});

describe('preferences of the tray', () => {
  it('save the idle threshold and a shortcut, refusing one another app holds and keeping the old', async () => {
    const taken = new Set(['CommandOrControl+Shift+K']);
    let inUse = '';
    const changed: string[] = [];
    const { dispatch, config } = setup({
      shortcut: {
        set: (accelerator) => {
          if (taken.has(accelerator))
            return `${accelerator} is already in use by another app or by the system, so Punchcard cannot use it. Choose another shortcut.`;
          inUse = accelerator;
          return null;
        },
        problem: () => null,
      },
      preferencesChanged: () => void changed.push('changed'),
    });
    expect(await dispatch('savePreferences', { idleMinutes: 15, shortcut: 'CommandOrControl+Alt+P' })).toMatchObject({
      ok: true,
      value: { idleMinutes: 15, shortcut: 'CommandOrControl+Alt+P', shortcutProblem: null },
    });
    expect(config().app).toMatchObject({ idleMinutes: 15, shortcut: 'CommandOrControl+Alt+P' });
    expect(inUse).toBe('CommandOrControl+Alt+P');
    expect(await dispatch('savePreferences', { shortcut: 'CommandOrControl+Shift+K' })).toEqual({
      ok: false,
      message:
        'CommandOrControl+Shift+K is already in use by another app or by the system, so Punchcard cannot use it. Choose another shortcut. Nothing was saved.',
    });
    expect(await dispatch('savePreferences', { shortcut: 'Shift+K' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Add Ctrl, Alt or ⌘ .* Nothing was saved\.$/),
    });
    expect(config().app.shortcut).toBe('CommandOrControl+Alt+P');
    expect(await dispatch('savePreferences', { idleMinutes: 2.5 })).toMatchObject({ ok: false });
    expect(changed).toEqual(['changed']);
  });
});

/** The updater as main has it, recording what the window asked for. */
function updatesStub(events: string[]): HandlerDeps['updates'] {
  let mode: UpdateMode = 'notify';
  let phase: UpdatePhase = { kind: 'ready', version: '1.3.0' };
  const view = () =>
    updateView({
      setup: { currentVersion: '1.2.0', packaged: true, mode, policy: { enabled: true, pinned: null, problem: null } },
      phase,
      now: 0,
      timeZone: 'UTC',
    });
  return {
    view,
    check: () => {
      events.push('checkUpdates');
      phase = { kind: 'checking' };
      return view();
    },
    setMode: (next) => {
      events.push(`updateMode ${next}`);
      mode = next;
      return view();
    },
    install: () => {
      if (phase.kind !== 'ready') throw new UpdateRefusal('There is no downloaded update to install yet.');
      events.push('installUpdate');
    },
  };
}

describe('updates', () => {
  it('answer with the updater’s view, take a mode the schema knows, and install only a verified download', async () => {
    const { dispatch, events } = setup();
    expect(await dispatch('getUpdates', undefined)).toMatchObject({ ok: true, value: { canRestart: true, readyVersion: '1.3.0' } });
    expect(await dispatch('installUpdate', undefined)).toEqual({ ok: true, value: null });
    expect(await dispatch('setUpdateMode', { mode: 'auto' })).toMatchObject({ ok: true, value: { mode: 'auto' } });
    const refused = await dispatch('setUpdateMode', { mode: 'sometimes' });
    expect(refused.ok).toBe(false);
    expect(await dispatch('checkForUpdates', undefined)).toMatchObject({ ok: true, value: { words: 'Checking for updates…' } });
    expect(await dispatch('installUpdate', undefined)).toEqual({ ok: false, message: 'There is no downloaded update to install yet.' });
    expect(events.filter((event) => /update|Update/.test(event))).toEqual(['installUpdate', 'updateMode auto', 'checkUpdates']);
  });
});

describe('evidence handlers', () => {
  const FEED = 'https://calendar.google.com/calendar/ical/ada%40example.com/private-9c1e0d7f/basic.ics';
  const evidence = (calendars: unknown[] = []) => ({
    emails: ['Ada@Example.com'],
    calendars,
    git: { folders: ['/home/ada/code'] },
    activity: { enabled: false },
    aiSessions: { enabled: true },
    rules: [{ source: 'git', match: 'PAY-', project: 'Website' }],
  });

  it('put a secret feed address whole into the keychain, `{secret}` into config.json, and never hand it back', async () => {
    const { dispatch, secrets, config, userData } = setup();
    const saved = await dispatch('saveEvidence', {
      evidence: evidence([
        { name: 'Work', url: FEED },
        { name: 'Holidays', file: '/home/ada/h.ics' },
      ]),
    });
    expect(saved).toMatchObject({ ok: true, value: { feeds: [{ name: 'Work', hasSecret: true }] } });
    expect(secrets.get('calendar-feed:Work')).toBe(FEED);
    expect(config().evidence.calendars).toEqual([
      { name: 'Work', url: '{secret}' },
      { name: 'Holidays', file: '/home/ada/h.ics' },
    ]);
    expect(config().evidence.emails).toEqual(['ada@example.com']);
    expect(readFileSync(join(userData, 'config.json'), 'utf8')).not.toContain('private-9c1e0d7f');
    expect(JSON.stringify(saved)).not.toContain('private-9c1e0d7f');
    expect(JSON.stringify(await dispatch('getEvidence', undefined))).not.toContain('private-9c1e0d7f');
  });

  it('keep a saved secret when the address comes back as `{secret}`, take a secret part by name, and drop a removed feed’s secret', async () => {
    const { dispatch, secrets, config } = setup();
    await dispatch('saveEvidence', { evidence: evidence([{ name: 'Work', url: FEED }]) });
    expect(await dispatch('saveEvidence', { evidence: evidence([{ name: 'Work', url: '{secret}' }]) })).toMatchObject({ ok: true });
    expect(secrets.get('calendar-feed:Work')).toBe(FEED);
    const placed = await dispatch('saveEvidence', {
      evidence: evidence([
        { name: 'Work', url: '{secret}' },
        { name: 'Team', url: 'https://cal.example.com/{secret}/team.ics' },
      ]),
      secrets: [{ calendar: 'Team', secret: 'tok-31' }],
    });
    expect(placed).toMatchObject({ ok: true });
    expect(secrets.get('calendar-feed:Team')).toBe('tok-31');
    await dispatch('saveEvidence', { evidence: evidence([{ name: 'Team', url: 'https://cal.example.com/{secret}/team.ics' }]) });
    expect(secrets.has('calendar-feed:Work')).toBe(false);
    expect(config().evidence.calendars).toEqual([{ name: 'Team', url: 'https://cal.example.com/{secret}/team.ics' }]);
  });

  it('refuse a `{secret}` feed without a secret, a bad address and a bad rule in a sentence, writing nothing', async () => {
    const { dispatch, userData, secrets } = setup();
    expect(await dispatch('saveEvidence', { evidence: evidence([{ name: 'Work', url: '{secret}' }]) })).toEqual({
      ok: false,
      message: 'Calendar “Work”: enter the feed’s secret address: Punchcard has no secret saved for it. Nothing was saved.',
    });
    expect(await dispatch('saveEvidence', { evidence: evidence([{ name: 'Work', url: 'ftp://cal' }]) })).toMatchObject({
      ok: false,
      message: expect.stringContaining('enter an http(s) or webcal address'),
    });
    expect(
      await dispatch('saveEvidence', {
        evidence: evidence([
          { name: 'A', file: '/a.ics' },
          { name: 'a', file: '/b.ics' },
        ]),
      }),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Evidence settings, calendars: calendars with names of their own\. Nothing was saved\.$/),
    });
    // The payload is checked before any handler runs: an unknown field, a rule without a project, a path too long.
    expect(await dispatch('saveEvidence', { evidence: { ...evidence(), extra: 1 } })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Invalid request/),
    });
    expect(await dispatch('saveEvidence', { evidence: { ...evidence(), rules: [{ match: 'x' }] } })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Invalid request: evidence\.rules\.0\.project/),
    });
    expect(await dispatch('saveEvidence', { evidence: { ...evidence(), git: { folders: ['x'.repeat(1001)] } } })).toMatchObject({ ok: false });
    expect(() => readFileSync(join(userData, 'config.json'))).toThrow(/ENOENT/);
    expect(secrets.size).toBe(0);
  });

  it('draft nothing and ask the engine nothing while no source is on; once one is, ask it for the day', async () => {
    const { dispatch, events } = setup();
    expect(await dispatch('getDrafts', { date: '2026-11-18' })).toEqual({
      ok: true,
      value: { date: '2026-11-18', sources: [], unavailable: null, drafts: [], booked: [], unmapped: [], skipped: [] },
    });
    expect(events.filter((event) => event.startsWith('suggest'))).toEqual([]);
    await dispatch('saveEvidence', { evidence: evidence() });
    const drafted = await dispatch('getDrafts', { date: '2026-11-18' });
    expect(drafted).toMatchObject({ ok: true, value: { sources: ['git', 'ai'], drafts: [{ id: 'd1' }] } });
    expect(events).toContain('suggest 2026-11-18');
  });

  it('book only valid, distinct drafts: the payload is checked before the engine hears of it', async () => {
    const { dispatch, events } = setup();
    const book = (entries: unknown) => dispatch('bookDrafts', { date: '2026-11-18', entries } as never);
    expect(await book([])).toMatchObject({ ok: false, message: expect.stringMatching(/^Invalid request: entries/) });
    expect(await book([{ id: 'd1', start: 'nine' }])).toMatchObject({ ok: false, message: expect.stringContaining('a time as YYYY-MM-DDTHH:MM') });
    expect(await book([{ id: 'd1', project: '' }])).toMatchObject({ ok: false });
    expect(await book([{ id: 'd1', minutes: 60 }])).toMatchObject({ ok: false });
    expect(await book([{ id: 'd1' }, { id: 'd1' }])).toMatchObject({ ok: false, message: expect.stringContaining('same draft was sent twice') });
    expect(events.filter((event) => event.startsWith('book'))).toEqual([]);
    expect(await book([{ id: 'd1', start: '2026-11-18T09:15', project: 'Website' }])).toMatchObject({ ok: true, value: { message: 'Booked.' } });
    expect(events).toContain('book 2026-11-18 [{"id":"d1","project":"Website","start":"2026-11-18T09:15"}]');
  });
});

describe('administration handlers', () => {
  const withTools = (names: readonly string[]) => async () => new Set(TOOL_NAMES.filter((name) => names.includes(name)));
  const kimai = { type: 'kimai', url: 'https://kimai.example.com' } as const;
  const LEAD_TOOLS = TOOL_NAMES.filter((name) => name !== 'manage_tags');
  // A worker is offered no tool of the admin group.
  const WORKER_TOOLS = TOOL_NAMES.filter((name) => TOOL_CATALOG[name].group !== 'admin');

  it('archive, restore and add through the engine, each answered with its sentence and the fresh catalog, and the editor’s catalog asked again', async () => {
    const { dispatch, events } = setup();
    expect(await dispatch('setCatalogItemArchived', { kind: 'customer', id: 1, archived: true })).toEqual({
      ok: true,
      value: {
        message: 'Archived customer "Acme".',
        view: { customers: [{ id: 1, name: 'Acme', archived: true, parent: null }], projects: [], activities: [], note: null, changeable: true },
      },
    });
    expect(await dispatch('setCatalogItemArchived', { kind: 'customer', id: 1, archived: false })).toMatchObject({
      ok: true,
      value: { message: 'Restored customer "Acme".', view: { customers: [{ archived: false }] } },
    });
    expect(await dispatch('addCatalogItem', { kind: 'customer', name: '  Globex ' })).toMatchObject({
      ok: true,
      value: { message: 'Created customer "Globex".', view: { customers: [{ name: 'Acme' }, { name: 'Globex' }] } },
    });
    expect(events.filter((event) => /^(archive|add|forget)/.test(event))).toEqual([
      'archive customer 1 true',
      'forget',
      'archive customer 1 false',
      'forget',
      'add customer Globex',
      'forget',
    ]);
  });

  it('read what a catalog item keeps, and change it through the engine, answered with its sentence and the fresh catalog', async () => {
    const { dispatch, events } = setup();
    expect(await dispatch('getCatalogItem', { kind: 'customer', id: 1 })).toEqual({
      ok: true,
      value: { kind: 'customer', id: 1, fields: { name: 'Acme', comment: '' } },
    });
    expect(await dispatch('updateCatalogItem', { kind: 'customer', id: 1, name: '  Acme Corp ', comment: 'Key account' })).toMatchObject({
      ok: true,
      value: { message: 'Changed the customer "Acme Corp".', view: { customers: [{ name: 'Acme Corp' }] } },
    });
    expect(
      await dispatch('updateCatalogItem', { kind: 'project', id: 3, budgetHours: 0, budgetPeriod: 'month', billable: false, customer: 1, start: '2026-12-01' }),
    ).toMatchObject({ ok: true });
    expect(events.filter((event) => /^(read|change|forget)/.test(event))).toEqual([
      'read customer 1',
      'change customer 1 {"name":"Acme Corp","comment":"Key account"}',
      'forget',
      'change project 3 {"budgetHours":0,"budgetPeriod":"month","billable":false,"customer":1,"start":"2026-12-01"}',
      'forget',
    ]);
  });

  it('check a catalog change before the engine hears of it: something to change, in bounds, a customer and dates only for a project', async () => {
    const { dispatch, events } = setup();
    const refused = [
      await dispatch('updateCatalogItem', { kind: 'project', id: 3 }),
      await dispatch('updateCatalogItem', { kind: 'project', id: 0, name: 'Web' }),
      await dispatch('updateCatalogItem', { kind: 'project', id: 3, name: ' W ' }),
      await dispatch('updateCatalogItem', { kind: 'project', id: 3, name: 'W'.repeat(151) }),
      await dispatch('updateCatalogItem', { kind: 'project', id: 3, budgetHours: -1 }),
      await dispatch('updateCatalogItem', { kind: 'project', id: 3, budgetHours: 500_001 }),
      await dispatch('updateCatalogItem', { kind: 'project', id: 3, budgetMoney: 1e10 }),
      await dispatch('updateCatalogItem', { kind: 'project', id: 3, budgetPeriod: 'week' } as never),
      await dispatch('updateCatalogItem', { kind: 'project', id: 3, comment: 'x'.repeat(5001) }),
      await dispatch('updateCatalogItem', { kind: 'project', id: 3, customer: 'Acme' } as never),
      await dispatch('updateCatalogItem', { kind: 'project', id: 3, start: '1 Dec 2026' }),
      await dispatch('updateCatalogItem', { kind: 'activity', id: 3, customer: 1 }),
      await dispatch('updateCatalogItem', { kind: 'customer', id: 1, end: '2026-12-31' }),
      await dispatch('updateCatalogItem', { kind: 'project', id: 3, start: '2027-01-01', end: '2026-12-31' }),
      await dispatch('updateCatalogItem', { kind: 'project', id: 3, archived: true } as never),
      await dispatch('updateCatalogItem', { kind: 'team', id: 3, name: 'Web' } as never),
      await dispatch('updateCatalogItem', { kind: 'project', id: 3, billable: 'no' } as never),
      await dispatch('getCatalogItem', { kind: 'project', id: 'Website' } as never),
      await dispatch('getCatalogItem', { kind: 'project', id: 3, fields: ['name'] } as never),
    ];
    expect(refused.map((answer) => answer.ok)).toEqual(refused.map(() => false));
    expect(refused[0]).toMatchObject({ message: expect.stringContaining('something to change') });
    expect(refused[2]).toMatchObject({ message: expect.stringContaining('a name of 2 to 150 characters') });
    expect(refused[4]).toMatchObject({ message: expect.stringContaining('a budget of 0 or more') });
    expect(refused[5]).toMatchObject({ message: expect.stringContaining('a time budget of at most 500,000 hours') });
    expect(refused[11]).toMatchObject({ message: expect.stringContaining('a customer and dates only for a project') });
    expect(refused[13]).toMatchObject({ message: 'The first day comes after the last: a project cannot start after it ends.' });
    expect(events.filter((event) => /^(read|change)/.test(event))).toEqual([]);
  });

  it('refuse a catalog change where the engine does not offer update_catalog_item, in words, and send nothing', async () => {
    const { dispatch, deps, events } = setup();
    deps.settings.update((settings) => ({ ...settings, provider: kimai }));
    // A Kimai team lead: the catalog section, but no change of what an item keeps.
    deps.timesheet.supportedTools = withTools(TOOL_NAMES.filter((name) => name !== 'update_catalog_item' && name !== 'manage_tags'));
    const refusal = { ok: false, message: 'Kimai does not let you change what customers, projects and activities keep through Punchcard.' };
    expect(await dispatch('getCatalogItem', { kind: 'project', id: 3 })).toEqual(refusal);
    expect(await dispatch('updateCatalogItem', { kind: 'project', id: 3, name: 'Web' })).toEqual(refusal);
    expect(await dispatch('getAdminCatalog', undefined)).toMatchObject({ ok: true });
    // A worker: no administration at all.
    deps.timesheet.supportedTools = withTools(WORKER_TOOLS);
    expect(await dispatch('getCatalogItem', { kind: 'project', id: 3 })).toEqual({
      ok: false,
      message: 'Kimai does not say your account administers anything, so Punchcard offers no administration here.',
    });
    expect(events.filter((event) => /^(read|change)/.test(event))).toEqual([]);
  });

  it('add a tag with its colour, and list them again', async () => {
    const { dispatch, events } = setup();
    expect(await dispatch('addTag', { name: 'urgent', color: '#cc3300' })).toEqual({
      ok: true,
      value: {
        message: 'Created the tag "urgent".',
        view: [
          { id: 900, name: 'billing', color: '#336699', archived: false },
          { id: 901, name: 'urgent', color: '#cc3300', archived: false },
        ],
      },
    });
    expect(events).toContain('tag urgent #cc3300');
  });

  it('check every payload before the engine hears of it', async () => {
    const { dispatch, events } = setup();
    const refused = [
      await dispatch('addTag', { name: 'a,b' }),
      await dispatch('addTag', { name: 'x' }),
      await dispatch('addTag', { name: 'urgent', color: 'red' }),
      await dispatch('addCatalogItem', { kind: 'customer', name: '   ' }),
      await dispatch('addCatalogItem', { kind: 'team', name: 'Web' } as never),
      await dispatch('addCatalogItem', { kind: 'customer', name: 'Globex', parent: 'Acme' }),
      await dispatch('setCatalogItemArchived', { kind: 'project', id: 0, archived: true }),
      await dispatch('setCatalogItemArchived', { kind: 'project', id: 3 } as never),
      await dispatch('getInvoices', { page: 0 }),
      await dispatch('getInvoices', { page: 2, status: ['paid'] } as never),
    ];
    expect(refused.map((answer) => answer.ok)).toEqual(refused.map(() => false));
    expect(refused[0]).toMatchObject({ message: expect.stringContaining('a tag name without a comma') });
    expect(refused[2]).toMatchObject({ message: expect.stringContaining('a colour as #RRGGBB') });
    expect(refused[5]).toMatchObject({ message: 'A customer belongs to no other item: leave the customer or project out.' });
    expect(events.filter((event) => /^(tag|add|archive|invoices)/.test(event))).toEqual([]);
  });

  it('refuse in words what the engine does not offer the person, and send nothing', async () => {
    const { dispatch, deps, events } = setup();
    deps.settings.update((settings) => ({ ...settings, provider: kimai }));
    // A team lead: invoices and the catalog, no tags.
    deps.timesheet.supportedTools = withTools(LEAD_TOOLS);
    expect(await dispatch('addTag', { name: 'urgent' })).toEqual({ ok: false, message: 'Kimai does not let you administer tags through Punchcard.' });
    expect(await dispatch('getInvoices', { page: 1 })).toMatchObject({ ok: true, value: { page: 1 } });
    // A worker may add to Kimai's catalog, but administers nothing: no section at all.
    deps.timesheet.supportedTools = withTools(WORKER_TOOLS);
    const nothing = { ok: false, message: 'Kimai does not say your account administers anything, so Punchcard offers no administration here.' };
    expect(await dispatch('setCatalogItemArchived', { kind: 'customer', id: 1, archived: true })).toEqual(nothing);
    expect(await dispatch('getInvoices', { page: 1 })).toEqual(nothing);
    expect(events.filter((event) => /^(tag|archive|invoices)/.test(event))).toEqual(['invoices 1']);
  });

  it('check people and corrections payloads before the engine hears of them, and refuse sections not offered', async () => {
    const { dispatch, deps, events } = setup();
    const scope = { from: '2026-11-01', to: '2026-11-30', set: { billable: false } };
    const refused = [
      await dispatch('invitePerson', { name: 'Grace', email: 'not-an-address' }),
      await dispatch('invitePerson', { name: '  ', email: 'grace@example.com' }),
      await dispatch('updatePerson', { id: 1 }),
      await dispatch('setPersonActive', { id: 0, active: false }),
      await dispatch('getAdminPeople', { page: 1 } as never),
      await dispatch('previewCorrection', { ...scope, set: {} }),
      await dispatch('previewCorrection', { ...scope, from: '1 Nov' }),
      await dispatch('previewCorrection', { ...scope, from: '2026-12-01' }),
      await dispatch('applyCorrection', scope as never),
      await dispatch('applyCorrection', { ...scope, confirmCount: -1 }),
      await dispatch('previewCorrection', { ...scope, ids: [1] } as never),
    ];
    expect(refused.map((answer) => answer.ok)).toEqual(refused.map(() => false));
    expect(refused[0]).toMatchObject({ message: expect.stringContaining('an e-mail address like ada@example.com') });
    expect(refused[2]).toMatchObject({ message: expect.stringContaining('a name, e-mail or role to change') });
    expect(refused[5]).toMatchObject({ message: expect.stringContaining('something to change') });
    expect(refused[7]).toMatchObject({ message: 'The first day comes after the last: swap them.' });
    expect(events.filter((event) => /^(people|invite|update|active|correct)/.test(event))).toEqual([]);

    expect(await dispatch('invitePerson', { name: ' Grace Hopper ', email: 'grace@example.com', role: 'ROLE_TEAMLEAD' })).toMatchObject({
      ok: true,
      value: { message: 'Invited Grace Hopper.', person: { name: 'Grace Hopper' } },
    });
    expect(await dispatch('applyCorrection', { ...scope, confirmCount: 1 })).toMatchObject({ ok: true, value: { changed: true } });
    expect(events.filter((event) => /^(invite|correct)/.test(event))).toEqual([
      'invite Grace Hopper grace@example.com ROLE_TEAMLEAD',
      `correct ${JSON.stringify(scope)} 1`,
    ]);

    // A Kimai administrator who is no super administrator: no people, though corrections.
    deps.settings.update((settings) => ({ ...settings, provider: kimai }));
    deps.timesheet.supportedTools = withTools(TOOL_NAMES.filter((name) => name !== 'manage_people'));
    expect(await dispatch('setPersonActive', { id: 1, active: false })).toEqual({
      ok: false,
      message: 'Kimai does not let you administer people through Punchcard.',
    });
    expect(await dispatch('previewCorrection', scope)).toMatchObject({ ok: true, value: { changed: false } });
    expect(events.filter((event) => event.startsWith('active'))).toEqual([]);
  });

  it('check team changes before the engine hears of them: one action with what it needs, ids for teams and members', async () => {
    const { dispatch, deps, events } = setup();
    const refused = [
      await dispatch('changeTeam', { action: 'create', name: 'W' }),
      await dispatch('changeTeam', { action: 'rename', name: 'Web team' } as never),
      await dispatch('changeTeam', { action: 'add_members', id: 3, people: [] }),
      await dispatch('changeTeam', { action: 'add_members', id: 3, people: Array.from({ length: 21 }, (_, index) => `p${index}`) }),
      await dispatch('changeTeam', { action: 'remove_members', id: 3, people: ['Ada'] } as never),
      await dispatch('changeTeam', { action: 'set_lead', id: 3, person: 0 }),
      await dispatch('changeTeam', { action: 'delete', id: 3, people: [1] } as never),
      await dispatch('changeTeam', { action: 'grant', id: 3, kind: 'project', item: 'Website' } as never),
      await dispatch('getAdminTeam', { id: -1 }),
    ];
    expect(refused.map((answer) => answer.ok)).toEqual(refused.map(() => false));
    expect(refused[0]).toMatchObject({ message: expect.stringContaining('a team name of 2 to 100 characters') });
    expect(refused[2]).toMatchObject({ message: expect.stringContaining('someone to add') });
    expect(events.filter((event) => /^(team|change team)/.test(event))).toEqual([]);

    expect(await dispatch('changeTeam', { action: 'rename', id: 3, name: '  Web team ' })).toMatchObject({ ok: true, value: { message: 'Changed.' } });
    expect(await dispatch('getAdminTeam', { id: 3 })).toMatchObject({ ok: true, value: { members: [{ name: 'Ada Lovelace', lead: true }] } });
    expect(events.filter((event) => /^(team|change team)/.test(event))).toEqual(['change team {"action":"rename","id":3,"name":"Web team"}', 'team 3']);

    // A team lead on Kimai edits no team: the section is not offered, and nothing is sent.
    deps.settings.update((settings) => ({ ...settings, provider: kimai }));
    deps.timesheet.supportedTools = withTools(TOOL_NAMES.filter((name) => name !== 'manage_teams'));
    expect(await dispatch('changeTeam', { action: 'delete', id: 3 })).toEqual({
      ok: false,
      message: 'Kimai does not let you administer teams through Punchcard.',
    });
    expect(await dispatch('getAdminTeams', undefined)).toEqual({ ok: false, message: 'Kimai does not let you administer teams through Punchcard.' });
    expect(events.filter((event) => event.startsWith('change team'))).toHaveLength(1);
  });

  it('check rate changes before the engine hears of them: hourly or fixed, amounts in bounds, items and people by id', async () => {
    const { dispatch, deps, events } = setup();
    const refused = [
      await dispatch('setRate', { kind: 'project', item: 3 }),
      await dispatch('setRate', { kind: 'project', item: 3, hourly: 80, fixed: 30 }),
      await dispatch('setRate', { kind: 'project', item: 3, hourly: -1 }),
      await dispatch('setRate', { kind: 'project', item: 3, hourly: 2_000_000 }),
      await dispatch('setRate', { kind: 'team', item: 3, hourly: 80 } as never),
      await dispatch('setRate', { kind: 'project', item: 'Website', hourly: 80 } as never),
      await dispatch('removeRate', { kind: 'project', item: 3 } as never),
      await dispatch('removeRate', { kind: 'project', item: 3, person: 'Ada' } as never),
      await dispatch('getRates', { kind: 'project', item: 0 }),
    ];
    expect(refused.map((answer) => answer.ok)).toEqual(refused.map(() => false));
    expect(refused[0]).toMatchObject({ message: expect.stringContaining('an hourly or a fixed amount, one of them') });
    expect(refused[2]).toMatchObject({ message: expect.stringContaining('an amount of 0 or more') });
    expect(events.filter((event) => /rate/.test(event))).toEqual([]);

    expect(await dispatch('setRate', { kind: 'project', item: 3, person: ' Ada ', fixed: 30 })).toMatchObject({ ok: true, value: { message: 'Set.' } });
    expect(await dispatch('removeRate', { kind: 'project', item: 3, person: null })).toMatchObject({ ok: true, value: { message: 'Removed.' } });
    expect(events.filter((event) => /rate/.test(event))).toEqual([
      'set rate {"kind":"project","item":3,"person":"Ada","fixed":30}',
      'remove rate {"kind":"project","item":3,"person":null}',
    ]);

    // Where manage_rates is not offered (a Kimai team lead), the section is refused in words and nothing is sent.
    deps.settings.update((settings) => ({ ...settings, provider: kimai }));
    deps.timesheet.supportedTools = withTools(TOOL_NAMES.filter((name) => name !== 'manage_rates'));
    expect(await dispatch('getRateCatalog', undefined)).toEqual({ ok: false, message: 'Kimai does not let you administer rates through Punchcard.' });
    expect(await dispatch('removeRate', { kind: 'project', item: 3, person: null })).toEqual({
      ok: false,
      message: 'Kimai does not let you administer rates through Punchcard.',
    });
    expect(events.filter((event) => /rate/.test(event))).toHaveLength(2);
  });
});

describe('timesheet approval handlers', () => {
  const without = (names: readonly string[]) => async () => new Set(TOOL_NAMES.filter((name) => !names.includes(name)));
  const APPROVAL_TOOLS = ['submit_timesheet', 'withdraw_timesheet', 'list_timesheet_approvals', 'decide_timesheet'];

  it("give the Timesheet its week's approval with the lock, naming the back end", async () => {
    const { dispatch, deps, events } = setup();
    deps.settings.update((settings) => ({ ...settings, provider: { type: 'clockify', url: 'https://api.clockify.me', workspace: 'Acme' } }));
    const week = await dispatch('getTimesheet', { date: '2026-11-18' });
    expect(week).toMatchObject({
      ok: true,
      value: { from: '2026-11-16', approval: { locks: [{ status: 'approved', words: 'Locked in Clockify.' }], backEnd: 'Clockify', problem: null } },
    });
    expect(events).toContain('approvalsWeek 2026-11-16 Clockify');
  });

  it('give no approval and ask the engine nothing of it where the back end has no approvals', async () => {
    const { dispatch, deps, events } = setup();
    deps.timesheet.supportedTools = without(APPROVAL_TOOLS);
    expect(await dispatch('getTimesheet', { date: '2026-11-18' })).toMatchObject({ ok: true, value: { approval: null } });
    expect(await dispatch('submitWeek', { date: '2026-11-18' })).toMatchObject({ ok: false, message: expect.stringContaining('no timesheet approvals') });
    expect(await dispatch('getApprovalsToDecide', undefined)).toMatchObject({ ok: false, message: expect.stringContaining("leaves nobody's timesheet") });
    expect(events.filter((event) => /^(approvalsWeek|submit|toDecide)/.test(event))).toEqual([]);
  });

  it('show the week when its approval cannot be read, with why', async () => {
    const { dispatch, deps } = setup();
    deps.approvals.week = async () => {
      throw new Error('Clockify did not answer in time.');
    };
    expect(await dispatch('getTimesheet', { date: '2026-11-18' })).toMatchObject({
      ok: true,
      value: { entries: [{ id: 1 }, { id: 2 }], approval: { submissions: [], locks: [], problem: 'Clockify did not answer in time.' } },
    });
  });

  it('submit the week holding the day by its Monday, then read the week again', async () => {
    const { dispatch, events } = setup();
    expect(await dispatch('submitWeek', { date: '2026-11-19' })).toMatchObject({ ok: true, value: { outcome: 'Submitted.', approval: { locks: [{}] } } });
    expect(events.filter((event) => /^(approvalsWeek|submit)/.test(event))).toEqual(['submit 2026-11-16', 'approvalsWeek 2026-11-16 the local timesheet']);
  });

  it('refuse a rejection without a note before the engine hears of it, and pass the note of one with it', async () => {
    const { dispatch, events } = setup();
    expect(await dispatch('decideTimesheet', { id: 'sub-7', decision: 'reject', note: '   ' })).toEqual({
      ok: false,
      message: 'Invalid request: note: A rejection needs a note saying what to fix..',
    });
    expect(await dispatch('decideTimesheet', { id: 'sub-7', decision: 'reject' })).toMatchObject({ ok: false });
    expect(events.filter((event) => event.startsWith('decide '))).toEqual([]);
    expect(await dispatch('decideTimesheet', { id: 'sub-7', decision: 'reject', note: 'Friday is missing' })).toMatchObject({
      ok: true,
      value: { submission: { status: 'rejected' }, outcome: 'Decided.' },
    });
    expect(await dispatch('decideTimesheet', { id: 'sub-7', decision: 'approve', note: ' ' })).toMatchObject({ ok: true });
    expect(await dispatch('getSubmissionEntries', { id: 'sub-7' })).toMatchObject({ ok: true, value: { entries: [] } });
    expect(await dispatch('getApprovalsToDecide', { status: 'pending' })).toMatchObject({ ok: true, value: { submissions: [{ id: 'sub-7' }] } });
    expect(events.filter((event) => /^(decide |entries|toDecide)/.test(event))).toEqual([
      'decide sub-7 reject "Friday is missing"',
      'decide sub-7 approve undefined',
      'entries sub-7',
      'toDecide pending',
    ]);
    expect(await dispatch('getSubmissionEntries', { id: '' })).toMatchObject({ ok: false });
  });
});
