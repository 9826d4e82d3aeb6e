// The person's account page: GET /account (the sign-in forms until they signed in there, then their
// connected clients and stored credentials), and its buttons, each a POST of its own: sign out,
// disconnect one client, forget the credentials (and with them every client). The company calendar's
// part has its own pages (calendar.ts).
import { CALENDAR_SCOPES, subjectAt } from '../calendar/calendar-scopes.ts';
import { openCredentials } from '../credentials.ts';
import { SCOPES } from '../authorization-server.ts';
import { clientNameOf } from '../client-name.ts';
import { renderAccount, renderDone } from '../pages.ts';
import { grantsOf } from '../store-adapter.ts';
import { seeOther, sendPage } from './answers.ts';
import { COOKIES, type PageContext, type PageKit, type Purpose, serviceName } from './page-kit.ts';

const ACCOUNT: Purpose = { kind: 'account' };

export function accountPages(kit: PageKit) {
  const { provider, store, keys, jar } = kit.options;

  /** The account page, with `notice` above it after a button did something. */
  const render = async (ctx: PageContext, notice?: string) => {
    const { req: request, res: response } = ctx;
    const browser = kit.browserOf(request, response);
    const person = await kit.signedInFrom(request, COOKIES.account, ACCOUNT);
    if (!person) {
      const companyPerson = await kit.signedInFrom(request, COOKIES.signedIn, ACCOUNT);
      return sendPage(ctx, 200, kit.signInPage(ACCOUNT, browser, companyPerson ? { signedInAs: companyPerson.email ?? companyPerson.name } : {}));
    }
    const grants = await grantsOf(store, keys, person.id);
    const clients = await Promise.all(
      grants.map(async (grant) => {
        const client = await provider.Client.find(grant.clientId).catch(() => undefined);
        return {
          grantId: grant.grantId,
          clientName: clientNameOf(client?.clientName, grant.clientId),
          since: new Date(grant.issuedAt).toISOString().slice(0, 10),
          mayWrite: grant.scopes.includes(SCOPES.write),
        };
      }),
    );
    sendPage(
      ctx,
      200,
      renderAccount({
        csrf: kit.formTokenFor(ACCOUNT, browser),
        personName: person.name,
        email: person.email,
        clients,
        credentials: kit.tracker
          ? { service: serviceName(kit.tracker.type), stored: person.credentials !== null && openCredentials(keys.atRest, person) !== null }
          : null,
        // Only a person who signed in with the company account has a calendar grant to give.
        calendar:
          kit.options.calendar && subjectAt(person.identity, kit.options.calendar.issuer) !== undefined
            ? {
                label: CALENDAR_SCOPES[kit.options.calendar.connect.provider].label,
                since: person.calendar ? new Date(person.calendar.since).toISOString().slice(0, 10) : null,
              }
            : null,
        ...(notice ? { notice } : {}),
      }),
    );
  };

  /** A button's handler, run only for a person signed in on the account page (others are sent there). */
  const signedIn = (action: (ctx: PageContext, personId: string) => Promise<void>) => async (ctx: PageContext) => {
    const person = await kit.signedInFrom(ctx.req, COOKIES.account, ACCOUNT);
    if (!person) return seeOther(ctx, '/account');
    await action(ctx, person.id);
  };

  return {
    /** The account page; just after a calendar was connected (calendar.ts sends the person here), it says so above. */
    showAccount: async (ctx: PageContext) => {
      const calendar = kit.options.calendar;
      const justConnected = calendar !== undefined && ctx.state.url.searchParams.get('calendar') === 'connected';
      const person = justConnected ? await kit.signedInFrom(ctx.req, COOKIES.account, ACCOUNT) : undefined;
      return render(
        ctx,
        person?.calendar
          ? `Your ${CALENDAR_SCOPES[person.calendar.provider].label} calendar is connected. Ask your AI client to draft your week from it.`
          : undefined,
      );
    },
    /** The account page with a notice above it, for the pages of a part of it (calendar.ts). */
    render,

    signOut: signedIn(async (ctx) => {
      jar.set(ctx.res, COOKIES.account, '', 0);
      sendPage(ctx, 200, renderDone('Signed out', 'You are signed out of your Punchcard account page. Your connected clients keep working.'));
    }),

    disconnect: signedIn(async (ctx, personId) => {
      const grantId = ctx.state.form.get('grant') ?? '';
      const owned = (await grantsOf(store, keys, personId)).some((grant) => grant.grantId === grantId);
      // Another person's grant is refused in the same words as one that is gone.
      if (owned) await store.revokeGrant(grantId);
      await render(ctx, owned ? 'The client was disconnected: its tokens no longer work.' : 'That client is not connected.');
    }),

    forgetCredentials: signedIn(async (ctx, personId) => {
      await store.setCredentials(personId, null);
      for (const grant of await grantsOf(store, keys, personId)) await store.revokeGrant(grant.grantId);
      kit.options.forgetPerson(personId);
      await render(ctx, 'Your credentials were removed and every client was disconnected.');
    }),
  };
}
