// The pages a person sees in the browser: signing in when an AI client connects (the authorization
// server's login and consent steps), and their account page (connected clients, stored credentials).
// Who a person is comes only from what was checked: the tracker's own answer to their credentials,
// the company provider's verified e-mail, or on a server on this computer a typed name. Every form is
// posted from this server's own page (origin and form token), failed sign-ins are limited per address
// before a secret is tried, and nothing is stored for a sign-in that failed.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { errors as oidcErrors } from 'oidc-provider';
import { backEndOf } from '../contract/back-ends.ts';
import type { ServerConfig } from '../contract/server-config.ts';
import type { Log } from '../log.ts';
import { withoutControls } from '../plain-text.ts';
import { type Limit, reserveLimit } from '../http/rate-limits.ts';
import { BodyRefused } from '../http/request-body.ts';
import { NO_METRICS, type TeamMetrics } from '../metrics/team-metrics.ts';
import type { PersonRecord, Store } from '../store/store.ts';
import { ALL_SCOPES, SCOPES } from './authorization-server.ts';
import type { CompanySignIn, PendingSignIn } from './company-sign-in.ts';
import { checkTrackerCredentials, openCredentials, sealCredentials, takesTrackerSignIn, trackerFields } from './credentials.ts';
import { clientNameOf, hostOf } from './client-name.ts';
import { browserId, checkFormToken, type CookieJar, formToken, readForm, sameOrigin } from './forms.ts';
import { PAGE_CSP, renderAccount, renderConsent, renderDone, renderErrorPage, renderSignIn, type SignInPage } from './pages.ts';
import type { ServerKeys } from './server-keys.ts';
import { grantsOf } from './store-adapter.ts';

/** How long failed sign-ins from one address are counted. */
const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** How long the account page stays signed in. */
const ACCOUNT_SESSION_SECONDS = 8 * 3_600;
/** How long a company sign-in may take in the provider's pages. */
const PENDING_SECONDS = 10 * 60;

const COOKIES = { browser: 'punchcard_browser', account: 'punchcard_account', pending: 'punchcard_pending', signedIn: 'punchcard_signed_in' } as const;

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
  metrics?: Pick<TeamMetrics, 'signIn' | 'rateLimited'>;
}

/** Where a sign-in leads: an AI client's connection, or the account page. */
type Purpose = { kind: 'interaction'; uid: string } | { kind: 'account' };

export type RouteHandler = (request: IncomingMessage, response: ServerResponse, url: URL, address: string) => Promise<boolean>;

