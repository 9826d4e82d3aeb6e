// The settings window in headless Chromium against the fake bridge (docs/decisions.md, "Testing
// without the Electron binary"): every screen by keyboard, the actions of each screen with their
// pending states and errors, and a screenshot of every screen in light and dark under
// test-output/screenshots/. Uses the built window ($PUNCHCARD_UI_DIST or dist/renderer) and fails —
// never skips — without it or without Chromium.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Screen } from '../../window-contract/channels.ts';
import { createFakeBridge, type FakeBridgeOptions } from './fake-bridge.ts';
import { clientCard, firstDataTime, launchChromium, windowPool, type WindowPool, RENDERER_CSP, rendererDist, screenOf, screenReady } from './harness.ts';
import { type FakeWindow, openOnFake, whatWentWrong } from './fake-window.ts';
import { PATIENCE_MS } from '../support/patience.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-output/screenshots');
const SCREENS: Screen[] = ['status', 'timesheet', 'reports', 'leave', 'calendar', 'tools', 'connect', 'account', 'preferences'];
const TITLES: Record<Screen, string> = {
  status: 'Status',
  timesheet: 'Timesheet',
  reports: 'Reports',
  leave: 'Leave',
  calendar: 'Calendar',
  team: 'Team',
  approvals: 'Approvals',
  admin: 'Administration',
  tools: 'Tools',
  connect: 'Connect',
  account: 'Account',
  preferences: 'Preferences',
};

let browser: Browser;
let windows: WindowPool;
let dist: string;

beforeAll(async () => {
  dist = rendererDist();
  browser = await launchChromium();
  windows = windowPool(browser);
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

const sessions: FakeWindow[] = [];

async function open(options: { hash?: Screen; colorScheme?: 'light' | 'dark'; fake?: FakeBridgeOptions; fixedTime?: boolean } = {}): Promise<FakeWindow> {
  const fake = createFakeBridge(options.fake);
  const session = await openOnFake(windows, dist, fake, {
    ...(options.hash ? { hash: options.hash } : {}),
    colorScheme: options.colorScheme ?? 'light',
    ...(options.fixedTime === false ? {} : { fixedTime: fake.now() }),
  });
  sessions.push(session);
  await session.bridge.waitForEventStreams(1);
  return session;
}

afterEach(async () => {
  const ending = sessions.splice(0);
  for (const session of ending) await session.close();
  for (const session of ending) expect(whatWentWrong(session)).toEqual([]);
});

const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: PATIENCE_MS });
const hidden = (locator: Locator) => locator.waitFor({ state: 'hidden', timeout: PATIENCE_MS });
const screen = screenOf;
const card = clientCard;
const ready = (page: Page, name: Screen) => screenReady(page, name, PATIENCE_MS);
const text = (locator: Locator) => expect.poll(() => locator.innerText());

