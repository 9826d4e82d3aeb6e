// The sign-in, consent and account pages on a router, one handler per route: which paths they are,
// which method each takes, and the steps a POST goes through before its handler (the route's purpose,
// then the checked form). Who a person is comes only from what was checked: the tracker's own answer
// to their credentials, the company provider's verified e-mail, or on a server on this computer a
// typed name. Every other path is left to the authorization server (team/sign-in-mount.ts).
import Router from '@koa/router';
import type { Middleware, Next } from 'koa';
import { errors as oidcErrors } from 'oidc-provider';
import { BodyRefused } from '../../http/request-body.ts';
import { failedBecause } from '../../logs/request-context.ts';
import { sendErrorPage } from './answers.ts';
import { accountPages } from './account.ts';
import { calendarPages } from './calendar.ts';
import { companySignInCallback, companySignInStart } from './company.ts';
import { consentAnswer } from './consent.ts';
import { developmentSignIn } from './development.ts';
import { postedForm } from './form-body.ts';
import { interactionPage } from './interaction.ts';
import { type PageContext, type PageKit, type PageState, pageKit, type SignInRoutesOptions } from './page-kit.ts';
import { trackerSignIn } from './tracker.ts';

export type { SignInRoutesOptions } from './page-kit.ts';

/** Where the company's identity provider sends the browser back (team/sign-in-mount.ts names it). */
const CALLBACK_PATH = '/sign-in/callback';

/** An interaction's uid as the authorization server makes them; another /interaction/… is its 404. */
const INTERACTION_UID = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether a path's interaction uid (as sent, before any decoding), if it names one, is one of the library's. */
function hasKnownUid(path: string): boolean {
  const uid = /^\/interaction\/([^/]*)/.exec(path)?.[1];
  return uid === undefined || INTERACTION_UID.test(uid);
}

/**
 * The pages as one step of the team server's app: a request on one of their paths is answered here,
 * any other goes on. The router matches the path as the team server parsed it (dot segments
 * resolved: team/team-app.ts), and `ctx.state` carries that URL and the client's address.
 */
export function signInRoutes(options: SignInRoutesOptions): Middleware<PageState> {
  const kit = pageKit(options);
  const router = pageRouter(kit);
  const routes = router.routes();
  const failures = answerFailures();

  return async (ctx, next) => {
    const path = ctx.state.url.pathname;
    const method = ctx.method;
    const matched = router.match(path, method);
    if (!matched.path.length || !hasKnownUid(path)) return next();
    // @koa/router answers HEAD with a GET's handler; these GETs set cookies and may finish a sign-in,
    // so a HEAD is refused like any other method a page does not take. The company's callback is a
    // page for its GET only: anything else there is the authorization server's 404, as it always was.
    if (!matched.route || method === 'HEAD') {
      if (path === CALLBACK_PATH) return next();
      const allow = [...new Set(matched.path.flatMap((layer) => layer.methods).filter((name) => name !== 'HEAD'))].join(', ');
      return sendErrorPage(ctx, 405, 'This page does not take that kind of request.', { allow });
    }
    await failures(ctx as PageContext, () => routes(ctx as PageContext, async () => {}));
  };
}

export function pageRouter(kit: PageKit): Router<PageState> {
  const router = new Router<PageState>({ sensitive: true, strict: true });
  const form = postedForm(kit);
  const forInteraction = (ctx: PageContext, next: Next) => {
    ctx.state.purpose = { kind: 'interaction', uid: ctx.params.uid as string };
    return next();
  };
  const forAccount = (ctx: PageContext, next: Next) => {
    ctx.state.purpose = { kind: 'account' };
    return next();
  };
  const tracker = trackerSignIn(kit);
  const development = developmentSignIn(kit);
  const company = companySignInStart(kit);
  const account = accountPages(kit);
  const calendar = calendarPages(kit, account.render);

  router.get('/interaction/:uid', interactionPage(kit));
  router.post('/interaction/:uid/tracker', forInteraction, form, tracker);
  router.post('/interaction/:uid/development', forInteraction, form, development);
  router.post('/interaction/:uid/company', forInteraction, form, company);
  router.post('/interaction/:uid/consent', forInteraction, form, consentAnswer(kit));
  router.get(CALLBACK_PATH, companySignInCallback(kit));
  router.get('/account', account.showAccount);
  router.post('/account/tracker', forAccount, form, tracker);
  router.post('/account/development', forAccount, form, development);
  router.post('/account/company', forAccount, form, company);
  router.post('/account/sign-out', forAccount, form, account.signOut);
  router.post('/account/disconnect', forAccount, form, account.disconnect);
  router.post('/account/forget', forAccount, form, account.forgetCredentials);
  router.get('/account/calendar/connect', calendar.showConnect);
  router.post('/account/calendar/connect', forAccount, form, calendar.startConnect);
  router.get('/account/calendar/callback', calendar.finishConnect);
  router.post('/account/calendar/disconnect', forAccount, form, calendar.disconnect);
  return router;
}

/** A handler that threw: a refused body or an expired interaction in words, anything else a 500 whose line in the log has its cause. */
function answerFailures() {
  return async function answeredFailure(ctx: PageContext, next: Next) {
    try {
      await next();
    } catch (error) {
      const response = ctx.res;
      if (response.headersSent) return void response.destroy();
      if (error instanceof BodyRefused) sendErrorPage(ctx, error.status, error.message);
      else if (error instanceof oidcErrors.SessionNotFound)
        sendErrorPage(ctx, 400, 'This sign-in has expired or was opened in another browser. Start again from your AI client.');
      else {
        // The request's line in the log says why, with the stack (logs/request-context.ts).
        failedBecause(error, { withStack: true });
        sendErrorPage(ctx, 500, 'The sign-in failed on the server. Try again; if it keeps failing, tell your administrator.');
      }
    }
  };
}
