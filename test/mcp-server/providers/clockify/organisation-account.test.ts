// Clockify's organisation account (providers/clockify/organisation-account.ts) against the fake Clockify that acts
// for others: the start check names the key's user, never the key, and refuses a key Clockify refuses, a member's
// key and a FREE workspace in words; the directory matches an e-mail whole and case-folded though Clockify's
// `email` filter matches a part, with each member's status in the workspace; a member by id, or none.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { ClockifyOrganisationAccount } from '../../../../mcp-server/providers/clockify/organisation-account.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { ADA, BOB_KEY, CLEO_KEY, type FakeClockify, type FakeUser, SEED, seedTeam, seedWorkspace, startFakeClockify, TEAM } from './fake-clockify.ts';

const NOW = Date.parse('2026-11-18T08:00:00Z');
const WS = SEED.workspaces.acme;
const opened = closeAfterEach();

async function workspace(): Promise<FakeClockify> {
  const fake = opened(await startFakeClockify({ now: () => NOW }));
  seedWorkspace(fake);
  seedTeam(fake);
  return fake;
}

function accountFor(fake: FakeClockify, key: string, workspaceName?: string): ClockifyOrganisationAccount {
  const account = new ClockifyOrganisationAccount({
    profile: { type: 'clockify', url: fake.url, ...(workspaceName ? { workspace: workspaceName } : {}) } as never,
    secret: async () => key,
    userDataDir: mkdtempSync(join(tmpdir(), 'punchcard-clockify-organisation-')),
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map(),
    timezone: () => 'Europe/Berlin',
    now: () => NOW,
    log: () => {},
  });
  opened({ close: async () => account.close() });
  return account;
}

/** A second member of Acme whose address holds Ada's (nada@ contains ada@), with a status of its own. */
function addNada(fake: FakeClockify, status: 'ACTIVE' | 'INACTIVE' = 'ACTIVE'): FakeUser {
  const ada = fake.state.users.find((user) => user.id === ADA.id) as FakeUser;
  const nada: FakeUser = {
    ...ada,
    id: '5a0ab5acb07987125438d001',
    name: 'Nada Nobody',
    email: 'nada@acme.example',
    key: 'clockify-key-nada-000000000001',
    workspaces: [WS],
    roles: {},
    statuses: { [WS]: status },
  };
  fake.state.users.push(nada);
  return nada;
}

describe("Clockify's organisation account: the start check", () => {
  it("names the admin key's user, never the key, in the workspace the profile names", async () => {
    const fake = await workspace();
    const check = await accountFor(fake, BOB_KEY, 'Acme').check();
    expect(check).toEqual({ ok: true, account: `Bob Builder <bob@acme.example> (#${SEED.users.bob})` });
    expect(JSON.stringify(check)).not.toContain(BOB_KEY);
  });

  it("refuses a member's key: it needs the workspace's owner or administrator role", async () => {
    const fake = await workspace();
    const check = await accountFor(fake, CLEO_KEY, 'Acme').check();
    expect(check).toEqual({
      ok: false,
      refusal: {
        code: 'organisation_account_cannot_act',
        facts: { back_end: 'Clockify', account: `Cleo Patra <cleo@acme.example> (#${SEED.users.cleo})`, needs: 'workspace_admin' },
      },
    });
    if (!check.ok) expect(modelText(refusalSentence(check.refusal))).toContain("the workspace's owner or administrator role");
  });

  it("refuses the owner's key of a FREE workspace: Clockify books for others on paid plans only", async () => {
    const fake = await workspace();
    const check = await accountFor(fake, ADA.key, 'Side project').check();
    expect(check).toMatchObject({ ok: false, refusal: { code: 'organisation_account_cannot_act', facts: { needs: 'paid_plan' } } });
    // The same key in Acme, where Ada is a member, lacks the role first.
    expect(await accountFor(fake, ADA.key, 'Acme').check()).toMatchObject({ ok: false, refusal: { facts: { needs: 'workspace_admin' } } });
  });

  it('says a key Clockify refuses (401) as Clockify refused it, without the key', async () => {
    const fake = await workspace();
    const wrong = 'clockify-key-nobody-0000000000';
    const check = await accountFor(fake, wrong, 'Acme').check();
    expect(check).toMatchObject({ ok: false, refusal: { code: 'clockify_key_refused' } });
    expect(JSON.stringify(check)).not.toContain(wrong);
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/v1/user']);
  });

  it("accepts the owner's key of a paid workspace (owners are asked for beside admins)", async () => {
    const fake = await workspace();
    const olga = fake.state.users.find((user) => user.id === TEAM.users.olga) as FakeUser;
    expect(await accountFor(fake, olga.key, 'Acme').check()).toEqual({ ok: true, account: `Olga Owner <olga@acme.example> (#${olga.id})` });
  });
});

