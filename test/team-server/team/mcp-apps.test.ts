// MCP Apps over the team server: a 2026-era client over HTTP that declares the extension gets the
// same links and pages as over stdio, and the Timer, drawn by the SDK's AppBridge in Chromium,
// clocks the person out in Kimai; a client that does not declare it is listed no links or pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { connectAs, type ConnectedClient, removeTeamServerData, startTeamServer, type TeamServerHandle, trackerSignIn } from '../../support/team-server.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { launchChromium } from '../../renderer/harness.ts';
import { buildHostScript, openApp } from '../../renderer/apps/app-host.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;

describe('MCP Apps on the team server (2026 era over HTTP)', () => {
  let fake: FakeKimai;
  let server: TeamServerHandle;
  let withApps: ConnectedClient;
  let plain: ConnectedClient;
  let browser: Browser;

  beforeAll(async () => {
    fake = await startFakeKimai({ now: clockStartingAt(NOW) });
    seedCatalog(fake);
    server = await startTeamServer({ provider: { type: 'kimai', url: fake.url }, signIn: { tracker: true }, env: { PUNCHCARD_NOW: NOW } });
    withApps = await connectAs(server, { era: 'modern', apps: true, signIn: trackerSignIn(ADA.token) });
    plain = await connectAs(server, { era: 'modern', signIn: trackerSignIn(ADA.token) });
    browser = await launchChromium();
    await buildHostScript();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all([withApps?.close(), plain?.close()]);
    await server?.stop();
    await fake?.close();
    if (server) removeTeamServerData(server);
  });

  it('links the apps and serves their pages to the client that declares them, and the Timer clocks out in Kimai', async () => {
    const linked = (await withApps.client.listTools()).tools
      .filter((tool) => tool._meta?.ui)
      .map((tool) => [tool.name, (tool._meta?.ui as { resourceUri: string }).resourceUri]);
    expect(linked).toEqual(
      expect.arrayContaining([
        ['timer_status', 'ui://punchcard/timer'],
        ['list_time_entries', 'ui://punchcard/week'],
      ]),
    );
    const plainTools = (await plain.client.listTools()).tools;
    expect(plainTools.some((tool) => tool._meta !== undefined)).toBe(false);
    // Without the extension the apps are not there: an empty list, and a page that is not found.
    expect((await plain.client.listResources()).resources).toEqual([]);
    await expect(plain.client.readResource({ uri: 'ui://punchcard/timer' })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('There is no resource ui://punchcard/timer.'),
    });
    const page = (await withApps.client.readResource({ uri: 'ui://punchcard/timer' })).contents[0];
    expect(page).toMatchObject({
      uri: 'ui://punchcard/timer',
      mimeType: 'text/html;profile=mcp-app',
      _meta: { ui: { csp: { connectDomains: [], resourceDomains: [] } } },
    });

    expect((await withApps.call('clock_in', { project: 'Website', activity: 'Design' })).isError).toBeFalsy();
    const host = await openApp(browser, { client: withApps.client, tool: 'timer_status', theme: 'light' });
    try {
      await host.app.getByText('Website · Design').waitFor();
      await host.app.getByRole('button', { name: 'Clock out' }).click();
      await host.app.getByText('Not clocked in.').waitFor();
      expect(fake.state.timesheets.filter((sheet) => sheet.userId === ADA.id && sheet.end === null)).toEqual([]);
      expect(host.calls.map((call) => call.name)).toContain('clock_out');
      expect(host.problems).toEqual([]);
    } finally {
      await host.close();
    }
  }, 90_000);
});
