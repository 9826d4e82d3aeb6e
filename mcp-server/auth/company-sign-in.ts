// Company sign-in: the team server as a relying party of the organisation's OpenID provider (Entra
// ID, Google Workspace, Okta, Keycloak), through panva's openid-client. Authorization code with PKCE,
// state and nonce; the ID token checked by the library; the person is whoever the provider vouches
// for — its subject, and an e-mail only where it says the e-mail is verified. An e-mail typed into a
// form or passed as a parameter never decides who someone is.
import * as oidc from 'openid-client';
import { isLoopbackHost } from '../contract/server-config.ts';

export interface CompanySignInOptions {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** Where the provider sends the browser back: `<public_url>/sign-in/callback`. */
  redirectUri: string;
  allowedDomains: readonly string[] | undefined;
}

/** What the browser carries between leaving for the provider and coming back (sealed in a cookie). */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
}

export type CompanyIdentity =
  | { ok: true; identity: string; subject: string; name: string; email: string }
  | { ok: false; message: string };

export interface CompanySignIn {
  readonly label: string;
  /** The provider's authorization URL for a new sign-in, and what to keep until the browser returns. */
  start(): Promise<{ url: URL; pending: PendingSignIn }>;
  /** The browser came back to `callbackUrl`: who the provider says it is. */
  finish(callbackUrl: URL, pending: PendingSignIn): Promise<CompanyIdentity>;
}

export function companySignIn(options: CompanySignInOptions): CompanySignIn {
  let configuration: Promise<oidc.Configuration> | undefined;
  const configured = () => {
    const issuer = new URL(options.issuer);
    // Plain http only for a provider on this computer (a trial, the tests); the config refuses it elsewhere.
    const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname);
    configuration ??= oidc
      .discovery(issuer, options.clientId, options.clientSecret, options.clientSecret === undefined ? oidc.None() : oidc.ClientSecretPost(options.clientSecret), insecure ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        configuration = undefined;
        throw new Error(`The company sign-in at ${options.issuer} cannot be reached (${(error as Error).message}).`);
      });
    return configuration;
  };
  return {
    label: `Sign in with your company account (${new URL(options.issuer).host})`,
    async start() {
      const config = await configured();
      const pending: PendingSignIn = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: 'openid email profile',
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url, pending };
    },
    async finish(callbackUrl, pending) {
      const config = await configured();
      let claims: oidc.IDToken | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (error) {
        return { ok: false, message: `The company sign-in did not complete (${(error as Error).message}). Try again.` };
      }
      if (!claims) return { ok: false, message: 'The company sign-in said nothing about who you are. Try again, or ask your administrator.' };
      const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
      if (email === '' || claims.email_verified !== true) {
        return { ok: false, message: 'Your company account has no verified e-mail address, and Punchcard needs one to know who you are. Ask your administrator.' };
      }
      const domain = email.slice(email.lastIndexOf('@') + 1);
      if (options.allowedDomains?.length && !options.allowedDomains.some((allowed) => allowed.toLowerCase() === domain)) {
        return { ok: false, message: `Accounts of ${domain} may not sign in to this Punchcard server.` };
      }
      const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
      return { ok: true, identity: `oidc:${options.issuer}:${claims.sub}`, subject: claims.sub, name, email };
    },
  };
}
