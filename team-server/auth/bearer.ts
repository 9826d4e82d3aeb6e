// Punchcard as an OAuth resource server: the access token a client sends with each MCP request is
// looked up where the authorization server keeps it (the store, so any instance knows every token),
// and taken only if it is this server's, unexpired, for this resource (RFC 8707) and its person still
// exists. What a token may do travels on as its scopes; the SDK's bearer gate answers a refusal with
// 401 and the WWW-Authenticate challenge that names the protected-resource metadata (RFC 9728).
import { type AuthInfo, OAuthError, OAuthErrorCode } from '@modelcontextprotocol/server';
import type Provider from 'oidc-provider';
import type { PersonRecord, Store } from '../store/store.ts';

/** What a verified token says about its caller, beside the SDK's AuthInfo. */
export interface Bearer {
  person: PersonRecord;
  clientId: string;
  scopes: string[];
}

export function tokenVerifier(provider: Provider, store: Store, resource: string, now: () => number) {
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      // An opaque token is short and plain; anything else is not one of ours.
      if (token.length > 512 || !/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
      const found = await provider.AccessToken.find(token);
      if (!found || found.isExpired) throw invalid();
      const audience = Array.isArray(found.aud) ? found.aud : [found.aud];
      if (!audience.includes(resource)) throw new OAuthError(OAuthErrorCode.InvalidToken, `This token was issued for another resource, not ${resource}.`);
      const person = found.accountId ? await store.person(found.accountId) : undefined;
      if (!person) throw invalid();
      const expiresAt = found.exp ?? Math.floor(now() / 1000);
      const bearer: Bearer = { person, clientId: found.clientId as string, scopes: (found.scope ?? '').split(' ').filter(Boolean) };
      return { token, clientId: bearer.clientId, scopes: bearer.scopes, expiresAt, resource: new URL(resource), extra: { bearer } };
    },
  };
}

/**
 * Whether a request carries a bearer token at all. One that carries none (no Authorization header, or
 * another scheme) did not know it needed one: RFC 6750 §3.1 answers it with a challenge that has no
 * error code (bearerChallenge); a wrong or expired token is answered with `invalid_token`.
 */
export function carriesBearerToken(authorization: string | undefined): boolean {
  const [scheme, token] = (authorization ?? '').trim().split(/\s+/);
  return scheme?.toLowerCase() === 'bearer' && token !== undefined && token !== '';
}

/** The 401 for a request without a token: where to learn how to sign in, and the scopes to ask for. */
export function bearerChallenge(options: { resourceMetadataUrl: string; requiredScopes: readonly string[] }): Response {
  const challenge = `Bearer resource_metadata="${options.resourceMetadataUrl}", scope="${options.requiredScopes.join(' ')}"`;
  return new Response('This server needs an access token: sign in (the WWW-Authenticate header says where).\n', {
    status: 401,
    headers: { 'www-authenticate': challenge, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

function invalid(): OAuthError {
  return new OAuthError(OAuthErrorCode.InvalidToken, 'The access token is not valid here (expired, revoked, or not issued by this server). Sign in again.');
}

/** The caller a verified AuthInfo carries. */
export function bearerOf(authInfo: AuthInfo | undefined): Bearer {
  const bearer = (authInfo?.extra as { bearer?: Bearer } | undefined)?.bearer;
  if (!bearer) throw new Error('An MCP request reached the engine without a verified token.');
  return bearer;
}
