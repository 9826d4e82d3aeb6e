// The team server's own OAuth 2.1 authorization server, on panva's oidc-provider (OpenID-certified):
// authorization code with PKCE S256 only, clients by Client ID Metadata Document (the 2026 spec's
// SHOULD) or by Dynamic Client Registration (what ChatGPT, Claude and Copilot Studio use today), exact
// redirect URIs but for a loopback one's port (RFC 8252, loopback-redirects.ts), `iss` in every
// authorization response (RFC 9207), access tokens bound to the one resource this server is (RFC
// 8707), and refresh tokens that rotate on every use, one used again after a short grace revoking its
// whole grant (store-adapter.ts). Nothing here is hand-written OAuth: this module configures the
// library, widens two of its rules where MCP clients need it (loopback-redirects.ts,
// offline-access.ts), and points its sign-in and consent steps at the server's own pages
// (sign-in/).
import Provider, { type Configuration, errors } from 'oidc-provider';
import { isLoopbackHost } from '../config/server-config.ts';
import { failedBecause } from '../logs/request-context.ts';
import { type Store, StoreUnavailable, StoreVersionError } from '../store/store.ts';
import { clientDocumentFetch } from './client-document-fetch.ts';
import { allowAnyLoopbackPort } from './loopback-redirects.ts';
import { refreshTokensAreOfflineAccess } from './offline-access.ts';
import { renderErrorPage } from './pages.ts';
import type { ServerKeys } from './server-keys.ts';
import { storeAdapter } from './store-adapter.ts';

/** What a token may do: read, and change (writing tools). Consent names both in words. */
export const SCOPES = { read: 'punchcard.read', write: 'punchcard.write' } as const;
export const ALL_SCOPES = `${SCOPES.read} ${SCOPES.write}`;

/** An access token's life: an hour, renewed with the refresh token. */
export const ACCESS_TOKEN_TTL_SECONDS = 3_600;
/**
 * The shortest life `PUNCHCARD_TEAM_ACCESS_TOKEN_TTL_SECONDS` may give an access token (tests of
 * expiry and refresh, or a deployment that wants shorter lives): a token must outlive the request
 * that carries it.
 */
export const MIN_ACCESS_TOKEN_TTL_SECONDS = 2;

/** The access tokens' life from the environment, or what is wrong with the variable. */
export function accessTokenTtl(env: NodeJS.ProcessEnv): number | string {
  const text = env.PUNCHCARD_TEAM_ACCESS_TOKEN_TTL_SECONDS?.trim();
  if (!text) return ACCESS_TOKEN_TTL_SECONDS;
  const seconds = Number(text);
  if (!/^\d{1,5}$/.test(text) || seconds < MIN_ACCESS_TOKEN_TTL_SECONDS || seconds > ACCESS_TOKEN_TTL_SECONDS) {
    return `PUNCHCARD_TEAM_ACCESS_TOKEN_TTL_SECONDS is "${text}"; it takes a whole number of seconds from ${MIN_ACCESS_TOKEN_TTL_SECONDS} to ${ACCESS_TOKEN_TTL_SECONDS} (an access token's life), or leave it unset for an hour.`;
  }
  return seconds;
}
/** How long a refresh token (and the grant behind it) lasts unused: a month, as a person expects of "signed in". */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3_600;
/** How long the metadata documents may be kept by a client or a cache: they change only with public_url. */
export const METADATA_MAX_AGE_SECONDS = 3_600;

export interface AuthorizationServerOptions {
  issuer: string;
  /** This server's MCP endpoint: the one resource tokens are issued for. */
  resource: string;
  keys: ServerKeys;
  store: Store;
  now: () => number;
  /** The person behind an account id, for the provider's account lookups. */
  findPerson: (id: string) => Promise<{ id: string; name: string; email: string | null } | undefined>;
  /** An access token's life (default ACCESS_TOKEN_TTL_SECONDS). */
  accessTokenTtlSeconds?: number;
  /** How long after its first use a refresh token may be used again (`refresh_token_grace_seconds`; 0: never). */
  refreshGraceSeconds: number;
  /**
   * Client metadata documents may come from this computer's loopback addresses. Only tests set it,
   * on a server nobody else reaches (team/sign-in-mount.ts); everywhere else no document comes from loopback,
   * a private network or another special-use address.
   */
  clientDocumentsOnLoopback?: boolean;
}

