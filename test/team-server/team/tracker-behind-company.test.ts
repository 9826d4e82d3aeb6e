// Company sign-in in front of tracker sign-in (Kimai with `sign_in: {tracker: true, oidc: {…}}`):
// the company's identity provider says who the person is; then, once, they give their own Kimai
// token, which is kept sealed for them; later connections need only the company sign-in. The tracker
// form is offered, and taken, only after the company sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Era, textOf } from '../../support/engine.ts';
import { companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import {
  connectAs,
  freePort,
  type Page,
  removeTeamServerData,
  type SignIn,
  SignInBrowser,
  startTeamServer,
  storedPeople,
  type TeamServerHandle,
  trackerSignIn,
} from '../../support/team-server.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;
const TOM = DEFAULT_USERS[1] as FakeUser;
const ACCOUNTS = [
  { id: 'ada', name: 'Ada L.', email: 'ada@acme.example', emailVerified: true },
  { id: 'tom', name: 'Tom L.', email: 'tom@acme.example', emailVerified: true },
];

const wordsOf = (page: Page) =>
  page.html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

describe.each<Era>(['legacy', 'modern'])('company sign-in in front of Kimai (%s era)', (era) => {
  let fake: FakeKimai;
  let idp: IdentityProvider;
  let server: TeamServerHandle;

  beforeAll(async () => {
    fake = await startFakeKimai();
    seedCatalog(fake);
    const port = await freePort();
    idp = await startIdentityProvider({ accounts: ACCOUNTS, redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`] });
    server = await startTeamServer({
      port,
      provider: { type: 'kimai', url: fake.url },
      signIn: { tracker: true, oidc: { issuer: idp.issuer, client_id: idp.clientId, client_secret_env: 'PUNCHCARD_OIDC_SECRET' } },
      env: { PUNCHCARD_OIDC_SECRET: idp.clientSecret, NODE_EXTRA_CA_CERTS: idp.caFile as string },
    });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeTeamServerData(server);
    await idp?.close();
    await fake?.close();
  });

  /** After the company sign-in: the tracker form, under "Signed in as …", and only then. */
  const thenKimaiToken =
    (email: string, token: string): SignIn =>
    async (browser, page) => {
      expect(wordsOf(page)).toContain(`Signed in as ${email} `);
      expect(page.html).toContain('<input type="password" id="secret" name="secret"');
      expect(page.html).not.toContain('/company"');
      return trackerSignIn(token)(browser, page);
    };

  it('asks for the company account first, then the Kimai token once; later connections need only the company sign-in', async () => {
    const firstPage: string[] = [];
    const ada = await connectAs(server, {
      era,
      signIn: async (browser, page) => {
        firstPage.push(page.html);
        return companySignIn(idp, 'ada', thenKimaiToken('ada@acme.example', ADA.token))(browser, page);
      },
    });
    // The first page offers the company sign-in and nothing to type a token into.
    expect(firstPage[0]).toContain('/company"');
    expect(firstPage[0]).not.toContain('type="password"');
    expect(storedPeople(server).find((person) => person.identity === `oidc:${idp.issuer}:ada`)).toMatchObject({
      email: 'ada@acme.example',
      hasCredentials: true,
    });
    const before = fake.requests.length;
    expect(textOf(await ada.call('whoami'))).toContain('Ada Lovelace');
    await ada.close();

    // Another client, another browser, the next day: the company sign-in alone leads to consent.
    const later = await connectAs(server, { era, signIn: companySignIn(idp, 'ada') });
    const clockedIn = await later.call('clock_in', { project: 'Website', activity: 'Design' });
    expect(clockedIn.isError, textOf(clockedIn)).toBeFalsy();
    expect(fake.state.timesheets.filter((sheet) => sheet.end === null).map((sheet) => sheet.userId)).toEqual([ADA.id]);
    const sent = fake.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((request) => request.credential === `Bearer ${ADA.token}`)).toBe(true);
    await later.call('clock_out');
    await later.close();
    expect(storedPeople(server).filter((person) => person.identity === `oidc:${idp.issuer}:ada`)).toHaveLength(1);
  });

  it("says Kimai's verdict on a wrong token in words, keeps the person signed in with the company, and stores no credentials", async () => {
    const browser = new SignInBrowser(server.origin);
    const signIn = companySignIn(idp, 'tom');
    const afterCompany = await signIn(browser, await browser.open('/account'));
    expect(wordsOf(afterCompany)).toContain('Signed in as tom@acme.example ');
    const refused = await browser.submit(afterCompany, '/tracker', { secret: 'token-wrong-0123456789' });
    expect(refused.status).toBe(400);
    expect(wordsOf(refused)).toMatch(
      /Kimai at http:\/\/127\.0\.0\.1:\d+ did not accept the API token \(it is wrong, expired or revoked\)\. Create a new API token in your Kimai profile and enter it here\./,
    );
    expect(wordsOf(refused)).toContain('Signed in as tom@acme.example ');
    expect(storedPeople(server).find((person) => person.identity === `oidc:${idp.issuer}:tom`)).toMatchObject({ hasCredentials: false });

    // The right one then works, from the same page.
    const accepted = await browser.submit(refused, '/tracker', { secret: TOM.token });
    expect(wordsOf(accepted)).toContain('Your Kimai credentials are stored, encrypted');
    expect(storedPeople(server).find((person) => person.identity === `oidc:${idp.issuer}:tom`)).toMatchObject({ hasCredentials: true });
  });

  it('takes no token before the company sign-in, and asks Kimai nothing for one', async () => {
    const browser = new SignInBrowser(server.origin);
    const page = await browser.open('/account');
    expect(page.html).not.toContain('type="password"');
    // A crafted post of the tracker form with the page's own form token.
    const crafted: Page = { ...page, html: page.html.replace('action="/account/company"', 'action="/account/tracker"') };
    const before = fake.requests.length;
    const people = storedPeople(server).length;
    const refused = await browser.submit(crafted, '/tracker', { secret: ADA.token });
    expect(refused.status).toBe(403);
    expect(wordsOf(refused)).toContain('Sign in with your company account first.');
    expect(fake.requests.length).toBe(before);
    expect(storedPeople(server)).toHaveLength(people);
  });
});
