// Several trackers' secrets (docs/several-trackers.md, "Secrets"): each connection's secret reaches only
// its own address, in a connection's order (its variable, its keychain item `<account>#<name>`, the back
// end's variable where every tracker of that back end shares an account, the account's item), proved
// with the fakes' request logs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialAccount, type BackEndProfile, type RemoteProfile } from '../../../mcp-server/contract/back-ends.ts';
import type { Connection } from '../../../mcp-server/contract/connections.ts';
import { modelText } from '../../../mcp-server/contract/outcomes/sentence.ts';
import { refusalSentence } from '../../../mcp-server/contract/outcomes/refusals.ts';
import { connectionSecretNotes } from '../../../mcp-server/credentials/connection-secret.ts';
import type { CredentialStore } from '../../../mcp-server/credentials/index.ts';
import { createRemoteTracker } from '../../../mcp-server/providers/create-tracker.ts';
import type { RemoteTracker } from '../../../mcp-server/providers/remote-tracker.ts';
import { BackEndError } from '../../../mcp-server/providers/time-tracker.ts';
import { thrownBy } from '../contract/outcomes/refused.ts';
import { ADA_KEY, SEED, seedWorkspace, startFakeClockify } from './clockify/fake-clockify.ts';
import { DEFAULT_USERS, type FakeKimai, startFakeKimai } from './kimai/fake-kimai.ts';

const ADA = DEFAULT_USERS[0] as (typeof DEFAULT_USERS)[number];
const TOM = DEFAULT_USERS[1] as (typeof DEFAULT_USERS)[number];
const NOW = Date.parse('2026-11-18T10:20:00Z');

const closing: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'punchcard-secrets-'));
  closing.push(() => rmSync(path, { recursive: true, force: true }));
  return path;
}

async function kimai(users = [ADA, TOM]): Promise<FakeKimai> {
  const fake = await startFakeKimai({ users: users.map((user) => ({ ...user })), now: () => NOW });
  closing.push(() => fake.close());
  return fake;
}

/** A keychain holding `items` (account → secret), as the OS keychain would; it never answers a variable. */
function keychain(items: Record<string, string>): CredentialStore & { asked: string[] } {
  const asked: string[] = [];
  return {
    kind: 'memory',
    asked,
    get: async (account) => {
      asked.push(account);
      return items[account] ?? null;
    },
    set: async () => {},
    delete: async () => false,
  };
}

function connections(...named: Array<[string, BackEndProfile]>): Connection[] {
  return named.map(([name, profile], index) => ({ name, profile, isDefault: index === 0 }));
}

async function open(
  profile: RemoteProfile,
  name: string,
  all: readonly Connection[],
  env: NodeJS.ProcessEnv,
  credentials: CredentialStore,
  extra: Partial<Parameters<typeof createRemoteTracker>[0]> = {},
): Promise<RemoteTracker> {
  const tracker = await createRemoteTracker({
    profile,
    userDataDir: folder(),
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map<string, string>(),
    timezone: () => 'Europe/Berlin',
    now: () => NOW,
    log: () => {},
    env,
    credentials,
    connection: { name, connections: all },
    ...extra,
  });
  closing.push(() => tracker.close());
  return tracker;
}

/** The bearer tokens a fake Kimai received. */
const tokensAt = (fake: FakeKimai) => [...new Set(fake.requests.map((request) => String(request.headers.authorization ?? '')))];

