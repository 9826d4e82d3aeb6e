// What every sign-in, consent and account page shares: the browser's own id and the signed-in
// cookies, the sign-in form as it is shown for a purpose, the count of failed sign-ins, and a sign-in
// that succeeded. The handlers (one per route, routes.ts) are built on one kit per server.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouterContext } from '@koa/router';
import type { default as Provider, InteractionResults } from 'oidc-provider';
import { backEndOf } from '../../../mcp-server/contract/back-ends.ts';
import type { ServerConfig } from '../../config/server-config.ts';
import type { Log, OrganisationAccount } from '../../../mcp-server/for-the-team-server.ts';
import type { Limit } from '../../http/rate-limits.ts';
import { NO_METRICS, type TeamMetrics } from '../../metrics/team-metrics.ts';
import type { PersonRecord, Store } from '../../store/store.ts';
import type { CalendarAccess } from '../calendar/calendar-access.ts';
import type { CalendarConnect } from '../calendar/calendar-connect.ts';
import type { CompanySignIn } from '../company-sign-in.ts';
import { takesTrackerSignIn, trackerFields } from '../credentials.ts';
import { browserId, type CookieJar, formToken } from '../forms.ts';
import { renderSignIn, type SignInPage } from '../pages.ts';
import type { ServerKeys } from '../server-keys.ts';
import { sendErrorPage, seeOther } from './answers.ts';

/** How long failed sign-ins from one address are counted. */
const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** How long the account page stays signed in. */
export const ACCOUNT_SESSION_SECONDS = 8 * 3_600;
/** How long a company sign-in may take in the provider's pages. */
export const PENDING_SECONDS = 10 * 60;

export const COOKIES = {
  browser: 'punchcard_browser',
  account: 'punchcard_account',
  pending: 'punchcard_pending',
  signedIn: 'punchcard_signed_in',
  /** A calendar connection under way: a cookie of its own, so it never mixes with a sign-in's. */
  calendarPending: 'punchcard_calendar_pending',
} as const;

export interface SignInRoutesOptions {
  config: ServerConfig;
  provider: Provider;
  store: Store;
  keys: ServerKeys;
  jar: CookieJar;
  company: CompanySignIn | undefined;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  now: () => number;
  log: Log;
  /** A person's credentials changed or went: their open engine must not keep using the old ones. */
  forgetPerson: (personId: string) => void;
  /** Told how each sign-in ended (metrics/team-metrics.ts). */
  metrics?: Pick<TeamMetrics, 'signIn' | 'rateLimited' | 'signInRefused'>;
  /** The tracker's organisation account a company sign-in is matched against (sign_in.organisation), or null. */
  organisation?: OrganisationAccount | null;
  /** The company calendar's grant, where evidence.company_calendar is set (auth/calendar/). */
  calendar?: CalendarGrants;
}

/** What the account pages need of the company calendar: its connection, and the access tokens to forget when it changes. */
export interface CalendarGrants {
  connect: CalendarConnect;
  access: Pick<CalendarAccess, 'forget'>;
  /** The company sign-in's issuer: only a person who signed in there may connect a calendar. */
  issuer: string;
}

/** Where a sign-in leads: an AI client's connection, or the account page. */
export type Purpose = { kind: 'interaction'; uid: string } | { kind: 'account' };

/** What the router and the steps before a handler put on a request. */
export interface PageState {
  /** The request's address as the team server parsed it (team/team-app.ts). */
  url: URL;
  /** The client's address, as trusted_proxies lets the server believe it. */
  address: string;
  /** Set by the route: what a form on this path signs in for. */
  purpose: Purpose;
  /** Set by a POST route once its form was checked (form-body.ts): the fields, and the browser's id. */
  form: Map<string, string>;
  browser: string;
}

/**
 * A page request, answered on koa's context (answers.ts); oidc-provider's interaction calls read
 * its request and response (the interaction's cookies).
 */
export type PageContext = RouterContext<PageState>;

export type PageKit = ReturnType<typeof pageKit>;

