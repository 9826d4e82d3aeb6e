// POST /interaction/:uid/consent: the person's answer on the consent page. Allow, "Allow reading
// only", or anything else as a refusal the client is told of (access_denied).
import { ALL_SCOPES, SCOPES } from '../authorization-server.ts';
import { sendErrorPage } from './answers.ts';
import type { PageContext, PageKit } from './page-kit.ts';

export function consentAnswer(kit: PageKit) {
  const { provider } = kit.options;
  const resource = `${kit.origin}/mcp`;
  return async function answerConsent(ctx: PageContext) {
    const { req: request, res: response } = ctx;
    const details = await provider.interactionDetails(request, response);
    if (details.prompt.name !== 'consent' || !details.session)
      return sendErrorPage(ctx, 400, 'There is nothing to allow here any more. Start again from your AI client.');
    const decision = ctx.state.form.get('decision');
    if (decision !== 'allow' && decision !== 'allow-read') {
      return kit.finishInteraction(
        ctx,
        { error: 'access_denied', error_description: 'The person did not allow the client.' },
        { mergeWithLastSubmission: false },
      );
    }
    const { accountId } = details.session;
    const clientId = String(details.params.client_id);
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId });
    if (!grant) return sendErrorPage(ctx, 400, 'The earlier permission of this client has gone. Start again from your AI client.');
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
      const asked = [
        ...(scopes === undefined ? [] : scopes.length ? scopes : ALL_SCOPES.split(' ')),
        ...(readOnly ? [] : (refusedBefore?.resources?.[indicator] ?? '').split(' ').filter(Boolean)),
      ];
      if (mayAsk(asked).length) grant.addResourceScope(indicator, mayAsk(asked).join(' '));
      if (readOnly) grant.rejectResourceScope(indicator, SCOPES.write);
    }
    if (readOnly) grant.rejectOIDCScope(SCOPES.write);
    const grantId = await grant.save();
    await kit.finishInteraction(ctx, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
  };
}
