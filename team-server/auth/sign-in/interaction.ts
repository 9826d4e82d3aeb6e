// GET /interaction/:uid: the step oidc-provider asks for while an AI client connects. "login" shows
// the sign-in forms (or goes straight on when a company sign-in already said who this is); "consent"
// shows who asks for what, for the person to allow or refuse.
import { SCOPES } from '../authorization-server.ts';
import { clientNameOf, hostOf } from '../client-name.ts';
import { renderConsent, type SignInPage } from '../pages.ts';
import { sendErrorPage, sendPage } from './answers.ts';
import { COOKIES, type PageContext, type PageKit, type Purpose } from './page-kit.ts';

export function interactionPage(kit: PageKit) {
  const { provider, store } = kit.options;
  return async function showInteraction(ctx: PageContext) {
    const { req: request, res: response } = ctx;
    const uid = ctx.params.uid as string;
    const details = await provider.interactionDetails(request, response);
    if (details.uid !== uid) return sendErrorPage(ctx, 400, 'This sign-in belongs to another window. Start again from your AI client.');
    const purpose: Purpose = { kind: 'interaction', uid };
    const browser = kit.browserOf(request, response);
    const client = await provider.Client.find(String(details.params.client_id));
    const clientName = clientNameOf(client?.clientName, String(details.params.client_id));
    if (details.prompt.name === 'login') {
      const companyPerson = await kit.signedInFrom(request, COOKIES.signedIn, purpose);
      if (companyPerson && !kit.needsCredentials(companyPerson)) return kit.finish(ctx, purpose, companyPerson);
      const extra: Partial<SignInPage> = { clientName, ...(companyPerson ? { signedInAs: companyPerson.email ?? companyPerson.name } : {}) };
      return sendPage(ctx, 200, kit.signInPage(purpose, browser, extra));
    }
    if (details.prompt.name === 'consent') {
      const person = details.session ? await store.person(details.session.accountId) : undefined;
      if (!person) return sendErrorPage(ctx, 400, 'Your sign-in has expired. Start again from your AI client.');
      const requested = String(details.params.scope ?? '').split(' ');
      const redirectHost = hostOf(String(details.params.redirect_uri ?? ''));
      return sendPage(
        ctx,
        200,
        renderConsent({
          action: `/interaction/${uid}`,
          csrf: kit.formTokenFor(purpose, browser),
          clientName,
          ...(redirectHost ? { clientHost: redirectHost } : {}),
          personName: person.email ? `${person.name} (${person.email})` : person.name,
          mayWrite: !requested.some((scope) => scope.startsWith('punchcard.')) || requested.includes(SCOPES.write),
        }),
      );
    }
    return sendErrorPage(ctx, 400, `The sign-in asked for a step this server does not know (${details.prompt.name}). Start again from your AI client.`);
  };
}
