// The Account screen's connections through main's dispatch (every payload checked against the window
// contract), over a real config.json (conf, as the app's electron-store), real tracker folders in a
// temporary data folder, an in-memory keychain and a recording connection test.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../../main/ipc/dispatch.ts';
import { accountHandlers } from '../../../../main/ipc/handlers/account.ts';
import { connectionHandlers } from '../../../../main/ipc/handlers/connections.ts';
import { createSettingsStore } from '../../../../main/settings/settings-store.ts';
import { trackerFolders } from '../../../../main/settings/tracker-folders.ts';
import type { BackEndProfile } from '../../../../mcp-server/contract/settings.ts';
import type { Handlers } from '../../../../window-contract/index.ts';
import type { AccountView, ConnectionResult } from '../../../../window-contract/account.ts';

const KIMAI = { type: 'kimai', url: 'https://kimai.acme.example' } as const;
const CLOCKIFY_ACCOUNT = 'clockify:https://api.clockify.me';
const KIMAI_ACCOUNT = 'kimai:https://kimai.acme.example';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function setup(config?: Record<string, unknown>) {
  const userData = mkdtempSync(join(tmpdir(), 'punchcard-connections-'));
  folders.push(userData);
  if (config) writeFileSync(join(userData, 'config.json'), JSON.stringify(config));
  const secrets = new Map<string, string>();
  const events: string[] = [];
  const tested: Array<{ profile: BackEndProfile; token: string | undefined }> = [];
  const deps = {
    settings: createSettingsStore(new Conf<Record<string, unknown>>({ cwd: userData, configName: 'config' })),
    credentials: {
      get: async (account: string) => secrets.get(account) ?? null,
      set: async (account: string, secret: string) => void secrets.set(account, secret),
      delete: async (account: string) => secrets.delete(account),
    },
    trackerFolders: trackerFolders(userData, () => Date.parse('2026-11-18T09:00:00Z')),
    restartEngine: async () => void events.push('restart'),
    workday: { forget: () => void events.push('targets forgotten') },
    timesheet: {
      testConnection: async (profile: BackEndProfile, token?: string): Promise<ConnectionResult> => {
        tested.push({ profile, token });
        return { ok: true, message: 'Connected.' };
      },
    },
  };
  const handlers = { ...accountHandlers(deps as never), ...connectionHandlers(deps) } as unknown as Handlers;
  const dispatch = createDispatch(handlers, (line) => events.push(`log ${line}`));
  const config_ = () => JSON.parse(readFileSync(join(userData, 'config.json'), 'utf8'));
  const view = async () => {
    const answer = await dispatch('getAccount', undefined);
    if (!answer.ok) throw new Error(answer.message);
    return answer.value as AccountView;
  };
  return { userData, secrets, events, tested, dispatch, config: config_, view };
}

const withKimai = () => ({ schemaVersion: 1, provider: KIMAI, future: { kept: true } });

