// A real OpenID provider for the team server's company sign-in tests: panva's oidc-provider (the
// library the server's own authorization server uses, OpenID-certified) as the company's identity
// provider, on loopback over https with a test CA made by openssl (the team server process trusts it
// through NODE_EXTRA_CA_CERTS, and this test process through tls.setDefaultCACertificates). Its login
// and consent pages are the test's own and as plain as the server's: a person signs in by typing
// the account's id (the provider's own password step, which is not what is tested), then presses
// Continue. Accounts carry an e-mail, verified or not, as Entra ID, Google or Okta say it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import { makeTestCertificates } from '../mcp-server/providers/kimai/fake-kimai.ts';
import type { Page, SignIn, SignInBrowser } from './team-server.ts';

export interface IdentityAccount {
  /** What the person types on the provider's login page; also the subject (`sub`). */
  id: string;
  name?: string;
  email?: string;
  /** As the provider says it: true, false, or left out. */
  emailVerified?: boolean;
}

export interface IdentityProviderOptions {
  accounts: IdentityAccount[];
  /** The team server's callback, `<public_url>/sign-in/callback` (exact, as providers register them). */
  redirectUris: string[];
  /** Default true: https with a test CA. */
  tls?: boolean;
  /**
   * Default false: as the OpenID Connect core says, when an access token is issued the e-mail claims
   * come from the userinfo endpoint only (oidc-provider's conformIdTokenClaims). True puts them into
   * the ID token too, as Google and Keycloak do.
   */
  claimsInIdToken?: boolean;
  /**
   * The provider also grants a company calendar's read scope with refresh tokens, as the provider named
   * does it (team-server/auth/calendar/): Entra ID returns a refresh token only where offline_access was
   * asked and replaces it on every use; Google returns one for access_type=offline, keeps it, and takes
   * revocations. Its consent page has the calendar as a box the person may untick (Google's granular
   * consent) and a Cancel button (a refused consent).
   */
  calendar?: 'microsoft' | 'google';
}

/** The calendar scopes the stand-in grants, per provider (as team-server/auth/calendar/calendar-scopes.ts asks them). */
export const CALENDAR_SCOPE = {
  microsoft: 'https://graph.microsoft.com/Calendars.ReadBasic',
  google: 'https://www.googleapis.com/auth/calendar.events.owned.readonly',
} as const;

export interface IdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The CA the provider's certificate is signed with (for NODE_EXTRA_CA_CERTS); undefined over http. */
  caFile: string | undefined;
  /** The provider's accounts by id, which a test may change (a new e-mail); copies of those given. */
  readonly accounts: Map<string, IdentityAccount>;
  /** The accounts that signed in at the provider, in order. */
  readonly logins: string[];
  /** The authorization requests' parameters, in order (what the team server asked for). */
  readonly authorizations: URLSearchParams[];
  /** The token endpoint's answers by grant type, in order: `refresh_token`, or `refresh_token: invalid_grant` for a refused one. */
  readonly grants: string[];
  /** How many refresh tokens the provider destroyed (its revocation endpoint). */
  readonly revocations: { count: number };
  /** Revokes every refresh token of `account` (the person or IT withdrew the app's access). */
  revokeRefreshTokens(account: string): void;
  /** Ends every session at the provider, so the next visit signs in afresh (perhaps as someone else). */
  endSessions(): void;
  /**
   * What an access token the provider issued says, as a resource server reads it (the calendar fakes'
   * trustIssuer): whose it is, as its label, and its scopes; undefined for one it never issued or that ended.
   */
  accessTokenOf(token: string): { label: string; scopes: string[] } | undefined;
  /** Every code, access token and refresh token the provider issued so far (an opaque token is its record's id), to look for where none may be. */
  issuedSecrets(): string[];
  /** Stops answering (a provider that is down). */
  close(): Promise<void>;
}

export const IDP_CLIENT_ID = 'punchcard-team';
export const IDP_CLIENT_SECRET = 'idp-client-secret-0123456789abcdef';

