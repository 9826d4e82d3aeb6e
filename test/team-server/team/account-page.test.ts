// A person's account page on the team server (`/account`), on Kimai, through the server's own forms
// as a browser without JavaScript posts them: signing in there with their own token, their connected
// clients by name with what each may do, Disconnect (its tokens stop at once), and "Remove my
// credentials" (gone from the store, every client disconnected). And the attacks on it: another
// person's grant posted, and forms posted without the page's token, with another browser's, or from
// another site.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../support/engine.ts';
import {
  connectAs,
  connectedClients,
  disconnect,
  MemoryOAuthProvider,
  type Page,
  removeTeamServerData,
  SignInBrowser,
  signInToAccount,
  startTeamServer,
  type TeamServerHandle,
  trackerSignIn,
} from '../../support/team-server.ts';
import { statusWith } from '../../support/team-oauth.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;
const TOM = DEFAULT_USERS[1] as FakeUser;

let fake: FakeKimai;
let server: TeamServerHandle;

beforeAll(async () => {
  fake = await startFakeKimai();
  seedCatalog(fake);
  server = await startTeamServer({ provider: { type: 'kimai', url: fake.url }, signIn: { tracker: true } });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
  if (server) removeTeamServerData(server);
});

function storedPerson(name: string): { credentials: string | null } | undefined {
  const db = new DatabaseSync(join(server.dataDir, 'server.db'), { readOnly: true });
  try {
    return db.prepare('SELECT credentials FROM people WHERE name = ?').get(name) as { credentials: string | null } | undefined;
  } finally {
    db.close();
  }
}

async function connectTwo(person: FakeUser) {
  const browser = new SignInBrowser(server.origin);
  const writer = new MemoryOAuthProvider({ clientName: `${person.username}'s writer` });
  const reader = new MemoryOAuthProvider({ clientName: `${person.username}'s reader` });
  const clients = [
    await connectAs(server, { browser, oauth: writer, signIn: trackerSignIn(person.token) }),
    await connectAs(server, { browser, oauth: reader, signIn: trackerSignIn(person.token), decision: 'allow-read' }),
  ];
  return { browser, writer, reader, clients };
}

describe('the account page', () => {
  it('signs a person in with their own token and lists their clients by name, with what each may do', async () => {
    const { writer, reader, clients } = await connectTwo(ADA);
    const tools = (await clients[1]?.client.listTools())?.tools.map((tool) => tool.name) ?? [];
    expect(tools).toContain('timer_status');
    expect(tools).not.toContain('clock_in');
    // A fresh browser: the account page asks for the token, and Kimai says who it is.
    const browser = new SignInBrowser(server.origin);
    const signInPage = await browser.open('/account');
    expect(signInPage.html).toMatch(/<input type="password" id="secret" name="secret"/);
    const account = await trackerSignIn(ADA.token)(browser, signInPage);
    expect(account.html).toContain('Signed in as <strong>Ada Lovelace</strong>');
    expect(connectedClients(account)).toEqual(
      expect.arrayContaining([
        { name: "ada's writer", may: 'read and change', grant: expect.any(String) },
        { name: "ada's reader", may: 'read', grant: expect.any(String) },
      ]),
    );
    expect(account.html).toContain('Your Kimai credentials are stored, encrypted');
    const after = await disconnect(browser, account, "ada's writer");
    expect(await statusWith(server.mcpUrl, writer.tokens()?.access_token as string)).toBe(401);
    expect(await statusWith(server.mcpUrl, reader.tokens()?.access_token as string)).toBe(200);
    expect(connectedClients(after).map((client) => client.name)).not.toContain("ada's writer");
    await Promise.all(clients.map((client) => client.close().catch(() => {})));
  });

  it('follows the latest answer on the consent page: reading only, then Allow, then reading only again', async () => {
    const browser = new SignInBrowser(server.origin);
    const oauth = new MemoryOAuthProvider({ clientName: 'Changing client' });
    const may = async () => connectedClients(await signInToAccount(browser, trackerSignIn(ADA.token))).find((client) => client.name === 'Changing client')?.may;
    const toolsOf = async (decision: 'allow' | 'allow-read') => {
      oauth.invalidateCredentials('tokens');
      const connected = await connectAs(server, { browser, oauth, signIn: trackerSignIn(ADA.token), decision });
      const names = (await connected.client.listTools()).tools.map((tool) => tool.name);
      await connected.close();
      return names;
    };
    expect(await toolsOf('allow-read')).not.toContain('clock_in');
    expect(await may()).toBe('read');
    expect(await toolsOf('allow')).toContain('clock_in');
    expect(await may()).toBe('read and change');
    expect(await toolsOf('allow-read')).not.toContain('clock_in');
    expect(await may()).toBe('read');
  });

  it('"Remove my credentials": the token gone from the store, every client disconnected, and a new connection asks for it again', async () => {
    const { browser, writer, reader, clients } = await connectTwo(TOM);
    expect((await clients[0]?.call('timer_status'))?.isError).toBeFalsy();
    expect(storedPerson('Tom Lead')?.credentials).toMatch(/^v1\./);
    const account = await signInToAccount(browser, trackerSignIn(TOM.token));
    const after = await browser.submit(account, '/account/forget');
    expect(after.html).toContain('Your credentials were removed and every client was disconnected.');
    expect(after.html).toContain('No Kimai credentials are stored.');
    expect(connectedClients(after)).toEqual([]);
    expect(storedPerson('Tom Lead')?.credentials).toBeNull();
    for (const oauth of [writer, reader]) expect(await statusWith(server.mcpUrl, oauth.tokens()?.access_token as string)).toBe(401);
    await expect(clients[0]?.call('timer_status')).rejects.toThrow();
    // Connecting again takes the token again.
    let asked = false;
    const again = await connectAs(server, {
      browser: new SignInBrowser(server.origin),
      signIn: (signInBrowser, page) => {
        asked = /name="secret"/.test(page.html);
        return trackerSignIn(TOM.token)(signInBrowser, page);
      },
    });
    expect(asked).toBe(true);
    const status = await again.call('timer_status');
    expect(status.isError, textOf(status)).toBeFalsy();
    await Promise.all([...clients, again].map((client) => client.close().catch(() => {})));
  });
});