describe("Clockify's organisation account: the directory", () => {
  it('matches an e-mail whole and case-folded though Clockify matches a part (ada@ is not nada@)', async () => {
    const fake = await workspace();
    addNada(fake);
    const account = accountFor(fake, BOB_KEY, 'Acme');
    expect(await account.usersWithEmail('  ADA@acme.EXAMPLE ')).toEqual([{ id: ADA.id, name: 'Ada Lovelace', email: 'ada@acme.example', active: true }]);
    expect(await account.usersWithEmail('nada@acme.example')).toEqual([expect.objectContaining({ id: '5a0ab5acb07987125438d001', active: true })]);
    expect(await account.usersWithEmail('da@acme.example')).toEqual([]);
    expect(await account.usersWithEmail('')).toEqual([]);
    // Clockify was asked with the whole address, for every membership status.
    const asked = fake.requests.filter((request) => request.path === `/api/v1/workspaces/${WS}/users`).map((request) => new URLSearchParams(request.query));
    expect(asked[0]?.get('email')).toBe('ADA@acme.EXAMPLE');
    expect(asked[0]?.get('status')).toBe('ALL');
    expect(asked[0]?.get('memberships')).toBe('WORKSPACE');
  });

  it("gives a member whose membership is inactive, pending or declined as not active; the workspace's status, not another's", async () => {
    const fake = await workspace();
    const nada = addNada(fake, 'INACTIVE');
    const account = accountFor(fake, BOB_KEY, 'Acme');
    expect(await account.usersWithEmail('nada@acme.example')).toEqual([expect.objectContaining({ id: nada.id, active: false })]);
    for (const status of ['PENDING', 'DECLINED', 'ACTIVE'] as const) {
      nada.statuses = { [WS]: status, [SEED.workspaces.side]: 'ACTIVE' };
      expect((await account.usersWithEmail('nada@acme.example'))[0]?.active).toBe(status === 'ACTIVE');
    }
  });

  it('reads one member by id with their status, and none for an id the workspace does not have', async () => {
    const fake = await workspace();
    const nada = addNada(fake, 'INACTIVE');
    const account = accountFor(fake, BOB_KEY, 'Acme');
    expect(await account.user(ADA.id)).toEqual({ id: ADA.id, name: 'Ada Lovelace', email: 'ada@acme.example', active: true });
    expect(await account.user(nada.id)).toEqual(expect.objectContaining({ id: nada.id, active: false }));
    expect(await account.user('5a0ab5acb0798712543800ff')).toBeNull();
  });

  it("reads the workspace once for the directory's questions, and no member's time", async () => {
    const fake = await workspace();
    const account = accountFor(fake, BOB_KEY, 'Acme');
    await account.usersWithEmail('ada@acme.example');
    await account.user(ADA.id);
    await account.user(SEED.users.cleo);
    const paths = fake.requests.map((request) => `${request.method} ${request.path}`);
    expect(paths.filter((path) => path === 'GET /api/v1/workspaces')).toHaveLength(1);
    expect(paths.some((path) => path.includes('time-entries'))).toBe(false);
  });
});
