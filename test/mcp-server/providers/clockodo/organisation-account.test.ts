// Clockodo's organisation account (mcp-server/providers/clockodo/organisation-account.ts) as the team server makes it
// (createOrganisationAccount, through Clockodo's engine side), against the fake Clockodo: the owner's login and key
// pass the start check, named without the key; a manager's key is refused for lacking the owner's role; a wrong key is
// refused in Clockodo's words; the directory matches e-mails exactly and case-folded over every page of users, and says
// who is inactive; a user by id, or null where Clockodo has none.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import type { OrganisationAccount } from '../../../../mcp-server/providers/acting-for.ts';
import { createOrganisationAccount } from '../../../../mcp-server/providers/create-tracker.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { DEFAULT_USERS, type FakeClockodo, type FakeUser, startFakeClockodo } from './fake-clockodo.ts';

const [ADA, BOB, MIA, OLGA] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser, FakeUser];
const NOW = Date.parse('2026-05-06T10:00:00Z');
const opened = closeAfterEach();

async function fakeWith(users: FakeUser[] = DEFAULT_USERS): Promise<FakeClockodo> {
  return opened(await startFakeClockodo({ now: () => NOW, users }));
}

async function accountOf(fake: FakeClockodo, login: string, key: string): Promise<OrganisationAccount> {
  const account = await createOrganisationAccount({
    profile: { type: 'clockodo', email: login, url: fake.url } as never,
    env: { PUNCHCARD_CLOCKODO_TOKEN: key },
    userDataDir: mkdtempSync(join(tmpdir(), 'punchcard-clockodo-organisation-')),
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map(),
    timezone: () => 'Europe/Berlin',
    now: () => NOW,
    log: () => {},
  });
  if (!account) throw new Error('Clockodo offers no organisation account.');
  opened({ close: async () => (account as unknown as { close(): void }).close() });
  return account;
}

const sentenceOf = (check: Awaited<ReturnType<OrganisationAccount['check']>>) => (check.ok ? check.account : modelText(refusalSentence(check.refusal)));

describe("Clockodo's organisation account", () => {
  it("passes the owner's login and key, naming the account by name, login and id and never by its key", async () => {
    const fake = await fakeWith();
    const check = await (await accountOf(fake, OLGA.email, OLGA.apiKey)).check();
    expect(check).toEqual({ ok: true, account: 'Olga Owner <olga@example.com> (#4)' });
    expect(JSON.stringify(check)).not.toContain(OLGA.apiKey);
    // One request: who the account is.
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/v2/aggregates/users/me']);
  });

  it("refuses a manager's key for lacking the owner's role, which alone stops another person's clock", async () => {
    const fake = await fakeWith();
    const check = await (await accountOf(fake, MIA.email, MIA.apiKey)).check();
    expect(check).toMatchObject({ ok: false, refusal: { code: 'organisation_account_cannot_act', facts: { needs: 'owner' } } });
    expect(sentenceOf(check)).toBe(
      "The organisation account Mia Manager <mia@example.com> (#3) cannot act for people in Clockodo: it needs the company owner's role (only the owner stops another person's clock).",
    );
  });

  it('refuses a worker too', async () => {
    const fake = await fakeWith();
    expect(await (await accountOf(fake, ADA.email, ADA.apiKey)).check()).toMatchObject({ ok: false, refusal: { facts: { needs: 'owner' } } });
  });

  it("refuses a wrong key in Clockodo's words, without the key", async () => {
    const fake = await fakeWith();
    const check = await (await accountOf(fake, OLGA.email, 'key-wrong-0000000000000000')).check();
    expect(check).toMatchObject({ ok: false, refusal: { code: 'clockodo_key_refused', facts: { email: OLGA.email } } });
    expect(sentenceOf(check)).not.toContain('key-wrong');
  });

  it('reads the account from /v4/users/me once the aggregate is retired', async () => {
    const fake = opened(await startFakeClockodo({ now: () => NOW, retiredPaths: ['/api/v2/aggregates/users/me'] }));
    expect(await (await accountOf(fake, OLGA.email, OLGA.apiKey)).check()).toEqual({ ok: true, account: 'Olga Owner <olga@example.com> (#4)' });
    expect(fake.requests.map((request) => request.path)).toEqual(['/api/v2/aggregates/users/me', '/api/v4/users/me']);
  });

  it('matches an e-mail exactly and case-folded, never a part of one, and says who is inactive', async () => {
    const NADA: FakeUser = { ...BOB, id: 20, name: 'Nada Near', email: 'nada@example.com', apiKey: 'key-nada-0123456789abcdef' };
    const GONE: FakeUser = { ...BOB, id: 21, name: 'Gone Away', email: 'Gone@Example.com', apiKey: 'key-gone-0123456789abcdef', active: false };
    const fake = await fakeWith([...DEFAULT_USERS, NADA, GONE]);
    const account = await accountOf(fake, OLGA.email, OLGA.apiKey);
    expect(await account.usersWithEmail('  ADA@example.COM ')).toEqual([{ id: '1', name: 'Ada Worker', email: 'ada@example.com', active: true }]);
    expect(await account.usersWithEmail('da@example.com')).toEqual([]);
    expect(await account.usersWithEmail('gone@example.com')).toEqual([{ id: '21', name: 'Gone Away', email: 'Gone@Example.com', active: false }]);
    expect(await account.usersWithEmail('')).toEqual([]);
  });

  it('finds two users with the same address as two, for the sign-in to refuse', async () => {
    const TWIN: FakeUser = { ...BOB, id: 22, name: 'Ada Twin', email: 'ADA@example.com', apiKey: 'key-twin-0123456789abcdef' };
    const fake = await fakeWith([...DEFAULT_USERS, TWIN]);
    const found = await (await accountOf(fake, OLGA.email, OLGA.apiKey)).usersWithEmail('ada@example.com');
    expect(found.map((user) => user.id).sort()).toEqual(['1', '22']);
  });

  it('reads every page of users', async () => {
    const many = Array.from(
      { length: 1_203 },
      (_, index): FakeUser => ({
        ...BOB,
        id: 100 + index,
        name: `Person ${String(index).padStart(4, '0')}`,
        email: `person${index}@example.com`,
        apiKey: `key-${index}-0123456789abcdef`,
      }),
    );
    const fake = await fakeWith([...DEFAULT_USERS, ...many]);
    const found = await (await accountOf(fake, OLGA.email, OLGA.apiKey)).usersWithEmail('person1202@example.com');
    expect(found).toEqual([{ id: '1302', name: 'Person 1202', email: 'person1202@example.com', active: true }]);
    expect(fake.requests.filter((request) => request.path === '/api/v3/users').length).toBe(2);
  });

  it('reads one user by id, and null where Clockodo has none or the id is no number', async () => {
    const fake = await fakeWith([...DEFAULT_USERS.slice(0, 3), { ...OLGA }, { ...BOB, id: 9, name: 'Left', email: 'left@example.com', active: false }]);
    const account = await accountOf(fake, OLGA.email, OLGA.apiKey);
    expect(await account.user('1')).toEqual({ id: '1', name: 'Ada Worker', email: 'ada@example.com', active: true });
    expect(await account.user('9')).toEqual({ id: '9', name: 'Left', email: 'left@example.com', active: false });
    expect(await account.user('77')).toBeNull();
    const before = fake.requests.length;
    expect(await account.user('1/../../v3/users')).toBeNull();
    expect(fake.requests.length).toBe(before);
  });
});