describe('attacks on the account page', () => {
  let ada: { browser: SignInBrowser; account: Page; grant: string; token: string; close: () => Promise<void> };
  let tom: { browser: SignInBrowser; account: Page };

  beforeAll(async () => {
    const browser = new SignInBrowser(server.origin);
    const oauth = new MemoryOAuthProvider({ clientName: 'Target client' });
    const client = await connectAs(server, { browser, oauth, signIn: trackerSignIn(ADA.token) });
    const account = await signInToAccount(browser, trackerSignIn(ADA.token));
    const grant = connectedClients(account).find((candidate) => candidate.name === 'Target client')?.grant as string;
    ada = { browser, account, grant, token: oauth.tokens()?.access_token as string, close: () => client.close() };
    const tomBrowser = new SignInBrowser(server.origin);
    tom = { browser: tomBrowser, account: await signInToAccount(tomBrowser, trackerSignIn(TOM.token)) };
  });
  afterAll(async () => {
    await ada?.close();
  });

  it("another person's grant posted to Disconnect: refused in the words for one that is gone, and the client goes on", async () => {
    const answer = await post(tom.browser, tom.account, '/account/disconnect', { grant: ada.grant });
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('That client is not connected.');
    expect(await statusWith(server.mcpUrl, ada.token)).toBe(200);
  });

  it.each([
    ["without the page's token", (page: Page) => ada.browser.submit(page, '/account/disconnect', { grant: ada.grant, csrf: '' })],
    [
      'with a token made up',
      (page: Page) => ada.browser.submit(page, '/account/disconnect', { grant: ada.grant, csrf: `${Date.now() + 60_000}.${'A'.repeat(43)}` }),
    ],
    ["with another browser's token (Tom's page, Ada's cookies)", () => post(ada.browser, tom.account, '/account/disconnect', { grant: ada.grant })],
    [
      'from another site (Origin)',
      (page: Page) => ada.browser.submit(page, '/account/disconnect', { grant: ada.grant }, undefined, { origin: 'https://attacker.example' }),
    ],
    [
      'from a page without an origin (Origin: null)',
      (page: Page) => ada.browser.submit(page, '/account/disconnect', { grant: ada.grant }, undefined, { origin: 'null' }),
    ],
    [
      'from another site (Sec-Fetch-Site: cross-site, no Origin)',
      (page: Page) =>
        ada.browser.submit(page, '/account/disconnect', { grant: ada.grant }, undefined, { origin: server.origin, 'sec-fetch-site': 'cross-site' }),
    ],
  ])('a Disconnect form posted %s: refused (403), and the client goes on', async (_kind, post) => {
    const answer = await post(ada.account);
    expect(answer.status).toBe(403);
    expect(answer.html).toMatch(/This form (has expired or was not sent from this page|was sent from another site)/);
    expect(await statusWith(server.mcpUrl, ada.token)).toBe(200);
    expect(connectedClients(await ada.browser.open('/account')).map((client) => client.name)).toContain('Target client');
  });

  it('"Remove my credentials" posted from another site: refused, and the credentials stay', async () => {
    const answer = await ada.browser.submit(ada.account, '/account/forget', {}, undefined, { origin: 'https://attacker.example' });
    expect(answer.status).toBe(403);
    expect(storedPerson('Ada Lovelace')?.credentials).toMatch(/^v1\./);
  });

  it('a form posted with no account session (cookies of nobody): sent to sign in, nothing changed', async () => {
    const stranger = new SignInBrowser(server.origin);
    const page = await stranger.open('/account');
    const answer = await post(
      stranger,
      { ...page, html: page.html.replace('action="/account/tracker"', 'action="/account/sign-out"') },
      '/account/disconnect',
      { grant: ada.grant },
    );
    expect(answer.html).toMatch(/name="secret"/);
    expect(await statusWith(server.mcpUrl, ada.token)).toBe(200);
  });
});

/** Posts `action` with the form token of the page's sign-out form, as a form of that page would. */
function post(browser: SignInBrowser, page: Page, action: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Page> {
  const html = page.html.replace('action="/account/sign-out"', `action="${action}"`);
  return browser.submit({ ...page, html }, action, fields, undefined, headers);
}
