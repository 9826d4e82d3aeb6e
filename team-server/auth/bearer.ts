// Punchcard as an OAuth resource server: the access token a client sends with each MCP request is
// looked up where the authorization server keeps it (the store, so any instance knows every token),
// and taken only if it is this server's, unexpired, for this resource (RFC 8707) and its person still
// exists. What a token may do travels on as its scopes; the SDK's bearer gate answers a refusal with
// 401 and the WWW-Authenticate challenge that names the protected-resource metadata (RFC 9728).
//
// The whole check (the library's find: the token's record read and unsealed, its model built; then the
// person read) is made once a token. What it found is kept (verifiedTokens) under the token's stored id,
// never the token, until the token expires; each later request still asks the store, in one read by
// the record's key, whether that record stands exactly as it was verified and the person exists
// (Store.standingAccess). So a revocation holds at the next request on every instance as before (the
// record is gone), and a record sealed anew (a key rotation) is verified whole again: only the
// unsealing, the parsing and the library's model are saved, never the store's word.
import { type AuthInfo, OAuthError, OAuthErrorCode } from '@modelcontextprotocol/server';
import type Provider from 'oidc-provider';
import type { PersonRecord, Store } from '../store/store.ts';

/** What a verified token says about its caller, beside the SDK's AuthInfo. */
export interface Bearer {
  person: PersonRecord;
  clientId: string;
  scopes: string[];
}

/** What the whole check of a token found, kept for its later requests (never for a refused token). */
interface Verified {
  /** The token's record as it was sealed when verified: the store must still hold exactly this. */
  sealed: string;
  personId: string;
  clientId: string;
  scopes: string[];
  /** When it expires, in seconds (as `exp`). */
  expiresAt: number;
}

/** How many verified tokens are kept at most: a few per person working now; past it the oldest go. */
export const VERIFIED_TOKENS_KEPT = 10_000;

export function tokenVerifier(provider: Provider, store: Store, storedId: (token: string) => string, resource: string, now: () => number) {
  const verified = new Map<string, Verified>();
  const resourceUrl = new URL(resource);
  const authInfo = (token: string, person: PersonRecord, found: Verified): AuthInfo => {
    const bearer: Bearer = { person, clientId: found.clientId, scopes: found.scopes };
    return { token, clientId: found.clientId, scopes: found.scopes, expiresAt: found.expiresAt, resource: resourceUrl, extra: { bearer } };
  };
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      // An opaque token is short and plain; anything else is not one of ours.
      if (token.length > 512 || !/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
      const id = storedId(token);
      const at = now();
      const known = verified.get(id);
      if (known) {
        // Expiry as the library judges it (isExpired: its own clock, which set `exp`); the store's by the server's.
        const person = known.expiresAt * 1000 > Date.now() ? await store.standingAccess(id, known.sealed, known.personId, at) : undefined;
        if (person) return authInfo(token, person, known);
        // Expired, revoked, sealed anew or its person gone: forgotten, and checked whole below.
        verified.delete(id);
      }
      // The record as it is sealed now, read before the library reads it: should it be sealed anew in
      // between, what is kept is the older text, which the next request finds changed and checks again.
      const sealed = (await store.findOAuth('AccessToken', id))?.payload;
      const found = await provider.AccessToken.find(token);
      if (!found || found.isExpired || sealed === undefined) throw invalid();
      const audience = Array.isArray(found.aud) ? found.aud : [found.aud];
      if (!audience.includes(resource)) throw new OAuthError(OAuthErrorCode.InvalidToken, `This token was issued for another resource, not ${resource}.`);
      const person = found.accountId ? await store.person(found.accountId) : undefined;
      if (!person) throw invalid();
      const checked: Verified = {
        sealed,
        personId: person.id,
        clientId: found.clientId as string,
        scopes: (found.scope ?? '').split(' ').filter(Boolean),
        expiresAt: found.exp ?? Math.floor(at / 1000),
      };
      if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value as string);
      verified.set(id, checked);
      return authInfo(token, person, checked);
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
