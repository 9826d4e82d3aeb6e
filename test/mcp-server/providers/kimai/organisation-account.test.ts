// Kimai's organisation account (providers/kimai/organisation-account.ts) against the fake Kimai that acts for others
// (fake-kimai-acting.ts): the start check names the account (never its key) and the first right it lacks, and the
// directory matches an e-mail exactly, case-folded, over enabled and disabled accounts alike, from the one list Kimai
// shows to view_user (never `GET /api/users/{id}`, which needs view_other_profile).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrganisationAccount } from '../../../../mcp-server/providers/acting-for.ts';
import { KIMAI_ENGINE } from '../../../../mcp-server/providers/kimai/back-end.ts';
import { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeKimaiOptions, type FakeUser, startFakeKimai } from './fake-kimai.ts';

const [ADA, TOM, ROOT] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser];
const BOSS: FakeUser = { id: 6, username: 'boss', alias: 'Boss', timezone: 'UTC', role: 'ROLE_ADMIN', token: 'token-boss-0123456789' };
const DAN: FakeUser = {
  id: 5,
  username: 'dan',
  alias: 'Dan',
  timezone: 'UTC',
  role: 'ROLE_USER',
  token: 'token-dan-0123456789',
  enabled: false,
  email: 'Dan@Example.com',
};
const NADA: FakeUser = {
  id: 7,
  username: 'nada',
  alias: 'Nada',
  timezone: 'UTC',
  role: 'ROLE_USER',
  token: 'token-nada-0123456789',
  email: 'nada@example.com',
};

let fake: FakeKimai | undefined;
let dir: string | undefined;
afterEach(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  fake = undefined;
  dir = undefined;
});

async function account(token: string, options: FakeKimaiOptions = {}): Promise<{ server: FakeKimai; organisation: OrganisationAccount }> {
  fake = await startFakeKimai({ users: [{ ...ROOT, alias: 'Root Admin' }, ADA, TOM, DAN, BOSS, NADA], ...options });
  dir = mkdtempSync(join(tmpdir(), 'punchcard-kimai-organisation-'));
  const create = await (KIMAI_ENGINE.organisation?.() ?? Promise.reject(new Error('Kimai offers no organisation account')));
  const organisation = create({
    profile: { type: 'kimai', url: fake.url },
    secret: async () => token,
    userDataDir: dir,
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map(),
    timezone: () => '',
    now: Date.now,
    log: () => {},
  });
  return { server: fake, organisation };
}

const paths = (server: FakeKimai) => server.requests.map((request) => `${request.method} ${request.path}`);

describe("Kimai's organisation account", () => {
  it("names a super administrator's account by name, e-mail and number, never by its key", async () => {
    const { server, organisation } = await account(ROOT.token);
    const check = await organisation.check();
    expect(check).toEqual({ ok: true, account: 'Root Admin <root@example.com> (#3)' });
    expect(JSON.stringify(check)).not.toContain(ROOT.token);
    expect(paths(server)).toEqual(['GET /api/users/me', 'GET /api/users']);
    expect(server.requests[1]?.query).toContain('visible=3&full=true');
  });

  it('refuses an administrator without view_user, naming the right (Kimai lists people to view_user only)', async () => {
    const { organisation } = await account(BOSS.token);
    const check = await organisation.check();
    expect(check).toEqual({
      ok: false,
      refusal: { code: 'organisation_account_cannot_act', facts: { back_end: 'Kimai', account: 'Boss <boss@example.com> (#6)', needs: 'view_user' } },
    });
    if (!check.ok) expect(BackEndError.of(check.refusal).message).toContain('the view_user permission');
  });

  it("refuses a plain user's key and a team lead's, whose role may list people but acts for nobody (or only the teams it leads)", async () => {
    const plain = await account(ADA.token, { config: { granted: { ROLE_USER: ['view_user'] } } });
    expect(await plain.organisation.check()).toMatchObject({
      ok: false,
      refusal: { code: 'organisation_account_cannot_act', facts: { needs: 'view_other_timesheet', account: 'Ada Lovelace <ada@example.com> (#1)' } },
    });
    await fake?.close();
    const lead = await account(TOM.token, { config: { granted: { ROLE_TEAMLEAD: ['view_user'] } } });
    expect(await lead.organisation.check()).toMatchObject({ ok: false, refusal: { facts: { needs: 'view_other_timesheet' } } });
  });

  it("refuses a plain user's key without view_user on that right first", async () => {
    const { organisation } = await account(ADA.token);
    expect(await organisation.check()).toMatchObject({ ok: false, refusal: { facts: { needs: 'view_user' } } });
  });

  it("says a key Kimai refuses (401) in the failure's words, with neither the key nor an account", async () => {
    const { server, organisation } = await account('token-nobody-0123456789');
    const check = await organisation.check();
    expect(check).toMatchObject({ ok: false, refusal: { code: 'kimai_token_refused', facts: { status: 401 } } });
    expect(JSON.stringify(check)).not.toContain('token-nobody');
    expect(paths(server)).toEqual(['GET /api/users/me']);
  });

  it('matches an e-mail exactly and case-folded over enabled and disabled accounts, never a part of one', async () => {
    const { server, organisation } = await account(ROOT.token);
    expect(await organisation.usersWithEmail('  ADA@example.COM ')).toEqual([{ id: '1', name: 'Ada Lovelace', email: 'ada@example.com', active: true }]);
    // Dan is disabled: listed, inactive, so the team server can say why it refuses him.
    expect(await organisation.usersWithEmail('dan@example.com')).toEqual([{ id: '5', name: 'Dan', email: 'Dan@Example.com', active: false }]);
    // "ada@example.com" is inside "nada@example.com": Nada is not Ada.
    expect((await organisation.usersWithEmail('ada@example.com')).map((user) => user.id)).toEqual(['1']);
    expect(await organisation.usersWithEmail('nobody@example.com')).toEqual([]);
    expect(await organisation.usersWithEmail('example.com')).toEqual([]);
    expect(paths(server).every((path) => path === 'GET /api/users')).toBe(true);
  });

  it('finds a user by number from the directory, disabled included, and null for none (no GET /api/users/{id})', async () => {
    const { server, organisation } = await account(ROOT.token);
    expect(await organisation.user('2')).toEqual({ id: '2', name: 'Tom Lead', email: 'tom@example.com', active: true });
    expect(await organisation.user('5')).toMatchObject({ id: '5', active: false });
    expect(await organisation.user('99')).toBeNull();
    expect(await organisation.user('1 OR 1=1')).toBeNull();
    expect(paths(server)).toEqual(['GET /api/users', 'GET /api/users', 'GET /api/users', 'GET /api/users']);
  });

  it('throws the failure of a directory read the key may not make', async () => {
    const { organisation } = await account(BOSS.token);
    await expect(organisation.usersWithEmail('ada@example.com')).rejects.toMatchObject({ refusal: { code: 'kimai_forbidden' } });
  });
});
