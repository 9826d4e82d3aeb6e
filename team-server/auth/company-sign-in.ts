// Company sign-in: the team server as a relying party of the organisation's OpenID provider (Entra
// ID, Google Workspace, Okta, Keycloak), through panva's openid-client. Authorization code with PKCE,
// state and nonce; the ID token checked by the library; the person is whoever the provider vouches
// for — its subject, and an e-mail only where it says the e-mail is verified. An e-mail typed into a
// form or passed as a parameter never decides who someone is.
import * as oidc from 'openid-client';
import { isLoopbackHost } from '../config/server-config.ts';
import { asciiLowerCase, normalizeEmail } from '../../mcp-server/contract/back-end-accounts.ts';
import { withoutControls } from '../../mcp-server/for-the-team-server.ts';

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
  /** Refused: in words, and why where the metrics count it (no verified e-mail, a domain not allowed). */
  | { ok: false; message: string; reason?: 'unverified' | 'domain' };

export interface CompanySignIn {
  readonly label: string;
  /** The provider's authorization URL for a new sign-in, and what to keep until the browser returns. */
  start(): Promise<{ url: URL; pending: PendingSignIn }>;
  /** The browser came back to `callbackUrl`: who the provider says it is. */
  finish(callbackUrl: URL, pending: PendingSignIn): Promise<CompanyIdentity>;
}

/** The company's provider as its discovery document describes it, asked once and again only after a failure. */
export type CompanyProvider = () => Promise<oidc.Configuration>;

/**
 * The provider this server is a client of, by discovery: the sign-in and the calendar's separate
 * grant (calendar/calendar-connect.ts) use the one registration and the same endpoints.
 */
export function companyProvider(options: Pick<CompanySignInOptions, 'issuer' | 'clientId' | 'clientSecret'>): CompanyProvider {
  let configuration: Promise<oidc.Configuration> | undefined;
  return () => {
    const issuer = new URL(options.issuer);
    // Plain http only for a provider on this computer (a trial, the tests); the config refuses it elsewhere.
    const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname);
    configuration ??= oidc
      .discovery(
        issuer,
        options.clientId,
        options.clientSecret,
        options.clientSecret === undefined ? oidc.None() : oidc.ClientSecretPost(options.clientSecret),
        insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw new Error(
          `The company sign-in at ${new URL(options.issuer).host} cannot be reached (${reasonOf(error)}). Try again in a moment; if it keeps failing, tell your administrator.`,
        );
      });
    return configuration;
  };
}

export function companySignIn(options: CompanySignInOptions, configured: CompanyProvider = companyProvider(options)): CompanySignIn {
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
      let config: oidc.Configuration;
      try {
        config = await configured();
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        return { ok: false, message: grantRefusal(error, options.issuer) };
      }
      const claims = tokens.claims();
      if (!claims) return { ok: false, message: 'The company sign-in said nothing about who you are. Try again, or ask your administrator.' };
      // A provider may keep its ID token lean and say the e-mail only at its userinfo endpoint, as
      // OpenID Connect Core (5.4) has it when an access token is issued; the library checks that the
      // answer is about the same subject. Both e-mail claims come from the one source that named them.
      let said: Record<string, unknown> = claims;
      if (typeof claims.email !== 'string' || (claims.email_verified === undefined && claims.xms_edov === undefined)) {
        try {
          said = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
        } catch (error) {
          return {
            ok: false,
            message: `The company sign-in did not say your e-mail address (its userinfo endpoint failed: ${reasonOf(error)}). Try again, or ask your administrator.`,
          };
        }
      }
      // ASCII letters alone lose their case: a look-alike (the Kelvin sign, which Unicode lower-cases to "k") stays
      // itself, and so matches no colleague's address (organisation-match.ts); where one organisation credential acts
      // for people, an address with any letter beyond ASCII is refused (sign-in/company.ts).
      const email = typeof said.email === 'string' ? normalizeEmail(said.email) : '';
      if (email === '' || !emailVerified(said)) {
        return {
          ok: false,
          message: 'Your company account has no verified e-mail address, and Punchcard needs one to know who you are. Ask your administrator.',
          reason: 'unverified',
        };
      }
      const domain = email.slice(email.lastIndexOf('@') + 1);
      if (options.allowedDomains?.length && !options.allowedDomains.some((allowed) => asciiLowerCase(allowed) === domain)) {
        return { ok: false, message: `Accounts of ${domain} may not sign in to this Punchcard server.`, reason: 'domain' };
      }
      const nameClaim = typeof claims.name === 'string' && claims.name.trim() ? claims.name : said.name;
      const name =
        typeof nameClaim === 'string' && nameClaim.trim()
          ? withoutControls(nameClaim)
              .replace(/[\t\n]/g, ' ')
              .trim()
              .slice(0, 200)
          : email;
      return { ok: true, identity: `oidc:${options.issuer}:${claims.sub}`, subject: claims.sub, name, email };
    },
  };
}

/** Why the provider's answer was not taken, in words a person can act on (no token or code in them). */
function grantRefusal(error: unknown, issuer: string): string {
  const again = 'Start again from your AI client or your account page.';
  if (error instanceof oidc.AuthorizationResponseError)
    return `The company sign-in ended without signing you in (${error.error_description ?? error.error}). ${again}`;
  if (error instanceof oidc.ResponseBodyError)
    return `The company sign-in refused to complete this sign-in (${error.error}${error.error_description ? `: ${error.error_description}` : ''}); its answer may have been used already. ${again}`;
  const detail = (error as { cause?: { message?: unknown } }).cause?.message;
  if (typeof detail === 'string' && /"state"/.test(detail))
    return `This answer of the company sign-in does not belong to the sign-in this browser started, so it was refused. ${again}`;
  if (error instanceof TypeError) return `The company sign-in at ${new URL(issuer).host} cannot be reached (${reasonOf(error)}). ${again}`;
  return `The company sign-in did not complete (${reasonOf(error)}). ${again}`;
}

/** The library's reason, with the network's own (a refused connection, a certificate) where it has one. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  return withoutControls(detail && !message.includes(detail) ? `${message}: ${detail}` : message).slice(0, 300);
}

/**
 * Whether the provider vouches for the e-mail: `email_verified` (OpenID Connect Core 5.1), or, from
 * Microsoft Entra ID, which sends no `email_verified`, its optional claim `xms_edov` (the e-mail's
 * domain is verified as the tenant's own). Nothing else counts: Entra's plain `email` can be set by
 * a user in some tenants.
 */
export function emailVerified(claims: Record<string, unknown>): boolean {
  return claims.email_verified === true || claims.xms_edov === true;
}