describe('adding connections', () => {
  it('puts a named profile into trackers, files its secret under its account, keeps unknown keys and restarts the engine', async () => {
    const { dispatch, config, secrets, events, view } = setup(withKimai());
    secrets.set(KIMAI_ACCOUNT, 'kimai-token');
    const added = await dispatch('addConnections', {
      connections: [{ name: 'beta', provider: { type: 'clockify', url: null, workspace: 'Beta Corp' } }],
      token: ' key-1 ',
    });
    expect(added.ok).toBe(true);
    expect(config().trackers).toEqual([{ type: 'clockify', url: 'https://api.clockify.me', workspace: 'Beta Corp', name: 'beta' }]);
    expect(config().provider).toEqual(KIMAI);
    expect(config().future).toEqual({ kept: true });
    expect(secrets.get(CLOCKIFY_ACCOUNT)).toBe('key-1');
    expect(JSON.stringify(config())).not.toContain('key-1');
    expect(events).toEqual(['restart']);
    expect((await view()).connections).toEqual([
      // Neither back end has a second secret (Tempo's Jira API token): null, not false.
      {
        name: 'kimai',
        isDefault: true,
        provider: { ...KIMAI, caFile: null, allowInsecureTls: false },
        hasCredential: true,
        hasSecondCredential: null,
        workWeek: null,
      },
      {
        name: 'beta',
        isDefault: false,
        provider: { type: 'clockify', url: 'https://api.clockify.me', workspace: 'Beta Corp' },
        hasCredential: true,
        hasSecondCredential: null,
        workWeek: null,
      },
    ]);
  });

  it('adds every ticked workspace of one Clockify key as its own connection, sharing one keychain item', async () => {
    const { dispatch, config, secrets } = setup(withKimai());
    const added = await dispatch('addConnections', {
      connections: [
        { name: 'acme-gmbh', provider: { type: 'clockify', url: null, workspace: '64a687e29ae1f428e7ebe303' } },
        { name: 'side-project', provider: { type: 'clockify', url: null, workspace: '64a687e29ae1f428e7ebe404' } },
      ],
      token: 'one-key',
    });
    expect(added.ok).toBe(true);
    expect(config().trackers.map((tracker: { name: string; workspace: string }) => [tracker.name, tracker.workspace])).toEqual([
      ['acme-gmbh', '64a687e29ae1f428e7ebe303'],
      ['side-project', '64a687e29ae1f428e7ebe404'],
    ]);
    expect([...secrets.keys()]).toEqual([CLOCKIFY_ACCOUNT]);
  });

  it('files a different secret at an account another connection reads as <account>#<name>, and the same secret not at all', async () => {
    const { dispatch, secrets, view } = setup({ schemaVersion: 1, provider: { type: 'clockify', name: 'acme', workspace: 'Acme' } });
    secrets.set(CLOCKIFY_ACCOUNT, 'acme-key');
    await dispatch('addConnections', { connections: [{ name: 'side', provider: { type: 'clockify', url: null, workspace: 'Side' } }], token: 'acme-key' });
    await dispatch('addConnections', {
      connections: [{ name: 'other', provider: { type: 'clockify', url: null, workspace: 'Other' } }],
      token: 'second-login-key',
    });
    expect(Object.fromEntries(secrets)).toEqual({ [CLOCKIFY_ACCOUNT]: 'acme-key', [`${CLOCKIFY_ACCOUNT}#other`]: 'second-login-key' });
    expect((await view()).connections.map((connection) => connection.hasCredential)).toEqual([true, true, true]);
  });

  it('uses the saved secret of the account when none is typed, and asks for one where there is none', async () => {
    const { dispatch, config, secrets, events } = setup(withKimai());
    expect(await dispatch('addConnections', { connections: [{ name: 'beta', provider: { type: 'clockify', url: null, workspace: 'Beta' } }] })).toEqual({
      ok: false,
      message: 'Enter your Clockify API key for https://api.clockify.me: Punchcard has none saved for it.',
    });
    expect(config().trackers).toBeUndefined();
    expect(events).toEqual([]);
    secrets.set(CLOCKIFY_ACCOUNT, 'saved');
    expect((await dispatch('addConnections', { connections: [{ name: 'beta', provider: { type: 'clockify', url: null, workspace: 'Beta' } }] })).ok).toBe(true);
  });

  it('refuses a name out of the rule, one already taken, two alike, and more than eight connections, writing nothing', async () => {
    const { dispatch, config, secrets } = setup(withKimai());
    const add = async (...names: string[]) => {
      const answer = await dispatch('addConnections', { connections: names.map((name) => ({ name, provider: { type: 'local' as const } })) });
      return answer.ok ? 'added' : answer.message;
    };
    expect(await add('Beta Corp')).toBe('A name needs lower-case ASCII letters, digits and -, starting with a letter (such as "acme" or "side-gig").');
    expect(await add('kimai')).toBe('Another connection is called "kimai": choose another name.');
    expect(await add('home', 'home')).toBe('Another connection is called "home": choose another name.');
    expect(await add('a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8')).toMatch(/^Invalid request: connections: /);
    expect(await add('a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7')).toBe('added');
    expect(await add('a8')).toBe('Punchcard holds at most 8 connections; there are 8, so 0 more fit.');
    expect(config().trackers).toHaveLength(7);
    expect(secrets.size).toBe(0);
  });

  it('checks every payload against the contract: no unknown keys, no long names', async () => {
    const { dispatch } = setup(withKimai());
    expect((await dispatch('addConnections', { connections: [{ name: 'x', provider: { type: 'local' }, secret: 'y' }] } as never)).ok).toBe(false);
    expect((await dispatch('renameConnection', { name: 'kimai', to: 'a'.repeat(25) })).ok).toBe(false);
    expect((await dispatch('removeConnection', { name: 'kimai', also: 1 } as never)).ok).toBe(false);
  });
});

