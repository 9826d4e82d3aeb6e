// A person's calendar access token, for the readers of their company calendar: fresh from memory, or
// from their stored grant's refresh token when it is near its end. Access tokens live only here, in
// memory; the refresh token only sealed in the person's record (calendar-grant.ts). Entra ID replaces
// the refresh token on every use (docs/team-server/company-calendar.md), so each new one is saved at
// once, compare-and-set: where two instances refreshed together, the store keeps one of theirs and both
// work. A grant the provider refuses for good (revoked, expired, consent withdrawn) is dropped, and the
// answer says where to connect again; a provider that is only unreachable keeps it.
import * as oidc from 'openid-client';
import type { Log } from '../../../mcp-server/for-the-team-server.ts';
import type { SealingKeys } from '../../store/sealed.ts';
import type { CalendarProvider, Store } from '../../store/store.ts';
import { type CompanyProvider, reasonOf } from '../company-sign-in.ts';
import { type CalendarGrant, openCalendarGrant, sealCalendarGrant } from './calendar-grant.ts';
import { CALENDAR_SCOPES, grantsCalendar } from './calendar-scopes.ts';

/** How long before its end an access token is refreshed: a read of 31 days' pages finishes within it. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** What an access token is taken to last where the provider does not say (Entra's shortest is an hour). */
const ASSUMED_LIFETIME_S = 3_600;

/** The provider's error codes that say a refresh token will never work again. */
const GONE_FOR_GOOD = new Set(['invalid_grant', 'interaction_required', 'consent_required', 'login_required', 'unauthorized_client']);

export type CalendarAccessAnswer =
  | { ok: true; provider: CalendarProvider; accessToken: string }
  /**
   * No token: `not-connected` (the person never connected, or disconnected), `connect-again` (the grant
   * stopped working and was dropped), `unavailable` (the provider failed; the grant is kept). The
   * sentence is for the person, with the account page's address where they can act on it.
   */
  | { ok: false; reason: 'not-connected' | 'connect-again' | 'unavailable'; sentence: string };

export interface CalendarAccess {
  readonly provider: CalendarProvider;
  (personId: string): Promise<CalendarAccessAnswer>;
  /** Forgets a person's access token in memory (they connected anew, or disconnected). */
  forget(personId: string): void;
}

export interface CalendarAccessOptions {
  provider: CalendarProvider;
  store: Store;
  keys: Buffer | SealingKeys;
  configured: CompanyProvider;
  publicUrl: string;
  now: () => number;
  log: Log;
}

interface Held {
  /** The sealed grant the token was refreshed from: a grant replaced meanwhile is another grant. */
  sealed: string;
  accessToken: string;
  expiresAt: number;
}

export function calendarAccess(options: CalendarAccessOptions): CalendarAccess {
  const { provider, store, keys, now, log } = options;
  const accountPage = `${new URL(options.publicUrl).origin}/account`;
  const label = CALENDAR_SCOPES[provider].label;
  const held = new Map<string, Held>();
  const refreshing = new Map<string, Promise<CalendarAccessAnswer>>();

  const notConnected = (): CalendarAccessAnswer => ({
    ok: false,
    reason: 'not-connected',
    sentence: `Your ${label} calendar is not connected to Punchcard; connect it on your account page, ${accountPage}, to draft entries from it.`,
  });
  const connectAgain = (why: string): CalendarAccessAnswer => ({
    ok: false,
    reason: 'connect-again',
    sentence: `Your ${label} calendar could not be read: ${why}. Connect it again on your account page, ${accountPage}.`,
  });

  /** Drops the grant `sealed`, unless it was replaced meanwhile (connected again, or rotated by another instance). */
  const drop = async (personId: string, sealed: string, why: string): Promise<CalendarAccessAnswer> => {
    held.delete(personId);
    const dropped = await store.replaceCalendarGrant(personId, sealed, null);
    if (dropped) log(`The company calendar grant of person ${personId} was dropped: ${why}.`);
    return connectAgain(why);
  };

  const refresh = async (personId: string): Promise<CalendarAccessAnswer> => {
    const person = await store.person(personId);
    const record = person?.calendar;
    if (!record) {
      held.delete(personId);
      return notConnected();
    }
    if (record.provider !== provider)
      return drop(personId, record.sealed, `it was given for ${CALENDAR_SCOPES[record.provider].label}, and this server now reads ${label}`);
    const kept = held.get(personId);
    if (kept && kept.sealed === record.sealed && kept.expiresAt - REFRESH_MARGIN_MS > now()) return { ok: true, provider, accessToken: kept.accessToken };
    let grant: CalendarGrant;
    try {
      grant = openCalendarGrant(keys, personId, record);
    } catch {
      return drop(personId, record.sealed, 'its stored grant does not open with this server key');
    }
    let tokens: Awaited<ReturnType<typeof oidc.refreshTokenGrant>>;
    try {
      tokens = await oidc.refreshTokenGrant(
        await options.configured(),
        grant.refreshToken,
        provider === 'microsoft' ? { scope: CALENDAR_SCOPES.microsoft.scope } : undefined,
      );
    } catch (error) {
      if (error instanceof oidc.ResponseBodyError && GONE_FOR_GOOD.has(error.error)) {
        return drop(personId, record.sealed, `the company sign-in no longer accepts Punchcard's access to it (${error.error})`);
      }
      log(`The company calendar of person ${personId} could not be refreshed: ${reasonOf(error)}.`);
      return {
        ok: false,
        reason: 'unavailable',
        sentence: `Your ${label} calendar could not be read just now (the company sign-in did not answer as expected). Try again in a minute.`,
      };
    }
    if (!grantsCalendar(provider, tokens.scope)) return drop(personId, record.sealed, 'reading your calendar is no longer allowed');
    const expiresAt = now() + (tokens.expires_in ?? ASSUMED_LIFETIME_S) * 1000;
    let sealed = record.sealed;
    if (tokens.refresh_token && tokens.refresh_token !== grant.refreshToken) {
      // The old token no longer counts once the new one came: saved before it is used.
      const next = sealCalendarGrant(keys, personId, provider, { ...grant, refreshToken: tokens.refresh_token });
      if (await store.replaceCalendarGrant(personId, record.sealed, next)) sealed = next;
    }
    held.set(personId, { sealed, accessToken: tokens.access_token, expiresAt });
    return { ok: true, provider, accessToken: tokens.access_token };
  };

  const access = (personId: string): Promise<CalendarAccessAnswer> => {
    // One refresh at a time per person in this instance: Entra's rotation would otherwise race itself.
    const running = refreshing.get(personId);
    if (running) return running;
    const started = refresh(personId).finally(() => refreshing.delete(personId));
    refreshing.set(personId, started);
    return started;
  };
  return Object.assign(access, { provider, forget: (personId: string) => void held.delete(personId) });
}
