// The Leave planner in Chromium inside the SDK's AppBridge, over stdio to the built engine with the
// official MCP client: a month with its holiday by name and the balance, days chosen and their cost
// shown before anything is filed, leave filed through request_leave and found in the back end; on
// the local timesheet in both eras and on Kimai's fake with its absence plugin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineHandle, type Era, makeUserDataDir, startEngine } from '../../support/engine.ts';
import {
  clockStartingAt,
  DEFAULT_USERS,
  type FakeKimai,
  type FakeUser,
  rememberPlugin,
  seedCatalog,
  startFakeKimai,
} from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { type AppHost } from './app-host.ts';
import { appsInChromium } from './apps-in-chromium.ts';

// Wednesday 18 November 2026, Buß- und Bettag in Saxony.
const NOW = '2026-11-18T10:00:00+01:00';
const WRITING = new Set(['clock_in', 'clock_out', 'log_time', 'update_time_entry', 'delete_time_entry', 'request_leave', 'cancel_leave_request']);

const chromium = appsInChromium();
let host: AppHost;

const day = (host: AppHost, name: string) => host.app.getByRole('button', { name: new RegExp(`^${name}\\b`) });

describe.each<Era>(['legacy', 'modern'])('the Leave planner on the local timesheet (%s era)', (era) => {
  let engine: EngineHandle;
  beforeAll(async () => {
    const userDataDir = makeUserDataDir({ holidays: { country: 'DE', state: 'SN' } });
    engine = await startEngine({ era, apps: true, userDataDir, env: { PUNCHCARD_NOW: NOW } });
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('shows the month and the balance, the cost of the chosen days, and files the leave', async () => {
    host = await chromium.open({ client: engine.client, tool: 'absence_calendar', theme: 'light' });
    const { app } = host;
    await app.getByRole('heading', { name: 'November 2026' }).waitFor();
    await app.getByText('Vacation 2026: 25 days left of 25 days; 0 days taken, 0 days planned.').waitFor();
    await day(host, 'Wednesday, November 18')
      .getByText(/Buß- und Bettag|Day of Prayer and Repentance/)
      .waitFor();
    expect(await host.axe()).toEqual([]);

    // A week with the holiday in it costs four days: the engine's work shares, added up.
    await day(host, 'Monday, November 16').click();
    await day(host, 'Friday, November 20').click();
    await app.getByText(/: 4 days of leave, leaving 21 days of vacation\.$/).waitFor();
    expect(await day(host, 'Wednesday, November 18').getAttribute('aria-pressed')).toBe('true');
    // Another choice, by keyboard: the last week of the month.
    await day(host, 'Monday, November 23').focus();
    await day(host, 'Monday, November 23').press('Enter');
    await day(host, 'Friday, November 27').press('Space');
    await app.getByText(/: 5 days of leave, leaving 20 days of vacation\.$/).waitFor();
    expect(await day(host, 'Monday, November 16').getAttribute('aria-pressed')).toBe('false');
    expect(host.calls.some((call) => WRITING.has(call.name))).toBe(false);
    expect(await host.axe()).toEqual([]);

    await app.getByLabel('Comment').fill('Family');
    await app.getByRole('button', { name: 'Request leave' }).click();
    await app.getByText('Vacation 2026: 20 days left of 25 days; 0 days taken, 5 days planned.').waitFor();
    expect(host.calls.filter((call) => WRITING.has(call.name))).toEqual([
      { name: 'request_leave', arguments: { type: 'vacation', first_day: '2026-11-23', last_day: '2026-11-27', comment: 'Family' } },
    ]);
    const requests = await engine.call('list_leave_requests', { from: '2026-11-01', to: '2026-11-30' });
    expect(requests.structuredContent?.requests).toMatchObject([
      { type: 'vacation', first_day: '2026-11-23', last_day: '2026-11-27', days: 5, comment: 'Family' },
    ]);
    const told = (await host.modelContext()).map((update) => update.content?.[0]?.text ?? '');
    expect(told).toEqual([
      expect.stringMatching(
        /^In Punchcard's Leave planner app the person asked to request vacation from 2026-11-23 to 2026-11-27 \(5 days\) \(request_leave\)\. Punchcard answered: /,
      ),
    ]);
    await day(host, 'Monday, November 23').getByText('You: vacation').waitFor();

    // The next month, read only.
    await app.getByRole('button', { name: 'Next month' }).press('Enter');
    await app.getByRole('heading', { name: 'December 2026' }).waitFor();
    await day(host, 'Friday, December 25')
      .getByText(/Christmas|Weihnachtstag/)
      .waitFor();
    expect(host.problems).toEqual([]);
  }, 90_000);
});

describe("the Leave planner on Kimai's fake", () => {
  const ADA = DEFAULT_USERS[0] as FakeUser;
  let fake: FakeKimai;
  let engine: EngineHandle;
  beforeAll(async () => {
    fake = await startFakeKimai({ now: clockStartingAt(NOW), config: { absencePlugin: true } });
    seedCatalog(fake);
    const userDataDir = makeUserDataDir({ provider: { type: 'kimai', url: `${fake.url}/` }, holidays: { country: 'DE', state: 'SN' } });
    rememberPlugin(userDataDir, fake.url, true);
    engine = await startEngine({ era: 'modern', apps: true, userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_KIMAI_TOKEN: ADA.token } });
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it('files leave in Kimai from the planner', async () => {
    host = await chromium.open({ client: engine.client, tool: 'leave_balance', theme: 'dark' });
    const { app } = host;
    await app.getByRole('heading', { name: 'November 2026' }).waitFor();
    await day(host, 'Thursday, November 26').click();
    await day(host, 'Friday, November 27').click();
    await app.getByText(/: 2 days of leave/).waitFor();
    await app.getByRole('button', { name: 'Request leave' }).click();
    await expect.poll(() => app.getByRole('status').getAttribute('class')).toBe('status done');
    const requests = await engine.call('list_leave_requests', { from: '2026-11-01', to: '2026-11-30' });
    expect(requests.structuredContent?.requests).toMatchObject([{ type: 'vacation', first_day: '2026-11-26', last_day: '2026-11-27' }]);
    expect(await host.axe()).toEqual([]);
    expect(host.problems).toEqual([]);
  }, 60_000);
});
