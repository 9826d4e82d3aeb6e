// The company's identity provider: POST …/company leaves for its sign-in with a sealed note of what
// was started, and GET /sign-in/callback comes back with its answer, whose verified e-mail says who
// this is. Failed answers count against the address as failed tracker sign-ins do.
import { reserveLimit } from '../../http/rate-limits.ts';
import { failedBecause } from '../../logs/request-context.ts';
import type { PendingSignIn } from '../company-sign-in.ts';
import type { SignInRefusalReason } from '../../metrics/team-metrics.ts';
import type { PersonRecord } from '../../store/store.ts';
import { TrackerUserTaken } from '../../store/store-errors.ts';
import { pinnedUserId as pinnedOnBackEnd, trackerPin as pinOf, type PinnedBackEnd } from '../../team/tracker-pin.ts';
import { actsThroughOrganisation } from '../../config/server-config.ts';
import { organisationMatch, plainAddressRefusal, takenSentence } from '../organisation-match.ts';
import { seeOther, sendErrorPage } from './answers.ts';
import { ACCOUNT_SESSION_SECONDS, COOKIES, PENDING_SECONDS, type PageContext, type PageKit, type Purpose, serviceName } from './page-kit.ts';

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
  const { company, jar, store, now, config } = kit.options;
  const organisation = kit.options.organisation ?? null;
  const backEnd = serviceName(config.provider.type);
  /** A sign-in refused after the company vouched for the person: in words, counted by why, nothing saved. */
  const refuse = (ctx: PageContext, reason: SignInRefusalReason, said: string) => {
    kit.metrics.signIn('refused');
    kit.metrics.signInRefused(reason);
    sendErrorPage(ctx, 403, said);
  };
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
      if (identity.reason) kit.metrics.signInRefused(identity.reason);
      return sendErrorPage(ctx, 403, identity.message);
    }
    // Under one organisation credential, an address that is not plain ASCII first, pinned or not (the tracker may
    // take it for a colleague's: organisation-match.ts); then the person's tracker user: their pin confirmed, or
    // their verified e-mail matched once. A refusal creates nothing (no person, no pin, no grant).
    const notPlain = actsThroughOrganisation(config) ? plainAddressRefusal(identity.email, backEnd) : null;
    if (notPlain) return refuse(ctx, notPlain.reason, notPlain.said);
    let trackerPin: string | undefined;
    if (organisation) {
      const existing = await store.personByIdentity(identity.identity);
      let verdict: Awaited<ReturnType<typeof organisationMatch>>;
      try {
        verdict = await organisationMatch(organisation, { pinnedUserId: pinnedOf(existing, config.provider), email: identity.email }, backEnd);
      } catch (error) {
        // The tracker out of reach is nobody's failed sign-in: said in words, counted against no one.
        failedBecause(error, { withStack: false });
        await attempt.release();
        return sendErrorPage(ctx, 502, `${backEnd} could not be asked who you are there (${messageOf(error)}). Try again in a moment.`);
      }
      if (!verdict.ok) return refuse(ctx, verdict.reason, verdict.said);
      // A pin made on another back end (the server moved) acts for nobody here, and a new one would not replace it.
      if (!verdict.pinned && existing?.trackerPin) return refuse(ctx, 'taken', anotherBackEnd(backEnd));
      if (!verdict.pinned) trackerPin = pinOf(config.provider, verdict.user.id);
    }
    let person: PersonRecord;
    try {
      person = await kit.savePerson(identity.identity, identity.name, identity.email, trackerPin);
    } catch (error) {
      if (error instanceof TrackerUserTaken) return refuse(ctx, 'taken', takenSentence(backEnd, identity.email));
      throw error;
    }
    await attempt.release();
    kit.metrics.signIn('signed_in');
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

/** The tracker user a person is pinned to on this back end, or null (no person yet, no pin, or a pin of another back end). */
function pinnedOf(person: PersonRecord | undefined, backEnd: PinnedBackEnd): string | null {
  return person ? pinnedOnBackEnd(person.trackerPin, backEnd) : null;
}

function anotherBackEnd(backEnd: string): string {
  return `You are linked to an account of another tracker than this server's ${backEnd}, so this server cannot act for you. Ask your administrator to unlink you (punchcard-mcp admin people unlink), then sign in again. Nothing was saved.`;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}
