// The Account screen with several connections, in Chromium over the fake bridge, which runs main's own
// account and connection handlers (main/ipc/handlers/account.ts, connections.ts) over an in-memory
// config.json and keychain: the list, Test / Make default / Rename / Remove, Add connection with its
// name checked by the field, and a Clockify key's workspaces as ticks. By keyboard where a person would.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeBridge, type FakeBridgeOptions } from './fake-bridge.ts';
import { launchChromium, rendererDist, screenOf, screenReady, windowPool, type WindowPool } from './harness.ts';
import { type FakeWindow, openOnFake, whatWentWrong } from './fake-window.ts';
import { PATIENCE_MS } from '../support/patience.ts';

let browser: Browser;
let windows: WindowPool;
let dist: string;
beforeAll(async () => {
  dist = rendererDist();
  browser = await launchChromium();
  windows = windowPool(browser);
});
afterAll(async () => {
  await browser?.close();
});

const sessions: FakeWindow[] = [];
afterEach(async () => {
  const ending = sessions.splice(0);
  for (const session of ending) await session.close();
  for (const session of ending) expect(whatWentWrong(session)).toEqual([]);
});

async function open(fake: FakeBridgeOptions = {}) {
  const bridge = createFakeBridge(fake);
  const session = await openOnFake(windows, dist, bridge, { hash: 'account', fixedTime: bridge.now() });
  sessions.push(session);
  await screenReady(session.page, 'account', PATIENCE_MS);
  return { page: session.page, fake: bridge, account: screenOf(session.page, 'account') };
}

const text = (locator: Locator) => expect.poll(() => locator.innerText());
const hidden = (locator: Locator) => locator.waitFor({ state: 'hidden', timeout: PATIENCE_MS });
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim());
const focusedLabel = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? null);

const SEVERAL: FakeBridgeOptions = {
  account: { type: 'kimai', url: 'https://kimai.acme.example', caFile: null, allowInsecureTls: false },
  connectionName: 'acme',
  trackers: [
    { name: 'beta', type: 'clockify', url: 'https://api.clockify.me', workspace: 'Beta Corp' },
    { name: 'home', type: 'local' },
  ],
};

describe('one connection', () => {
  it('is today’s form with Add connection under it; adding a second names it, checks the name by the field, and lists both', async () => {
    const { page, fake, account } = await open({ account: { type: 'kimai', url: 'https://kimai.acme.example', caFile: null, allowInsecureTls: false } });
    await account.getByRole('radio', { name: /Kimai/ }).waitFor();
    await account.getByRole('button', { name: 'Add connection' }).click();
    const form = account.getByRole('form', { name: 'Add connection' });
    // The name field is focused and suggested from the back end until typed over.
    expect(await focusedLabel(page)).toBe('Name');
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('kimai-2');
    await form.getByLabel('Kimai address').fill('https://kimai.beta-corp.example');
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('beta-corp');
    await form.getByLabel('Name', { exact: true }).fill('Beta Corp');
    await form.getByLabel('API token', { exact: true }).fill('beta-token');
    await form.getByRole('button', { name: 'Add connection' }).click();
    await text(form.locator('.field-error')).toBe(
      'A name needs lower-case ASCII letters, digits and -, starting with a letter (such as "acme" or "side-gig").',
    );
    expect(await form.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await focusedLabel(page)).toBe('Name');
    expect(fake.calls.some((call) => call.name === 'addConnections')).toBe(false);

    await page.keyboard.press('Control+A');
    await page.keyboard.type('beta');
    await page.keyboard.press('Enter');
    await account.getByRole('heading', { name: 'Connections' }).waitFor();
    expect(fake.state.config.trackers).toEqual([{ type: 'kimai', url: 'https://kimai.beta-corp.example', name: 'beta' }]);
    expect(fake.keychain.get('kimai:https://kimai.beta-corp.example')).toBe('beta-token');
    expect(await account.locator('.connection h3').allInnerTexts()).toEqual(['kimai', 'beta']);
    await text(account.getByRole('status').filter({ hasText: 'Added' })).toBe('Added "beta".');
    expect(await account.locator('input[type="password"]').count()).toBe(0);
    expect(fake.state.restarts).toBe(1);
  });
});

