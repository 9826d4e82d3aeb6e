// The settings window in headless Chromium against the fake bridge (DESIGN.md §8): every screen by
// keyboard, the actions of each screen with their pending states and errors, and a screenshot of
// every screen in light and dark under test-output/screenshots/. Uses the built window
// ($PUNCHCARD_UI_DIST or dist/renderer) and fails — never skips — without it or without Chromium.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Screen } from '../../main/ipc/contract.ts';
import { startBridgeServer, type BridgeServer } from './bridge-server.ts';
import { createFakeBridge, type FakeBridge, type FakeBridgeOptions } from './fake-bridge.ts';
import { clientCard, firstDataTime, launchChromium, openWindow, RENDERER_CSP, rendererDist, screenOf, screenReady, serveRenderer, type OpenWindow, type RendererServer } from './harness.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-output/screenshots');
const SCREENS: Screen[] = ['status', 'tools', 'connect', 'account', 'preferences'];
const TITLES: Record<Screen, string> = { status: 'Status', tools: 'Tools', connect: 'Connect', account: 'Account', preferences: 'Preferences' };

let browser: Browser;
let dist: string;

beforeAll(async () => {
  dist = rendererDist();
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

interface Session {
  fake: FakeBridge;
  bridge: BridgeServer;
  server: RendererServer;
  window: OpenWindow;
  page: Page;
  /** Whether the page's problems are checked when the test ends (off for deliberate failures). */
  expectClean: boolean;
}

const sessions: Session[] = [];

async function open(options: { hash?: Screen; colorScheme?: 'light' | 'dark'; fake?: FakeBridgeOptions; fixedTime?: boolean } = {}): Promise<Session> {
  const fake = createFakeBridge(options.fake);
  const bridge = await startBridgeServer(fake);
  const server = await serveRenderer(dist, { bridge: bridge.url });
  const window = await openWindow(browser, {
    url: server.url,
    token: bridge.token,
    ...(options.hash ? { hash: options.hash } : {}),
    colorScheme: options.colorScheme ?? 'light',
    ...(options.fixedTime === false ? {} : { fixedTime: fake.now() }),
  });
  const session = { fake, bridge, server, window, page: window.page, expectClean: true };
  sessions.push(session);
  await bridge.waitForEventStreams(1);
  return session;
}

afterEach(async () => {
  const ending = sessions.splice(0);
  for (const session of ending) {
    await session.window.close();
    await session.server.close();
    await session.bridge.close();
  }
  for (const session of ending) {
    expect(session.window.problems.all, 'console errors, page errors').toEqual([]);
    expect(session.window.problems.csp, 'CSP violations').toEqual([]);
    expect(session.bridge.log, 'unexpected failures behind the bridge').toEqual([]);
    // The window never sends a request the contract refuses.
    expect(session.bridge.calls.filter((call) => call.status === 400)).toEqual([]);
  }
});

const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: 5000 });
const hidden = (locator: Locator) => locator.waitFor({ state: 'hidden', timeout: 5000 });
const screen = screenOf;
const card = clientCard;
const ready = (page: Page, name: Screen) => screenReady(page, name, 5000);
const text = (locator: Locator) => expect.poll(() => locator.innerText(), { timeout: 5000 });