export async function startIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  const secure = options.tls ?? true;
  const folder = mkdtempSync(join(tmpdir(), 'punchcard-idp-'));
  const certificates = secure ? makeTestCertificates(folder) : undefined;
  if (certificates) trustInThisProcess(readFileSync(certificates.caFile, 'utf8'));
  const accounts = new Map(options.accounts.map((account) => [account.id, { ...account }]));
  const logins: string[] = [];
  const authorizations: URLSearchParams[] = [];
  const grants: string[] = [];
  const revocations = { count: 0 };
  const calendar = options.calendar;
  const calendarScope = calendar ? CALENDAR_SCOPE[calendar] : undefined;
  let handler: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => response.end();
  const server: Server = certificates
    ? createHttpsServer({ key: certificates.key, cert: certificates.cert }, (request, response) => handler(request, response))
    : createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = secure ? `https://localhost:${port}` : `http://127.0.0.1:${port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const configuration: Configuration = {
    clients: [
      {
        client_id: IDP_CLIENT_ID,
        client_secret: IDP_CLIENT_SECRET,
        redirect_uris: options.redirectUris,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: calendar ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test-idp' } as never] },
    async findAccount(_context, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          ...(account.name ? { name: account.name } : {}),
          ...(account.email ? { email: account.email } : {}),
          ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
        }),
      };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    ...(calendarScope ? { scopes: ['openid', 'offline_access', calendarScope] } : {}),
    // Entra ID replaces a refresh token on every use; Google keeps it.
    rotateRefreshToken: calendar === 'microsoft',
    conformIdTokenClaims: !(options.claimsInIdToken ?? false),
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, revocation: { enabled: calendar !== undefined, allowedPolicy: async () => true } },
    interactions: { url: async (_context, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['test-idp-cookie-key-0123456789'] },
    adapter: MemoryAdapter,
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3_600, Grant: 86_400, RefreshToken: 86_400 },
  };
  const provider = new Provider(issuer, configuration);
  provider.on('grant.success', (context) => grants.push(String(context.oidc.params?.grant_type)));
  provider.on('grant.error', (context, error) => grants.push(`${String(context.oidc.params?.grant_type)}: ${(error as { error?: string }).error}`));
  provider.on('refresh_token.destroyed', () => revocations.count++);
  const oidcCallback = provider.callback();
  /**
   * oidc-provider follows OpenID Connect Core: offline_access only with prompt=consent. The providers
   * modelled do not ask for that: Entra ID issues a refresh token wherever offline_access was asked,
   * Google wherever access_type=offline was; so the request is read as they read it.
   */
  const asTheProviderReadsIt = (request: IncomingMessage, url: URL) => {
    if (!calendar || url.pathname !== '/auth') return;
    authorizations.push(new URLSearchParams(url.searchParams));
    const scopes = (url.searchParams.get('scope') ?? '').split(' ');
    const offline = calendar === 'microsoft' ? scopes.includes('offline_access') : url.searchParams.get('access_type') === 'offline';
    if (!offline) return;
    if (!scopes.includes('offline_access')) url.searchParams.set('scope', [...scopes, 'offline_access'].join(' '));
    url.searchParams.set('prompt', 'consent');
    request.url = `${url.pathname}${url.search}`;
  };

  const page = (response: ServerResponse, status: number, body: string) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>Company sign-in</title>${body}`);
  };
  const readForm = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  };

  handler = (request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    const interaction = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|confirm|cancel))?$/.exec(url.pathname);
    if (!interaction) {
      asTheProviderReadsIt(request, url);
      return void oidcCallback(request, response);
    }
    void (async () => {
      const uid = interaction[1] as string;
      const details = await provider.interactionDetails(request, response);
      if (details.uid !== uid) return page(response, 400, '<p>Another sign-in is under way.</p>');
      if (request.method === 'GET' && details.prompt.name === 'login') {
        return page(
          response,
          200,
          `<h1>Acme sign-in</h1><form method="post" action="/interaction/${uid}/login"><input type="hidden" name="uid" value="${uid}"><label>Account <input type="text" name="account"></label><button type="submit">Sign in</button></form>`,
        );
      }
      if (request.method === 'GET' && details.prompt.name === 'consent') {
        return page(
          response,
          200,
          `<h1>Share your profile with Punchcard?</h1><form method="post" action="/interaction/${uid}/confirm"><input type="hidden" name="uid" value="${uid}">${
            calendarScope && String(details.params.scope).includes(calendarScope)
              ? '<label><input type="checkbox" name="calendar" value="allow" checked> See the events of your own calendars</label>'
              : ''
          }<button type="submit">Continue</button></form><form method="post" action="/interaction/${uid}/cancel"><button type="submit">Cancel</button></form>`,
        );
      }
      if (request.method === 'POST' && interaction[2] === 'login') {
        const account = (await readForm(request)).get('account') ?? '';
        if (!accounts.has(account)) return page(response, 401, '<p>No such account.</p>');
        logins.push(account);
        return provider.interactionFinished(request, response, { login: { accountId: account } }, { mergeWithLastSubmission: false });
      }
      if (request.method === 'POST' && interaction[2] === 'cancel') {
        await readForm(request);
        return provider.interactionFinished(
          request,
          response,
          { error: 'access_denied', error_description: 'The user declined to grant access.' },
          { mergeWithLastSubmission: false },
        );
      }
      if (request.method === 'POST' && interaction[2] === 'confirm') {
        const form = await readForm(request);
        const grant = details.grantId
          ? await provider.Grant.find(details.grantId)
          : new provider.Grant({ accountId: details.session?.accountId as string, clientId: String(details.params.client_id) });
        if (!grant) return page(response, 400, '<p>The grant is gone.</p>');
        const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
        // An unticked calendar box grants the rest, and the answer's scope says what was left out.
        const unticked = calendarScope !== undefined && form.get('calendar') !== 'allow';
        const granted = (missing.missingOIDCScope ?? []).filter((scope) => !(unticked && scope === calendarScope));
        if (granted.length) grant.addOIDCScope(granted.join(' '));
        if (unticked && missing.missingOIDCScope?.includes(calendarScope)) grant.rejectOIDCScope(calendarScope);
        if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
        const grantId = await grant.save();
        return provider.interactionFinished(request, response, { consent: { grantId } }, { mergeWithLastSubmission: true });
      }
      return page(response, 400, `<p>Unexpected ${request.method} for ${details.prompt.name}.</p>`);
    })().catch((error: unknown) => {
      if (!response.headersSent) page(response, 500, `<p>${String((error as Error).message)}</p>`);
    });
  };

  let closed = false;
  return {
    issuer,
    clientId: IDP_CLIENT_ID,
    clientSecret: IDP_CLIENT_SECRET,
    caFile: certificates?.caFile,
    accounts,
    logins,
    authorizations,
    grants,
    revocations,
    revokeRefreshTokens(account) {
      for (const [key, record] of MemoryAdapter.records)
        if (key.startsWith('RefreshToken:') && record.payload.accountId === account) MemoryAdapter.records.delete(key);
    },
    accessTokenOf(token) {
      const record = MemoryAdapter.records.get(`AccessToken:${token}`);
      if (!record || record.expiresAt <= Date.now()) return undefined;
      return {
        label: `${String(record.payload.accountId)}'s access token`,
        scopes: String(record.payload.scope ?? '')
          .split(' ')
          .filter(Boolean),
      };
    },
    issuedSecrets() {
      const secret = /^(AuthorizationCode|AccessToken|RefreshToken):(.+)$/;
      return [...MemoryAdapter.records.keys()].flatMap((key) => secret.exec(key)?.[2] ?? []);
    },
    endSessions() {
      for (const key of MemoryAdapter.records.keys()) if (key.startsWith('Session:')) MemoryAdapter.records.delete(key);
    },
    async close() {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The provider's records, in this process (one adapter instance per model, as oidc-provider makes them). */
class MemoryAdapter {
  static readonly records = new Map<string, { payload: Record<string, unknown>; expiresAt: number }>();
  readonly #model: string;
  constructor(model: string) {
    this.#model = model;
  }
  #key(id: string) {
    return `${this.#model}:${id}`;
  }
  async upsert(id: string, payload: Record<string, unknown>, expiresIn: number) {
    MemoryAdapter.records.set(this.#key(id), { payload, expiresAt: Date.now() + expiresIn * 1000 });
  }
  async find(id: string) {
    const record = MemoryAdapter.records.get(this.#key(id));
    return record && record.expiresAt > Date.now() ? record.payload : undefined;
  }
  async findByUid(uid: string) {
    for (const [key, record] of MemoryAdapter.records) if (key.startsWith(`${this.#model}:`) && record.payload.uid === uid) return record.payload;
    return undefined;
  }
  async findByUserCode() {
    return undefined;
  }
  async consume(id: string) {
    const record = MemoryAdapter.records.get(this.#key(id));
    if (record) record.payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    MemoryAdapter.records.delete(this.#key(id));
  }
  async revokeByGrantId(grantId: string) {
    for (const [key, record] of MemoryAdapter.records) if (record.payload.grantId === grantId) MemoryAdapter.records.delete(key);
  }
}

/** This test process's fetch (the browser's) trusts the test CA too, beside the usual authorities. */
function trustInThisProcess(caPem: string): void {
  setDefaultCACertificates([...getCACertificates('default'), caPem]);
}

/**
 * The person's steps on the provider's own pages, once the browser is there: signs in as `account`
 * and continues on the consent page, until the provider sends the browser back to the team server.
 * A provider that still has a session for this browser skips its pages, as a real one does.
 */
export async function atIdentityProvider(
  browser: SignInBrowser,
  page: Page,
  issuer: string,
  account: string,
  consent: 'allow' | 'untick calendar' | 'cancel' = 'allow',
): Promise<Page> {
  let current = page;
  for (let step = 0; step < 4 && current.url.startsWith(issuer); step++) {
    if (/\/login"/.test(current.html)) current = await browser.submit(current, '/login', { account });
    else if (/\/confirm"/.test(current.html) && consent === 'cancel') current = await browser.submit(current, '/cancel');
    else if (/\/confirm"/.test(current.html))
      // A browser sends a ticked box's value, and nothing for an unticked one.
      current = await browser.submit(current, '/confirm', consent === 'allow' && /name="calendar"/.test(current.html) ? { calendar: 'allow' } : {});
    else throw new Error(`Unexpected page at the identity provider (${current.status}):\n${current.html}`);
  }
  return current;
}

/**
 * Signs in on the team server's page with the company account `account` at `idp`, then, where the
 * server asks for tracker credentials as well, goes on with `then`.
 */
export const companySignIn =
  (idp: Pick<IdentityProvider, 'issuer'>, account: string, then?: SignIn): SignIn =>
  async (browser, page) => {
    const atProvider = await browser.submit(page, '/company');
    const back = await atIdentityProvider(browser, atProvider, idp.issuer, account);
    return then ? then(browser, back) : back;
  };
