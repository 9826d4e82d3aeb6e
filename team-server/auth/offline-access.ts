// `offline_access` is the scope that asks for a refresh token. The server advertises it and gives every
// grant a refresh token (authorization-server.ts, issueRefreshToken: MCP clients rarely ask for it),
// but oidc-provider follows OpenID Connect and drops `offline_access` from an authorization request
// that lacks `prompt=consent`, so the refresh token's own scope never names it. Codex asks for
// `punchcard.read punchcard.write offline_access` without prompt=consent and repeats that scope when
// it refreshes; the library then refused the refresh with invalid_scope ("refresh token missing
// requested scope") and Codex lost the server after an hour.
//
// A refresh token is offline access: the client holding one has it, whatever the authorization
// request's wording kept. So a refresh token's scopes always include `offline_access`, read as the
// library reads them, for tokens issued before this rule as well. Nothing else is added: a refresh
// that names a scope the grant lacks (punchcard.write on a read-only grant) is still refused, and the
// access token gets only the resource's scopes that were asked for and granted.
import type Provider from 'oidc-provider';

export const OFFLINE_ACCESS = 'offline_access';

export function refreshTokensAreOfflineAccess(provider: Provider): void {
  const prototype = provider.RefreshToken.prototype as object;
  const inherited = scopesGetter(prototype);
  Object.defineProperty(prototype, 'scopes', {
    configurable: true,
    get(this: object) {
      const scopes = new Set(inherited.call(this));
      scopes.add(OFFLINE_ACCESS);
      return scopes;
    },
  });
}

/** The library's own `scopes` getter, wherever on the prototype chain it is defined. */
function scopesGetter(prototype: object): (this: object) => Set<string> {
  for (let current: object | null = prototype; current; current = Object.getPrototypeOf(current) as object | null) {
    const getter = Object.getOwnPropertyDescriptor(current, 'scopes')?.get;
    if (getter) return getter as (this: object) => Set<string>;
  }
  throw new Error("oidc-provider's refresh tokens have no scopes getter: this version of the library is not one Punchcard knows.");
}
