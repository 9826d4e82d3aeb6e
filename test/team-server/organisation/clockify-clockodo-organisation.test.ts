// One organisation credential on Clockify and on Clockodo, through the BUILT team server, the OpenID provider
// stand-in and each fake (issue 66). Clockify's `email` filter matches any address that contains the one asked,
// so ada@ also finds nada@: the server takes only the whole address, case-folded, and a person whose address is
// only part of another's (da@) matches nobody. Two members with one address, and a member inactive in the
// workspace, are refused. Clockodo acts under its owner's login (sign_in.organisation.user), for the pinned user
// alone. Each refusal is a page in words with nothing created; the key is in no answer, log line or file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../support/engine.ts';
import { companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import { connectAs, freePort, type TeamServerHandle } from '../../support/team-server.ts';
import {
  ADA,
  BOB_KEY,
  type FakeClockify,
  type FakeUser as ClockifyUser,
  SEED,
  seedWorkspace,
  startFakeClockify,
} from '../../mcp-server/providers/clockify/fake-clockify.ts';
import {
  DEFAULT_USERS as CLOCKODO_USERS,
  type FakeClockodo,
  type FakeUser as ClockodoUser,
  startFakeClockodo,
} from '../../mcp-server/providers/clockodo/fake-clockodo.ts';
import { companyCallback, expectNowhereOnDisk, organisationServer, refusals, storedCounts, storedPins, wordsOf } from './organisation-support.ts';

const WS = SEED.workspaces.acme;

/** A member of Acme like Ada but for what is given. */
function member(fake: FakeClockify, id: string, name: string, email: string, status: 'ACTIVE' | 'INACTIVE' = 'ACTIVE'): ClockifyUser {
  const ada = fake.state.users.find((user) => user.id === ADA.id) as ClockifyUser;
  const added: ClockifyUser = { ...ada, id, name, email, key: `clockify-key-${id}`, workspaces: [WS], roles: {}, statuses: { [WS]: status } };
  fake.state.users.push(added);
  return added;
}

describe('one organisation credential on Clockify (built server)', () => {
  const ACCOUNTS = [
    { id: 'ada', name: 'Ada L.', email: 'Ada@Acme.example', emailVerified: true },
    { id: 'da', name: 'Da Part', email: 'da@acme.example', emailVerified: true },
    { id: 'twin', name: 'Twin', email: 'twin@acme.example', emailVerified: true },
    { id: 'ina', name: 'Ina Active', email: 'ina@acme.example', emailVerified: true },
    // Kim's address with U+212A KELVIN SIGN for its K, which Unicode lower-cases to Kim's "k": not plain
    // ASCII, refused before any match.
    { id: 'kelvin', name: 'Kelvin Sign', email: '\u212Aim@acme.example', emailVerified: true },
  ];
  let fake: FakeClockify;
  let idp: IdentityProvider;
  let server: TeamServerHandle;
  let metricsUrl: string;
  let nada: ClockifyUser;

  beforeAll(async () => {
    fake = await startFakeClockify();
    seedWorkspace(fake);
    // nada@acme.example contains ada@acme.example (and da@acme.example): Clockify's filter answers both for either.
    nada = member(fake, '5a0ab5acb07987125438d001', 'Nada Nobody', 'nada@acme.example');
    member(fake, '5a0ab5acb07987125438d002', 'Twin One', 'twin@acme.example');
    member(fake, '5a0ab5acb07987125438d003', 'Twin Two', 'TWIN@acme.example');
    member(fake, '5a0ab5acb07987125438d004', 'Ina Active', 'ina@acme.example', 'INACTIVE');
    member(fake, '5a0ab5acb07987125438d005', 'Kim Plain', 'kim@acme.example');
    const port = await freePort();
    idp = await startIdentityProvider({ accounts: ACCOUNTS, redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`] });
    ({ server, metricsUrl } = await organisationServer(idp, port, { type: 'clockify', url: fake.url, workspace: 'Acme' }, BOB_KEY, { built: true }));
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.close();
    await fake?.close();
  });

  it('pins ada@ to Ada, never to nada@ whose address contains hers, and books for Ada alone with the key', async () => {
    const ada = await connectAs(server, { era: 'modern', signIn: companySignIn(idp, 'ada') });
    const answers: string[] = [];
    try {
      expect(storedPins(server).find((person) => person.identity.endsWith(':ada'))?.pin).toMatch(new RegExp(` #${ADA.id}$`));
      const logged = await ada.call('log_time', { date: 'yesterday', duration: '1h', project: 'Website', activity: 'Design', description: 'Review' });
      answers.push(JSON.stringify(logged));
      expect(logged.isError, textOf(logged)).toBeFalsy();
      answers.push(JSON.stringify(await ada.call('whoami')));
    } finally {
      await ada.close();
    }
    expect(fake.state.entries.map((entry) => entry.userId)).toEqual([ADA.id]);
    expect(fake.state.entries.some((entry) => entry.userId === nada.id)).toBe(false);
    for (const answer of answers) expect(answer).not.toContain(BOB_KEY);
  });

  it.each([
    ['da', 'no_match', 'No Clockify account has the address da@acme.example'],
    ['twin', 'several', '2 Clockify accounts have the address twin@acme.example, so this server cannot tell which one is yours.'],
    ['ina', 'deactivated', 'Your Clockify account (#5a0ab5acb07987125438d004) is deactivated'],
    ['kelvin', 'non_ascii', "Your company account's address \u212Aim@acme.example has a character that is not plain ASCII (U+212A)."],
  ])('refuses %s (%s) in words with nothing created', async (account, reason, words) => {
    const counted = await refusals(metricsUrl, reason);
    const stored = storedCounts(server);
    const { page } = await companyCallback(server, idp, account);
    expect(page.status).toBe(403);
    expect(wordsOf(page)).toContain(words);
    expect(storedCounts(server)).toEqual(stored);
    expect(await refusals(metricsUrl, reason)).toBe(counted + 1);
  });

  it('holds the key in no log line or file', () => {
    expect(server.stderr()).not.toContain(BOB_KEY);
    expectNowhereOnDisk(server, BOB_KEY);
  });
});

describe('one organisation credential on Clockodo (built server)', () => {
  const [ADA_WORKER, , , OLGA] = CLOCKODO_USERS as [ClockodoUser, ClockodoUser, ClockodoUser, ClockodoUser];
  const KIM: ClockodoUser = { ...ADA_WORKER, id: 20, name: 'Kim Plain', email: 'kim@example.com', apiKey: 'key-kim-0123456789abcdef' };
  let fake: FakeClockodo;
  let idp: IdentityProvider;
  let server: TeamServerHandle;
  let metricsUrl: string;

  beforeAll(async () => {
    fake = await startFakeClockodo({ users: [...CLOCKODO_USERS, KIM] });
    const port = await freePort();
    idp = await startIdentityProvider({
      accounts: [
        { id: 'ada', name: 'Ada W.', email: ADA_WORKER.email, emailVerified: true },
        // Kim's address with U+212A KELVIN SIGN for its K, which Unicode lower-cases to Kim's "k": not plain
        // ASCII, refused before any match.
        { id: 'kelvin', name: 'Kelvin Sign', email: '\u212Aim@example.com', emailVerified: true },
      ],
      redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`],
    });
    ({ server, metricsUrl } = await organisationServer(idp, port, { type: 'clockodo', url: fake.url }, OLGA.apiKey, {
      built: true,
      organisation: { user: OLGA.email },
    }));
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.close();
    await fake?.close();
  });

  it("acts for the pinned user under the owner's login and key, keeps the key out of answers, lines and files, and the login out of answers", async () => {
    const before = fake.requests.length;
    const ada = await connectAs(server, { era: 'legacy', signIn: companySignIn(idp, 'ada') });
    const answers: string[] = [];
    try {
      expect(storedPins(server)[0]?.pin).toMatch(new RegExp(` #${ADA_WORKER.id}$`));
      const whoami = await ada.call('whoami');
      answers.push(JSON.stringify(whoami));
      expect(textOf(whoami)).toContain(ADA_WORKER.name);
      expect(textOf(whoami)).toContain("through your company's account");
      answers.push(JSON.stringify(await ada.call('list_time_entries', { from: 'today', to: 'today' })));
    } finally {
      await ada.close();
    }
    const sent = fake.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    // The owner's login and key on every request; the server never had Ada's.
    expect(sent.every((request) => request.credential === OLGA.apiKey)).toBe(true);
    // Neither half of the credential reaches the person: the owner's login is not said either.
    for (const answer of answers) expect(answer).not.toContain(OLGA.apiKey);
    for (const answer of answers) expect(answer).not.toContain(OLGA.email);
    expect(server.stderr()).not.toContain(OLGA.apiKey);
    expectNowhereOnDisk(server, OLGA.apiKey);
  });

  it("refuses Kim's address with a look-alike K (non_ascii), pinning nobody to Kim", async () => {
    const counted = await refusals(metricsUrl, 'non_ascii');
    const stored = storedCounts(server);
    const { page } = await companyCallback(server, idp, 'kelvin');
    expect(page.status).toBe(403);
    expect(wordsOf(page)).toContain("Your company account's address \u212Aim@example.com has a character that is not plain ASCII (U+212A).");
    expect(storedCounts(server)).toEqual(stored);
    expect(storedPins(server).map((person) => person.pin)).not.toContainEqual(expect.stringMatching(new RegExp(` #${KIM.id}$`)));
    expect(await refusals(metricsUrl, 'non_ascii')).toBe(counted + 1);
  });
});