export function pageKit(options: SignInRoutesOptions) {
  const { config, store, keys, jar, company, now } = options;
  const metrics = options.metrics ?? NO_METRICS;
  const origin = new URL(config.public_url).origin;
  const backEnd = config.provider;
  const tracker = config.sign_in.tracker && takesTrackerSignIn(backEnd) ? backEnd : undefined;

  const bindingOf = (purpose: Purpose, browser: string) => (purpose.kind === 'interaction' ? `interaction:${purpose.uid}:${browser}` : `account:${browser}`);
  const actionOf = (purpose: Purpose) => (purpose.kind === 'interaction' ? `/interaction/${purpose.uid}` : '/account');

  /** The person a signed-in cookie names, if it was made for this purpose and is still good. */
  const signedInFrom = async (request: IncomingMessage, name: string, purpose: Purpose): Promise<PersonRecord | undefined> => {
    const raw = jar.get(request, name);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as { personId: string; purpose: string; expires: number };
    if (value.expires < now() || value.purpose !== bindingOf(purpose, '')) return undefined;
    return store.person(value.personId);
  };
  const rememberSignedIn = (response: ServerResponse, name: string, person: PersonRecord, purpose: Purpose, seconds: number) => {
    jar.set(response, name, JSON.stringify({ personId: person.id, purpose: bindingOf(purpose, ''), expires: now() + seconds * 1000 }), seconds);
  };

  /**
   * An interaction's step done: its result kept by the authorization server, and the browser sent
   * back to it as the library's own interactionFinished sends it (303, no body), on koa's answer.
   */
  const finishInteraction = async (ctx: PageContext, result: InteractionResults, how: { mergeWithLastSubmission: boolean }) => {
    seeOther(ctx, await options.provider.interactionResult(ctx.req, ctx.res, result, how), { marked: false });
  };

  return {
    options,
    metrics,
    origin,
    /** The tracker whose credentials sign people in, if this server takes them. */
    tracker,
    bindingOf,
    actionOf,
    signedInFrom,
    rememberSignedIn,
    /** A form token for a page shown to this browser for this purpose. */
    formTokenFor: (purpose: Purpose, browser: string) => formToken(keys.formKey, bindingOf(purpose, browser), now()),

    /** The browser's own id, binding account forms to it; set on the first page. */
    browserOf(request: IncomingMessage, response: ServerResponse): string {
      let id = jar.get(request, COOKIES.browser);
      if (!id) {
        id = browserId();
        jar.set(response, COOKIES.browser, id, 24 * 3_600);
      }
      return id;
    },

    failedSignIns: (address: string): Limit => ({ key: `sign-in:${address}`, max: config.limits.failed_sign_ins_per_address, windowMs: SIGN_IN_WINDOW_MS }),

    tooMany(ctx: PageContext, retryAfterSeconds: number) {
      metrics.signIn('limited');
      metrics.rateLimited('sign_in');
      sendErrorPage(ctx, 429, `Too many sign-ins failed from your network. Wait ${Math.ceil(retryAfterSeconds / 60)} minutes and try again.`, {
        'retry-after': String(retryAfterSeconds),
      });
    },

    signInPage(purpose: Purpose, browser: string, extra: Partial<SignInPage> = {}): string {
      // Behind a company sign-in, the tracker form comes once the company has said who this is.
      const askTracker = tracker !== undefined && (!company || extra.signedInAs !== undefined);
      const fields = askTracker ? trackerFields(tracker) : undefined;
      const service = tracker ? serviceName(tracker.type) : '';
      return renderSignIn({
        action: actionOf(purpose),
        csrf: formToken(keys.formKey, bindingOf(purpose, browser), now()),
        ...(tracker && fields
          ? {
              tracker: {
                service,
                secretLabel: fields.secretLabel,
                needsEmail: fields.needsEmail,
                help: trackerHelp(tracker.type),
                ...(fields.secondSecretLabel ? { secondSecretLabel: fields.secondSecretLabel, secondHelp: secondTrackerHelp(tracker.type) } : {}),
              },
            }
          : {}),
        ...(company ? { company: { label: company.label } } : {}),
        development: config.sign_in.development,
        ...extra,
      });
    },

    /** Whether this person still has to give tracker credentials (company sign-in in front of a tracker). */
    needsCredentials: (person: PersonRecord) => tracker !== undefined && person.credentials === null,

    /** A sign-in that succeeded: on to consent, or to the account page. */
    async finish(ctx: PageContext, purpose: Purpose, person: PersonRecord) {
      if (purpose.kind === 'account') {
        rememberSignedIn(ctx.res, COOKIES.account, person, purpose, ACCOUNT_SESSION_SECONDS);
        seeOther(ctx, '/account');
        return;
      }
      jar.set(ctx.res, COOKIES.signedIn, '', 0);
      await finishInteraction(ctx, { login: { accountId: person.id } }, { mergeWithLastSubmission: false });
    },

    finishInteraction,

    /**
     * The person signed in, saved: made on their first sign-in, their name and e-mail refreshed after.
     * `trackerPin` pins a person who has no pin yet (never moves one); one another person holds throws
     * TrackerUserTaken and nothing is saved.
     */
    async savePerson(identity: string, name: string, email: string | null, trackerPin?: string): Promise<PersonRecord> {
      const existing = await store.personByIdentity(identity);
      const saved = await store.savePerson({
        id: existing?.id ?? randomUUID(),
        identity,
        name: name.slice(0, 200),
        email,
        at: now(),
        ...(trackerPin === undefined ? {} : { trackerPin }),
      });
      // A new e-mail is who Calamari's requests name from now on, a new pin whom the organisation's
      // credential acts for: an engine open with the old one goes.
      if (existing && (existing.email !== saved.email || existing.trackerPin !== saved.trackerPin)) options.forgetPerson(saved.id);
      return saved;
    },
  };
}

export function serviceName(type: string): string {
  return backEndOf(type).label;
}

/** Where the person makes their secret, from the back end's descriptor. */
function trackerHelp(type: string): string {
  const { label, secret } = backEndOf(type);
  return `${label}: ${secret?.steps}. Punchcard checks it with ${label} and keeps it encrypted.`;
}

/** Where the second secret is made (Tempo's Jira API token), and what becomes of it. */
function secondTrackerHelp(type: string): string {
  const { secondSecret } = backEndOf(type);
  return `${secondSecret?.service}: ${secondSecret?.steps}. Punchcard checks it with ${secondSecret?.service}, sends it nowhere else and keeps it encrypted.`;
}