export function signInRoutes(options: SignInRoutesOptions): RouteHandler {
  const { config, provider, store, keys, jar, company, now } = options;
  const metrics = options.metrics ?? NO_METRICS;
  const origin = new URL(config.public_url).origin;
  const resource = `${origin}/mcp`;
  const backEnd = config.provider;
  const tracker = config.sign_in.tracker && takesTrackerSignIn(backEnd) ? backEnd : undefined;
  const failedSignIns = (address: string): Limit => ({ key: `sign-in:${address}`, max: config.limits.failed_sign_ins_per_address, windowMs: SIGN_IN_WINDOW_MS });

  const send = (response: ServerResponse, status: number, html: string, extra: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', ...extra });
    response.end(html);
  };
  const redirect = (response: ServerResponse, location: string) => {
    response.writeHead(303, { location, 'cache-control': 'no-store' });
    response.end();
  };

  /** The browser's own id, binding account forms to it; set on the first page. */
  const browserOf = (request: IncomingMessage, response: ServerResponse) => {
    let id = jar.get(request, COOKIES.browser);
    if (!id) {
      id = browserId();
      jar.set(response, COOKIES.browser, id, 24 * 3_600);
    }
    return id;
  };
  const bindingOf = (purpose: Purpose, browser: string) => (purpose.kind === 'interaction' ? `interaction:${purpose.uid}:${browser}` : `account:${browser}`);
  const actionOf = (purpose: Purpose) => (purpose.kind === 'interaction' ? `/interaction/${purpose.uid}` : '/account');

  const signInPage = (purpose: Purpose, browser: string, extra: Partial<SignInPage> = {}): string => {
    // Behind a company sign-in, the tracker form comes once the company has said who this is.
    const askTracker = tracker !== undefined && (!company || extra.signedInAs !== undefined);
    const fields = askTracker ? trackerFields(tracker) : undefined;
    const service = tracker ? serviceName(tracker.type) : '';
    return renderSignIn({
      action: actionOf(purpose),
      csrf: formToken(keys.formKey, bindingOf(purpose, browser), now()),
      ...(tracker && fields ? { tracker: { service, secretLabel: fields.secretLabel, needsEmail: fields.needsEmail, help: trackerHelp(tracker.type) } } : {}),
      ...(company ? { company: { label: company.label } } : {}),
      development: config.sign_in.development,
      ...extra,
    });
  };

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

  /** Whether this person still has to give tracker credentials (company sign-in in front of a tracker). */
  const needsCredentials = (person: PersonRecord) => tracker !== undefined && person.credentials === null;

  /** A sign-in that succeeded: on to consent, or to the account page. */
  const finish = async (request: IncomingMessage, response: ServerResponse, purpose: Purpose, person: PersonRecord) => {
    if (purpose.kind === 'account') {
      rememberSignedIn(response, COOKIES.account, person, purpose, ACCOUNT_SESSION_SECONDS);
      redirect(response, '/account');
      return;
    }
    jar.set(response, COOKIES.signedIn, '', 0);
    await provider.interactionFinished(request, response, { login: { accountId: person.id } }, { mergeWithLastSubmission: false });
  };

  const savePerson = async (identity: string, name: string, email: string | null): Promise<PersonRecord> => {
    const existing = await store.personByIdentity(identity);
    const saved = await store.savePerson({ id: existing?.id ?? randomUUID(), identity, name: name.slice(0, 200), email, at: now() });
    // A new e-mail is who Calamari's requests name from now on: an engine open with the old one goes.
    if (existing && existing.email !== saved.email) options.forgetPerson(saved.id);
    return saved;
  };

  /** A form post checked before anything in it is used: same origin, well-formed, our token. */
  const postedForm = async (request: IncomingMessage, response: ServerResponse, purpose: Purpose, browser: string) => {
    if (!sameOrigin(request, origin)) {
      send(response, 403, renderErrorPage('This form was sent from another site, so it was refused. Open the sign-in page again.'));
      return null;
    }
    const fields = await readForm(request);
    if (!fields || !checkFormToken(keys.formKey, bindingOf(purpose, browser), fields.get('csrf'), now())) {
      send(response, 403, renderErrorPage('This form has expired or was not sent from this page. Open the sign-in page again.'));
      return null;
    }
    return fields;
  };

  const tooMany = (response: ServerResponse, retryAfterSeconds: number) => {
    metrics.signIn('limited');
    metrics.rateLimited('sign_in');
    send(response, 429, renderErrorPage(`Too many sign-ins failed from your network. Wait ${Math.ceil(retryAfterSeconds / 60)} minutes and try again.`), { 'retry-after': String(retryAfterSeconds) });
  };

  const signInWithTracker = async (request: IncomingMessage, response: ServerResponse, purpose: Purpose, address: string) => {
    const browser = browserOf(request, response);
    const fields = await postedForm(request, response, purpose, browser);
    if (!fields) return;
    if (!tracker) return send(response, 404, renderErrorPage('This server does not take tracker credentials.'));
    // After a company sign-in, the credentials are that person's; otherwise the tracker says who.
    // Nothing is tried with the back end before the company has said who is asking.
    const companyPerson = company ? await signedInFrom(request, COOKIES.signedIn, purpose) : undefined;
    if (company && !companyPerson) return send(response, 403, signInPage(purpose, browser, { error: 'Sign in with your company account first.' }));
    // Counted as failed until the back end says otherwise (rate-limits.ts).
    const attempt = await reserveLimit(store, failedSignIns(address), now());
    if (!attempt.allowed) return tooMany(response, attempt.retryAfterSeconds);
    const check = await checkTrackerCredentials(tracker, { secret: fields.get('secret') ?? '', ...(fields.has('email') ? { email: fields.get('email') as string } : {}) }, {
      dataDir: `${options.dataDir}/sign-in-checks`,
      env: options.env,
      log: options.log,
      now,
    });
    if (!check.ok) {
      metrics.signIn('refused');
      return send(response, 400, signInPage(purpose, browser, { error: check.message, ...(companyPerson ? { signedInAs: companyPerson.email ?? companyPerson.name } : {}) }));
    }
    await attempt.release();
    metrics.signIn('signed_in');
    const person = companyPerson ?? (await savePerson(check.identity, check.user.name, check.user.email ?? check.credentials.email ?? null));
    await store.setCredentials(person.id, sealCredentials(keys.atRest, person.id, check.credentials));
    options.forgetPerson(person.id);
    await finish(request, response, purpose, (await store.person(person.id)) as PersonRecord);
  };

  const signInForDevelopment = async (request: IncomingMessage, response: ServerResponse, purpose: Purpose) => {
    const browser = browserOf(request, response);
    const fields = await postedForm(request, response, purpose, browser);
    if (!fields) return;
    if (!config.sign_in.development) return send(response, 404, renderErrorPage('This server has no development sign-in.'));
    const name = (fields.get('name') ?? '').trim();
    const cleaned = withoutControls(name).replace(/[\t\n]/g, ' ');
    if (cleaned === '' || cleaned.length > 100) return send(response, 400, signInPage(purpose, browser, { error: 'Enter your name (up to 100 characters).' }));
    const person = await savePerson(`dev:${cleaned.toLowerCase()}`, cleaned, null);
    metrics.signIn('signed_in');
    await finish(request, response, purpose, person);
  };

  const startCompanySignIn = async (request: IncomingMessage, response: ServerResponse, purpose: Purpose) => {
    const browser = browserOf(request, response);
    const fields = await postedForm(request, response, purpose, browser);
    if (!fields) return;
    if (!company) return send(response, 404, renderErrorPage('This server has no company sign-in.'));
    let started: { url: URL; pending: PendingSignIn };
    try {
      started = await company.start();
    } catch (error) {
      return send(response, 502, renderErrorPage((error as Error).message));
    }
    jar.set(response, COOKIES.pending, JSON.stringify({ ...started.pending, purpose }), PENDING_SECONDS);
    redirect(response, started.url.href);
  };

  const finishCompanySignIn = async (request: IncomingMessage, response: ServerResponse, url: URL, address: string) => {
    const raw = jar.get(request, COOKIES.pending);
    if (!company || !raw) return send(response, 400, renderErrorPage('This sign-in was not started here or took too long. Start again from your AI client or your account page.'));
    jar.set(response, COOKIES.pending, '', 0);
    const pending = JSON.parse(raw) as PendingSignIn & { purpose: Purpose };
    const attempt = await reserveLimit(store, failedSignIns(address), now());
    if (!attempt.allowed) return tooMany(response, attempt.retryAfterSeconds);
    const identity = await company.finish(new URL(`${url.pathname}${url.search}`, origin), pending);
    if (!identity.ok) {
      metrics.signIn('refused');
      return send(response, 403, renderErrorPage(identity.message));
    }
    await attempt.release();
    metrics.signIn('signed_in');
    const person = await savePerson(identity.identity, identity.name, identity.email);
    const purpose = pending.purpose;
    if (needsCredentials(person) || purpose.kind === 'interaction') {
      // The next page (the client's sign-in, or the account page) takes it from here.
      rememberSignedIn(response, COOKIES.signedIn, person, purpose, PENDING_SECONDS);
    }
    if (purpose.kind === 'account' && !needsCredentials(person)) {
      rememberSignedIn(response, COOKIES.account, person, purpose, ACCOUNT_SESSION_SECONDS);
    }
    redirect(response, actionOf(purpose));
  };

  const showInteraction = async (request: IncomingMessage, response: ServerResponse, uid: string) => {
    const details = await provider.interactionDetails(request, response);
    if (details.uid !== uid) return send(response, 400, renderErrorPage('This sign-in belongs to another window. Start again from your AI client.'));
    const purpose: Purpose = { kind: 'interaction', uid };
    const browser = browserOf(request, response);
    const client = await provider.Client.find(String(details.params.client_id));
    const clientName = clientNameOf(client?.clientName, String(details.params.client_id));
    if (details.prompt.name === 'login') {
      const companyPerson = await signedInFrom(request, COOKIES.signedIn, purpose);
      if (companyPerson && !needsCredentials(companyPerson)) return finish(request, response, purpose, companyPerson);
      const extra: Partial<SignInPage> = { clientName, ...(companyPerson ? { signedInAs: companyPerson.email ?? companyPerson.name } : {}) };
      return send(response, 200, signInPage(purpose, browser, extra));
    }
    if (details.prompt.name === 'consent') {
      const person = details.session ? await store.person(details.session.accountId) : undefined;
      if (!person) return send(response, 400, renderErrorPage('Your sign-in has expired. Start again from your AI client.'));
      const requested = String(details.params.scope ?? '').split(' ');
      const redirectHost = hostOf(String(details.params.redirect_uri ?? ''));
      return send(
        response,
        200,
        renderConsent({
          action: `/interaction/${uid}`,
          csrf: formToken(keys.formKey, bindingOf(purpose, browser), now()),
          clientName,
          ...(redirectHost ? { clientHost: redirectHost } : {}),
          personName: person.email ? `${person.name} (${person.email})` : person.name,
          mayWrite: !requested.some((scope) => scope.startsWith('punchcard.')) || requested.includes(SCOPES.write),
        }),
      );
    }
    return send(response, 400, renderErrorPage(`The sign-in asked for a step this server does not know (${details.prompt.name}). Start again from your AI client.`));
  };

  const answerConsent = async (request: IncomingMessage, response: ServerResponse, uid: string) => {
    const purpose: Purpose = { kind: 'interaction', uid };
    const browser = browserOf(request, response);
    const fields = await postedForm(request, response, purpose, browser);
    if (!fields) return;
    const details = await provider.interactionDetails(request, response);
    if (details.prompt.name !== 'consent' || !details.session) return send(response, 400, renderErrorPage('There is nothing to allow here any more. Start again from your AI client.'));
    const decision = fields.get('decision');
    if (decision !== 'allow' && decision !== 'allow-read') {
      await provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'The person did not allow the client.' }, { mergeWithLastSubmission: false });
      return;
    }
    const { accountId } = details.session;
    const clientId = String(details.params.client_id);
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId });
    if (!grant) return send(response, 400, renderErrorPage('The earlier permission of this client has gone. Start again from your AI client.'));
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
    const readOnly = decision === 'allow-read';
    const mayAsk = (scopes: readonly string[]) => (readOnly ? scopes.filter((scope) => scope !== SCOPES.write) : [...scopes]);
    // This answer decides what the client may do: an earlier "reading only" is not held against a
    // later Allow (what it refused is granted now), and "reading only" refuses writing even where an
    // earlier Allow granted it. A refused scope is recorded as refused, or the library would ask for
    // it again and again.
    const refusedBefore = grant.rejected;
    grant.rejected = undefined;
    const oidcScopes = [...(missing.missingOIDCScope ?? []), ...(readOnly ? [] : (refusedBefore?.openid?.scope ?? '').split(' ').filter(Boolean))];
    if (mayAsk(oidcScopes).length) grant.addOIDCScope(mayAsk(oidcScopes).join(' '));
    const resources = new Set([resource, ...Object.keys(missing.missingResourceScopes ?? {})]);
    for (const indicator of resources) {
      // A client that named no scope asked for what the server offers: both, as the consent page said;
      // "Allow reading only" grants reading whatever was asked.
      const scopes = missing.missingResourceScopes?.[indicator];
      const asked = [...(scopes === undefined ? [] : scopes.length ? scopes : ALL_SCOPES.split(' ')), ...(readOnly ? [] : (refusedBefore?.resources?.[indicator] ?? '').split(' ').filter(Boolean))];
      if (mayAsk(asked).length) grant.addResourceScope(indicator, mayAsk(asked).join(' '));
      if (readOnly) grant.rejectResourceScope(indicator, SCOPES.write);
    }
    if (readOnly) grant.rejectOIDCScope(SCOPES.write);
    const grantId = await grant.save();
    await provider.interactionFinished(request, response, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
  };

  const showAccount = async (request: IncomingMessage, response: ServerResponse, notice?: string) => {
    const purpose: Purpose = { kind: 'account' };
    const browser = browserOf(request, response);
    const person = await signedInFrom(request, COOKIES.account, purpose);
    if (!person) {
      const companyPerson = await signedInFrom(request, COOKIES.signedIn, purpose);
      return send(response, 200, signInPage(purpose, browser, companyPerson ? { signedInAs: companyPerson.email ?? companyPerson.name } : {}));
    }
    const grants = await grantsOf(store, keys, person.id);
    const clients = await Promise.all(
      grants.map(async (grant) => {
        const client = await provider.Client.find(grant.clientId).catch(() => undefined);
        return { grantId: grant.grantId, clientName: clientNameOf(client?.clientName, grant.clientId), since: new Date(grant.issuedAt).toISOString().slice(0, 10), mayWrite: grant.scopes.includes(SCOPES.write) };
      }),
    );
    send(
      response,
      200,
      renderAccount({
        csrf: formToken(keys.formKey, bindingOf(purpose, browser), now()),
        personName: person.name,
        email: person.email,
        clients,
        credentials: tracker ? { service: serviceName(tracker.type), stored: person.credentials !== null && openCredentials(keys.atRest, person) !== null } : null,
        ...(notice ? { notice } : {}),
      }),
    );
  };

  const accountAction = async (request: IncomingMessage, response: ServerResponse, action: string) => {
    const purpose: Purpose = { kind: 'account' };
    const browser = browserOf(request, response);
    const fields = await postedForm(request, response, purpose, browser);
    if (!fields) return;
    const person = await signedInFrom(request, COOKIES.account, purpose);
    if (!person) return redirect(response, '/account');
    if (action === 'sign-out') {
      jar.set(response, COOKIES.account, '', 0);
      return send(response, 200, renderDone('Signed out', 'You are signed out of your Punchcard account page. Your connected clients keep working.'));
    }
    if (action === 'disconnect') {
      const grantId = fields.get('grant') ?? '';
      const owned = (await grantsOf(store, keys, person.id)).some((grant) => grant.grantId === grantId);
      // Another person's grant is refused in the same words as one that is gone.
      if (owned) await store.revokeGrant(grantId);
      return showAccount(request, response, owned ? 'The client was disconnected: its tokens no longer work.' : 'That client is not connected.');
    }
    if (action === 'forget') {
      await store.setCredentials(person.id, null);
      for (const grant of await grantsOf(store, keys, person.id)) await store.revokeGrant(grant.grantId);
      options.forgetPerson(person.id);
      return showAccount(request, response, 'Your credentials were removed and every client was disconnected.');
    }
    send(response, 404, renderErrorPage('There is no such action.'));
  };

  return async (request, response, url, address) => {
    const path = url.pathname;
    const method = request.method ?? 'GET';
    try {
      const interaction = /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(tracker|development|company|consent))?$/.exec(path);
      if (interaction) {
        const uid = interaction[1] as string;
        const step = interaction[2];
        const purpose: Purpose = { kind: 'interaction', uid };
        if (!step && method === 'GET') await showInteraction(request, response, uid);
        else if (step === 'tracker' && method === 'POST') await signInWithTracker(request, response, purpose, address);
        else if (step === 'development' && method === 'POST') await signInForDevelopment(request, response, purpose);
        else if (step === 'company' && method === 'POST') await startCompanySignIn(request, response, purpose);
        else if (step === 'consent' && method === 'POST') await answerConsent(request, response, uid);
        else send(response, 405, renderErrorPage('This page does not take that kind of request.'), { allow: step ? 'POST' : 'GET' });
        return true;
      }
      if (path === '/sign-in/callback' && method === 'GET') {
        await finishCompanySignIn(request, response, url, address);
        return true;
      }
      const account = /^\/account(?:\/(tracker|development|company|disconnect|forget|sign-out))?$/.exec(path);
      if (account) {
        const step = account[1];
        if (!step && method === 'GET') await showAccount(request, response);
        else if (step === 'tracker' && method === 'POST') await signInWithTracker(request, response, { kind: 'account' }, address);
        else if (step === 'development' && method === 'POST') await signInForDevelopment(request, response, { kind: 'account' });
        else if (step === 'company' && method === 'POST') await startCompanySignIn(request, response, { kind: 'account' });
        else if (step && method === 'POST') await accountAction(request, response, step);
        else send(response, 405, renderErrorPage('This page does not take that kind of request.'), { allow: step ? 'POST' : 'GET' });
        return true;
      }
      return false;
    } catch (error) {
      if (response.headersSent) {
        response.destroy();
        return true;
      }
      if (error instanceof BodyRefused) send(response, error.status, renderErrorPage(error.message));
      else if (error instanceof oidcErrors.SessionNotFound) send(response, 400, renderErrorPage('This sign-in has expired or was opened in another browser. Start again from your AI client.'));
      else {
        options.log(`A sign-in page failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        send(response, 500, renderErrorPage('The sign-in failed on the server. Try again; if it keeps failing, tell your administrator.'));
      }
      return true;
    }
  };
}

function serviceName(type: string): string {
  return backEndOf(type).label;
}

/** Where the person makes their secret, from the back end's descriptor. */
function trackerHelp(type: string): string {
  const { label, secret } = backEndOf(type);
  return `${label}: ${secret?.steps}. Punchcard checks it with ${label} and keeps it encrypted.`;
}
