// The person's company calendar on their account page: GET /account/calendar/connect asks them to
// confirm (what is read, what never is), its POST leaves for the company's provider with a grant
// request of its own, GET /account/calendar/callback keeps the grant only for the person who started
// it, and POST /account/calendar/disconnect deletes it at once. Each is for a person signed in on the
// account page; anyone else is sent there to sign in first.
import { openCalendarGrant, sealCalendarGrant } from '../calendar/calendar-grant.ts';
import type { PendingCalendarGrant } from '../calendar/calendar-connect.ts';
import { CALENDAR_SCOPES, subjectAt } from '../calendar/calendar-scopes.ts';
import { failedBecause } from '../../logs/request-context.ts';
import { renderCalendarConnect } from '../pages.ts';
import type { PersonRecord } from '../../store/store.ts';
import { seeOther, sendErrorPage as sendAnyErrorPage, sendPage } from './answers.ts';
import { COOKIES, PENDING_SECONDS, type PageContext, type PageKit, type Purpose } from './page-kit.ts';

const ACCOUNT: Purpose = { kind: 'account' };

/** A calendar step that did not go through: the person is still signed in, and goes on from their account page, not their AI client. */
const sendErrorPage = (ctx: PageContext, status: number, message: string) => sendAnyErrorPage(ctx, status, message, {}, 'account');

export function calendarPages(kit: PageKit, showAccount: (ctx: PageContext, notice?: string) => Promise<void>) {
  const { store, keys, jar, now } = kit.options;
  const calendar = kit.options.calendar;

  /** The person signed in on the account page who may connect a calendar, or the answer already written. */
  const connectable = async (ctx: PageContext): Promise<{ person: PersonRecord; subject: string } | undefined> => {
    if (!calendar) return void sendErrorPage(ctx, 404, 'This server does not read company calendars.');
    const person = await kit.signedInFrom(ctx.req, COOKIES.account, ACCOUNT);
    if (!person) return void seeOther(ctx, '/account');
    const subject = subjectAt(person.identity, calendar.issuer);
    if (subject === undefined) {
      return void sendErrorPage(
        ctx,
        403,
        'A calendar is connected through the company sign-in, and you signed in to Punchcard another way. Sign out on your account page, then sign in with your company account.',
      );
    }
    return { person, subject };
  };

  return {
    showConnect: async (ctx: PageContext) => {
      const allowed = await connectable(ctx);
      if (!allowed || !calendar) return;
      const browser = kit.browserOf(ctx.req, ctx.res);
      const scopes = CALENDAR_SCOPES[calendar.connect.provider];
      sendPage(ctx, 200, renderCalendarConnect({ csrf: kit.formTokenFor(ACCOUNT, browser), label: scopes.label, provider: new URL(calendar.issuer).host }));
    },

    startConnect: async (ctx: PageContext) => {
      const allowed = await connectable(ctx);
      if (!allowed || !calendar) return;
      let started: Awaited<ReturnType<typeof calendar.connect.start>>;
      try {
        started = await calendar.connect.start(allowed.person);
      } catch (error) {
        failedBecause(error, { withStack: false });
        return sendErrorPage(ctx, 502, (error as Error).message);
      }
      jar.set(ctx.res, COOKIES.calendarPending, JSON.stringify(started.pending), PENDING_SECONDS);
      seeOther(ctx, started.url.href);
    },

    finishConnect: async (ctx: PageContext) => {
      const raw = jar.get(ctx.req, COOKIES.calendarPending);
      if (!calendar || !raw)
        return sendErrorPage(ctx, 400, 'This calendar connection was not started here or took too long. Connect again from your account page.');
      jar.set(ctx.res, COOKIES.calendarPending, '', 0);
      const pending = JSON.parse(raw) as PendingCalendarGrant;
      const allowed = await connectable(ctx);
      if (!allowed) return;
      // Whoever is signed in now must be who started it: a link to this answer opened by a colleague binds nothing to them.
      if (allowed.person.id !== pending.personId) {
        return sendErrorPage(
          ctx,
          403,
          'This calendar connection was started by another account on this browser, so nothing was kept. Connect again from your account page.',
        );
      }
      const connected = await calendar.connect.finish(new URL(`${ctx.state.url.pathname}${ctx.state.url.search}`, kit.origin), pending, allowed.subject);
      if (!connected.ok) return sendErrorPage(ctx, 403, connected.message);
      const provider = calendar.connect.provider;
      await store.setCalendarGrant(allowed.person.id, {
        provider,
        sealed: sealCalendarGrant(keys.atRest, allowed.person.id, provider, connected.grant),
        since: now(),
      });
      calendar.access.forget(allowed.person.id);
      // Sent on to the account page, so the callback's address (its code) leaves the browser's history and a
      // reload shows the page again instead of an answer already used.
      seeOther(ctx, '/account?calendar=connected');
    },

    disconnect: async (ctx: PageContext) => {
      const person = await kit.signedInFrom(ctx.req, COOKIES.account, ACCOUNT);
      if (!person) return seeOther(ctx, '/account');
      const record = person.calendar;
      if (!record) return showAccount(ctx, 'No calendar is connected.');
      await store.setCalendarGrant(person.id, null);
      calendar?.access.forget(person.id);
      // Google keeps a grant until it is revoked; Entra ID's ends with the deleted refresh token (its
      // consent stays in the person's My Apps, where they or IT remove it).
      let revoked = false;
      if (record.provider === 'google' && calendar) {
        try {
          revoked = await calendar.connect.revoke(openCalendarGrant(keys.atRest, person.id, record).refreshToken);
        } catch {
          // A grant that does not open is revoked by nobody: it is deleted here all the same.
        }
      }
      await showAccount(
        ctx,
        record.provider === 'google' && !revoked
          ? 'Your calendar was disconnected: Punchcard deleted its access. Google did not confirm the revocation; you can remove Punchcard at myaccount.google.com/permissions.'
          : 'Your calendar was disconnected: Punchcard deleted its access and reads it no more.',
      );
    },
  };
}