describe('the default', () => {
  it('swaps which profile is in provider; the old default keeps its place in trackers under its type as name', async () => {
    const { dispatch, config, events } = setup({
      ...withKimai(),
      trackers: [
        { name: 'beta', type: 'clockify', workspace: 'Beta' },
        { name: 'home', type: 'local' },
      ],
    });
    const answer = await dispatch('makeDefaultConnection', { name: 'beta' });
    expect(answer.ok).toBe(true);
    expect(config().provider).toEqual({ type: 'clockify', url: 'https://api.clockify.me', workspace: 'Beta', name: 'beta' });
    expect(config().trackers).toEqual([
      { ...KIMAI, name: 'kimai' },
      { name: 'home', type: 'local' },
    ]);
    expect(((answer as { value: AccountView }).value.connections ?? []).map((each) => [each.name, each.isDefault])).toEqual([
      ['beta', true],
      ['kimai', false],
      ['home', false],
    ]);
    expect(events).toEqual(['restart']);
  });

  it('cannot be removed while others exist, and says why', async () => {
    const { dispatch, config } = setup({ ...withKimai(), trackers: [{ name: 'beta', type: 'local' }] });
    expect(await dispatch('removeConnection', { name: 'kimai' })).toEqual({
      ok: false,
      message:
        '"kimai" is the default connection, where every call that names no connection goes, so it stays while there are others: make "beta" the default first.',
    });
    expect(config().trackers).toHaveLength(1);
  });

  it('keeps its name when today’s form saves another back end for it', async () => {
    const { dispatch, config } = setup({
      schemaVersion: 1,
      provider: { type: 'local', name: 'home' },
      trackers: [{ name: 'beta', type: 'kimai', url: 'https://k.example' }],
    });
    await dispatch('saveAccount', { provider: { type: 'kimai', url: 'https://kimai.acme.example' }, token: 't' });
    expect(config().provider).toEqual({ ...KIMAI, name: 'home' });
  });
});

