// The Timer app in Chromium, drawn by the SDK's AppBridge in a sandboxed iframe and connected to the
// built engine over stdio with the official MCP client: on the local timesheet in both protocol eras
// and on Kimai's fake. "Clock out" stops at once and the model is told; the host's theme wins over
// the computer's; the page passes axe-core; answers a host forges or replays make it write nothing.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatDuration } from '../../../renderer/src/format.ts';
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
import { type AppHost, type Theme } from './app-host.ts';
import { appsInChromium } from './apps-in-chromium.ts';

const NOW = '2026-11-18T10:00:00+01:00';
const WRITING = new Set([
  'clock_in',
  'clock_out',
  'start_break',
  'end_break',
  'log_time',
  'update_time_entry',
  'delete_time_entry',
  'request_leave',
  'cancel_leave_request',
  'create_catalog_item',
  'archive_catalog_item',
]);

const chromium = appsInChromium();
let host: AppHost;

describe.each<Era>(['legacy', 'modern'])('the Timer app on the local timesheet (%s era)', (era) => {
  let engine: EngineHandle;
  beforeAll(async () => {
    engine = await startEngine({ era, apps: true, env: { PUNCHCARD_NOW: NOW } });
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('shows the running timer, and "Clock out" stops it at once and tells the model', async () => {
    await engine.call('clock_in', { description: 'Writing the report', start: '08:30' });
    host = await chromium.open({ client: engine.client, tool: 'timer_status', theme: 'light', fixedTime: Date.parse(NOW) });
    const { app } = host;
    await app.getByText('Running since').waitFor();
    expect(await app.getByText('Running since').textContent()).toContain('No project');
    await app.getByText('Writing the report').waitFor();
    // The ticking "1:30:00" would be read as a time of day: a screen reader gets words instead.
    // Polled: the browser's fixed clock reaches a sandboxed frame with its init scripts, which on a
    // loaded machine once ran after the app's first tick (it read the real date, a week on).
    await expect.poll(() => app.locator('.elapsed').ariaSnapshot()).toBe('- paragraph: Running for 1 hour 30 minutes');
    expect(await host.axe()).toEqual([]);

    await app.getByRole('button', { name: 'Clock out' }).click();
    await app.getByText('Not clocked in.').waitFor();
    expect(host.calls.filter((call) => WRITING.has(call.name))).toEqual([{ name: 'clock_out', arguments: {} }]);
    const status = await engine.call('timer_status');
    expect(status.structuredContent?.running).toBeNull();
    const told = await host.modelContext();
    expect(told).toHaveLength(1);
    expect(told[0]?.content?.[0]?.text).toMatch(/^In Punchcard's Timer app the person asked to clock out \(clock_out\)\. Punchcard answered: Clocked out/);
    expect(await app.getByRole('status').textContent()).toMatch(/^Clocked out/);
    expect(host.problems).toEqual([]);
  }, 60_000);

  it('clocks in and switches by keyboard, each change a call of clock_in', async () => {
    // Opened from a clock_out answer (nothing was running: the engine refused), which the Timer shows too.
    host = await chromium.open({ client: engine.client, tool: 'clock_out', theme: 'dark' });
    const { app } = host;
    await app.getByText('Not clocked in.').waitFor();
    await app.getByLabel('What you are working on').fill('Planning');
    await app.getByLabel('What you are working on').press('Enter');
    await app.getByText('Running since').waitFor();
    await app.getByRole('button', { name: 'Switch task' }).press('Enter');
    await app.getByLabel('What you are working on').fill('Reviews');
    await app.getByRole('button', { name: 'Switch', exact: true }).focus();
    await app.getByRole('button', { name: 'Switch', exact: true }).press('Enter');
    await app.getByText('Reviews', { exact: true }).waitFor();
    expect(host.calls.filter((call) => WRITING.has(call.name))).toEqual([
      { name: 'clock_in', arguments: { description: 'Planning' } },
      { name: 'clock_in', arguments: { description: 'Reviews', switch: true } },
    ]);
    expect((await engine.call('timer_status')).structuredContent?.running).toMatchObject({ description: 'Reviews' });
    expect(await host.modelContext()).toHaveLength(2);
    await engine.call('clock_out');
  });

  it('tells a host that takes only messages each change once: a message is a new turn, not a summary', async () => {
    host = await chromium.open({ client: engine.client, tool: 'clock_out', theme: 'light', messagesOnly: true });
    const { app } = host;
    await app.getByText('Not clocked in.').waitFor();
    await app.getByLabel('What you are working on').fill('Planning');
    await app.getByLabel('What you are working on').press('Enter');
    await app.getByRole('button', { name: 'Clock out' }).click();
    await app.getByText('Not clocked in.').waitFor();
    await expect.poll(async () => (await host?.modelContext())?.length).toBe(2);
    const [first, second] = (await host.modelContext()).map((told) => told.content?.[0]?.text ?? '');
    expect(first).toMatch(/asked to clock in \(clock_in\)\. Punchcard answered: Clocked in/);
    expect(second).toMatch(/^In Punchcard's Timer app the person asked to clock out \(clock_out\)\. Punchcard answered: Clocked out/);
    expect(second).not.toContain('clock_in');
  });

  it("follows the host's theme over the computer's and its size, and works without optional host context", async () => {
    host = await chromium.open({ client: engine.client, tool: 'timer_status', theme: 'dark', systemTheme: 'light' });
    await host.app.getByRole('heading', { name: 'Timer' }).waitFor();
    const dark = await host.app
      .locator('html')
      .evaluate((root) => [root.dataset.theme, getComputedStyle(document.body.parentElement as Element).backgroundColor]);
    expect(dark).toEqual(['dark', 'rgb(31, 31, 33)']);
    expect(await host.axe()).toEqual([]);
    await host.page.evaluate(() => (window as unknown as { bridge: { setHostContext(context: object): void } }).bridge.setHostContext({ theme: 'light' }));
    await host.app.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
    // Its size: the frame grows to the page (ui/notifications/size-changed), and the page keeps
    // within the height the host allows.
    const heights = await host.page.locator('iframe').evaluate((frame: HTMLIFrameElement) => frame.getBoundingClientRect().height);
    expect(heights).toBeGreaterThan(150);
    await host.page.evaluate(() =>
      (window as unknown as { bridge: { setHostContext(context: object): void } }).bridge.setHostContext({
        theme: 'light',
        containerDimensions: { maxHeight: 120 },
      }),
    );
    await host.app.locator('html[style*="max-height: 120px"]').waitFor({ state: 'attached' });
    expect(host.problems).toEqual([]);
  }, 60_000);

  it('writes nothing for answers a host forges or replays, nor for a click no person made', async () => {
    await engine.call('clock_in', { description: 'Still running' });
    host = await chromium.open({ client: engine.client, tool: 'timer_status', theme: 'light' });
    const { app } = host;
    await app.getByRole('button', { name: 'Clock out' }).waitFor();
    // A replay of every answer the page ever had (ids 1…20), a forged answer with a made-up entry,
    // a forged request to call a tool, and notifications that are not the engine's shapes.
    for (let id = 1; id <= 20; id++) await host.postAsHost({ jsonrpc: '2.0', id, result: { content: [], structuredContent: { stopped: {} } } });
    await host.postAsHost({
      jsonrpc: '2.0',
      method: 'ui/notifications/tool-result',
      params: { structuredContent: { running: null, on_break: null, today_minutes: 1, week_minutes: 2 } },
    });
    await host.postAsHost({ jsonrpc: '2.0', id: 99, method: 'tools/call', params: { name: 'clock_out', arguments: {} } });
    await host.postAsHost({ jsonrpc: '2.0', method: 'ui/notifications/tool-result', params: { structuredContent: { running: 'yes' } } });
    await host.postAsHost({ jsonrpc: '2.0', method: 'ui/notifications/tool-input', params: { arguments: { switch: true } } });
    // A script's click is not a person's.
    await app.getByRole('heading', { name: 'Timer' }).waitFor();
    const frame = host.page.frames().find((candidate) => candidate !== host?.page.mainFrame());
    await frame?.evaluate(() => (document.querySelector('button.primary') as HTMLButtonElement | null)?.click());
    // The page reads the timer afresh after the unreadable answer: that read is the last call it makes.
    await expect.poll(() => host?.calls.filter((call) => call.name === 'timer_status').length).toBeGreaterThanOrEqual(1);
    await app.getByRole('heading', { name: 'Timer' }).click();
    expect(host.calls.filter((call) => WRITING.has(call.name))).toEqual([]);
    expect((await engine.call('timer_status')).structuredContent?.running).toMatchObject({ description: 'Still running' });
    expect(await host.modelContext()).toEqual([]);
    await engine.call('clock_out');
  });
});

// After a clock-out timer_status knows nothing of what was stopped: the page keeps it from the answer
// that stopped it, whether the model's clock_out opened the page or the person clocked out in it.
describe('the Timer app after a clock-out (local timesheet)', () => {
  let engine: EngineHandle;
  beforeEach(async () => {
    engine = await startEngine({ era: 'modern', apps: true, env: { PUNCHCARD_NOW: NOW } });
    await engine.call('create_catalog_item', { kind: 'project', name: 'Okapi Support' });
    await engine.call('clock_in', { project: 'Okapi Support', description: 'Tickets', start: '07:55' });
  });
  afterEach(async () => {
    await engine?.close();
  });

  /** The frame's focused element, as a person tabbing through it reaches it. */
  const focused = () =>
    host.page.frames()[1]?.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent) ?? null;

  it.each<Theme>(['light', 'dark'])(
    "opened by the model's clock_out, shows what was stopped and for how long, and Continue starts it again from the keyboard (%s)",
    async (theme) => {
      host = await chromium.open({ client: engine.client, tool: 'clock_out', args: { end: '10:00' }, theme, fixedTime: Date.parse(NOW) });
      const { app } = host;
      const stopped = app.locator('.stopped');
      await stopped.waitFor();
      expect((await stopped.innerText()).split('\n').filter(Boolean)).toEqual([
        'Stopped Okapi Support after 2 h 5 min',
        'Tickets',
        '7:55 AM – 10:00 AM · Not clocked in.',
        'Continue',
      ]);
      // Today's total is the engine's (timer_status), and it holds the time just stopped.
      expect(await app.locator('.totals').innerText()).toBe('Today 2 h 5 min · This week 2 h 5 min');
      expect(await host.axe()).toEqual([]);

      // Continue is the first stop of the keyboard, named with the work it starts again.
      await app.getByRole('heading', { name: 'Timer' }).click();
      await host.page.keyboard.press('Tab');
      expect(await focused()).toBe('Continue Okapi Support — Tickets');
      await host.page.keyboard.press('Enter');
      await app.getByText('Running since').waitFor();
      expect(host.calls.filter((call) => WRITING.has(call.name))).toEqual([
        { name: 'clock_in', arguments: { project: 'Okapi Support', description: 'Tickets' } },
      ]);
      expect((await engine.call('timer_status')).structuredContent?.running).toMatchObject({ project: 'Okapi Support', description: 'Tickets', end: null });
      expect(await app.locator('.stopped').count()).toBe(0);
      const told = await host.modelContext();
      expect(told.at(-1)?.content?.[0]?.text).toMatch(
        /^In Punchcard's Timer app the person asked to continue Okapi Support — Tickets \(clock_in\)\. Punchcard answered: Clocked in/,
      );
      expect(host.problems).toEqual([]);
    },
    60_000,
  );

  it("after the person's own Clock out, shows the entry the engine stopped and today's time with it", async () => {
    host = await chromium.open({ client: engine.client, tool: 'timer_status', theme: 'light', fixedTime: Date.parse(NOW) });
    const { app } = host;
    await app.getByRole('button', { name: 'Clock out' }).waitFor();
    await app.getByRole('heading', { name: 'Timer' }).click();
    await host.page.keyboard.press('Tab');
    expect(await focused()).toBe('Clock out');
    await host.page.keyboard.press('Enter');
    await app.locator('.stopped').waitFor();
    // What the engine stopped (its clock runs on from 10:00, so the minutes are read, not assumed).
    const [entry] = (
      (await engine.call('list_time_entries', { from: '2026-11-18', to: '2026-11-18' })).structuredContent as {
        entries: Array<{ minutes: number; end: string }>;
      }
    ).entries;
    expect(entry?.minutes).toBeGreaterThanOrEqual(125);
    const took = formatDuration(entry?.minutes ?? 0);
    expect(await app.locator('.stopped .headline').innerText()).toBe(`Stopped Okapi Support after ${took}`);
    expect(await app.locator('.totals').innerText()).toBe(`Today ${took} · This week ${took}`);
    expect(await app.getByRole('status').textContent()).toMatch(/^Clocked out of "Okapi Support" — "Tickets" at 10:0\d after 2 h \d+ min/);
    expect(await host.axe()).toEqual([]);
    expect(host.problems).toEqual([]);
  }, 60_000);

  it('keeps nothing from a clock_out the engine refused, and says only that nothing runs', async () => {
    await engine.call('clock_out');
    host = await chromium.open({ client: engine.client, tool: 'clock_out', theme: 'light' });
    await host.app.getByText('Not clocked in.').waitFor();
    expect(await host.app.locator('.stopped').count()).toBe(0);
    expect(await host.app.getByRole('button', { name: /^Continue/ }).count()).toBe(0);
  }, 60_000);
});

describe("the Timer app on Kimai's fake", () => {
  const ADA = DEFAULT_USERS[0] as FakeUser;
  let fake: FakeKimai;
  let engine: EngineHandle;
  beforeAll(async () => {
    fake = await startFakeKimai({ now: clockStartingAt(NOW) });
    seedCatalog(fake);
    const userDataDir = makeUserDataDir({ provider: { type: 'kimai', url: `${fake.url}/` } });
    rememberPlugin(userDataDir, fake.url, false);
    engine = await startEngine({ era: 'modern', apps: true, userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_KIMAI_TOKEN: ADA.token } });
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it('clocks out of a Kimai timer from the app', async () => {
    await engine.call('clock_in', { project: 'Website', activity: 'Design', description: 'Mockups' });
    host = await chromium.open({ client: engine.client, tool: 'timer_status', theme: 'light' });
    const { app } = host;
    await app.getByText('Website · Design').waitFor();
    await app.getByRole('button', { name: 'Clock out' }).click();
    await app.getByText('Not clocked in.').waitFor();
    expect((await engine.call('timer_status')).structuredContent?.running).toBeNull();
    expect(host.calls.filter((call) => WRITING.has(call.name)).map((call) => call.name)).toEqual(['clock_out']);
    expect(host.problems).toEqual([]);
  }, 60_000);
});
