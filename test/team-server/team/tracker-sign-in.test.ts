// Tracker sign-in on Clockodo (login e-mail and API key), Clockify and Toggl Track (API key or token, the workspace
// from the server's config) and Harvest (the person's Personal Access Token, the account from the server's config):
// two people at once on each back end's fake, every request carrying only the
// caller's own credential and each seeing only their own entries; and wrong credentials, which the
// sign-in page refuses with the back end's own verdict in words, storing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Era, textOf } from '../../support/engine.ts';
import type { RecordedRequest } from '../../support/fake-server.ts';
import {
  connectAs,
  type ConnectedClient,
  type Page,
  removeTeamServerData,
  type SignIn,
  SignInBrowser,
  startTeamServer,
  storedGrants,
  storedPeople,
  type TeamServerHandle,
  trackerSignIn,
} from '../../support/team-server.ts';
import {
  ADA_KEY as CLOCKIFY_ADA_KEY,
  BOB_KEY as CLOCKIFY_BOB_KEY,
  SEED as CLOCKIFY_SEED,
  seedWorkspace,
  startFakeClockify,
} from '../../mcp-server/providers/clockify/fake-clockify.ts';
import {
  ACME as HARVEST_ACME,
  ADA_TOKEN as HARVEST_ADA_TOKEN,
  BOB_TOKEN as HARVEST_BOB_TOKEN,
  startFakeHarvest,
} from '../../mcp-server/providers/harvest/fake-harvest.ts';
import { seedAcme as seedHarvest } from '../../mcp-server/providers/harvest/request-scenario.ts';
import {
  DEFAULT_USERS as CLOCKODO_USERS,
  type FakeUser as ClockodoUser,
  seedCompany,
  startFakeClockodo,
} from '../../mcp-server/providers/clockodo/fake-clockodo.ts';
import {
  ADA_TOKEN as TOGGL_ADA_TOKEN,
  BOB_TOKEN as TOGGL_BOB_TOKEN,
  SEED as TOGGL_SEED,
  seedCatalog as seedTogglCatalog,
  seedWorld as seedTogglWorld,
  startFakeToggl,
} from '../../mcp-server/providers/toggl/fake-toggl.ts';

interface Person {
  signIn: SignIn;
  /** What each of their requests must carry, and nothing else. */
  credential: string;
  /** Their name as the back end has it. */
  name: string;
  /** The login each request names beside the key (Clockodo's X-ClockodoApiUser), where there is one. */
  login?: string;
}

interface BackEnd {
  provider: Record<string, unknown>;
  requests: RecordedRequest[];
  ada: Person;
  bob: Person;
  /** Where every request must go (Clockify: the workspace the config names), where it matters. */
  paths?: RegExp;
  /** A wrong credential, as the sign-in form's fields, and the back end's verdict on it. */
  wrong: { fields: Record<string, string>; verdict: RegExp }[];
  close(): Promise<void>;
}

const CLOCKODO_ADA = CLOCKODO_USERS[0] as ClockodoUser;
const CLOCKODO_BOB = CLOCKODO_USERS[1] as ClockodoUser;