describe('the settings window', () => {
  it('opens with the shell, its data, the strict CSP and a first-data mark', async () => {
    const { page, bridge, server } = await open({ fixedTime: false });
    const markMs = await firstDataTime(page);
    expect(markMs).toBeGreaterThan(0);
    expect(await page.getByRole('navigation', { name: 'Settings' }).getByRole('link').allInnerTexts()).toEqual(Object.values(TITLES));
    await visible(page.getByRole('heading', { level: 1, name: 'Status' }));
    expect(await page.title()).toBe('Status – Punchcard');
    // The policy as a header (what app:// sends) and as the meta tag of the built page.
    const response = await page.request.get(server.url);
    expect(response.headers()['content-security-policy']).toBe(RENDERER_CSP);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("script-src 'self'");
    expect(await page.locator('[style]').count()).toBe(0);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    // The opening screen's data first; the other screens' data right after.
    expect(bridge.calls[0]?.name).toBe('getStatus');
    await expect.poll(() => bridge.calls.map((call) => call.name).sort()).toEqual(
      ['getAccount', 'getPreferences', 'getStatus', 'getTools', 'listClients', 'listHolidayRegions'].sort(),
    );
  });

  it('reaches every screen from the keyboard, with visible focus, by hash and by the showScreen event', async () => {
    const { page, bridge } = await open();
    await ready(page, 'status');
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(await focused()).toBe('Status');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).toBe('solid');
    for (const name of SCREENS.slice(1)) {
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe(TITLES[name]);
      await page.keyboard.press('Enter');
      await visible(page.getByRole('heading', { level: 1, name: TITLES[name] }));
      await ready(page, name);
      expect(new URL(page.url()).hash).toBe(`#${name}`);
      expect(await page.locator(`nav a[aria-current="page"]`).innerText()).toBe(TITLES[name]);
      // One screen at a time.
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    }
    // Wraps around, Home and End, and Space opens like Enter.
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('Status');
    await page.keyboard.press('End');
    expect(await focused()).toBe('Preferences');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    await visible(page.getByRole('heading', { level: 1, name: 'Tools' }));
    // From the navigation, Tab goes into the screen: the read-only switch comes first on Tools.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('switch');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement?.nextElementSibling as Element).outlineStyle)).toBe('solid');

    bridge.emit('showScreen', 'connect');
    await visible(page.getByRole('heading', { level: 1, name: 'Connect' }));
    await page.evaluate(() => (location.hash = '#account'));
    await visible(page.getByRole('heading', { level: 1, name: 'Account' }));
  });

  it('opens the screen a deep link names', async () => {
    const { page } = await open({ hash: 'preferences' });
    await visible(page.getByRole('heading', { level: 1, name: 'Preferences' }));
    await ready(page, 'preferences');
    expect(await page.title()).toBe('Preferences – Punchcard');
  });
});