export function createAuthorizationServer(options: AuthorizationServerOptions): Provider {
  const { issuer, resource, keys } = options;
  const documentsOnLoopback = options.clientDocumentsOnLoopback === true;
  const accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? ACCESS_TOKEN_TTL_SECONDS;
  const configuration: Configuration = {
    adapter: storeAdapter(options.store, keys, options.now, { refreshGraceMs: options.refreshGraceSeconds * 1000 }),
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
    // Every client's redirect URIs, registered or in a metadata document, before the library's own
    // checks: http only on this computer (OAuth 2.1; a code sent over the network in the clear could
    // be read on the way), no user name or password (`https://user:pass@host/` reads as one host and
    // is another's to a careless eye), and a client that names an app's own scheme (cursor://,
    // vscode://) is an app on the person's computer (RFC 8252), which the library checks as such
    // instead of refusing the scheme as no web address.
    extraClientMetadata: {
      properties: ['redirect_uris'],
      validator: (_context, key, value, metadata) => {
        if (key !== 'redirect_uris' || !Array.isArray(value)) return;
        const urls = value.map((uri) => URL.parse(String(uri)));
        if (urls.some((url) => url?.protocol === 'http:' && !isLoopbackHost(url.hostname))) {
          throw new errors.InvalidClientMetadata('redirect_uris must be https:// addresses, or http:// only on this computer (127.0.0.1, [::1] or localhost)');
        }
        if (urls.some((url) => url && (url.username !== '' || url.password !== ''))) {
          throw new errors.InvalidClientMetadata('redirect_uris must not contain a user name or password (user:password@ before the host)');
        }
        if (urls.some((url) => url && url.protocol !== 'http:' && url.protocol !== 'https:')) metadata.application_type = 'native';
      },
    },
    scopes: ['openid', 'offline_access', SCOPES.read, SCOPES.write],
    claims: { openid: ['sub'] },
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      id_token_signed_response_alg: 'EdDSA',
    },
    // MCP clients ask for the resource's scopes, not offline_access: every grant gets a refresh token.
    issueRefreshToken: async (_context, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: accessTokenTtlSeconds,
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
          return { scope: ALL_SCOPES, accessTokenFormat: 'opaque', accessTokenTTL: accessTokenTtlSeconds };
        },
      },
      clientIdMetadataDocument: {
        enabled: true,
        // The draft this version of the library implements; a library update that moves to another
        // draft then says so at start instead of changing behaviour quietly.
        ack: 'draft-02',
        // Over https only (the library insists), and never from a loopback name: refused here in the
        // library's words before any lookup. Every other address is checked as it is resolved.
        allowFetch: async (_context, clientId) => {
          const url = new URL(clientId);
          return url.protocol === 'https:' && (documentsOnLoopback || !isLoopbackHost(url.hostname));
        },
      },
    },
    // The library's own guard looks at the address only once connected; this one resolves, checks
    // every address and connects to a checked one, so nothing of the server's networks is reached.
    fetch: clientDocumentFetch({ loopback: documentsOnLoopback }),
    // The token and revocation endpoints answer a page only of the client's own origin (one of its
    // redirect URIs'), for a public client whose sign-in runs in a web view; never another site. The
    // library's default, stated here so that it is this server's policy (and the library stops
    // asking for one at every start).
    clientBasedCORS: (_context, origin, client) =>
      origin !== 'null' && client.clientAuthMethod === 'none' && (client.redirectUris ?? []).some((uri) => URL.parse(uri)?.origin === origin),
    interactions: { url: async (_context, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (context, out) => {
      context.type = 'html';
      context.body = renderErrorPage(out.error_description ?? out.error ?? 'The request could not be completed.');
    },
    enabledJWA: { idTokenSigningAlgValues: ['EdDSA'] },
  };
  const provider = new Provider(issuer, configuration);
  allowAnyLoopbackPort(provider);
  refreshTokensAreOfflineAccess(provider);
  // The forwarded headers the library reads (Host, X-Forwarded-Proto, X-Forwarded-For) are the team
  // server's own, set from public_url and trusted_proxies before a request reaches it
  // (provider-requests.ts): the addresses it publishes are public_url's, and its cookies are Secure
  // whenever public_url is https.
  provider.proxy = true;
  // The metadata documents are the same for everyone (they no longer follow the request's headers),
  // so a client or a cache may keep them a while.
  provider.use(async (context, next) => {
    await next();
    if (context.oidc?.route === 'discovery' && context.status === 200) context.set('cache-control', `public, max-age=${METADATA_MAX_AGE_SECONDS}`);
  });
  // The store away (or left behind by a newer Punchcard) is no fault of the client's request: the
  // library's 500 becomes 503 with Retry-After and words, so a client refreshing its token tries again
  // instead of giving up. The store writes a refresh token's rotation whole or not at all
  // (store-adapter.ts), so the refresh token it sent still works when it does.
  // Either way the request's line in the log says why (logs/request-context.ts): the library logs
  // nothing of its own, and a 500 of its would otherwise be a status without a cause.
  provider.on('server_error', (context, error) => {
    const storeAway = error instanceof StoreUnavailable || error instanceof StoreVersionError;
    failedBecause(error, { withStack: !storeAway });
    if (!storeAway) return;
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
