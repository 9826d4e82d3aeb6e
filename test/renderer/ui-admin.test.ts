// The Administration screen in headless Chromium against the fake bridge: offered only to a person the
// back end says administers something, with only the sections the engine offers them; each change asked
// first in the window and sent only on a yes, by keyboard alone; the engine's refusals shown as they
// come; invoices paged. Uses the built window and fails, never skips, without it or Chromium.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, Screen } from '../../main/ipc/contract.ts';
import { createFakeBridge, type FakeBridge, type FakeBridgeOptions } from './fake-bridge.ts';
import { launchChromium, rendererDist, screenOf, screenReady, windowPool, type WindowPool } from './harness.ts';
import { type FakeWindow, openOnFake, whatWentWrong } from './fake-window.ts';

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

async function open(hash: Screen, fake: FakeBridgeOptions = {}): Promise<FakeWindow> {
  const bridgeFake = createFakeBridge(fake);
  const session = await openOnFake(windows, dist, bridgeFake, { hash, fixedTime: bridgeFake.now() });
  sessions.push(session);
  await session.bridge.waitForEventStreams(1);
  await screenReady(session.page, hash, 5000);
  return session;
}

afterEach(async () => {
  const ending = sessions.splice(0);
  for (const session of ending) await session.close();
  for (const session of ending) expect(whatWentWrong(session)).toEqual([]);
});

const text = (locator: Locator) => expect.poll(() => locator.innerText(), { timeout: 5000 });
const callsOf = (fake: FakeBridge, name: string) => fake.calls.filter((call) => call.name === name).map((call) => call.request);
/** The focused control's name as a screen reader would start it: its aria-label, its label's words, or its text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    return element?.getAttribute('aria-label') ?? element?.labels?.[0]?.textContent ?? element?.textContent?.trim();
  });
const KIMAI: AccountView['provider'] = { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false };
const card = (page: Page, title: string) => screenOf(page, 'admin').getByRole('region', { name: title });
const navLink = (page: Page) => page.getByRole('navigation', { name: 'Punchcard' }).getByRole('link', { name: 'Administration' });

/** Presses Tab until the focused element's name is `name` (at most 60 times), as a keyboard user would. */
async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    const now = await focused(page);
    if (typeof name === 'string' ? now === name : name.test(now ?? '')) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