describe('Status', () => {
  it('clocks out and in, with pending states, and follows changes made elsewhere', async () => {
    const { page, fake } = await open();
    const status = screen(page, 'status');
    await ready(page, 'status');
    await text(status.locator('.timer')).toContain('Beta Corp · Support');
    await text(status.locator('.elapsed')).toBe('1:20:00');
    await text(status.locator('.week .total')).toBe('20:30 of 38:00');

    const releaseOut = fake.hold('clockOut');
    await status.getByRole('button', { name: 'Clock out' }).click();
    const busy = status.locator('button[aria-busy="true"]');
    await text(busy).toBe('Clocking out…');
    releaseOut();
    await visible(status.getByText('Not running'));
    // The Clock out button is gone: focus moves to the clock-in form.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id)).toBe(await status.getByLabel('Project', { exact: true }).getAttribute('id'));
    await text(status.locator('.entries li').last()).toContain('1:05 PM – 2:25 PM');

    fake.advance(10);
    await status.getByRole('group', { name: 'Recent projects' }).getByRole('button', { name: 'Acme Website' }).click();
    expect(await status.getByLabel('Project', { exact: true }).inputValue()).toBe('Acme Website');
    await status.getByLabel('Activity').fill('Development');
    await status.getByLabel('Note').fill('Refunds');
    await status.getByLabel('Note').press('Enter');
    await visible(status.getByRole('button', { name: 'Clock out' }));
    await text(status.locator('.timer')).toContain('Acme Website · Development');
    expect(fake.calls.filter((call) => call.name === 'clockIn').at(-1)?.request).toEqual({ project: 'Acme Website', activity: 'Development', description: 'Refunds' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Clock out');

    // The tray or an AI client switches the timer: the window follows without reloading.
    fake.advance(5);
    fake.clockInElsewhere('Internal', 'Meetings');
    await text(status.locator('.timer .what')).toBe('Internal · Meetings');
  });

  it('shows why clocking in failed and keeps the form', async () => {
    const session = await open({ fake: { running: false } });
    const { page, fake } = session;
    const status = screen(page, 'status');
    await ready(page, 'status');
    fake.failNext('clockIn', 'There is no project called "Nope". Pick one of: Acme Website, Beta Corp, Internal.');
    await status.getByLabel('Project', { exact: true }).fill('Nope');
    await status.getByRole('button', { name: 'Clock in' }).click();
    await text(status.getByRole('alert')).toBe('There is no project called "Nope". Pick one of: Acme Website, Beta Corp, Internal.');
    expect(await status.getByLabel('Project', { exact: true }).inputValue()).toBe('Nope');
    await status.getByLabel('Project', { exact: true }).fill('Internal');
    await status.getByRole('button', { name: 'Clock in' }).click();
    await visible(status.getByRole('button', { name: 'Clock out' }));
    expect(await status.getByRole('alert').count()).toBe(0);
  });
});

describe('Tools', () => {
  it('switches a tool, a group and read-only mode, and shows unsupported tools and failures', async () => {
    const { page, fake } = await open({ hash: 'tools' });
    const tools = screen(page, 'tools');
    await ready(page, 'tools');
    const entries = tools.locator('section.group').filter({ has: page.getByRole('heading', { name: 'Time entries' }) });

    await text(entries.locator('.group-head')).toContain('2 of 4 on');
    expect(await entries.getByRole('checkbox', { name: 'All Time entries tools' }).evaluate((input: HTMLInputElement) => input.indeterminate)).toBe(true);
    expect(await entries.locator('.badge').allInnerTexts()).toEqual(['read-only', 'adds data', 'changes data', 'changes data']);

    const update = entries.getByRole('switch', { name: /Update time entry/ });
    expect(await update.isChecked()).toBe(false);
    await update.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => update.isChecked()).toBe(true);
    expect(fake.state.switchedOn.update_time_entry).toBe(true);
    await text(entries.locator('.group-head')).toContain('3 of 4 on');

    await entries.getByRole('checkbox', { name: 'All Time entries tools' }).click();
    await text(entries.locator('.group-head')).toContain('All on');
    expect(fake.state.switchedOn.delete_time_entry).toBe(true);
    expect(await entries.getByRole('switch').evaluateAll((inputs: HTMLInputElement[]) => inputs.map((input) => input.checked))).toEqual([true, true, true, true]);

    const readOnly = tools.getByRole('switch', { name: 'Read-only mode' });
    const release = fake.hold('setReadOnly');
    await readOnly.click();
    await expect.poll(() => readOnly.getAttribute('aria-busy')).toBe('true');
    release();
    await expect.poll(() => readOnly.isChecked()).toBe(true);
    expect(fake.state.readOnly).toBe(true);
    await text(tools.locator('.read-only .hint')).toContain('Hiding 7 tools that add or change data: Clock in, Clock out, Log time, Update time entry, Delete time entry');
    await text(entries.getByRole('listitem').filter({ hasText: 'Delete time entry' })).toContain('Hidden by read-only mode.');

    const calendar = tools.locator('section.group').filter({ has: page.getByRole('heading', { name: 'Absence calendar' }) });
    expect(await calendar.getByRole('switch', { name: /Absence calendar/ }).isDisabled()).toBe(true);
    await text(calendar).toContain('Not available with your back end');

    fake.failNext('setTool', 'config.json could not be written: the disk is full.');
    const whoami = tools.getByRole('switch', { name: /Who am I/ });
    await whoami.click();
    await text(tools.getByRole('listitem').filter({ hasText: 'Who am I' }).getByRole('alert')).toBe('config.json could not be written: the disk is full.');
    expect(await whoami.isChecked()).toBe(true);
    expect(fake.state.switchedOn.whoami).toBe(true);
  });
});

describe('Connect', () => {
  it('registers and unregisters a client and says what to do next', async () => {
    const { page, fake } = await open({ hash: 'connect' });
    await ready(page, 'connect');
    const claude = card(page, 'Claude Desktop');
    await text(claude.locator('.state')).toBe('Not registered');
    await claude.getByRole('button', { name: 'Register' }).click();
    await text(claude.locator('.state')).toBe('Registered');
    await text(claude.getByRole('status')).toContain('Quit Claude Desktop completely (not just its window) and open it again.');
    expect(fake.clientCard('claude-desktop')?.status).toBe('registered');

    await claude.getByRole('button', { name: 'Unregister' }).click();
    await text(claude.locator('.state')).toBe('Not registered');
    await text(claude.getByRole('status')).toContain('Removed from Claude Desktop');
    expect(fake.clientCard('claude-desktop')?.status).toBe('missing');

    // Copy-paste-only clients get no register button.
    expect(await card(page, 'Goose').getByRole('button', { name: 'Register' }).count()).toBe(0);
  });

  it('copies and shows snippets, opens install links, and shows a broken config plainly', async () => {
    const session = await open({ hash: 'connect' });
    const { page, fake } = session;
    await ready(page, 'connect');
    const vscode = card(page, 'VS Code');
    await vscode.getByRole('button', { name: 'Copy snippet' }).click();
    await text(vscode.getByRole('status')).toBe('Snippet copied.');
    expect(fake.copied).toEqual([{ id: 'vscode', part: 'text', text: expect.stringContaining('"servers"') }]);

    const show = vscode.getByRole('button', { name: 'Show snippet' });
    await show.click();
    expect(await vscode.getByRole('button', { name: 'Hide snippet' }).getAttribute('aria-expanded')).toBe('true');
    await text(vscode.locator('pre').first()).toContain('"punchcard"');
    await text(vscode.locator('.command pre')).toContain('code --add-mcp');
    await vscode.getByRole('button', { name: 'Copy command' }).click();
    await expect.poll(() => fake.copied.at(-1)?.part).toBe('command');
    await vscode.getByRole('button', { name: 'Install in VS Code' }).click();
    await expect.poll(() => fake.opened).toEqual(['vscode:Install in VS Code']);
    await vscode.getByRole('button', { name: 'Hide snippet' }).click();
    await hidden(vscode.locator('.snippet pre').first());

    const zed = card(page, 'Zed');
    await text(zed.locator('.state')).toContain('Cannot read the configuration: /home/ada/.config/zed/settings.json line 3, column 5');
    await zed.getByRole('button', { name: 'Register' }).click();
    await text(zed.getByRole('alert')).toContain('is not valid JSON (line 3, column 5: a comma is missing). Punchcard changed nothing');
  });
});

describe('Account', () => {
  it('tests and saves a Kimai account without ever showing the token again, then forgets it', async () => {
    const { page, fake } = await open({ hash: 'account' });
    const account = screen(page, 'account');
    await ready(page, 'account');
    await account.getByRole('radio', { name: /Kimai/ }).check();

    // Checked in the window before anything is sent.
    await account.getByRole('button', { name: 'Save' }).click();
    await text(account.locator('.field-error').first()).toBe('Enter the address of your Kimai, such as https://kimai.example.com.');
    expect(await account.getByLabel('Kimai address').getAttribute('aria-invalid')).toBe('true');
    expect(fake.calls.some((call) => call.name === 'saveAccount')).toBe(false);

    await account.getByLabel('Kimai address').fill('https://kimai.example.com/api/');
    const token = account.getByLabel('API token', { exact: true });
    expect(await token.getAttribute('type')).toBe('password');
    await token.fill('wrong');
    await account.getByRole('button', { name: 'Test connection' }).click();
    await text(account.getByRole('alert')).toContain('refused the API token (401)');
    await token.fill('secret-token');
    const release = fake.hold('testConnection');
    await account.getByRole('button', { name: 'Test connection' }).click();
    await text(account.locator('button[aria-busy="true"]')).toBe('Testing…');
    release();
    await text(account.getByRole('status')).toBe('Connected to Kimai 2.32 at https://kimai.example.com as Ada Lovelace.');
    expect(fake.calls.find((call) => call.name === 'testConnection' && JSON.stringify(call.request).includes('secret-token'))?.request).toEqual({
      provider: { type: 'kimai', url: 'https://kimai.example.com/api/', caFile: null, allowInsecureTls: false },
      token: 'secret-token',
    });

    await account.getByText('Certificates').click();
    await account.getByRole('switch', { name: /Allow insecure TLS/ }).check();
    await text(account.locator('.message.warning')).toContain('Anyone between you and Kimai could read your token');
    await account.getByRole('switch', { name: /Allow insecure TLS/ }).uncheck();

    await account.getByRole('button', { name: 'Save' }).click();
    await text(account.getByRole('status')).toBe('Saved.');
    expect(fake.state.account).toEqual({ type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false });
    expect(fake.keychain.get('kimai:https://kimai.example.com')).toBe('secret-token');
    expect(await token.inputValue()).toBe('');
    expect(await page.content()).not.toContain('secret-token');
    await text(account).toContain('A token for this address is saved in your system keychain');

    await account.getByRole('button', { name: 'How to create an API token' }).click();
    await expect.poll(() => fake.opened).toEqual(['kimai-api-tokens']);

    await account.getByRole('button', { name: 'Forget token' }).click();
    await hidden(account.getByRole('button', { name: 'Forget token' }));
    expect(fake.keychain.size).toBe(0);
  });

  it('shows a failed save', async () => {
    const { page, fake } = await open({ hash: 'account' });
    const account = screen(page, 'account');
    await ready(page, 'account');
    fake.failNext('saveAccount', 'The system keychain is locked. Unlock it and save again.');
    await account.getByRole('button', { name: 'Save' }).click();
    await text(account.getByRole('alert')).toBe('The system keychain is locked. Unlock it and save again.');
  });
});

describe('Preferences', () => {
  it('validates in the window, then saves only what changed', async () => {
    const { page, fake } = await open({ hash: 'preferences' });
    const preferences = screen(page, 'preferences');
    await ready(page, 'preferences');

    await preferences.getByLabel('Monday hours').fill('25');
    await preferences.getByLabel('Annual leave (days)').fill('lots');
    await preferences.getByLabel('Time zone').fill('Mars/Olympus_Mons');
    await preferences.getByRole('button', { name: 'Save' }).click();
    await text(preferences.getByRole('alert')).toBe('3 fields need a fix before saving.');
    await text(preferences.locator('.work-week .field-error')).toBe('Monday: At most 24 hours.');
    await text(preferences.locator('.field.invalid').first()).toContain('Enter a number of days, such as 7.5.');
    await text(preferences.locator('.field.invalid').last()).toContain('“Mars/Olympus_Mons” is not a time zone.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Monday hours');
    expect(fake.calls.some((call) => call.name === 'savePreferences')).toBe(false);

    await preferences.getByLabel('Monday hours').fill('7,5');
    await preferences.getByLabel('Annual leave (days)').fill('30');
    await preferences.getByLabel('Time zone').fill('Europe/Vienna');
    await preferences.getByLabel('Public holidays').selectOption('AT');
    await expect.poll(() => preferences.getByLabel('State or region').locator('option').allInnerTexts()).toEqual(['Whole country', 'Vienna', 'Styria']);
    await preferences.getByLabel('State or region').selectOption('9');
    await preferences.getByLabel('Remind me after (hours)').fill('0');
    await preferences.getByRole('button', { name: 'Save' }).click();
    await text(preferences.getByRole('status')).toBe('Saved.');
    expect(fake.calls.filter((call) => call.name === 'savePreferences').at(-1)?.request).toEqual({
      workWeek: { mon: 7.5, tue: 8, wed: 8, thu: 8, fri: 6, sat: 0, sun: 0 },
      holidays: { country: 'AT', state: '9' },
      annualLeaveDays: 30,
      timezone: 'Europe/Vienna',
      reminderHours: 0,
    });
    expect(fake.state.preferences.timezone).toBe('Europe/Vienna');
    expect(await preferences.getByLabel('Monday hours').inputValue()).toBe('7.5');

    fake.failNext('savePreferences', 'config.json has an error on line 4, so Punchcard did not overwrite it.');
    await preferences.getByLabel('Carried over from last year (days)').fill('1');
    await preferences.getByRole('button', { name: 'Save' }).click();
    await text(preferences.getByRole('alert')).toBe('config.json has an error on line 4, so Punchcard did not overwrite it.');
  });

  it('explains why start at login is unavailable', async () => {
    const { page } = await open({ hash: 'preferences', fake: { startAtLoginSupported: false } });
    const preferences = screen(page, 'preferences');
    await ready(page, 'preferences');
    const login = preferences.getByRole('switch', { name: 'Start Punchcard when I log in' });
    expect(await login.isDisabled()).toBe(true);
    expect(await login.getAttribute('aria-describedby')).toBeTruthy();
    await text(preferences.locator('.login .hint')).toContain('Not available for this installation');
  });
});

describe('screenshots', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`of every screen, ${colorScheme}`, async () => {
      for (const name of SCREENS) {
        const { page } = await open({ hash: name, colorScheme, fake: { startAtLoginSupported: false } });
        await ready(page, name);
        const path = resolve(SCREENSHOTS, `${name}-${colorScheme}.png`);
        await page.screenshot({ path });
        expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
      }
    });
  }

  it('of states worth seeing: clocked out, a snippet, a Kimai account, validation messages', async () => {
    const status = await open({ fake: { running: false } });
    await ready(status.page, 'status');
    await status.page.screenshot({ path: resolve(SCREENSHOTS, 'status-clocked-out-light.png') });

    const connect = await open({ hash: 'connect', colorScheme: 'dark' });
    await ready(connect.page, 'connect');
    await card(connect.page, 'VS Code').getByRole('button', { name: 'Show snippet' }).click();
    await visible(card(connect.page, 'VS Code').locator('.command pre'));
    await card(connect.page, 'VS Code').scrollIntoViewIfNeeded();
    await connect.page.screenshot({ path: resolve(SCREENSHOTS, 'connect-snippet-dark.png') });

    const account = await open({ hash: 'account' });
    await ready(account.page, 'account');
    await account.page.getByRole('radio', { name: /Kimai/ }).check();
    await account.page.getByLabel('Kimai address').fill('https://kimai.example.com');
    await account.page.getByText('Certificates').click();
    await account.page.getByRole('switch', { name: /Allow insecure TLS/ }).check();
    await account.page.screenshot({ path: resolve(SCREENSHOTS, 'account-kimai-light.png') });

    const preferences = await open({ hash: 'preferences', colorScheme: 'dark' });
    await ready(preferences.page, 'preferences');
    await preferences.page.getByLabel('Tuesday hours').fill('30');
    await preferences.page.getByLabel('Time zone').fill('Nowhere/Land');
    await preferences.page.getByRole('button', { name: 'Save' }).click();
    await visible(preferences.page.getByRole('alert'));
    await preferences.page.screenshot({ path: resolve(SCREENSHOTS, 'preferences-errors-dark.png') });
  });
});
