// The team server's own OAuth 2.1 authorization server, on panva's oidc-provider (OpenID-certified):
// authorization code with PKCE S256 only, clients by Client ID Metadata Document (the 2026 spec's
// SHOULD) or by Dynamic Client Registration (what ChatGPT, Claude and Copilot Studio use today), exact
// redirect URIs, `iss` in every authorization response (RFC 9207), access tokens bound to the one
// resource this server is (RFC 8707), and refresh tokens that rotate on every use, a reused one
// revoking its whole grant. Nothing here is hand-written OAuth: this module only configures the
// library and points its sign-in and consent steps at the server's own pages (auth/interactions.ts).
import Provider, { type Configuration, errors } from 'oidc-provider';
import { isLoopbackHost } from '../contract/server-config.ts';
import { type Store, StoreUnavailable, StoreVersionError } from '../store/store.ts';
import { renderErrorPage } from './pages.ts';
import type { ServerKeys } from './server-keys.ts';
import { storeAdapter } from './store-adapter.ts';

/** What a token may do: read, and change (writing tools). Consent names both in words. */
export const SCOPES = { read: 'punchcard.read', write: 'punchcard.write' } as const;
export const ALL_SCOPES = `${SCOPES.read} ${SCOPES.write}`;

/** An access token's life: an hour, renewed with the refresh token. */
export const ACCESS_TOKEN_TTL_SECONDS = 3_600;
/** How long a refresh token (and the grant behind it) lasts unused: a month, as a person expects of "signed in". */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3_600;

export interface AuthorizationServerOptions {
  issuer: string;
  /** This server's MCP endpoint: the one resource tokens are issued for. */
  resource: string;
  keys: ServerKeys;
  store: Store;
  now: () => number;
  /** The person behind an account id, for the provider's account lookups. */
  findPerson: (id: string) => Promise<{ id: string; name: string; email: string | null } | undefined>;
}

export function createAuthorizationServer(options: AuthorizationServerOptions): Provider {
  const { issuer, resource, keys } = options;
  const loopbackDeployment = isLoopbackHost(new URL(issuer).hostname);
  const configuration: Configuration = {
    adapter: storeAdapter(options.store, keys, options.now),
    clients: [],
    jwks: { keys: [keys.signingJwk as never] },
    cookies: {
      keys: keys.cookieKeys,
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    async findAccount(_context, id) {
      const person = await options.findPerson(id);
      if (!person) return undefined;
      return { accountId: person.id, claims: async () => ({ sub: person.id, name: person.name, ...(person.email ? { email: person.email } : {}) }) };
    },
    scopes: ['openid', 'offline_access', SCOPES.read, SCOPES.write],
    claims: { openid: ['sub'] },
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientDefaults: { grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none', id_token_signed_response_alg: 'EdDSA' },
    // MCP clients ask for the resource's scopes, not offline_access: every grant gets a refresh token.
    issueRefreshToken: async (_context, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 60,
      RefreshToken: REFRESH_TOKEN_TTL_SECONDS,
      Grant: REFRESH_TOKEN_TTL_SECONDS,
      Interaction: 3_600,
      Session: 14 * 24 * 3_600,
      IdToken: 3_600,
    },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      resourceIndicators: {
        enabled: true,
        // A client that names no resource means this one: the server has only one.
        defaultResource: async () => resource,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_context, indicator) => {
          if (indicator !== resource) throw new errors.InvalidTarget(`This server issues tokens only for ${resource}.`);
          return { scope: ALL_SCOPES, accessTokenFormat: 'opaque', accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS };
        },
      },
      clientIdMetadataDocument: {
        enabled: true,
        // The draft this version of the library implements; a library update that moves to another
        // draft then says so at start instead of changing behaviour quietly.
        ack: 'draft-02',
        // Over https only (the library insists), and from an address on this computer only when the
        // server itself is on this computer: a server on the internet never fetches from its own host.
        allowFetch: async (_context, clientId) => {
          const url = new URL(clientId);
          return url.protocol === 'https:' && (loopbackDeployment || !isLoopbackHost(url.hostname));
        },
      },
    },
    // The library's guard refuses to fetch from special-use addresses (loopback among them); a
    // server on this computer (tests, a trial) lets a client's document come from this computer.
    fetch: (url, init) => {
      if (loopbackDeployment && isLoopbackHost(new URL(url instanceof Request ? url.url : url).hostname)) delete (init as { dispatcher?: unknown }).dispatcher;
      return globalThis.fetch(url, init);
    },
    interactions: { url: async (_context, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (context, out) => {
      context.type = 'html';
      context.body = renderErrorPage(out.error_description ?? out.error ?? 'The request could not be completed.');
    },
    enabledJWA: { idTokenSigningAlgValues: ['EdDSA'] },
  };
  const provider = new Provider(issuer, configuration);
  // An https server sits behind a reverse proxy, whose X-Forwarded-Proto says the connection was
  // https (cookies are then marked Secure). Only URLs the issuer names are ever built, never the Host.
  provider.proxy = new URL(issuer).protocol === 'https:';
  // The store away (or left behind by a newer Punchcard) is no fault of the client's request: the
  // library's 500 becomes 503 with Retry-After and words, so a client refreshing its token tries again
  // instead of giving up. The store writes a refresh token's rotation whole or not at all
  // (store-adapter.ts), so the refresh token it sent still works when it does.
  provider.on('server_error', (context, error) => {
    if (!(error instanceof StoreUnavailable) && !(error instanceof StoreVersionError)) return;
    const words = `Punchcard's database does not answer just now, so nothing was done. Try again in ${STORE_RETRY_AFTER_SECONDS} s.`;
    context.status = 503;
    context.set('retry-after', String(STORE_RETRY_AFTER_SECONDS));
    if (context.type === 'text/html') context.body = renderErrorPage(words);
    else context.body = { error: 'temporarily_unavailable', error_description: words };
  });
  return provider;
}

/** What a client is told to wait while the store does not answer. */
export const STORE_RETRY_AFTER_SECONDS = 5;