describe('several connections', () => {
  it('lists each with its back end, address, workspace and which is the default; the default says why it stays', async () => {
    const { account } = await open(SEVERAL);
    const rows = account.locator('.connection');
    await text(rows.nth(0)).toContain('acme');
    expect(await rows.count()).toBe(3);
    await text(rows.nth(0)).toContain('Default');
    await text(rows.nth(0)).toContain('https://kimai.acme.example');
    await text(rows.nth(1)).toContain('Beta Corp');
    await text(rows.nth(1)).toContain('Clockify');
    await text(rows.nth(2)).toContain('Local timesheet');
    expect(
      await rows
        .nth(0)
        .getByRole('button', { name: /^Remove/ })
        .count(),
    ).toBe(0);
    await text(rows.nth(0)).toContain('The default stays while there are others: make another one the default to remove this one.');
    expect(
      await rows
        .nth(0)
        .getByRole('button', { name: /^Make default/ })
        .count(),
    ).toBe(0);
  });

  it('tests a saved connection by name, and makes another the default', async () => {
    const { account, fake } = await open(SEVERAL);
    await account.getByRole('button', { name: 'Test connection beta' }).click();
    await text(account.locator('.connection').nth(1).getByRole('status')).toContain('in the workspace "Beta Corp"');
    expect(fake.calls.filter((call) => call.name === 'testConnection').map((call) => call.request)).toEqual([{ connection: 'beta' }]);

    await account.getByRole('button', { name: 'Make default beta' }).click();
    await text(account.locator('.connection').nth(0).locator('h3')).toBe('beta');
    expect((fake.state.config.provider as { name?: string }).name).toBe('beta');
    expect(fake.state.config.trackers).toEqual([
      { type: 'kimai', url: 'https://kimai.acme.example', name: 'acme' },
      { name: 'home', type: 'local' },
    ]);
  });

  it('renames by keyboard, with the name checked by the field, and Escape backs out', async () => {
    const { page, account, fake } = await open(SEVERAL);
    await account.getByRole('button', { name: 'Rename home' }).focus();
    await page.keyboard.press('Enter');
    expect(await focusedLabel(page)).toBe('New name for home');
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedName(page)).toBe('Rename home');

    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('beta');
    await page.keyboard.press('Enter');
    await text(account.locator('.rename .field-error')).toBe('Another connection is called "beta": choose another name.');
    expect(fake.calls.some((call) => call.name === 'renameConnection')).toBe(false);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('laptop');
    await page.keyboard.press('Enter');
    await text(account.locator('.connection').nth(2).locator('h3')).toBe('laptop');
    expect(fake.state.folderMoves).toEqual(['home → laptop']);
  });

  it('removes a connection after a second word, and back to one it is today’s form again', async () => {
    const { account, fake } = await open({ ...SEVERAL, trackers: [{ name: 'home', type: 'local' }] });
    await account.getByRole('button', { name: 'Remove home' }).click();
    await account.getByRole('button', { name: 'Remove home' }).click();
    await account.getByRole('radio', { name: /Kimai/ }).waitFor();
    expect(Object.hasOwn(fake.state.config, 'trackers')).toBe(false);
    expect(fake.state.folderMoves).toEqual(['home set aside']);
  });
});