const BACK_ENDS: Record<string, () => Promise<BackEnd>> = {
  Clockodo: async () => {
    const fake = await startFakeClockodo();
    seedCompany(fake);
    return {
      provider: { type: 'clockodo', url: fake.url },
      requests: fake.requests,
      ada: {
        signIn: trackerSignIn(CLOCKODO_ADA.apiKey, CLOCKODO_ADA.email),
        credential: CLOCKODO_ADA.apiKey,
        name: CLOCKODO_ADA.name,
        login: 'ada@example.com',
      },
      bob: {
        signIn: trackerSignIn(CLOCKODO_BOB.apiKey, 'BOB@example.com'),
        credential: CLOCKODO_BOB.apiKey,
        name: CLOCKODO_BOB.name,
        login: 'bob@example.com',
      },
      wrong: [
        {
          fields: { email: CLOCKODO_ADA.email, secret: 'key-wrong-0123456789abcdef' },
          verdict:
            /^Clockodo did not accept ada@example\.com with this API key \(the e-mail is not a Clockodo login, or the key is wrong or was renewed\)\. Copy your API key from your personal data in Clockodo and enter it here\.$/,
        },
        // Bob's own key with Ada's login: Clockodo says no, and Ada's e-mail names nobody here.
        { fields: { email: CLOCKODO_ADA.email, secret: CLOCKODO_BOB.apiKey }, verdict: /^Clockodo did not accept ada@example\.com with this API key/ },
        { fields: { email: 'not an e-mail', secret: CLOCKODO_ADA.apiKey }, verdict: /^Enter the e-mail address you sign in to Clockodo with\.$/ },
      ],
      close: () => fake.close(),
    };
  },
  Clockify: async () => {
    const fake = await startFakeClockify();
    seedWorkspace(fake);
    return {
      provider: { type: 'clockify', url: fake.url, workspace: 'Acme' },
      requests: fake.requests,
      // Ada is in two workspaces; the server's config names Acme, and nothing goes to the other.
      paths: new RegExp(`^/api/v1/(user$|workspaces$|workspaces/${CLOCKIFY_SEED.workspaces.acme}(/|$))`),
      ada: { signIn: trackerSignIn(CLOCKIFY_ADA_KEY), credential: CLOCKIFY_ADA_KEY, name: 'Ada Lovelace' },
      bob: { signIn: trackerSignIn(CLOCKIFY_BOB_KEY), credential: CLOCKIFY_BOB_KEY, name: 'Bob Builder' },
      wrong: [
        {
          fields: { secret: 'clockify-key-wrong-000000' },
          verdict:
            /^Clockify at 127\.0\.0\.1:\d+ did not accept the API key \(it is wrong, or was regenerated or deleted\)\. Copy a key from your profile settings in Clockify \(a workspace on its own subdomain has keys of its own\) and enter it here\.$/,
        },
        { fields: { secret: 'two words' }, verdict: /^Enter your Clockify API key: one line without spaces, as Clockify shows it\.$/ },
      ],
      close: () => fake.close(),
    };
  },
  // Bob is Acme's administrator: his token could list everyone's entries, and every list names him alone.
  Harvest: async () => {
    const fake = await startFakeHarvest();
    seedHarvest(fake, 'durations');
    return {
      provider: { type: 'harvest', url: fake.url, account_id: String(HARVEST_ACME) },
      requests: fake.requests,
      ada: { signIn: trackerSignIn(HARVEST_ADA_TOKEN), credential: `Bearer ${HARVEST_ADA_TOKEN}`, name: 'Ada Lovelace' },
      bob: { signIn: trackerSignIn(HARVEST_BOB_TOKEN), credential: `Bearer ${HARVEST_BOB_TOKEN}`, name: 'Bob Builder' },
      wrong: [
        {
          fields: { secret: 'harvest-pat-wrong-000000' },
          verdict: /^Harvest at 127\.0\.0\.1:\d+ did not accept the Personal Access Token for account 5000001/,
        },
      ],
      close: () => fake.close(),
    };
  },
  'Toggl Track': async () => {
    // Toggl's quotas as it ships them (a Free organisation's 30 an hour, each person's own 30).
    const fake = await startFakeToggl();
    seedTogglWorld(fake);
    seedTogglCatalog(fake, { customer: 'Acme Corp', projects: [{ name: 'Website' }], task: 'Development' });
    const basic = (token: string) => `Basic ${Buffer.from(`${token}:api_token`).toString('base64')}`;
    return {
      provider: { type: 'toggl', url: fake.url, workspace: 'Acme' },
      requests: fake.requests,
      // Ada and Bob are in two workspaces; the server's config names Acme, and nothing goes to the other.
      paths: new RegExp(`^/api/v9/(me(/time_entries(/\\d+)?)?$|workspaces/${TOGGL_SEED.workspaces.acme}(/|$))`),
      ada: { signIn: trackerSignIn(TOGGL_ADA_TOKEN), credential: basic(TOGGL_ADA_TOKEN), name: 'Ada Lovelace' },
      bob: { signIn: trackerSignIn(TOGGL_BOB_TOKEN), credential: basic(TOGGL_BOB_TOKEN), name: 'Bob Builder' },
      wrong: [
        {
          fields: { secret: 'toggl-token-wrong-000000' },
          verdict:
            /^Toggl Track at 127\.0\.0\.1:\d+ did not accept the API token \(it is wrong, or was reset\)\. Copy the token from the bottom of your Toggl profile page/,
        },
        { fields: { secret: 'two words' }, verdict: /^Enter your Toggl Track API token/ },
      ],
      close: () => fake.close(),
    };
  },
};