describe('Administration', () => {
  it('is offered only to a person the back end says administers something, with only the sections they may use', async () => {
    // A worker on Kimai (who may add to its catalog, as every user there): no Administration, and a link straight to it says why.
    const worker = await open('status', { account: KIMAI });
    expect(await navLink(worker.page).count()).toBe(0);
    const linked = await open('admin', { account: KIMAI });
    await text(screenOf(linked.page, 'admin').getByRole('note')).toBe(
      'Kimai does not say your account administers anything, so Punchcard offers no administration here.',
    );
    expect(await screenOf(linked.page, 'admin').getByRole('region').count()).toBe(0);
    expect(linked.fake.calls.filter((call) => /^(getAdmin|getInvoices)/.test(call.name))).toEqual([]);

    // A team lead: the catalog and invoices, no tags, and the tag list is never asked for.
    const lead = await open('admin', { account: KIMAI, admin: 'lead' });
    await expect.poll(() => navLink(lead.page).count()).toBe(1);
    await expect.poll(() => screenOf(lead.page, 'admin').getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(['Catalog', 'Invoices']);
    expect(callsOf(lead.fake, 'getAdminTags')).toEqual([]);

    const administrator = await open('admin', { account: KIMAI, admin: 'admin' });
    await expect.poll(() => screenOf(administrator.page, 'admin').getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(['Catalog', 'Tags', 'Invoices']);
  });

  it('archives and restores only after a second word, by keyboard; Escape keeps the item as it was', async () => {
    const { page, fake } = await open('admin', { account: KIMAI, admin: 'admin' });
    const catalog = card(page, 'Catalog');
    await text(catalog.getByRole('row', { name: /^Internal/ })).toBe('Internal\tAcme\tActive\tArchive');

    await catalog.getByRole('button', { name: 'Archive the project Internal' }).focus();
    await page.keyboard.press('Enter');
    const question = catalog.getByRole('group', { name: 'Archive the project “Internal”?' });
    await text(question).toContain('It is no longer offered for new entries; what was booked on it stays.');
    await expect.poll(() => focused(page)).toBe('Archive');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('Archive the project Internal');
    expect(callsOf(fake, 'setCatalogItemArchived')).toEqual([]);

    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Archive');
    await page.keyboard.press('Enter');
    await text(catalog.getByRole('status')).toBe('Archived project "Internal".');
    expect(callsOf(fake, 'setCatalogItemArchived')).toEqual([{ kind: 'project', id: expect.any(Number), archived: true }]);
    // The row stays, marked, and focus is on its button, which now restores.
    await text(catalog.getByRole('row', { name: /^Internal/ })).toBe('Internal\tAcme\tArchived\tRestore');
    await expect.poll(() => focused(page)).toBe('Restore the project Internal');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Restore');
    await page.keyboard.press('Enter');
    await text(catalog.getByRole('status')).toBe('Restored project "Internal".');
    expect(callsOf(fake, 'setCatalogItemArchived').at(-1)).toMatchObject({ archived: false });

    // Another kind, chosen by keyboard.
    await catalog.getByLabel('Show').focus();
    await catalog.getByLabel('Show').selectOption('customer');
    await text(catalog.getByRole('row', { name: /^Initech/ })).toBe('Initech\tArchived\tRestore');
  });

  it('adds a project after a second word, shows the refusal of a name taken in the form, and keeps what was typed', async () => {
    const { page, fake } = await open('admin', { account: KIMAI, admin: 'admin' });
    const catalog = card(page, 'Catalog');
    const form = catalog.getByRole('form', { name: 'Add a project' });
    // Nothing typed: the field says so, and focus goes to it.
    await form.getByRole('button', { name: 'Add project' }).click();
    await text(form.locator('.field-error')).toBe('Give the new project a name.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');

    await page.keyboard.type('Beta Corp');
    await form.getByLabel('Customer (optional)').selectOption('Beta Corp');
    await form.getByLabel('Name').press('Enter');
    await expect.poll(() => focused(page)).toBe('Add');
    await page.keyboard.press('Enter');
    await text(form.getByRole('alert')).toBe('A project named "Beta Corp" exists already there. Nothing was created.');
    expect(await form.getByLabel('Name').inputValue()).toBe('Beta Corp');

    await form.getByLabel('Name').fill('Intranet');
    await form.getByRole('button', { name: 'Add project' }).click();
    await text(form.getByRole('group')).toBe('Add the project “Intranet” to Beta Corp?\nAdd\nGo back');
    await page.keyboard.press('Enter');
    await text(catalog.getByRole('status')).toBe('Created project "Intranet" under "Beta Corp".');
    await text(catalog.getByRole('row', { name: /^Intranet/ })).toBe('Intranet\tBeta Corp\tActive\tArchive');
    expect(callsOf(fake, 'addCatalogItem')).toEqual([
      { kind: 'project', name: 'Beta Corp', parent: 'Beta Corp' },
      { kind: 'project', name: 'Intranet', parent: 'Beta Corp' },
    ]);
    // Focus back in the empty name field, for the next one.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('');
  });

  it('creates a tag with its colour only after a second word, by keyboard alone, and checks the colour first', async () => {
    const { page, fake } = await open('admin', { account: KIMAI, admin: 'admin' });
    const tags = card(page, 'Tags');
    const listed = () => expect.poll(() => tags.getByRole('listitem').allTextContents(), { timeout: 5000 });
    await listed().toEqual(['billing #336699', 'urgent #cc3300', 'on-site', 'oldArchived']);
    await tabTo(page, 'Name');
    // The first "Name" is the catalog's: on to the tags'.
    await page.keyboard.press('Tab');
    await tabTo(page, 'Name');
    await page.keyboard.type('travel');
    await page.keyboard.press('Tab');
    await page.keyboard.type('green');
    await page.keyboard.press('Enter');
    await text(tags.locator('.field-error')).toBe('Give the colour as #RRGGBB, or leave it empty.');
    expect(callsOf(fake, 'addTag')).toEqual([]);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('#2e7d32');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Create');
    await text(tags.getByRole('group')).toContain('Create the tag “travel” in colour #2e7d32, for everyone’s entries?');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('Add tag');
    expect(callsOf(fake, 'addTag')).toEqual([]);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await text(tags.getByRole('status')).toBe('Created the tag "travel".');
    expect(callsOf(fake, 'addTag')).toEqual([{ name: 'travel', color: '#2e7d32' }]);
    await listed().toContain('travel #2e7d32');
  });

  it('pages the invoices one call a page, and says a failed page in place', async () => {
    const { page, fake } = await open('admin', { account: KIMAI, admin: 'admin' });
    const invoices = card(page, 'Invoices');
    await text(invoices.locator('.card-title .total')).toBe('57 invoices');
    const first = invoices.getByRole('table', { name: 'Invoices, page 1 of 3' });
    await text(first.getByRole('row', { name: /^2026-057/ })).toBe('2026-057\tAcme\tMay 13, 2026\tNew\t€480.00');
    await text(first.getByRole('row', { name: /^2026-055/ })).toBe('2026-055\tGlobex Corporation\tMay 10, 2026\tPaid\t$555.00');
    await invoices.getByRole('button', { name: 'Next page of invoices' }).press('Enter');
    await text(invoices.getByRole('table', { name: 'Invoices, page 2 of 3' }).getByRole('row').nth(1)).toContain('2026-032');
    fake.failNext('getInvoices', 'Kimai did not answer in time. Try again in a moment.');
    await invoices.getByRole('button', { name: 'Next page of invoices' }).click();
    await text(invoices.getByRole('alert')).toBe('Could not load page 3: Kimai did not answer in time. Try again in a moment.');
    // The page shown stays until another comes.
    expect(await invoices.getByRole('table', { name: 'Invoices, page 2 of 3' }).count()).toBe(1);
    expect(callsOf(fake, 'getInvoices')).toEqual([{ page: 1 }, { page: 2 }, { page: 3 }]);
  });
});