describe('a week per connection', () => {
  const facts = (row: Locator) => row.locator('.connection-facts');

  it('says each connection’s week; one whose back end keeps no targets gets its own by keyboard, checked by the days, and back', async () => {
    const { page, account, fake } = await open(SEVERAL);
    const rows = account.locator('.connection');
    await text(facts(rows.nth(0))).toContain('Work week\nthe one in Preferences, shared with home');
    await text(facts(rows.nth(1))).toContain('Work week\nkept by Clockify');
    await text(facts(rows.nth(2))).toContain('Work week\nthe one in Preferences, shared with acme');
    // Clockify keeps its targets: no week is offered for it.
    expect(
      await rows
        .nth(1)
        .getByRole('button', { name: /^Work week/ })
        .count(),
    ).toBe(0);

    await account.getByRole('button', { name: 'Work week of home' }).focus();
    await page.keyboard.press('Enter');
    const editor = account.getByRole('form', { name: 'Work week of home' });
    await expect.poll(() => focusedLabel(page)).toBe('Mon');
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedName(page)).toBe('Work week of home');

    await page.keyboard.press('Enter');
    const typed: Array<[string, string]> = [
      ['Monday', '25'],
      ['Tuesday', '5'],
      ['Wednesday', '5'],
      ['Thursday', '5'],
      ['Friday', '0'],
    ];
    for (const [day, hours] of typed) await editor.getByLabel(`${day} hours`).fill(hours);
    await text(editor.getByRole('group', { name: 'Work week of home' }).locator('.week-total')).toBe('40 hours a week');
    await editor.getByRole('button', { name: 'Save week' }).click();
    await text(editor.getByRole('alert')).toBe('Monday: At most 24 hours.');
    expect(await editor.getByLabel('Monday hours').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedName(page)).toBe('Monday hours');
    expect(fake.calls.some((call) => call.name === 'setConnectionWeek')).toBe(false);

    await page.keyboard.press('Control+A');
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await hidden(editor);
    const week = { mon: 5, tue: 5, wed: 5, thu: 5, fri: 0, sat: 0, sun: 0 };
    expect(fake.state.config.trackers).toEqual([
      { name: 'beta', type: 'clockify', url: 'https://api.clockify.me', workspace: 'Beta Corp' },
      { name: 'home', type: 'local', workWeek: week },
    ]);
    await text(facts(rows.nth(2))).toContain('Work week\nits own, 20 hours a week (Mon 5, Tue 5, Wed 5, Thu 5)');
    await text(facts(rows.nth(0))).toMatch(/Work week\nthe one in Preferences$/);
    await text(account.getByRole('status').filter({ hasText: 'work week' })).toBe('"home" has a work week of its own now.');
    await expect.poll(() => focusedName(page)).toBe('Work week of home');
    // Nothing starts over: each engine reads the week as the settings say it now.
    expect(fake.state.restarts).toBe(0);

    await page.keyboard.press('Enter');
    await account.getByRole('button', { name: 'Share the week in Preferences' }).click();
    await text(facts(rows.nth(2))).toContain('Work week\nthe one in Preferences, shared with acme');
    expect(fake.state.config.trackers).toEqual([
      { name: 'beta', type: 'clockify', url: 'https://api.clockify.me', workspace: 'Beta Corp' },
      { name: 'home', type: 'local' },
    ]);
  });

  it('Add connection offers a week of its own where the back end keeps no targets, and sends it', async () => {
    const { account, fake } = await open(SEVERAL);
    await account.getByRole('button', { name: 'Add connection' }).click();
    const form = account.getByRole('form', { name: 'Add connection' });
    const own = form.getByRole('checkbox', { name: 'A work week of its own' });
    await text(form.locator('.own-week')).toContain('Without one it shares the work week in Preferences with the other connections that have none');
    await form.getByRole('radio', { name: /Clockify/ }).check();
    expect(await own.count()).toBe(0);
    await form.getByRole('radio', { name: /Local timesheet/ }).check();
    await own.check();
    const days = form.getByRole('group', { name: 'Its work week' });
    await text(days.locator('.week-total')).toBe('40 hours a week');
    await days.getByLabel('Friday hours').fill('eight');
    await form.getByLabel('Name', { exact: true }).fill('side');
    await form.getByRole('button', { name: 'Add connection' }).click();
    await text(days.getByRole('alert')).toBe('Friday: Enter a number of hours, such as 7.5.');
    expect(fake.calls.some((call) => call.name === 'addConnections')).toBe(false);
    await days.getByLabel('Friday hours').fill('0');
    await form.getByRole('button', { name: 'Add connection' }).click();
    await hidden(form);
    expect((fake.state.config.trackers as unknown[]).at(-1)).toEqual({
      type: 'local',
      name: 'side',
      workWeek: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 0, sat: 0, sun: 0 },
    });
    await text(facts(account.locator('.connection').nth(3))).toContain('its own, 32 hours a week');
  });
});

describe('a Clockify key with several workspaces', () => {
  it('lists the workspaces after a good test; each ticked one becomes a connection with its own name, sharing the key', async () => {
    const { page, account, fake } = await open({ account: { type: 'local' } });
    await account.getByRole('button', { name: 'Add connection' }).click();
    const form = account.getByRole('form', { name: 'Add connection' });
    await form.getByRole('radio', { name: /Clockify/ }).check();
    await form.getByLabel('API key', { exact: true }).fill('one-clockify-key');
    await form.getByRole('button', { name: 'Test connection' }).click();
    const picker = form.getByRole('group', { name: 'Workspaces this key sees' });
    await text(picker).toContain('needs a key made there');
    expect(await picker.getByRole('checkbox').count()).toBe(3);

    // Nothing ticked: said by the ticks, nothing sent.
    await form.getByRole('button', { name: 'Add the ticked workspaces' }).click();
    await text(picker.getByRole('alert')).toBe('Tick at least one workspace.');
    expect(await focusedLabel(page)).toBe('Acme GmbH');

    await page.keyboard.press('Space');
    expect(await picker.getByLabel('Name for Acme GmbH').inputValue()).toBe('acme-gmbh');
    await picker.getByRole('checkbox', { name: 'Beta Corp' }).check();
    await picker.getByLabel('Name for Beta Corp').fill('local');
    await form.getByRole('button', { name: 'Add the ticked workspaces' }).click();
    await text(picker.locator('.field-error')).toBe('Another connection is called "local": choose another name.');
    await picker.getByLabel('Name for Beta Corp').fill('beta');
    await form.getByRole('button', { name: 'Add the ticked workspaces' }).click();
    await account.getByRole('heading', { name: 'Connections' }).waitFor();
    expect(fake.state.config.trackers).toEqual([
      { type: 'clockify', url: 'https://api.clockify.me', workspace: '64a687e29ae1f428e7ebe303', name: 'acme-gmbh' },
      { type: 'clockify', url: 'https://api.clockify.me', workspace: '64a687e29ae1f428e7ebe505', name: 'beta' },
    ]);
    expect([...fake.keychain.keys()].filter((key) => key.startsWith('clockify:'))).toEqual(['clockify:https://api.clockify.me']);
    expect(await account.locator('.connection h3').allInnerTexts()).toEqual(['local', 'acme-gmbh', 'beta']);
  });
});