describe('renaming and removing', () => {
  it('renames a connection, moves its folder and its own secret with it', async () => {
    const { dispatch, config, secrets, userData } = setup({ ...withKimai(), trackers: [{ name: 'beta', type: 'clockify', workspace: 'Beta' }] });
    secrets.set(`${CLOCKIFY_ACCOUNT}#beta`, 'own');
    mkdirSync(join(userData, 'trackers', 'beta'), { recursive: true });
    writeFileSync(join(userData, 'trackers', 'beta', 'outbox.db'), 'kept writes');
    writeFileSync(join(userData, 'punchcard.db'), 'the root belongs to its connection');
    expect((await dispatch('renameConnection', { name: 'beta', to: 'beta-corp' })).ok).toBe(true);
    expect(config().trackers).toEqual([{ name: 'beta-corp', type: 'clockify', url: 'https://api.clockify.me', workspace: 'Beta' }]);
    expect(readFileSync(join(userData, 'trackers', 'beta-corp', 'outbox.db'), 'utf8')).toBe('kept writes');
    expect(existsSync(join(userData, 'trackers', 'beta'))).toBe(false);
    expect(existsSync(join(userData, 'punchcard.db'))).toBe(true);
    expect(Object.fromEntries(secrets)).toEqual({ [`${CLOCKIFY_ACCOUNT}#beta-corp`]: 'own' });
  });

  it('renames the default by giving provider a name, with no folder to move', async () => {
    const { dispatch, config, userData } = setup({ ...withKimai(), trackers: [{ name: 'beta', type: 'local' }] });
    expect((await dispatch('renameConnection', { name: 'kimai', to: 'acme' })).ok).toBe(true);
    expect(config().provider).toEqual({ ...KIMAI, name: 'acme' });
    expect(existsSync(join(userData, 'trackers'))).toBe(false);
  });

  it('refuses a rename onto a name taken, or onto a folder another connection’s files are in, moving nothing', async () => {
    const { dispatch, config, userData } = setup({ ...withKimai(), trackers: [{ name: 'beta', type: 'local' }] });
    expect(await dispatch('renameConnection', { name: 'beta', to: 'kimai' })).toEqual({
      ok: false,
      message: 'Another connection is called "kimai": choose another name.',
    });
    expect(await dispatch('renameConnection', { name: 'zeta', to: 'eta' })).toEqual({
      ok: false,
      message: 'There is no connection called "zeta". The connections are kimai, beta.',
    });
    mkdirSync(join(userData, 'trackers', 'beta'), { recursive: true });
    mkdirSync(join(userData, 'trackers', 'gamma'), { recursive: true });
    const refused = await dispatch('renameConnection', { name: 'beta', to: 'gamma' });
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/^Punchcard keeps another set of files for a connection called "gamma"/) });
    expect(config().trackers).toEqual([{ name: 'beta', type: 'local' }]);
    expect(existsSync(join(userData, 'trackers', 'beta'))).toBe(true);
  });

  it('removes a connection: out of trackers, its folder set aside, its own secret gone, the shared one kept', async () => {
    const { dispatch, config, secrets, userData } = setup({
      ...withKimai(),
      trackers: [
        { name: 'beta', type: 'clockify', workspace: 'Beta' },
        { name: 'gamma', type: 'clockify', workspace: 'Gamma' },
      ],
    });
    secrets.set(CLOCKIFY_ACCOUNT, 'shared');
    secrets.set(`${CLOCKIFY_ACCOUNT}#beta`, 'own');
    mkdirSync(join(userData, 'trackers', 'beta'), { recursive: true });
    expect((await dispatch('removeConnection', { name: 'beta' })).ok).toBe(true);
    expect(config().trackers.map((tracker: { name: string }) => tracker.name)).toEqual(['gamma']);
    expect(readdirSync(join(userData, 'trackers'))).toEqual(['beta.removed-2026-11-18T09-00-00-000Z']);
    expect(Object.fromEntries(secrets)).toEqual({ [CLOCKIFY_ACCOUNT]: 'shared' });
  });

  it('takes the trackers key out of the file with the last one, so one connection is today’s file again', async () => {
    const { dispatch, config } = setup({ ...withKimai(), trackers: [{ name: 'beta', type: 'local' }], timers: 'per_tracker' });
    expect((await dispatch('removeConnection', { name: 'beta' })).ok).toBe(true);
    expect(config()).toMatchObject({ schemaVersion: 1, provider: KIMAI, future: { kept: true }, timers: 'per_tracker' });
    expect(Object.hasOwn(config(), 'trackers')).toBe(false);
  });
});

describe('testing a saved connection', () => {
  it('tests it by name, with its own secret where it has one, else leaving the keychain to the engine', async () => {
    const { dispatch, secrets, tested } = setup({
      ...withKimai(),
      trackers: [
        { name: 'beta', type: 'clockify', workspace: 'Beta' },
        { name: 'gamma', type: 'clockify', workspace: 'Gamma' },
      ],
    });
    secrets.set(`${CLOCKIFY_ACCOUNT}#gamma`, 'gamma-own');
    await dispatch('testConnection', { connection: 'beta' });
    await dispatch('testConnection', { connection: 'gamma' });
    await dispatch('testConnection', { connection: 'kimai' });
    expect(tested).toEqual([
      { profile: { type: 'clockify', url: 'https://api.clockify.me', workspace: 'Beta' }, token: undefined },
      { profile: { type: 'clockify', url: 'https://api.clockify.me', workspace: 'Gamma' }, token: 'gamma-own' },
      { profile: KIMAI, token: undefined },
    ]);
  });
});

