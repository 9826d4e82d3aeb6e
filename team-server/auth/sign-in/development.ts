// POST …/development: on a server on this computer with the development sign-in on, a typed name is
// who the person is (nothing checks it, which is why only such a server offers it).
import { withoutControls } from '../../../mcp-server/for-the-team-server.ts';
import { sendErrorPage, sendPage } from './answers.ts';
import type { PageContext, PageKit } from './page-kit.ts';

export function developmentSignIn(kit: PageKit) {
  return async function signInForDevelopment(ctx: PageContext) {
    const { purpose, form, browser } = ctx.state;
    if (!kit.options.config.sign_in.development) return sendErrorPage(ctx, 404, 'This server has no development sign-in.');
    const name = (form.get('name') ?? '').trim();
    const cleaned = withoutControls(name).replace(/[\t\n]/g, ' ');
    if (cleaned === '' || cleaned.length > 100)
      return sendPage(ctx, 400, kit.signInPage(purpose, browser, { error: 'Enter your name (up to 100 characters).' }));
    const person = await kit.savePerson(`dev:${cleaned.toLowerCase()}`, cleaned, null);
    kit.metrics.signIn('signed_in');
    await kit.finish(ctx, purpose, person);
  };
}
