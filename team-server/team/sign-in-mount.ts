// The authorization server (oidc-provider) and the sign-in, consent and account pages, mounted on the
// team server: every path that is neither a probe, the resource's metadata nor /mcp. Both build
// addresses from public_url alone, so a request reaches them as the public one (provider-requests.ts).
// The authorization server is a koa app of its own (oidc-provider's), mounted as the last step of the
// team server's: it answers on Node's response itself, so koa's answering stands aside for it.
import type { Middleware } from 'koa';
import type Provider from 'oidc-provider';
import type { ServerConfig } from '../config/server-config.ts';
import type { Log, OrganisationAccount } from '../../mcp-server/for-the-team-server.ts';
import { createAuthorizationServer } from '../auth/authorization-server.ts';
import { clientDocumentsOnLoopback } from '../auth/client-document-fetch.ts';
import { type CalendarAccess, calendarAccess } from '../auth/calendar/calendar-access.ts';
import { calendarConnect } from '../auth/calendar/calendar-connect.ts';
import { companyProvider, companySignIn } from '../auth/company-sign-in.ts';
import { cookieJar } from '../auth/forms.ts';
import { asPublicRequest, withCheckedBody } from '../auth/provider-requests.ts';
import type { ServerKeys } from '../auth/server-keys.ts';
import type { PageState } from '../auth/sign-in/page-kit.ts';
import { signInRoutes } from '../auth/sign-in/routes.ts';
import { withinTokenRequest } from '../auth/store-adapter.ts';
import type { Seen } from './last-seen.ts';
import type { TeamMetrics } from '../metrics/team-metrics.ts';
import type { Store } from '../store/store.ts';
import type { PersonEngines } from './person-engines.ts';

export interface SignInMountOptions {
  config: ServerConfig;
  env: NodeJS.ProcessEnv;
  origin: string;
  resource: string;
  /** The host the server listens on: client documents may come from loopback only on a loopback server. */
  listenHost: string;
  keys: ServerKeys;
  store: Store;
  engines: PersonEngines;
  /** The tracker's organisation account people are matched against at sign-in (sign_in.organisation), or null. */
  organisation: OrganisationAccount | null;
  /** The company identity provider's client secret, when it signs people in. */
  clientSecret: string | undefined;
  accessTokenTtlSeconds: number;
  dataDir: string;
  metrics: TeamMetrics;
  /** Told of each person whose refresh token a client uses (their last seen time: last-seen.ts). */
  seen: Seen;
  now: () => number;
  log: Log;
}

export interface SignInMount {
  /** The authorization server, whose records the /mcp route verifies tokens and names clients by. */
  provider: Provider;
  /** The sign-in, consent and account pages: a request on their paths answered, any other passed on. */
  pages: Middleware<PageState>;
  /** Answers any request the other routes did not (the library's own 404 at last). */
  authorizationServer: Middleware<PageState>;
  /** A person's calendar access token, for the company calendar's readers; undefined where evidence.company_calendar is not set. */
  calendarAccess: CalendarAccess | undefined;
}

export function signInMount(options: SignInMountOptions): SignInMount {
  const { config, env, origin, resource, keys, store, engines, now, log } = options;
  const documentsOnLoopback = clientDocumentsOnLoopback(env, origin, options.listenHost);
  if (documentsOnLoopback) log('Client metadata documents may come from this computer (PUNCHCARD_TEST_CLIENT_DOCUMENTS_ON_LOOPBACK, for tests).');
  const provider = createAuthorizationServer({
    issuer: origin,
    resource,
    keys,
    store,
    now,
    findPerson: (id) => store.person(id),
    accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    refreshGraceSeconds: config.refresh_token_grace_seconds,
    clientDocumentsOnLoopback: documentsOnLoopback,
  });
  // A client refreshing its token is a person's activity too, though no call of theirs follows yet.
  provider.on('grant.success', (context) => {
    const personId = context.oidc.entities.RefreshToken?.accountId;
    if (personId) options.seen(personId);
  });
  const oidcCallback = provider.callback();
  // Sealed as the store's records are: during a rotation an instance on either key opens the other's.
  const jar = cookieJar(keys.atRest, new URL(origin).protocol === 'https:');
  const oidc = config.sign_in.oidc;
  const configured = oidc ? companyProvider({ issuer: oidc.issuer, clientId: oidc.client_id, clientSecret: options.clientSecret }) : undefined;
  const company =
    oidc && configured
      ? companySignIn(
          {
            issuer: oidc.issuer,
            clientId: oidc.client_id,
            clientSecret: options.clientSecret,
            redirectUri: `${origin}/sign-in/callback`,
            allowedDomains: oidc.allowed_domains,
          },
          configured,
        )
      : undefined;
  // The company calendar's grant goes to the sign-in's provider, through the same registration.
  const calendarProvider = config.evidence?.company_calendar?.provider;
  const calendar =
    oidc && configured && calendarProvider
      ? {
          connect: calendarConnect({ provider: calendarProvider, issuer: oidc.issuer, redirectUri: `${origin}/account/calendar/callback`, configured }),
          access: calendarAccess({ provider: calendarProvider, store, keys: keys.atRest, configured, publicUrl: origin, now, log }),
          issuer: oidc.issuer,
        }
      : undefined;
  const pages = signInRoutes({
    config,
    provider,
    store,
    keys,
    jar,
    company,
    dataDir: options.dataDir,
    env,
    now,
    log,
    metrics: options.metrics,
    organisation: options.organisation,
    forgetPerson: (id) => engines.forget(id),
    ...(calendar ? { calendar } : {}),
  });
  return {
    provider,
    calendarAccess: calendar?.access,
    // Both see the request as the public one (provider-requests.ts): a page's redirect back to the
    // library, and the library's own addresses, are public_url's whatever the client sent.
    pages(ctx, next) {
      asPublicRequest(ctx.req, origin, ctx.state.address);
      return pages(ctx, next);
    },
    async authorizationServer(ctx) {
      asPublicRequest(ctx.req, origin, ctx.state.address);
      // The authorization server's own endpoints (authorize, token, registration, revocation, keys,
      // metadata); anything else is its 404. Its bodies are held to /mcp's bounds first.
      ctx.respond = false;
      const checked = await withCheckedBody(ctx.req, ctx.res);
      if (checked) await withinTokenRequest(() => oidcCallback(checked, ctx.res));
    },
  };
}