/** The error the sign-in page shows, as a person reads it. */
const errorOf = (page: Page) =>
  (/<p class="error" role="alert" id="sign-in-error">([^<]*)<\/p>/.exec(page.html)?.[1] ?? '').replace(/&#(\d+);/g, (_, code: string) =>
    String.fromCharCode(Number(code)),
  );

describe.each(Object.keys(BACK_ENDS))('tracker sign-in on %s', (backEndName) => {
  describe.each<Era>(['legacy', 'modern'])('two people at once (%s era)', (era) => {
    let backEnd: BackEnd;
    let server: TeamServerHandle;
    let ada: ConnectedClient;
    let bob: ConnectedClient;

    beforeAll(async () => {
      backEnd = await (BACK_ENDS[backEndName] as () => Promise<BackEnd>)();
      server = await startTeamServer({ provider: backEnd.provider, signIn: { tracker: true } });
      [ada, bob] = await Promise.all([connectAs(server, { era, signIn: backEnd.ada.signIn }), connectAs(server, { era, signIn: backEnd.bob.signIn })]);
    });
    afterAll(async () => {
      await Promise.all([ada?.close(), bob?.close()]);
      await server?.stop();
      if (server) removeTeamServerData(server);
      await backEnd?.close();
    });

    it("sends each person's calls with their credential only, and shows each only their own entries", async () => {
      const { requests } = backEnd;
      const tag = `${era}-${Date.now()}`;
      const before = requests.length;
      const logged = await Promise.all([
        ada.call('log_time', { date: 'yesterday', duration: '1h', project: 'Website', activity: 'Development', description: `ada ${tag}` }),
        bob.call('log_time', { date: 'yesterday', duration: '2h', project: 'Website', activity: 'Development', description: `bob ${tag}` }),
      ]);
      for (const result of logged) expect(result.isError, textOf(result)).toBeFalsy();
      expect(requests.slice(before).every((request) => request.credential === backEnd.ada.credential || request.credential === backEnd.bob.credential)).toBe(
        true,
      );

      for (const [client, person, own, other] of [
        [ada, backEnd.ada, 'ada', 'bob'],
        [bob, backEnd.bob, 'bob', 'ada'],
      ] as const) {
        const start = requests.length;
        expect(textOf(await client.call('whoami'))).toContain(person.name);
        const listed = await client.call('list_time_entries', { from: 'yesterday', to: 'yesterday' });
        expect(listed.isError, textOf(listed)).toBeFalsy();
        expect(JSON.stringify(listed.structuredContent)).toContain(`${own} ${tag}`);
        expect(JSON.stringify(listed.structuredContent)).not.toContain(`${other} ${tag}`);
        const sent = requests.slice(start);
        expect(sent.length).toBeGreaterThan(0);
        expect(new Set(sent.map((request) => request.credential))).toEqual(new Set([person.credential]));
        if (person.login)
          expect(
            new Set(sent.map((request) => (request as RecordedRequest & { headers: Record<string, string | undefined> }).headers['x-clockodoapiuser'])),
          ).toEqual(new Set([person.login]));
      }
      if (backEnd.paths) for (const request of requests) expect(request.path).toMatch(backEnd.paths);
    });
  });

  it("refuses wrong credentials with the back end's verdict in words, and stores nothing", async () => {
    const backEnd = await (BACK_ENDS[backEndName] as () => Promise<BackEnd>)();
    const server = await startTeamServer({ provider: backEnd.provider, signIn: { tracker: true } });
    try {
      const browser = new SignInBrowser(server.origin);
      let page = await browser.open('/account');
      for (const { fields, verdict } of backEnd.wrong) {
        page = await browser.submit(page, '/tracker', fields);
        expect(page.status).toBe(400);
        expect(errorOf(page)).toMatch(verdict);
        expect(page.html).not.toContain('PUNCHCARD_');
        // Nothing the form held went back to the page but the e-mail field's own value, if any.
        expect(page.html).not.toContain(fields.secret as string);
      }
      expect(storedPeople(server)).toEqual([]);
      expect(storedGrants(server)).toBe(0);
      // The right ones still work afterwards, from the same page.
      const right = await backEnd.ada.signIn(browser, page);
      expect(right.html).toContain('credentials are stored, encrypted');
      expect(storedPeople(server)).toMatchObject([{ hasCredentials: true }]);
    } finally {
      await server.stop();
      removeTeamServerData(server);
      await backEnd.close();
    }
  });
});