describe("several Kimai trackers' secrets", () => {
  it("each connection's keychain secret goes to its own server only", async () => {
    const [a, b] = [await kimai([ADA]), await kimai([TOM])];
    const all = connections(['acme', { type: 'kimai', url: a.url }], ['beta', { type: 'kimai', url: b.url }]);
    const store = keychain({ [credentialAccount({ type: 'kimai', url: a.url })]: ADA.token, [credentialAccount({ type: 'kimai', url: b.url })]: TOM.token });
    const acme = await open({ type: 'kimai', url: a.url }, 'acme', all, {}, store);
    const beta = await open({ type: 'kimai', url: b.url }, 'beta', all, {}, store);
    await acme.timer.runningEntry();
    await beta.timer.runningEntry();
    expect(tokensAt(a)).toEqual([`Bearer ${ADA.token}`]);
    expect(tokensAt(b)).toEqual([`Bearer ${TOM.token}`]);
  });

  it('PUNCHCARD_KIMAI_TOKEN with two Kimai servers is used for neither: each refuses naming its own variable, nothing sent', async () => {
    const [a, b] = [await kimai([ADA]), await kimai([ADA])];
    const all = connections(['acme', { type: 'kimai', url: a.url }], ['beta', { type: 'kimai', url: b.url }]);
    const env = { PUNCHCARD_KIMAI_TOKEN: ADA.token };
    const beta = await open({ type: 'kimai', url: b.url }, 'beta', all, env, keychain({}));
    const acme = await open({ type: 'kimai', url: a.url }, 'acme', all, env, keychain({}));
    const refused = await thrownBy(beta.timer.runningEntry(), BackEndError);
    expect(refused.refusal).toEqual({
      code: 'remote_tracker_secret_missing',
      facts: {
        tracker: 'beta',
        service: 'Kimai',
        secret: 'API token',
        address: `Kimai at ${b.url}`,
        variable: 'PUNCHCARD_TRACKER_BETA_TOKEN',
        ignored: 'PUNCHCARD_KIMAI_TOKEN',
      },
    });
    expect(modelText(refusalSentence(refused.refusal as never))).toContain('or set PUNCHCARD_TRACKER_BETA_TOKEN');
    await expect(acme.timer.runningEntry()).rejects.toMatchObject({
      refusal: { code: 'remote_tracker_secret_missing', facts: { variable: 'PUNCHCARD_TRACKER_ACME_TOKEN' } },
    });
    expect(a.requests).toEqual([]);
    expect(b.requests).toEqual([]);
    // whoami's settings_notes name the variables to set instead.
    expect(connectionSecretNotes(all, env)).toEqual([
      `PUNCHCARD_KIMAI_TOKEN is set but used for no tracker: the kimai trackers acme and beta are at different addresses, and a secret goes only where it was given for. Set PUNCHCARD_TRACKER_ACME_TOKEN and PUNCHCARD_TRACKER_BETA_TOKEN instead (or save each one's secret in the Punchcard app).`,
    ]);
    expect(connectionSecretNotes(all, { ...env, PUNCHCARD_TRACKER_ACME_TOKEN: 'x' })[0]).toMatch(/Set PUNCHCARD_TRACKER_BETA_TOKEN instead/);
    expect(connectionSecretNotes(all, {})).toEqual([]);
  });

  it('PUNCHCARD_TRACKER_BETA_TOKEN wins over the keychain and the back end variable', async () => {
    const [a, b] = [await kimai([ADA]), await kimai([TOM])];
    const all = connections(['acme', { type: 'kimai', url: a.url }], ['beta', { type: 'kimai', url: b.url }]);
    const account = credentialAccount({ type: 'kimai', url: b.url });
    const store = keychain({ [account]: 'stale-token-0000', [`${account}#beta`]: 'older-token-0000' });
    const beta = await open({ type: 'kimai', url: b.url }, 'beta', all, { PUNCHCARD_TRACKER_BETA_TOKEN: TOM.token, PUNCHCARD_KIMAI_TOKEN: ADA.token }, store);
    await beta.timer.runningEntry();
    expect(tokensAt(b)).toEqual([`Bearer ${TOM.token}`]);
    expect(a.requests).toEqual([]);
  });

  it('the keychain item <account>#<name> before <account>: two logins on one Kimai', async () => {
    const a = await kimai([ADA, TOM]);
    const all = connections(['acme', { type: 'kimai', url: a.url }], ['beta', { type: 'kimai', url: a.url }]);
    const account = credentialAccount({ type: 'kimai', url: a.url });
    const store = keychain({ [account]: ADA.token, [`${account}#beta`]: TOM.token });
    const acme = await open({ type: 'kimai', url: a.url }, 'acme', all, {}, store);
    await acme.timer.runningEntry();
    expect(tokensAt(a)).toEqual([`Bearer ${ADA.token}`]);
    const beta = await open({ type: 'kimai', url: a.url }, 'beta', all, {}, store);
    const before = a.requests.length;
    await beta.timer.runningEntry();
    expect([...new Set(a.requests.slice(before).map((request) => request.headers.authorization))]).toEqual([`Bearer ${TOM.token}`]);
    expect(store.asked).toEqual([`${account}#acme`, account, `${account}#beta`]);
  });

  it("the extension's one secret reaches only the tracker it was given for", async () => {
    const [a, b] = [await kimai([ADA]), await kimai([ADA])];
    const all = connections(['acme', { type: 'kimai', url: a.url }], ['beta', { type: 'kimai', url: b.url }]);
    const env = { PUNCHCARD_SECRET: ADA.token };
    const formSecret = { backEnd: { type: 'kimai', url: a.url } as BackEndProfile, policyFixes: false };
    const acme = await open({ type: 'kimai', url: a.url }, 'acme', all, env, keychain({}), { formSecret });
    const beta = await open({ type: 'kimai', url: b.url }, 'beta', all, env, keychain({}), { formSecret });
    await acme.timer.runningEntry();
    await expect(beta.timer.runningEntry()).rejects.toMatchObject({
      refusal: { code: 'remote_tracker_secret_missing', facts: { tracker: 'beta', ignored: null } },
    });
    expect(tokensAt(a)).toEqual([`Bearer ${ADA.token}`]);
    expect(b.requests).toEqual([]);
  });
});

describe('two Clockify workspaces on one key', () => {
  it('PUNCHCARD_CLOCKIFY_TOKEN serves both, each in its own workspace', async () => {
    const fake = await startFakeClockify({ now: () => NOW });
    closing.push(() => fake.close());
    seedWorkspace(fake);
    const url = fake.url;
    const acmeProfile = { type: 'clockify', url, workspace: SEED.workspaces.acme } as const;
    const sideProfile = { type: 'clockify', url, workspace: SEED.workspaces.side } as const;
    const all = connections(['acme', acmeProfile], ['side', sideProfile]);
    const env = { PUNCHCARD_CLOCKIFY_TOKEN: ADA_KEY };
    expect(connectionSecretNotes(all, env)).toEqual([]);
    const acme = await open(acmeProfile, 'acme', all, env, keychain({}));
    const side = await open(sideProfile, 'side', all, env, keychain({}));
    await acme.timer.runningEntry();
    const before = fake.requests.length;
    await side.timer.runningEntry();
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests.every((request) => request.status === 200)).toBe(true);
    const workspacesOf = (requests: typeof fake.requests) =>
      new Set(requests.map((request) => /\/workspaces\/([^/]+)/.exec(request.path)?.[1]).filter((id) => id !== undefined));
    expect(workspacesOf(fake.requests.slice(0, before))).toEqual(new Set([SEED.workspaces.acme]));
    expect(workspacesOf(fake.requests.slice(before))).toEqual(new Set([SEED.workspaces.side]));
  });
});
