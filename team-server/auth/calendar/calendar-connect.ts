// Connecting a person's company calendar: an authorization request of its own to the company's
// provider (its discovery document's endpoints, the sign-in's client registration), never merged
// into the sign-in, so a person who refuses it is signed in as before. PKCE, state and nonce as the
// sign-in has them, and the signed-in person's e-mail as login_hint. The answer is kept only if its
// ID token names the same person (issuer and subject) and the calendar scope was granted.
import * as oidc from 'openid-client';
import type { CalendarProvider } from '../../store/store.ts';
import { type CompanyProvider } from '../company-sign-in.ts';
import { failedBecause } from '../../logs/request-context.ts';
import type { CalendarGrant } from './calendar-grant.ts';
import { CALENDAR_SCOPES, grantsCalendar } from './calendar-scopes.ts';

/** What the browser carries between leaving for the provider and coming back (sealed in a cookie). */
export interface PendingCalendarGrant {
  state: string;
  nonce: string;
  verifier: string;
  /** Who started it: the callback keeps nothing for anyone else signed in on that browser. */
  personId: string;
}

export type CalendarConnected = { ok: true; grant: CalendarGrant } | { ok: false; message: string };

export interface CalendarConnect {
  provider: CalendarProvider;
  start(person: { id: string; email: string | null }): Promise<{ url: URL; pending: PendingCalendarGrant }>;
  /** The browser came back to `callbackUrl` for the person whose subject at the issuer is `subject`. */
  finish(callbackUrl: URL, pending: PendingCalendarGrant, subject: string): Promise<CalendarConnected>;
  /** Asks the provider to revoke a refresh token (best effort: the stored grant is gone either way); false where it did not. */
  revoke(refreshToken: string): Promise<boolean>;
}

export function calendarConnect(options: { provider: CalendarProvider; issuer: string; redirectUri: string; configured: CompanyProvider }): CalendarConnect {
  const { provider, issuer, configured } = options;
  const asked = CALENDAR_SCOPES[provider];
  return {
    provider,
    async start(person) {
      const config = await configured();
      const pending: PendingCalendarGrant = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        personId: person.id,
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: asked.scope,
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
        ...(person.email ? { login_hint: person.email } : {}),
        ...asked.extra,
      });
      return { url, pending };
    },
    async finish(callbackUrl, pending, subject) {
      const nothingKept = 'Nothing was kept, and you are still signed in to Punchcard.';
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(await configured(), callbackUrl, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        // What the provider or the library said is the administrator's to read, in the request's log line.
        failedBecause(error, { withStack: false });
        return { ok: false, message: `${refusal(error, asked.label)} ${nothingKept}` };
      }
      const claims = tokens.claims();
      if (!claims || claims.iss !== issuer || claims.sub !== subject) {
        return {
          ok: false,
          message: `The company sign-in answered for another account than the one you are signed in to Punchcard with, so your calendar was not connected. Connect again and choose your own account. ${nothingKept}`,
        };
      }
      if (!grantsCalendar(provider, tokens.scope)) {
        return {
          ok: false,
          message: `Reading your calendar was not allowed on the company sign-in's page, so your calendar was not connected. Connect again and allow it, or leave it unconnected. ${nothingKept}`,
        };
      }
      if (!tokens.refresh_token) {
        return {
          ok: false,
          message: `The company sign-in gave no lasting access to your calendar, so Punchcard could read it only for the next hour. Connect again; if it keeps happening, tell your administrator. ${nothingKept}`,
        };
      }
      return { ok: true, grant: { refreshToken: tokens.refresh_token, issuer: claims.iss, subject: claims.sub, scope: tokens.scope ?? asked.scope } };
    },
    async revoke(refreshToken) {
      try {
        await oidc.tokenRevocation(await configured(), refreshToken, { token_type_hint: 'refresh_token' });
        return true;
      } catch {
        return false;
      }
    },
  };
}

/**
 * Why the provider's answer was not taken, in words a person can act on: no token, code or library jargon in them
 * (what the provider or the library said goes to the request's log line).
 */
function refusal(error: unknown, label: string): string {
  if (error instanceof oidc.AuthorizationResponseError) {
    if (error.error === 'access_denied') return `You did not allow Punchcard to read your ${label} calendar, so it is not connected.`;
    return `The company sign-in did not allow reading your ${label} calendar. Connect again from your account page; if it says no again, tell your administrator, who may have to allow it once for everyone.`;
  }
  if (error instanceof oidc.ResponseBodyError)
    return 'The company sign-in refused to finish connecting your calendar: its answer was used already (a page opened twice) or came too late. Connect again from your account page.';
  const detail = (error as { cause?: { message?: unknown } }).cause?.message;
  if (typeof detail === 'string' && /"state"/.test(detail))
    return 'This answer of the company sign-in does not belong to the connection this browser started, so it was refused. Connect again from your account page.';
  return "The company sign-in's answer could not be checked (it was incomplete, or not the one this browser waited for), so your calendar was not connected. Connect again from your account page.";
}