describe('the settings window', () => {
  it('opens with the shell, its data, the strict CSP and a first-data mark', async () => {
    const { page, bridge, server } = await open({ fixedTime: false });
    const markMs = await firstDataTime(page);
    expect(markMs).toBeGreaterThan(0);
    // Team only where the back end offers the team tools: not on the local timesheet.
    expect(await page.getByRole('navigation', { name: 'Punchcard' }).getByRole('link').allInnerTexts()).toEqual(SCREENS.map((name) => TITLES[name]));
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
    await expect
      .poll(() => bridge.calls.map((call) => call.name).sort())
      .toEqual(
        [
          'getAccount',
          // The Evidence settings come from the settings file alone: no engine call.
          'getEvidence',
          'getExtension',
          'getIdleQuestion',
          'getPreferences',
          'getStatus',
          'getTeamServer',
          'getTools',
          'getUpdates',
          // The working-time rules (issue 92) from the settings file alone: Status asks the engine only with rules on.
          'getWorkingTimeSettings',
          'listClients',
          'listHolidayRegions',
        ].sort(),
      );
    // The daily screens cost engine calls (and a remote back end's requests): asked when first shown.
    await page.waitForTimeout(300);
    expect(bridge.calls.map((call) => call.name)).not.toEqual(expect.arrayContaining(['getTimesheet']));
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
    expect(await focused()).toBe('Status');
    await page.keyboard.press('End');
    for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowUp');
    await page.keyboard.press(' ');
    await visible(page.getByRole('heading', { level: 1, name: 'Tools' }));
    // From the navigation, Tab goes into the screen: the read-only switch comes first on Tools.
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('switch');
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
    await text(status.locator('.week .total')).toBe('20 h 30 min of 30 h');

    const releaseOut = fake.hold('clockOut');
    await status.getByRole('button', { name: 'Clock out' }).click();
    const busy = status.locator('button[aria-busy="true"]');
    await text(busy).toBe('Clocking out…');
    releaseOut();
    await visible(status.getByText('Not running'));
    // The Clock out button is gone: focus moves to the clock-in form (an effect after the render that says so).
    const projectId = await status.getByLabel('Project', { exact: true }).getAttribute('id');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id)).toBe(projectId);
    await text(status.locator('.entries li').last()).toContain('1:05 PM – 2:25 PM');

    fake.advance(10);
    await status.getByLabel('Project', { exact: true }).fill('Acme Website');
    await status.getByLabel('Activity').fill('Development');
    await status.getByLabel('Note').fill('Refunds');
    await status.getByLabel('Note').press('Enter');
    await visible(status.getByRole('button', { name: 'Clock out' }));
    await text(status.locator('.timer')).toContain('Acme Website · Development');
    expect(fake.calls.filter((call) => call.name === 'clockIn').at(-1)?.request).toEqual({
      project: 'Acme Website',
      activity: 'Development',
      description: 'Refunds',
    });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Clock out');

    // The tray or an AI client switches the timer: the window follows without reloading.
    fake.advance(5);
    fake.clockInElsewhere('Internal', 'Meetings');
    await text(status.locator('.timer .what')).toBe('Internal · Meetings');
  });

  it('shows an entry whose back end keeps its day and length only by its duration, saying it has no times (Status and Timesheet)', async () => {
    const { page } = await open({ fake: { daysOnly: true } });
    const status = screen(page, 'status');
    await ready(page, 'status');
    const first = status.locator('.entries li').first();
    // What a screen reader says: the words shown and the reason beside them.
    await expect.poll(() => first.locator('.range').textContent()).toBe('No times: the back end keeps this entry’s day and length, not when it started');
    await text(first.locator('.duration')).toBe('3 h 15 min');
    expect(await status.locator('.entries').innerText()).not.toContain('12:00 AM');
    // Continue is told apart by the entry's length, not by a placement at midnight.
    await visible(status.getByRole('button', { name: 'Continue Acme Website · Development, 3 h 15 min' }));
    // The running timer keeps its start.
    await text(status.locator('.entries li.running .range')).toBe('1:05 PM – now');

    const timesheet = await open({ hash: 'timesheet', fake: { daysOnly: true } });
    const sheet = screen(timesheet.page, 'timesheet');
    await ready(timesheet.page, 'timesheet');
    const row = sheet.locator('li.entry', { hasText: 'Payment provider webhooks' });
    await text(row.locator('.range')).toContain('No times');
    await visible(row.getByRole('button', { name: 'Edit Acme Website · Development, 3 h 15 min' }));
    expect(await sheet.locator('.day-entries').first().innerText()).not.toContain('12:00 AM');
    // Its editor says what a start and end mean there, and the time fields point to it.
    await row.getByRole('button', { name: 'Edit Acme Website · Development, 3 h 15 min' }).click();
    const editor = sheet.getByRole('form', { name: 'Change the entry' });
    const hint = 'The back end keeps this entry’s day and length only: a start and end set its length, and are not kept.';
    await expect.poll(() => editor.getByLabel('Start').getAttribute('aria-describedby')).toBeTruthy();
    const described = (await editor.getByLabel('Start').getAttribute('aria-describedby')) ?? '';
    await text(editor.locator(`[id="${described}"]`)).toBe(hint);
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

  it('starts and ends a break where the back end takes breaks, focus following the button', async () => {
    const { page, fake } = await open({ fake: { account: { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' } } });
    const status = screen(page, 'status');
    await ready(page, 'status');
    const timer = status.locator('.timer');
    await text(timer.locator('.badge')).toBe('Running');
    expect(await timer.getByRole('button').allInnerTexts()).toEqual(['Start break', 'Switch…', 'Clock out']);
    // The break types come with the catalog, after the status: a break started before they arrive
    // asks for none and the back end takes its first, so wait for the choice to be sure of the request.
    await expect.poll(() => timer.getByRole('combobox', { name: 'Break type' }).inputValue()).toBe('Break');

    const release = fake.hold('startBreak');
    await timer.getByRole('button', { name: 'Start break' }).click();
    await text(timer.locator('button[aria-busy="true"]')).toBe('Starting a break…');
    release();
    await text(timer.locator('.badge')).toBe('On a break');
    await text(timer.locator('.break-line')).toBe('On a break (Break) since 2:25 PM');
    expect(await timer.getByRole('button').allInnerTexts()).toEqual(['End break', 'Clock out']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('End break');
    // A screen reader hears the worked time in words, never the clock's digits, which read as a time of day.
    const heard = await timer.locator('.timer-main').ariaSnapshot();
    expect(heard).toContain('Worked 1 hour 20 minutes, now on a break');
    expect(heard).not.toContain('1:20:00');
    await text(status.locator('.entries li.running .breaks')).toBe('Break: Break 2:25 PM – now');
    await text(timer.getByRole('status')).toBe('On a break (Break).');
    // The back end's first break type unless another is chosen.
    expect(fake.calls.filter((call) => call.name === 'startBreak').map((call) => call.request)).toEqual([{ type: 'Break' }]);

    fake.advance(30);
    await timer.getByRole('button', { name: 'End break' }).click();
    await text(timer.locator('.badge')).toBe('Running');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Start break');
    await text(status.locator('.entries li.running .breaks')).toBe('Break: Break 2:25 PM – 2:55 PM');
    await text(timer.getByRole('status')).toBe('Break ended.');

    // Calamari has several break types: one is picked before the break starts.
    await timer.getByRole('combobox', { name: 'Break type' }).selectOption('Lunch');
    await timer.getByRole('button', { name: 'Start break' }).click();
    await text(timer.locator('.break-line')).toBe('On a break (Lunch) since 2:55 PM');
    expect(fake.calls.filter((call) => call.name === 'startBreak').at(-1)?.request).toEqual({ type: 'Lunch' });
  });

  it('says why a break was refused, and offers none where the back end takes no breaks', async () => {
    const calamari = await open({ fake: { account: { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' } } });
    const timer = screen(calamari.page, 'status').locator('.timer');
    await ready(calamari.page, 'status');
    calamari.fake.failNext('startBreak', 'Calamari refused the break: breaks are not allowed in this shift.');
    await timer.getByRole('button', { name: 'Start break' }).click();
    await text(timer.getByRole('alert')).toBe('Calamari refused the break: breaks are not allowed in this shift.');
    await text(timer.locator('.badge')).toBe('Running');

    const local = await open();
    await ready(local.page, 'status');
    expect(await screen(local.page, 'status').locator('.timer').getByRole('button').allInnerTexts()).toEqual(['Switch…', 'Clock out']);
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
    expect(await entries.getByRole('switch').evaluateAll((inputs: HTMLInputElement[]) => inputs.map((input) => input.checked))).toEqual([
      true,
      true,
      true,
      true,
    ]);

    const readOnly = tools.getByRole('switch', { name: 'Read-only mode' });
    const release = fake.hold('setReadOnly');
    await readOnly.click();
    await expect.poll(() => readOnly.getAttribute('aria-busy')).toBe('true');
    release();
    await expect.poll(() => readOnly.isChecked()).toBe(true);
    expect(fake.state.readOnly).toBe(true);
    await text(tools.locator('.read-only .hint')).toContain(
      'Hiding 7 tools that add or change data: Clock in, Clock out, Log time, Update time entry, Delete time entry',
    );
    await text(entries.getByRole('listitem').filter({ hasText: 'Delete time entry' })).toContain('Hidden by read-only mode.');

    // The local timesheet has no breaks (a pause is clocking out and in again).
    const startBreak = tools.getByRole('listitem').filter({ hasText: 'Start break' });
    expect(await startBreak.getByRole('switch', { name: /Start break/ }).isDisabled()).toBe(true);
    await text(startBreak).toContain('Not available with your back end');

    fake.failNext('setTool', 'config.json could not be written: the disk is full.');
    const whoami = tools.getByRole('switch', { name: /Who am I/ });
    await whoami.click();
    await text(tools.getByRole('listitem').filter({ hasText: 'Who am I' }).getByRole('alert')).toBe('config.json could not be written: the disk is full.');
    expect(await whoami.isChecked()).toBe(true);
    expect(fake.state.switchedOn.whoami).toBe(true);
  });
});

describe('Connect', () => {
  it('offers the Claude Desktop extension beside the registration, and hands it to Claude Desktop', async () => {
    const { page, fake } = await open({ hash: 'connect' });
    await ready(page, 'connect');
    const extension = screen(page, 'connect').locator('section.extension');
    await text(extension.getByRole('heading', { level: 2 })).toBe('Claude Desktop extension\nClaude Desktop installed');
    await extension.getByRole('button', { name: 'Install in Claude Desktop' }).click();
    await text(extension.getByRole('status')).toBe(
      'Claude Desktop shows the extension: choose Install, then fill in your back end, or leave it empty to use what Punchcard is set to here.',
    );
    await extension.getByRole('button', { name: 'Show file' }).click();
    await expect
      .poll(() => fake.opened)
      .toEqual([
        'extension:/Applications/Punchcard.app/Contents/Resources/punchcard.mcpb',
        'shown:/Applications/Punchcard.app/Contents/Resources/punchcard.mcpb',
      ]);
  });

  it('says why the extension cannot be installed from here, without buttons that would fail', async () => {
    const problem = 'This copy of Punchcard has no extension file. In a checkout, npm run pack:mcpb makes dist/punchcard.mcpb.';
    const { page } = await open({ hash: 'connect', fake: { extension: { path: null, problem, claudeInstalled: false } } });
    await ready(page, 'connect');
    const extension = screen(page, 'connect').locator('section.extension');
    await text(extension.locator('p.hint').last()).toBe(problem);
    await text(extension.locator('.not-found')).toBe('Claude Desktop not found on this computer');
    expect(await extension.getByRole('button').count()).toBe(0);
  });

  it("shows the organisation's team server with how to add it to the web clients, and copies its address", async () => {
    const endpoint = 'https://punchcard.example.com/mcp';
    const { page, fake } = await open({ hash: 'connect', fake: { teamServer: endpoint } });
    await ready(page, 'connect');
    const team = screen(page, 'connect').locator('section.team-server');
    await text(team.getByRole('heading', { level: 2 })).toBe("Your organisation's team server");
    await text(team.locator('code')).toBe(endpoint);
    expect(await team.locator('dt').allTextContents()).toEqual(['Claude.ai (web, desktop and phone)', 'ChatGPT', 'Copilot Studio']);
    // By keyboard, as from the address the button describes.
    await team.getByRole('button', { name: 'Copy address' }).press('Enter');
    await text(team.getByRole('status')).toBe('Address copied.');
    expect(fake.copied).toEqual([{ id: 'team-server', part: 'text', text: endpoint }]);
  });

  it('shows no team server where the policy names none', async () => {
    const { page } = await open({ hash: 'connect' });
    await ready(page, 'connect');
    expect(await screen(page, 'connect').locator('section.team-server').count()).toBe(0);
  });

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
    await text(account).toContain('Your API token for this account is saved in your system keychain');

    await account.getByRole('button', { name: 'Where to find your API token' }).click();
    await expect.poll(() => fake.opened).toEqual(['kimai-api-tokens']);

    await account.getByRole('button', { name: 'Forget API token' }).click();
    // The button is named "Forgetting…" while the bridge works, so its name going away is no sign the
    // token went: the answer's words are.
    await text(account.getByRole('status')).toBe('The API token is no longer in your keychain.');
    await hidden(account.getByRole('button', { name: /^Forget/ }));
    expect(fake.keychain.size).toBe(0);
  });

  it('saves a Clockodo account: login and API key checked in the window, the address only for a test server', async () => {
    const { page, fake } = await open({ hash: 'account' });
    const account = screen(page, 'account');
    await ready(page, 'account');
    await account.getByRole('radio', { name: /Clockodo/ }).check();
    const fields = account.locator('.account-fields');
    expect(await fields.locator('.field > label:visible').allInnerTexts()).toEqual(['Clockodo login', 'API key']);
    const login = account.getByLabel('Clockodo login');
    const key = account.getByLabel('API key', { exact: true });
    expect(await login.getAttribute('type')).toBe('email');
    expect(await key.getAttribute('type')).toBe('password');
    expect(await key.getAttribute('placeholder')).toBe('Paste your API key');
    await text(fields).toContain('Kept in your system keychain, never in a file.');
    // The address is tucked away: Clockodo's own unless a test server is named.
    const address = fields.locator('details');
    expect(await address.getAttribute('open')).toBeNull();

    // Every field says what is wrong before anything is sent; focus goes to the first.
    await account.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => fields.locator('.field-error').allInnerTexts())
      .toEqual(['Enter the e-mail you sign in to Clockodo with.', 'Paste your API key: Punchcard has none saved for this account.']);
    expect(await login.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('email');
    await text(account.getByRole('alert')).toBe('Check the highlighted fields.');
    await login.fill('ada');
    await account.getByRole('button', { name: 'Test connection' }).click();
    await text(fields.locator('.field-error')).toBe('That is not an e-mail address; it looks like ada@example.com.');
    await login.fill('Ada@Example.com');
    await key.fill('clockodo-key-4711');

    // A test server's address that is not one: the section opens and says so.
    await address.locator('summary').click();
    const url = account.getByLabel('Clockodo address (optional)');
    await url.fill('clockodo.test');
    await account.getByRole('button', { name: 'Test connection' }).click();
    await text(fields.locator('.field-error')).toBe('That is not a web address; it looks like https://my.clockodo.com.');
    // Clearing the field keeps the section open (it is where the person is typing).
    await url.fill('');
    expect(await address.getAttribute('open')).not.toBeNull();
    expect(await fields.locator('.field-error').count()).toBe(0);

    await account.getByRole('button', { name: 'Test connection' }).click();
    await text(account.getByRole('status')).toBe('Connected to Clockodo at my.clockodo.com as Ada Lovelace (worker) of Acme GmbH.');
    expect(fake.calls.filter((call) => call.name === 'testConnection').at(-1)?.request).toEqual({
      provider: { type: 'clockodo', email: 'Ada@Example.com', url: null },
      token: 'clockodo-key-4711',
    });

    await account.getByRole('button', { name: 'Save' }).click();
    await text(account.getByRole('status')).toBe('Saved.');
    expect(fake.state.account).toEqual({ type: 'clockodo', email: 'ada@example.com', url: 'https://my.clockodo.com' });
    expect(fake.keychain.get('clockodo:ada@example.com')).toBe('clockodo-key-4711');
    expect(await key.inputValue()).toBe('');
    expect(await key.getAttribute('placeholder')).toBe('••••••••  (saved)');
    expect(await page.content()).not.toContain('clockodo-key-4711');
    await text(fields).toContain('Your API key for this account is saved in your system keychain; type a new one to replace it.');

    await account.getByRole('button', { name: 'Where to find your API key' }).click();
    await expect.poll(() => fake.opened).toEqual(['clockodo-api-key']);

    // What Clockodo keeps shows on Preferences at once: the window asked again after the save.
    await page.getByRole('navigation', { name: 'Punchcard' }).getByRole('link', { name: 'Preferences' }).click();
    await text(screen(page, 'preferences').locator('.kept .badge')).toBe('Kept by Clockodo');

    await page.getByRole('navigation', { name: 'Punchcard' }).getByRole('link', { name: 'Account' }).click();
    await account.getByRole('button', { name: 'Forget API key' }).click();
    await text(account.getByRole('status')).toBe('The API key is no longer in your keychain.');
    expect(fake.keychain.size).toBe(0);
  });

  it("saves a Calamari account: the organisation's address, the person's e-mail, the key and what it is used for", async () => {
    const { page, fake } = await open({ hash: 'account' });
    const account = screen(page, 'account');
    await ready(page, 'account');
    await account.getByRole('radio', { name: /Calamari/ }).check();
    const fields = account.locator('.account-fields');
    expect(await fields.locator('.field > label').allInnerTexts()).toEqual(['Calamari address', 'Your e-mail in Calamari', 'API key']);
    const url = account.getByLabel('Calamari address');
    const email = account.getByLabel('Your e-mail in Calamari');
    const key = account.getByLabel('API key', { exact: true });
    expect(await url.getAttribute('placeholder')).toBe('https://your-company.calamari.io');

    // The note: whose key it is and whom it is used for, read with the key field.
    const note = fields.locator('.message.note');
    await text(note).toBe('A Calamari API key belongs to the whole organisation; Punchcard uses it only for the e-mail above, never for anyone else.');
    const noteId = await note.getAttribute('id');
    expect((await key.getAttribute('aria-describedby'))?.split(' ')).toContain(noteId);

    await account.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => fields.locator('.field-error').allInnerTexts())
      .toEqual([
        'Enter the address of your Calamari, such as https://your-company.calamari.io.',
        'Enter the e-mail you sign in to Calamari with.',
        'Paste your API key: Punchcard has none saved for this account.',
      ]);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('url');
    expect(fake.calls.some((call) => call.name === 'saveAccount')).toBe(false);

    await url.fill('acme.calamari.io');
    await email.fill('ada@acme');
    await key.fill('calamari-org-key-0815');
    await account.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => fields.locator('.field-error').allInnerTexts())
      .toEqual(['That is not a web address; it looks like https://your-company.calamari.io.', 'That is not an e-mail address; it looks like ada@example.com.']);
    // The check is the one main and the engine make: a space makes no host, however the address starts.
    await url.fill('https://acme calamari.io');
    await account.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => fields.locator('.field-error').first().innerText())
      .toBe('That is not a web address; it looks like https://your-company.calamari.io.');
    expect(fake.calls.some((call) => call.name === 'saveAccount')).toBe(false);
    // Typing into a field clears its own message only.
    await url.fill('https://acme.calamari.io/api/');
    expect(await fields.locator('.field-error').allInnerTexts()).toEqual(['That is not an e-mail address; it looks like ada@example.com.']);
    await email.fill('ada@acme.example');

    await account.getByRole('button', { name: 'Test connection' }).click();
    await text(account.getByRole('status')).toBe('Connected to Calamari as Ada Lovelace (ada@acme.example); Time & Attendance in use; Time Off in use.');
    await account.getByRole('button', { name: 'Save' }).click();
    await text(account.getByRole('status')).toBe('Saved.');
    expect(fake.calls.filter((call) => call.name === 'saveAccount').at(-1)?.request).toEqual({
      provider: { type: 'calamari', url: 'https://acme.calamari.io/api/', email: 'ada@acme.example' },
      token: 'calamari-org-key-0815',
    });
    expect(fake.state.account).toEqual({ type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' });
    expect(fake.keychain.get('calamari:https://acme.calamari.io')).toBe('calamari-org-key-0815');
    expect(await page.content()).not.toContain('calamari-org-key-0815');
    await visible(account.getByRole('button', { name: 'Forget API key' }));

    await account.getByRole('button', { name: 'Where to find your API key' }).click();
    await expect.poll(() => fake.opened).toEqual(['calamari-api-keys']);
  });

  it("saves a Clockify account: the person's key, a workspace by name, a region's address checked as the engine checks it", async () => {
    const { page, fake } = await open({ hash: 'account' });
    const account = screen(page, 'account');
    await ready(page, 'account');
    await account.getByRole('radio', { name: /Clockify/ }).check();
    const fields = account.locator('.account-fields');
    // The address is in a closed section: its label is there, not shown.
    expect((await fields.locator('.field > label').allInnerTexts()).filter(Boolean)).toEqual(['API key', 'Workspace (optional)']);
    await text(fields.locator('.message.note')).toBe(
      'Punchcard acts as the person the API key belongs to, in one workspace, and only on their own time entries and time off.',
    );
    const key = account.getByLabel('API key', { exact: true });
    const workspace = account.getByLabel('Workspace (optional)');
    // Clockify's global address unless a region's is named: the section stays closed.
    const address = fields.locator('details');
    expect(await address.getAttribute('open')).toBeNull();

    await account.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => fields.locator('.field-error').allInnerTexts()).toEqual(['Paste your API key: Punchcard has none saved for this account.']);
    await key.fill('clockify-key-4711');
    await workspace.fill('Acme');
    await address.locator('summary').click();
    const url = account.getByLabel('Clockify address (optional)');
    expect(await url.getAttribute('placeholder')).toBe('https://api.clockify.me/api');
    await text(address).toContain("For your region's address (euc1, use2, euw2 or apse2.clockify.me/api) or the developer one");
    // The engine's own rule: the key goes to Clockify's API hosts only, or over https to an address chosen here.
    await url.fill('https://acme.clockify.me');
    await account.getByRole('button', { name: 'Test connection' }).click();
    await text(fields.locator('.field-error')).toBe(
      "Acme.clockify.me is not one of Clockify's API addresses; use https://api.clockify.me/api, or your region's: euc1, use2, euw2 or apse2.clockify.me/api.",
    );
    await url.fill('https://api.clockify.co/api');
    await account.getByRole('button', { name: 'Test connection' }).click();
    await text(fields.locator('.field-error')).toBe(
      "Punchcard sends your Clockify API key only to Clockify's API addresses (or to a server on this computer), and api.clockify.co is not one; use https://api.clockify.me/api, or your region's: euc1, use2, euw2 or apse2.clockify.me/api.",
    );
    expect(fake.calls.some((call) => call.name === 'testConnection')).toBe(false);
    await url.fill('https://euc1.clockify.me/api');

    await account.getByRole('button', { name: 'Test connection' }).click();
    await text(account.getByRole('status')).toBe(
      'Connected to Clockify at euc1.clockify.me as Ada Lovelace (ada@acme.example) in the workspace "Acme" (STANDARD plan); time off available.',
    );
    await account.getByRole('button', { name: 'Save' }).click();
    await text(account.getByRole('status')).toBe('Saved.');
    expect(fake.calls.filter((call) => call.name === 'saveAccount').at(-1)?.request).toEqual({
      provider: { type: 'clockify', url: 'https://euc1.clockify.me/api', workspace: 'Acme' },
      token: 'clockify-key-4711',
    });
    expect(fake.state.account).toEqual({ type: 'clockify', url: 'https://euc1.clockify.me', workspace: 'Acme' });
    expect(fake.keychain.get('clockify:https://euc1.clockify.me')).toBe('clockify-key-4711');
    expect(await page.content()).not.toContain('clockify-key-4711');

    await account.getByRole('button', { name: 'Where to find your API key' }).click();
    await expect.poll(() => fake.opened).toEqual(['clockify-api-key']);
    await page.getByRole('navigation', { name: 'Punchcard' }).getByRole('link', { name: 'Preferences' }).click();
    await text(screen(page, 'preferences').locator('.kept .badge')).toBe('Kept by Clockify');
  });

  it("saves a Harvest account: the person's token, an account id, Harvest's address unless a test server's; the token in the keychain alone", async () => {
    const { page, fake } = await open({ hash: 'account' });
    const account = screen(page, 'account');
    await ready(page, 'account');
    await account.getByRole('radio', { name: /Harvest/ }).check();
    const fields = account.locator('.account-fields');
    expect((await fields.locator('.field > label').allInnerTexts()).filter(Boolean)).toEqual(['Personal Access Token', 'Account id (optional)']);
    await text(fields.locator('.message.note')).toBe(
      'Punchcard acts as the person the token belongs to, in one Harvest account, and only on their own time entries.',
    );
    await account.getByLabel('Personal Access Token', { exact: true }).fill('harvest-pat-4711');
    await account.getByLabel('Account id (optional)').fill('1234567');
    await account.getByRole('button', { name: 'Test connection' }).click();
    await text(account.getByRole('status')).toBe('Connected to Harvest at api.harvestapp.com as Ada Lovelace, account Acme (1234567), tracking durations.');
    await account.getByRole('button', { name: 'Save' }).click();
    await text(account.getByRole('status')).toBe('Saved.');
    expect(fake.calls.filter((call) => call.name === 'saveAccount').at(-1)?.request).toEqual({
      provider: { type: 'harvest', url: null, account_id: '1234567' },
      token: 'harvest-pat-4711',
    });
    expect(fake.state.account).toEqual({ type: 'harvest', url: 'https://api.harvestapp.com', account_id: '1234567' });
    expect(fake.keychain.get('harvest:https://api.harvestapp.com')).toBe('harvest-pat-4711');
    expect(await page.content()).not.toContain('harvest-pat-4711');
    await account.getByRole('button', { name: 'Where to find your Personal Access Token' }).click();
    await expect.poll(() => fake.opened).toEqual(['harvest-token']);
  });

  it("saves a Toggl Track account: the person's token, a workspace by name, Toggl's one API address", async () => {
    const { page, fake } = await open({ hash: 'account' });
    const account = screen(page, 'account');
    await ready(page, 'account');
    await account.getByRole('radio', { name: /Toggl Track/ }).check();
    const fields = account.locator('.account-fields');
    // The address is in a closed section: Toggl has one API address.
    expect((await fields.locator('.field > label').allInnerTexts()).filter(Boolean)).toEqual(['API token', 'Workspace (optional)']);
    await text(fields.locator('.message.note')).toBe(
      'Punchcard acts as the person the API token belongs to, in one workspace, and only on their own time entries.',
    );
    const token = account.getByLabel('API token', { exact: true });
    const workspace = account.getByLabel('Workspace (optional)');
    const address = fields.locator('details');
    expect(await address.getAttribute('open')).toBeNull();

    await account.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => fields.locator('.field-error').allInnerTexts()).toEqual(['Paste your API token: Punchcard has none saved for this account.']);
    await token.fill('toggl-token-1971800d');
    await workspace.fill('Acme');
    await address.locator('summary').click();
    const url = account.getByLabel('Toggl Track address (optional)');
    expect(await url.getAttribute('placeholder')).toBe('https://api.track.toggl.com');
    // The engine's own rule: the token goes to Toggl's API host only, or to a server on this computer.
    await url.fill('https://track.toggl.com');
    await account.getByRole('button', { name: 'Test connection' }).click();
    await text(fields.locator('.field-error')).toBe("Track.toggl.com is not one of Toggl Track's API addresses; use https://api.track.toggl.com.");
    await url.fill('https://api.toggl.co');
    await account.getByRole('button', { name: 'Test connection' }).click();
    await text(fields.locator('.field-error')).toBe(
      "Punchcard sends your Toggl Track API token only to Toggl Track's API addresses (or to a server on this computer), and api.toggl.co is not one; use https://api.track.toggl.com.",
    );
    expect(fake.calls.some((call) => call.name === 'testConnection')).toBe(false);
    await url.fill('');

    await account.getByRole('button', { name: 'Test connection' }).click();
    await text(account.getByRole('status')).toBe(
      'Connected to Toggl Track at api.track.toggl.com as Ada Lovelace (ada@acme.example) in the workspace "Acme" (Starter plan).',
    );
    await account.getByRole('button', { name: 'Save' }).click();
    await text(account.getByRole('status')).toBe('Saved.');
    expect(fake.calls.filter((call) => call.name === 'saveAccount').at(-1)?.request).toEqual({
      provider: { type: 'toggl', url: null, workspace: 'Acme' },
      token: 'toggl-token-1971800d',
    });
    expect(fake.state.account).toEqual({ type: 'toggl', url: 'https://api.track.toggl.com', workspace: 'Acme' });
    expect(fake.keychain.get('toggl:https://api.track.toggl.com')).toBe('toggl-token-1971800d');
    expect(await page.content()).not.toContain('toggl-token-1971800d');
    await visible(account.getByRole('button', { name: 'Forget API token' }));

    await account.getByRole('button', { name: 'Where to find your API token' }).click();
    await expect.poll(() => fake.opened).toEqual(['toggl-api-token']);
  });

  it("saves a Tempo Timesheets account: the Jira site and login, Tempo's host among three, each token in the keychain under its own account", async () => {
    const { page, fake } = await open({ hash: 'account' });
    const account = screen(page, 'account');
    await ready(page, 'account');
    await account.getByRole('radio', { name: /Tempo Timesheets/ }).check();
    const fields = account.locator('.account-fields');
    expect((await fields.locator('.field > label').allInnerTexts()).filter(Boolean)).toEqual([
      'Jira site',
      'Atlassian e-mail',
      'Jira API token',
      'Tempo host',
      'Tempo API token',
    ]);
    const site = account.getByLabel('Jira site');
    const email = account.getByLabel('Atlassian e-mail');
    const host = account.getByLabel('Tempo host');
    const tempoToken = account.getByLabel('Tempo API token', { exact: true });
    const jiraToken = account.getByLabel('Jira API token', { exact: true });
    expect(await host.locator('option').allInnerTexts()).toEqual(['api.tempo.io (any region)', 'api.eu.tempo.io (Europe)', 'api.us.tempo.io (United States)']);

    await account.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => fields.locator('.field-error').allInnerTexts())
      .toEqual([
        'Enter the address of your Jira site, such as https://acme.atlassian.net.',
        'Enter the e-mail you sign in to Tempo Timesheets with.',
        'Paste your Jira API token: Punchcard has none saved for this login.',
        'Paste your Tempo API token: Punchcard has none saved for this account.',
      ]);
    // The Jira token goes to the Jira site alone: another host is refused before anything is asked of main.
    await site.fill('https://jira.example.com');
    await email.fill('ada@example.com');
    await account.getByRole('button', { name: 'Test connection' }).click();
    await text(fields.locator('.field-error').first()).toBe(
      'Punchcard sends your Jira Cloud API token only to Jira Cloud sites (or to a server on this computer), and jira.example.com is not one; use https://acme.atlassian.net.',
    );
    expect(fake.calls.some((call) => call.name === 'testConnection')).toBe(false);
    await site.fill('https://acme.atlassian.net');
    await host.selectOption('https://api.eu.tempo.io');
    await tempoToken.fill('tempo-token-5f1e0a');
    await jiraToken.fill('jira-token-ATATT3x');

    await account.getByRole('button', { name: 'Test connection' }).click();
    await text(account.getByRole('status')).toBe(
      'Connected to Tempo Timesheets on "Acme" (acme.atlassian.net) as "Ada Lovelace", with Tempo at api.eu.tempo.io. Your Tempo API token lacks the Teams scope, so Punchcard cannot read your team\'s report; a token\'s scopes are chosen when it is made.',
    );
    await account.getByRole('button', { name: 'Save' }).click();
    await text(account.getByRole('status')).toBe('Saved.');
    expect(fake.calls.filter((call) => call.name === 'saveAccount').at(-1)?.request).toEqual({
      provider: { type: 'tempo', url: 'https://acme.atlassian.net', email: 'ada@example.com', tempoUrl: 'https://api.eu.tempo.io' },
      token: 'tempo-token-5f1e0a',
      secondToken: 'jira-token-ATATT3x',
    });
    // Each token under its own keychain account: the Tempo token by the site, the Jira token by the login.
    expect(fake.keychain.get('tempo:https://acme.atlassian.net')).toBe('tempo-token-5f1e0a');
    expect(fake.keychain.get('jira:ada@example.com')).toBe('jira-token-ATATT3x');
    const content = await page.content();
    expect(content).not.toContain('tempo-token-5f1e0a');
    expect(content).not.toContain('jira-token-ATATT3x');
  });

  it('keeps what was typed for each back end apart, and Forget names the saved back end’s secret', async () => {
    const { page } = await open({
      hash: 'account',
      fake: { account: { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false } },
    });
    const account = screen(page, 'account');
    await ready(page, 'account');
    expect(await account.getByLabel('Kimai address').inputValue()).toBe('https://kimai.example.com');
    await account.getByLabel('Kimai address').fill('https://kimai.example.org');

    // Kimai's address never becomes Clockodo's test server.
    await account.getByRole('radio', { name: /Clockodo/ }).check();
    await account.getByLabel('Clockodo login').fill('ada@example.com');
    await account.locator('.account-fields details summary').click();
    expect(await account.getByLabel('Clockodo address (optional)').inputValue()).toBe('');
    // Forget removes what is saved, Kimai's API token, whatever the form shows.
    await visible(account.getByRole('button', { name: 'Forget API token' }));

    await account.getByRole('radio', { name: /Calamari/ }).check();
    expect(await account.getByLabel('Calamari address').inputValue()).toBe('');
    expect(await account.getByLabel('Your e-mail in Calamari').inputValue()).toBe('');

    await account.getByRole('radio', { name: /Kimai/ }).check();
    expect(await account.getByLabel('Kimai address').inputValue()).toBe('https://kimai.example.org');
    await account.getByRole('radio', { name: /Clockodo/ }).check();
    expect(await account.getByLabel('Clockodo login').inputValue()).toBe('ada@example.com');
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
    // A fixed offset, which Intl takes and the engine does not: the window holds the engine's rule.
    await preferences.getByLabel('Time zone').fill('+01:00');
    await preferences.getByRole('button', { name: 'Save' }).click();
    await text(preferences.getByRole('alert')).toBe('3 fields need a fix before saving.');
    await text(preferences.locator('.work-week .field-error')).toBe('Monday: At most 24 hours.');
    await text(preferences.locator('.field.invalid').first()).toContain('Enter a number of days, such as 7.5.');
    await text(preferences.locator('.field.invalid').last()).toContain('“+01:00” is not a time zone.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Monday hours');
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

  it("shows what Clockodo keeps as Clockodo's values, not as fields, and saves only the rest", async () => {
    const { page, fake } = await open({
      hash: 'preferences',
      fake: { account: { type: 'clockodo', email: 'ada@example.com', url: 'https://my.clockodo.com' } },
    });
    const preferences = screen(page, 'preferences');
    await ready(page, 'preferences');
    const kept = preferences.locator('section.kept');
    await text(kept.locator('.badge')).toBe('Kept by Clockodo');
    await text(kept.getByRole('heading')).toBe('Work week, holidays and leave');
    expect(await kept.getByRole('list', { name: 'Target hours per day' }).getByRole('listitem').allInnerTexts()).toEqual([
      'Mon 8',
      'Tue 8',
      'Wed 8',
      'Thu 8',
      'Fri 8',
      'Sat 0',
      'Sun 0',
    ]);
    await text(kept).toContain('40 hours a week');
    expect(await kept.locator('dt').allInnerTexts()).toEqual(['Work week', 'Public holidays', 'Annual leave 2026']);
    expect(await kept.locator('dd').last().innerText()).toBe('32 days (2 carried over from 2025), 25 left');
    await text(kept).toContain("Clockodo's non-business days");
    await text(kept).toContain('Change them in Clockodo.');
    // Nothing of it is a field.
    for (const label of ['Monday hours', 'Public holidays', 'State or region', 'Annual leave (days)', 'Carried over from last year (days)']) {
      expect(await preferences.getByLabel(label, { exact: true }).count(), label).toBe(0);
    }
    expect(await kept.locator('input, select').count()).toBe(0);

    await preferences.getByLabel('Remind me after (hours)').fill('6');
    await preferences.getByRole('button', { name: 'Save' }).click();
    await text(preferences.getByRole('status')).toBe('Saved.');
    expect(fake.calls.filter((call) => call.name === 'savePreferences').map((call) => call.request)).toEqual([{ reminderHours: 6 }]);
    await text(kept.locator('.badge')).toBe('Kept by Clockodo');
  });

  it("on Clockify without a work capacity: the week is a field that saves, the holidays and leave are Clockify's", async () => {
    const { page, fake } = await open({
      hash: 'preferences',
      fake: { account: { type: 'clockify', url: 'https://api.clockify.me', workspace: null }, plan: { workWeek: null } },
    });
    const preferences = screen(page, 'preferences');
    await ready(page, 'preferences');
    const kept = preferences.locator('section.kept');
    await text(kept.getByRole('heading')).toBe('Holidays and leave');
    expect(await kept.locator('dt').allInnerTexts()).toEqual(['Public holidays', 'Annual leave 2026']);
    await text(kept.locator('.hint')).toBe(
      'Clockify keeps these for you; Punchcard counts your leave with them. Change them in Clockify. Clockify keeps no work week for you, so Punchcard uses the one set below.',
    );
    expect(await preferences.getByLabel('Public holidays', { exact: true }).count()).toBe(0);
    const monday = preferences.getByLabel('Monday hours', { exact: true });
    expect(await monday.isEnabled()).toBe(true);
    await monday.fill('6');
    await preferences.getByRole('button', { name: 'Save' }).click();
    await text(preferences.getByRole('status')).toBe('Saved.');
    expect(fake.calls.filter((call) => call.name === 'savePreferences').map((call) => call.request)).toEqual([
      { workWeek: expect.objectContaining({ mon: 6, tue: 8 }) },
    ]);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'preferences-clockify-no-capacity-light.png') });
  });

  it('shows the balance Calamari keeps where it gives no entitlement', async () => {
    const { page } = await open({ hash: 'preferences', fake: { account: { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' } } });
    const kept = screen(page, 'preferences').locator('section.kept');
    await ready(page, 'preferences');
    await text(kept.locator('.badge')).toBe('Kept by Calamari');
    await text(kept).toContain('38 hours a week');
    await text(kept).toContain("Calamari's holiday calendar");
    expect(await kept.locator('dd').last().innerText()).toBe('30 days left');
  });

  it('locks the work week, holidays and leave with the reason while the engine cannot read them', async () => {
    const problem = 'Clockodo at https://my.clockodo.com cannot be reached: the connection was refused.';
    const { page, fake } = await open({
      hash: 'preferences',
      fake: { account: { type: 'clockodo', email: 'ada@example.com', url: 'https://my.clockodo.com' }, planProblem: problem },
    });
    const preferences = screen(page, 'preferences');
    await ready(page, 'preferences');
    const warning = preferences.locator('.plan-unknown .message');
    await text(warning).toBe(
      `Clockodo keeps your work week and public holidays, perhaps your leave too, but Punchcard could not read them just now. ${problem}`,
    );
    // The settings' values, shown but not editable, each pointing at the reason.
    const monday = preferences.getByLabel('Monday hours');
    expect(await monday.inputValue()).toBe('8');
    expect(await monday.isDisabled()).toBe(true);
    for (const label of ['Public holidays', 'Annual leave (days)', 'Carried over from last year (days)']) {
      const field = preferences.getByLabel(label, { exact: true });
      expect(await field.isDisabled(), label).toBe(true);
      expect(await field.getAttribute('aria-describedby'), label).toContain(await warning.getAttribute('id'));
    }
    expect(await preferences.getByLabel('Time zone').isDisabled()).toBe(false);

    await preferences.getByLabel('Time zone').fill('Europe/Vienna');
    await preferences.getByRole('button', { name: 'Save' }).click();
    await text(preferences.getByRole('status')).toBe('Saved.');
    expect(fake.calls.filter((call) => call.name === 'savePreferences').map((call) => call.request)).toEqual([{ timezone: 'Europe/Vienna' }]);

    const asked = fake.calls.filter((call) => call.name === 'getPreferences').length;
    await preferences.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => fake.calls.filter((call) => call.name === 'getPreferences').length).toBe(asked + 1);
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

// Each of these opens several windows in turn: on a busy machine they take longer than one action.
// Every screen in both themes is `npm run screenshots` (test/renderer/screenshots.ts); these are the
// states that script does not draw.
describe('screenshots', () => {
  it('of the Clockodo, Calamari and Clockify accounts, Preferences kept by Clockodo, and a break', async () => {
    const clockodo = await open({ hash: 'account', fake: { account: { type: 'clockodo', email: 'ada@example.com', url: 'https://clockodo.test.example' } } });
    await ready(clockodo.page, 'account');
    // A test server's address shows in its opened section.
    expect(await screen(clockodo.page, 'account').getByLabel('Clockodo address (optional)').inputValue()).toBe('https://clockodo.test.example');
    await screen(clockodo.page, 'account').locator('.account-fields').scrollIntoViewIfNeeded();
    await clockodo.page.screenshot({ path: resolve(SCREENSHOTS, 'account-clockodo-light.png') });

    for (const colorScheme of ['light', 'dark'] as const) {
      const calamari = await open({ hash: 'account', colorScheme });
      const account = screen(calamari.page, 'account');
      await ready(calamari.page, 'account');
      await account.getByRole('radio', { name: /Calamari/ }).check();
      await account.getByLabel('Calamari address').fill('https://acme.calamari.io');
      await account.getByLabel('Your e-mail in Calamari').fill('ada@acme.example');
      await account.getByLabel('API key', { exact: true }).fill('calamari-org-key');
      await account.locator('.message.note').scrollIntoViewIfNeeded();
      await calamari.page.screenshot({ path: resolve(SCREENSHOTS, `account-calamari-${colorScheme}.png`) });
    }

    // A saved Clockify account in a region's workspace: the address shows in its opened section.
    const clockify = await open({
      hash: 'account',
      colorScheme: 'dark',
      fake: { account: { type: 'clockify', url: 'https://euc1.clockify.me', workspace: 'Acme' } },
    });
    await ready(clockify.page, 'account');
    expect(await screen(clockify.page, 'account').getByLabel('Workspace (optional)').inputValue()).toBe('Acme');
    await screen(clockify.page, 'account').locator('.account-fields').scrollIntoViewIfNeeded();
    await clockify.page.screenshot({ path: resolve(SCREENSHOTS, 'account-clockify-dark.png') });

    const kept = await open({
      hash: 'preferences',
      fake: { account: { type: 'clockodo', email: 'ada@example.com', url: 'https://my.clockodo.com' }, startAtLoginSupported: false },
    });
    await ready(kept.page, 'preferences');
    await kept.page.screenshot({ path: resolve(SCREENSHOTS, 'preferences-clockodo-light.png') });

    const onBreak = await open({ colorScheme: 'dark', fake: { account: { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' } } });
    await ready(onBreak.page, 'status');
    await screen(onBreak.page, 'status').getByRole('button', { name: 'Start break' }).click();
    await visible(screen(onBreak.page, 'status').getByRole('button', { name: 'End break' }));
    await onBreak.page.screenshot({ path: resolve(SCREENSHOTS, 'status-break-dark.png') });
  }, 90_000);

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
  }, 90_000);
});
