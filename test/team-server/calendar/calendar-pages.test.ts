// The account page's calendar part and the connect page as the team server answers them (company
// sign-in at the OpenID provider stand-in, Microsoft 365 calendar), rendered in Debian's Chromium in
// light and dark: pictures in test-output/screenshots/team-account/ (the guide's docs/images/team-account-calendar-*.png
// are copied from there) and axe-core finding nothing on any of them.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../../support/axe.ts';
import { atIdentityProvider, companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import { freePort, removeTeamServerData, SignInBrowser, signInToAccount, startTeamServer, type TeamServerHandle } from '../../support/team-server.ts';
import { launchChromium } from '../../renderer/harness.ts';

// Drawn where every screen's pictures go (docs/development.md), not over the guide's copies in docs/images, which
// are copied from here when the pages change: a run leaves the repository's files as they were.
const IMAGES = resolve(import.meta.dirname, '../../../test-output/screenshots/team-account');

describe('the calendar on the account page, in Chromium', () => {
  let idp: IdentityProvider;
  let server: TeamServerHandle;
  let chromium: Browser;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    idp = await startIdentityProvider({
      accounts: [{ id: 'ada', name: 'Ada Lovelace', email: 'ada@acme.example', emailVerified: true }],
      redirectUris: [`${origin}/sign-in/callback`, `${origin}/account/calendar/callback`],
      calendar: 'microsoft',
    });
    server = await startTeamServer({
      port,
      store: 'sqlite',
      signIn: { oidc: { issuer: idp.issuer, client_id: idp.clientId, client_secret_env: 'PUNCHCARD_OIDC_SECRET' } },
      config: { evidence: { company_calendar: { provider: 'microsoft' } } },
      env: { PUNCHCARD_OIDC_SECRET: idp.clientSecret, ...(idp.caFile ? { NODE_EXTRA_CA_CERTS: idp.caFile } : {}) },
    });
    const browser = new SignInBrowser(server.origin);
    pages['not-connected'] = (await signInToAccount(browser, companySignIn(idp, 'ada'))).html;
    const confirm = await browser.open('/account/calendar/connect');
    pages.connect = confirm.html;
    const atProvider = await browser.submit(confirm, '/account/calendar/connect');
    pages.connected = (await atIdentityProvider(browser, atProvider, idp.issuer, 'ada')).html;
    chromium = await launchChromium();
    mkdirSync(IMAGES, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    if (server) removeTeamServerData(server);
    await idp?.close();
  });

  it.each(['light', 'dark'] as const)(
    'shows the calendar not connected, the connect page and the calendar connected, axe-clean (%s)',
    { timeout: 60_000 },
    async (scheme) => {
      expect(pages['not-connected']).toContain('Connect my calendar');
      expect(pages.connected).toContain('Disconnect my calendar');
      const context = await chromium.newContext({ colorScheme: scheme, viewport: { width: 800, height: 700 } });
      const page = await context.newPage();
      for (const [state, html] of Object.entries(pages)) {
        await page.setContent(html);
        expect(await axeViolations(page), state).toEqual([]);
        await page.screenshot({ path: join(IMAGES, `team-account-calendar-${state}-${scheme}.png`), fullPage: true });
      }
      await context.close();
    },
  );
});
