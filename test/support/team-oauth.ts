// OAuth against the team server by hand, for the attacks the official client would never make: each
// step of the authorization code flow as its own request (registration, the browser's authorization,
// the token request), with whatever parameters a test wants to get wrong, and the MCP endpoint asked
// with a bare access token.
import { createHash, randomBytes } from 'node:crypto';
import { Client, type OAuthClientProvider, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { Era } from './engine.ts';
import { allow, developmentSignIn, type Page, type SignIn, SignInBrowser } from './team-server.ts';

export interface ServerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  registration_endpoint: string;
  revocation_endpoint: string;
  code_challenge_methods_supported: string[];
  authorization_response_iss_parameter_supported?: boolean;
  client_id_metadata_document_supported?: boolean;
}

export async function metadataOf(origin: string): Promise<ServerMetadata> {
  const response = await fetch(`${origin}/.well-known/oauth-authorization-server`);
  if (!response.ok) throw new Error(`No authorization server metadata at ${origin}: ${response.status}`);
  return (await response.json()) as ServerMetadata;
}

export const REDIRECT_URI = 'http://127.0.0.1:33418/callback';

/** Registers a public client by Dynamic Client Registration and answers its id. */
export async function registerClient(metadata: ServerMetadata, options: { redirectUri?: string; name?: string } = {}): Promise<string> {
  const response = await fetch(metadata.registration_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: options.name ?? 'Attack test client',
      redirect_uris: [options.redirectUri ?? REDIRECT_URI],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    }),
  });
  const body = (await response.json()) as { client_id?: string };
  if (response.status !== 201 || !body.client_id) throw new Error(`Registration failed: ${response.status} ${JSON.stringify(body)}`);
  return body.client_id;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizationUrl(metadata: ServerMetadata, params: Record<string, string | undefined>): URL {
  const url = new URL(metadata.authorization_endpoint);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url;
}

/**
 * Opens an authorization URL in `browser`, signs in and allows when the server asks, and answers
 * where the browser was sent back to (the client's redirect URI with the code, or an error), or the
 * page the server stopped on.
 */
export async function authorizeInBrowser(
  browser: SignInBrowser,
  url: URL,
  options: { redirectUri?: string; signIn?: SignIn; decision?: 'allow' | 'allow-read' } = {},
): Promise<{ callback: URL | undefined; page: Page }> {
  browser.stopAt = options.redirectUri ?? REDIRECT_URI;
  browser.callback = undefined;
  let page = await browser.open(url);
  if (page.status === 200 && /action="[^"]*\/development"|action="[^"]*\/tracker"/.test(page.html))
    page = await (options.signIn ?? developmentSignIn('Ada Lovelace'))(browser, page);
  if (page.status === 200 && /value="allow"/.test(page.html)) page = await allow(browser, page, options.decision);
  return { callback: browser.callback, page };
}

export interface TokenAnswer {
  status: number;
  body: { access_token?: string; refresh_token?: string; expires_in?: number; scope?: string; error?: string; error_description?: string };
}

export async function tokenRequest(metadata: ServerMetadata, params: Record<string, string | undefined>): Promise<TokenAnswer> {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) form.set(name, value);
  const response = await fetch(metadata.token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  return { status: response.status, body: (await response.json()) as TokenAnswer['body'] };
}

export interface SignedIn {
  metadata: ServerMetadata;
  clientId: string;
  browser: SignInBrowser;
  accessToken: string;
  refreshToken: string;
  /** The code the tokens were bought with (spent). */
  code: string;
  verifier: string;
}

/** The whole flow by hand: register, authorize with PKCE S256 in the browser, redeem the code. */
export async function signInByHand(
  server: { origin: string; mcpUrl: string },
  options: { signIn?: SignIn; browser?: SignInBrowser; clientName?: string; scope?: string; decision?: 'allow' | 'allow-read' } = {},
): Promise<SignedIn> {
  const metadata = await metadataOf(server.origin);
  const clientId = await registerClient(metadata, { ...(options.clientName ? { name: options.clientName } : {}) });
  const browser = options.browser ?? new SignInBrowser(server.origin);
  const { verifier, challenge } = pkcePair();
  const url = authorizationUrl(metadata, {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    scope: options.scope ?? 'punchcard.read punchcard.write',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'state-1',
    resource: server.mcpUrl,
  });
  const { callback, page } = await authorizeInBrowser(browser, url, {
    ...(options.signIn ? { signIn: options.signIn } : {}),
    ...(options.decision ? { decision: options.decision } : {}),
  });
  const code = callback?.searchParams.get('code');
  if (!code) throw new Error(`No code came back: ${callback?.href ?? `${page.status} ${page.html}`}`);
  const tokens = await tokenRequest(metadata, {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT_URI,
    client_id: clientId,
    resource: server.mcpUrl,
  });
  if (tokens.status !== 200 || !tokens.body.access_token || !tokens.body.refresh_token)
    throw new Error(`The code bought no tokens: ${tokens.status} ${JSON.stringify(tokens.body)}`);
  return { metadata, clientId, browser, accessToken: tokens.body.access_token, refreshToken: tokens.body.refresh_token, code, verifier };
}

/** A 2025-era initialize with this bearer token: 200 when the token is taken, 401 when not. */
export async function initializeWith(mcpUrl: string, token: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(mcpUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'attack-tests', version: '1.0.0' } },
    }),
  });
}

/** The status of an initialize with this token (its body read and dropped). */
export async function statusWith(mcpUrl: string, token: string): Promise<number> {
  const response = await initializeWith(mcpUrl, token);
  await response.arrayBuffer();
  return response.status;
}

/**
 * An OAuth provider for the official client that holds only a given access token and can never sign
 * in (a client handed a token, as an attacker with a stolen one would be).
 */
export class FixedTokenProvider implements OAuthClientProvider {
  readonly redirectUrl = REDIRECT_URI;
  readonly clientMetadata = { client_name: 'fixed token', redirect_uris: [REDIRECT_URI] };
  readonly #token: string;
  redirected = false;

  constructor(token: string) {
    this.#token = token;
  }

  clientInformation() {
    return { client_id: 'not-registered' };
  }
  tokens() {
    return { access_token: this.#token, token_type: 'Bearer' };
  }
  saveTokens() {}
  redirectToAuthorization() {
    this.redirected = true;
  }
  saveCodeVerifier() {}
  codeVerifier(): string {
    throw new Error('This client never signs in.');
  }
}

/** The official client in `era`, connected with nothing but `token`. */
export async function connectWithToken(mcpUrl: string, token: string, era: Era): Promise<Client> {
  const client = new Client(
    { name: 'fixed-token', version: '1.0.0' },
    era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' as const } } } : {},
  );
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: new FixedTokenProvider(token) }));
  return client;
}