describe('a week per connection', () => {
  const HALF = { mon: 5, tue: 5, wed: 5, thu: 5, fri: 0, sat: 0, sun: 0 };

  it('adds a connection with a week of its own, and sets, changes and clears one without starting the engine over', async () => {
    const { dispatch, config, events, view } = setup({ ...withKimai(), trackers: [{ name: 'home', type: 'local' }] });
    const added = await dispatch('addConnections', { connections: [{ name: 'side', provider: { type: 'local' }, workWeek: HALF }] });
    expect(added.ok).toBe(true);
    expect(config().trackers).toEqual([
      { name: 'home', type: 'local' },
      { name: 'side', type: 'local', workWeek: HALF },
    ]);
    events.length = 0;
    expect((await dispatch('setConnectionWeek', { name: 'home', workWeek: { ...HALF, fri: 4 } })).ok).toBe(true);
    expect(config().trackers[0]).toEqual({ name: 'home', type: 'local', workWeek: { ...HALF, fri: 4 } });
    expect((await dispatch('setConnectionWeek', { name: 'side', workWeek: null })).ok).toBe(true);
    expect(config().trackers[1]).toEqual({ name: 'side', type: 'local' });
    expect((await dispatch('setConnectionWeek', { name: 'kimai', workWeek: HALF })).ok).toBe(true);
    // The default keeps having no name where its type stood in; unknown keys stay.
    expect(config().provider).toEqual({ ...KIMAI, workWeek: HALF });
    expect(config().future).toEqual({ kept: true });
    expect((await view()).connections.map((each) => [each.name, each.workWeek])).toEqual([
      ['kimai', HALF],
      ['home', { ...HALF, fri: 4 }],
      ['side', null],
    ]);
    // The engines read the week as the settings say it now: the targets are asked again, nothing starts over.
    expect(events).toEqual(['targets forgotten', 'targets forgotten', 'targets forgotten']);
  });

  it('refuses a week for a back end that keeps its targets, and one that is not a week, writing nothing', async () => {
    const { dispatch, config } = setup({ ...withKimai(), trackers: [{ name: 'beta', type: 'clockify', workspace: 'Beta' }] });
    expect(await dispatch('setConnectionWeek', { name: 'beta', workWeek: HALF })).toEqual({
      ok: false,
      message: "Clockify keeps beta's targets itself; Punchcard counts with those.",
    });
    expect((await dispatch('setConnectionWeek', { name: 'kimai', workWeek: { ...HALF, mon: 25 } })).ok).toBe(false);
    expect((await dispatch('setConnectionWeek', { name: 'zeta', workWeek: HALF })).ok).toBe(false);
    expect(config().provider).toEqual(KIMAI);
    expect(config().trackers).toEqual([{ name: 'beta', type: 'clockify', workspace: 'Beta' }]);
  });

  it('keeps each connection’s week when another becomes the default', async () => {
    const { dispatch, config } = setup({ ...withKimai(), provider: { ...KIMAI, workWeek: HALF }, trackers: [{ name: 'home', type: 'local' }] });
    expect((await dispatch('makeDefaultConnection', { name: 'home' })).ok).toBe(true);
    expect(config().provider).toEqual({ name: 'home', type: 'local' });
    expect(config().trackers).toEqual([{ ...KIMAI, name: 'kimai', workWeek: HALF }]);
    // Saving the default's back end keeps its week too.
    await dispatch('setConnectionWeek', { name: 'home', workWeek: HALF });
    await dispatch('saveAccount', { provider: { type: 'kimai', url: 'https://kimai.home.example' }, token: 't' });
    expect(config().provider).toEqual({ type: 'kimai', url: 'https://kimai.home.example', name: 'home', workWeek: HALF });
  });
});
