// The company's identity provider: POST …/company leaves for its sign-in with a sealed note of what
// was started, and GET /sign-in/callback comes back with its answer, whose verified e-mail says who
// this is. Failed answers count against the address as failed tracker sign-ins do.
import { reserveLimit } from '../../http/rate-limits.ts';
import { failedBecause } from '../../logs/request-context.ts';
import type { PendingSignIn } from '../company-sign-in.ts';
import { seeOther, sendErrorPage } from './answers.ts';
import { ACCOUNT_SESSION_SECONDS, COOKIES, PENDING_SECONDS, type PageContext, type PageKit, type Purpose } from './page-kit.ts';

export function companySignInStart(kit: PageKit) {
  const { company, jar } = kit.options;
  return async function startCompanySignIn(ctx: PageContext) {
    if (!company) return sendErrorPage(ctx, 404, 'This server has no company sign-in.');
    let started: { url: URL; pending: PendingSignIn };
    try {
      started = await company.start();
    } catch (error) {
      // Said in words to the person; the request's line in the log says it too (logs/request-context.ts).
      failedBecause(error, { withStack: false });
      return sendErrorPage(ctx, 502, (error as Error).message);
    }
    jar.set(ctx.res, COOKIES.pending, JSON.stringify({ ...started.pending, purpose: ctx.state.purpose }), PENDING_SECONDS);
    seeOther(ctx, started.url.href);
  };
}

export function companySignInCallback(kit: PageKit) {
  const { company, jar, store, now } = kit.options;
  return async function finishCompanySignIn(ctx: PageContext) {
    const { url, address } = ctx.state;
    const response = ctx.res;
    const raw = jar.get(ctx.req, COOKIES.pending);
    if (!company || !raw)
      return sendErrorPage(ctx, 400, 'This sign-in was not started here or took too long. Start again from your AI client or your account page.');
    jar.set(response, COOKIES.pending, '', 0);
    const pending = JSON.parse(raw) as PendingSignIn & { purpose: Purpose };
    const attempt = await reserveLimit(store, kit.failedSignIns(address), now());
    if (!attempt.allowed) return kit.tooMany(ctx, attempt.retryAfterSeconds);
    const identity = await company.finish(new URL(`${url.pathname}${url.search}`, kit.origin), pending);
    if (!identity.ok) {
      kit.metrics.signIn('refused');
      return sendErrorPage(ctx, 403, identity.message);
    }
    await attempt.release();
    kit.metrics.signIn('signed_in');
    const person = await kit.savePerson(identity.identity, identity.name, identity.email);
    const purpose = pending.purpose;
    if (kit.needsCredentials(person) || purpose.kind === 'interaction') {
      // The next page (the client's sign-in, or the account page) takes it from here.
      kit.rememberSignedIn(response, COOKIES.signedIn, person, purpose, PENDING_SECONDS);
    }
    if (purpose.kind === 'account' && !kit.needsCredentials(person)) {
      kit.rememberSignedIn(response, COOKIES.account, person, purpose, ACCOUNT_SESSION_SECONDS);
    }
    seeOther(ctx, kit.actionOf(purpose));
  };
}
