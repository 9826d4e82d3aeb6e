// The Administration screen in headless Chromium against the fake bridge: offered only to a person the
// back end says administers something, with only the sections the engine offers them; each change asked
// first in the window and sent only on a yes, by keyboard alone; the engine's refusals shown as they
// come; invoices paged. Uses the built window and fails, never skips, without it or Chromium.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../window-contract/account.ts';
import type { Screen } from '../../window-contract/channels.ts';
import { createFakeBridge, type FakeBridge, type FakeBridgeOptions } from './fake-bridge.ts';
import { launchChromium, rendererDist, screenOf, screenReady, windowPool, type WindowPool } from './harness.ts';
import { type FakeWindow, openOnFake, whatWentWrong } from './fake-window.ts';
import { SMALLEST } from './screenshots.ts';
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

async function open(hash: Screen, fake: FakeBridgeOptions = {}): Promise<FakeWindow> {
  const bridgeFake = createFakeBridge(fake);
  const session = await openOnFake(windows, dist, bridgeFake, { hash, fixedTime: bridgeFake.now() });
  sessions.push(session);
  await session.bridge.waitForEventStreams(1);
  await screenReady(session.page, hash, PATIENCE_MS);
  return session;
}

afterEach(async () => {
  const ending = sessions.splice(0);
  for (const session of ending) await session.close();
  for (const session of ending) expect(whatWentWrong(session)).toEqual([]);
});

const text = (locator: Locator) => expect.poll(() => locator.innerText());
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
    await expect
      .poll(() => screenOf(lead.page, 'admin').getByRole('heading', { level: 2 }).allInnerTexts())
      .toEqual(['Catalog', 'Invoices', 'Bulk corrections']);
    expect(callsOf(lead.fake, 'getAdminTags')).toEqual([]);

    const administrator = await open('admin', { account: KIMAI, admin: 'admin' });
    await expect
      .poll(() => screenOf(administrator.page, 'admin').getByRole('heading', { level: 2 }).allInnerTexts())
      .toEqual(['Catalog', 'Tags', 'Invoices', 'Bulk corrections', 'Teams', 'Rates']);
    expect(callsOf(administrator.fake, 'getAdminPeople')).toEqual([]);

    const superAdmin = await open('admin', { account: KIMAI, admin: 'super' });
    await expect
      .poll(() => screenOf(superAdmin.page, 'admin').getByRole('heading', { level: 2 }).allInnerTexts())
      .toEqual(['Catalog', 'Tags', 'Invoices', 'People', 'Bulk corrections', 'Teams', 'Rates']);
  });

  it('archives and restores only after a second word, by keyboard; Escape keeps the item as it was', async () => {
    const { page, fake } = await open('admin', { account: KIMAI, admin: 'admin' });
    const catalog = card(page, 'Catalog');
    await text(catalog.getByRole('row', { name: /^Internal/ })).toBe('Internal\tAcme\tActive\tChange Archive');

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
    await text(catalog.getByRole('row', { name: /^Internal/ })).toBe('Internal\tAcme\tArchived\tChange Restore');
    await expect.poll(() => focused(page)).toBe('Restore the project Internal');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Restore');
    await page.keyboard.press('Enter');
    await text(catalog.getByRole('status')).toBe('Restored project "Internal".');
    expect(callsOf(fake, 'setCatalogItemArchived').at(-1)).toMatchObject({ archived: false });

    // Another kind, chosen by keyboard.
    await catalog.getByLabel('Show').focus();
    await catalog.getByLabel('Show').selectOption('customer');
    await text(catalog.getByRole('row', { name: /^Initech/ })).toBe('Initech\tArchived\tChange Restore');
  });

  it('says a refused archive under its row, drops it when the question is asked again, and shows a project added in the Rates picker at once', async () => {
    const { page, fake } = await open('admin', { account: KIMAI, admin: 'admin' });
    const catalog = card(page, 'Catalog');
    const picker = card(page, 'Rates').getByLabel('Project');
    await expect.poll(async () => (await picker.locator('option').allTextContents()).length).toBeGreaterThan(0);
    expect(await picker.locator('option').allTextContents()).not.toContain('Intranet (Beta Corp)');

    fake.failNext('setCatalogItemArchived', 'Kimai refused to archive it.');
    await catalog.getByRole('button', { name: 'Archive the project Internal' }).click();
    await catalog.getByRole('group', { name: 'Archive the project “Internal”?' }).getByRole('button', { name: 'Archive' }).click();
    await text(catalog.getByRole('alert')).toBe('Kimai refused to archive it.');
    await catalog.getByRole('button', { name: 'Archive the project Internal' }).click();
    await text(catalog.getByRole('group', { name: 'Archive the project “Internal”?' })).toContain('what was booked on it stays');
    expect(await catalog.getByRole('alert').count()).toBe(0);
    await page.keyboard.press('Escape');

    const form = catalog.getByRole('form', { name: 'Add a project' });
    await form.getByLabel('Name').fill('Intranet');
    await form.getByLabel('Customer (optional)').selectOption('Beta Corp');
    await form.getByRole('button', { name: 'Add project' }).click();
    await form.getByRole('group').getByRole('button', { name: 'Add' }).click();
    await text(catalog.getByRole('status')).toBe('Created project "Intranet" under "Beta Corp".');
    await expect.poll(() => picker.locator('option').allTextContents()).toContain('Intranet (Beta Corp)');
    expect(callsOf(fake, 'getRateCatalog')).toHaveLength(1);
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
    await text(catalog.getByRole('row', { name: /^Intranet/ })).toBe('Intranet\tBeta Corp\tActive\tChange Archive');
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
    const listed = () => expect.poll(() => tags.getByRole('listitem').allTextContents());
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

describe('Administration: changing a catalog item', () => {
  /** The values of the change form's fields, by label, as a person reads them. */
  const values = (form: Locator) =>
    form.evaluate((element) =>
      Object.fromEntries(
        [...element.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')].map((control) => [
          control.labels?.[0]?.textContent ?? control.name,
          control instanceof HTMLSelectElement ? (control.selectedOptions[0]?.textContent ?? '') : control.value,
        ]),
      ),
    );

  it('starts from what the project keeps, sends only what differs after a second word, by keyboard; Escape backs out', async () => {
    const { page, fake } = await open('admin', { account: KIMAI, admin: 'admin' });
    const catalog = card(page, 'Catalog');
    await text(catalog.getByRole('row', { name: /^Acme Website/ })).toBe('Acme Website\tAcme\tActive\tChange Archive');
    await catalog.getByRole('button', { name: 'Change the project Acme Website' }).focus();
    await page.keyboard.press('Enter');
    const form = catalog.getByRole('form', { name: 'Change Acme Website' });
    await expect.poll(() => focused(page)).toBe('Name');
    // What the back end keeps now, read when the form opened: every field the project has there.
    expect(await values(form)).toEqual({
      Name: 'Acme Website',
      Customer: 'Acme',
      'Time budget (hours)': '120',
      'Money budget': '9600',
      'Budget period': 'Over its whole life',
      Billable: 'Yes',
      Start: '2026-01-01',
      End: '2026-12-31',
      Comment: 'Relaunch of the public site.',
    });
    expect(callsOf(fake, 'getCatalogItem')).toEqual([{ kind: 'project', id: expect.any(Number) }]);

    // Nothing changed: said at the form, nothing sent.
    await page.keyboard.press('Enter');
    await text(form.locator('.field-error')).toBe('Nothing differs from what it keeps: change a field first.');
    expect(callsOf(fake, 'updateCatalogItem')).toEqual([]);

    await tabTo(page, 'Time budget (hours)');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('150');
    await form.getByLabel('Billable').selectOption('no');
    await form.getByLabel('Time budget (hours)').press('Enter');
    const question = form.getByRole('group');
    await text(question).toBe('Change the project “Acme Website”: time budget 120 h → 150 h; billable yes → no?\nChange\nGo back');
    await expect.poll(() => focused(page)).toBe('Change');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('Save changes');
    expect(callsOf(fake, 'updateCatalogItem')).toEqual([]);

    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await text(catalog.getByRole('status')).toBe('Changed the project "Acme Website": time budget 120 h → 150 h; billable yes → no.');
    expect(callsOf(fake, 'updateCatalogItem')).toEqual([{ kind: 'project', id: expect.any(Number), budgetHours: 150, billable: false }]);
    // The form closed; focus back on the button that opened it.
    expect(await form.count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('Change the project Acme Website');

    // Opened again, it reads afresh: what the back end keeps now.
    await page.keyboard.press('Enter');
    await expect.poll(() => values(form)).toMatchObject({ 'Time budget (hours)': '150', Billable: 'No' });
    expect(callsOf(fake, 'getCatalogItem')).toHaveLength(2);
    await page.keyboard.press('Escape');
    expect(await form.count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('Change the project Acme Website');
  });

  it('moves a project to another customer and clears a budget; says a failed read and a refusal in place, keeping what was typed', async () => {
    const { page, fake } = await open('admin', { account: KIMAI, admin: 'admin' });
    const catalog = card(page, 'Catalog');
    fake.failNext('getCatalogItem', 'Kimai did not answer in time. Try again in a moment.');
    await catalog.getByRole('button', { name: 'Change the project Acme Website' }).click();
    await text(catalog.getByRole('alert')).toBe('Kimai did not answer in time. Try again in a moment.');
    // Escape backs out while it says why, as from the form, and focus goes back to the button that asked.
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('Change the project Acme Website');
    fake.failNext('getCatalogItem', 'Kimai did not answer in time. Try again in a moment.');
    await page.keyboard.press('Enter');
    await catalog.getByRole('button', { name: 'Try again' }).click();
    const form = catalog.getByRole('form', { name: 'Change Acme Website' });
    await form.getByLabel('Customer').selectOption('Beta Corp');
    await form.getByLabel('Money budget').fill('');
    // A date once set cannot be taken away here, and the project cannot end before it starts: said at the field.
    await form.getByLabel('End').fill('');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await text(form.locator('.field-error')).toBe('Punchcard cannot remove a date: give a day.');
    await form.getByLabel('End').fill('2025-12-31');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await text(form.locator('.field-error')).toBe('The project cannot end before it starts.');
    await form.getByLabel('End').fill('2026-12-31');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await text(form.getByRole('group')).toContain('Change the project “Acme Website”: customer Acme → Beta Corp; money budget 9600 → none?');

    fake.failNext('updateCatalogItem', 'Kimai refused to change the project "Acme Website": customer: The selected choice is invalid.');
    await page.keyboard.press('Enter');
    await text(form.getByRole('alert')).toBe('Kimai refused to change the project "Acme Website": customer: The selected choice is invalid.');
    expect(await values(form)).toMatchObject({ Customer: 'Beta Corp', 'Money budget': '' });
    await expect.poll(() => focused(page)).toBe('Save changes');

    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await text(catalog.getByRole('status')).toBe('Changed the project "Acme Website": money budget 9600 → 0; customer "Acme" → "Beta Corp".');
    expect(callsOf(fake, 'updateCatalogItem').at(-1)).toEqual({ kind: 'project', id: expect.any(Number), budgetMoney: 0, customer: expect.any(Number) });
    await text(catalog.getByRole('row', { name: /^Acme Website/ })).toBe('Acme Website\tBeta Corp\tActive\tChange Archive');

    // An activity has no customer and no dates.
    await catalog.getByLabel('Show').selectOption('activity');
    await catalog.getByRole('button', { name: 'Change the activity Design' }).click();
    const design = catalog.getByRole('form', { name: 'Change Design' });
    await expect
      .poll(async () => Object.keys(await values(design)))
      .toEqual(['Name', 'Time budget (hours)', 'Money budget', 'Budget period', 'Billable', 'Comment']);
  });

  it('offers a team lead no change of an item, and asks nothing for it', async () => {
    const { page, fake } = await open('admin', { account: KIMAI, admin: 'lead' });
    const catalog = card(page, 'Catalog');
    await text(catalog.getByRole('row', { name: /^Internal/ })).toBe('Internal\tAcme\tActive\tArchive');
    expect(await catalog.getByRole('button', { name: /^Change/ }).count()).toBe(0);
    expect(callsOf(fake, 'getCatalogItem')).toEqual([]);
  });
});

describe('Administration: people and bulk corrections', () => {
  it('deactivates a person only after a second word, by keyboard; Escape keeps them; the refusal of one’s own account shows in the row', async () => {
    const { page, fake } = await open('admin', { account: KIMAI, admin: 'super' });
    const people = card(page, 'People');
    await text(people.locator('.card-title .total')).toBe('29 people');
    await text(people.getByRole('row', { name: /^Ada Lovelace/ })).toBe('Ada Lovelace\tada@example.com\tROLE_USER\tActive\tChange Deactivate');
    await people.getByRole('button', { name: 'Deactivate Ada Lovelace' }).focus();
    await page.keyboard.press('Enter');
    await text(people.getByRole('group', { name: 'Deactivate “Ada Lovelace”?' })).toContain('They can no longer sign in; what they booked stays.');
    await expect.poll(() => focused(page)).toBe('Deactivate');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('Deactivate Ada Lovelace');
    expect(callsOf(fake, 'setPersonActive')).toEqual([]);

    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await text(people.getByRole('status')).toBe('Deactivated "Ada Lovelace" <ada@example.com>.');
    expect(callsOf(fake, 'setPersonActive')).toEqual([{ id: 1, active: false }]);
    // The list leaves the deactivated out until asked for them.
    await text(people.locator('.card-title .total')).toBe('28 people');
    await people.getByLabel('Show deactivated people').check();
    await text(people.getByRole('row', { name: /^Ada Lovelace/ })).toBe('Ada Lovelace\tada@example.com\tROLE_USER\tDeactivated\tChange Reactivate');
    expect(callsOf(fake, 'getAdminPeople').at(-1)).toEqual({ page: 1, includeInactive: true });

    // One's own account: the engine's refusal, in the row that asked.
    await people.getByRole('button', { name: 'Deactivate Sam Super' }).press('Enter');
    await page.keyboard.press('Enter');
    await text(people.getByRole('alert')).toBe(
      'You cannot deactivate your own account: you would lock yourself out. Another administrator can. Nothing was sent.',
    );
    await expect.poll(() => focused(page)).toBe('Deactivate Sam Super');
  });

  it('changes a role and invites someone after a second word, checks the e-mail first, and pages the list', async () => {
    const { page, fake } = await open('admin', { account: KIMAI, admin: 'super' });
    const people = card(page, 'People');
    await people.getByRole('button', { name: 'Change Grace Hopper' }).press('Enter');
    const form = people.getByRole('form', { name: 'Change Grace Hopper' });
    await expect.poll(() => focused(page)).toBe('Name');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('ROLE_TEAMLEAD');
    await page.keyboard.press('Enter');
    await text(form.getByRole('group')).toContain('Change “Grace Hopper”: role from ROLE_USER to ROLE_TEAMLEAD?');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('Save changes');
    expect(callsOf(fake, 'updatePerson')).toEqual([]);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await text(people.getByRole('status')).toBe('Updated "Grace Hopper" <grace@example.com>: role ROLE_USER → ROLE_TEAMLEAD.');
    expect(callsOf(fake, 'updatePerson')).toEqual([{ id: 4, role: 'ROLE_TEAMLEAD' }]);
    await text(people.getByRole('row', { name: /^Grace Hopper/ })).toContain('ROLE_TEAMLEAD');
    await expect.poll(() => focused(page)).toBe('Change Grace Hopper');

    const invite = people.getByRole('form', { name: 'Invite someone' });
    await invite.getByLabel('Name').fill('Hedy Lamarr');
    await invite.getByLabel('E-mail').fill('hedy');
    await invite.getByLabel('E-mail').press('Enter');
    await text(invite.locator('.field-error')).toBe('Give an e-mail address like ada@example.com.');
    expect(callsOf(fake, 'invitePerson')).toEqual([]);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('hedy@example.com');
    await page.keyboard.press('Enter');
    await text(invite.getByRole('group')).toContain('Invite “Hedy Lamarr” <hedy@example.com>? They get an account that can sign in.');
    await page.keyboard.press('Enter');
    await text(people.getByRole('status')).toContain('Invited "Hedy Lamarr" <hedy@example.com>.');
    expect(callsOf(fake, 'invitePerson')).toEqual([{ name: 'Hedy Lamarr', email: 'hedy@example.com' }]);

    await people.getByRole('button', { name: 'Next page of people' }).press('Enter');
    await text(people.getByRole('table', { name: 'People, page 2 of 2' }).getByRole('row').nth(1)).toContain('Worker');
  });

  it('previews a correction first and sends the preview’s count only after Confirm; a moved count shows the refusal', async () => {
    const { page, fake } = await open('admin', { account: KIMAI, admin: 'admin' });
    const corrections = card(page, 'Bulk corrections');
    const form = corrections.getByRole('form', { name: 'Which entries' });
    await form.getByLabel('First day').fill('2026-04-20');
    await form.getByLabel('Last day').fill('2026-05-12');
    await form.getByLabel('People (optional)').fill('Ada Lovelace');
    // Nothing to change chosen: said at the field, nothing sent.
    await form.getByRole('button', { name: 'Preview' }).press('Enter');
    await text(form.locator('.field-error')).toBe('Choose what changes: a project, an activity, billable, exported or tags.');
    expect(callsOf(fake, 'previewCorrection')).toEqual([]);
    await form.getByLabel('Move to project').selectOption('Internal');
    await form.getByLabel('Billable').focus();
    await form.getByLabel('Billable').selectOption('no');
    await form.getByRole('button', { name: 'Preview' }).press('Enter');
    const scope = { from: '2026-04-20', to: '2026-05-12', people: ['Ada Lovelace'], set: { project: 'Internal', billable: false } };
    await text(corrections.getByRole('heading', { level: 3, name: /^Would change/ })).toBe('Would change 9 entries (18 h)');
    expect(callsOf(fake, 'previewCorrection')).toEqual([scope]);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Would change 9 entries (18 h)');
    await text(corrections.getByRole('list', { name: 'Entries left alone' })).toBe(
      'Apr 27, 2026 9:00 AM, Ada Lovelace: in the locked period\nApr 28, 2026 9:00 AM, Ada Lovelace: in the locked period',
    );
    await text(corrections.getByRole('table', { name: 'The entries it would change' }).getByRole('row').nth(1)).toBe(
      'May 4, 2026 9:00 AM\tAda Lovelace\tAcme Website\tDevelopment\t2 h',
    );
    expect(callsOf(fake, 'applyCorrection')).toEqual([]);

    // Confirm, then Escape: nothing sent.
    await tabTo(page, 'Correct 9 entries');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Confirm');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('Correct 9 entries');
    expect(callsOf(fake, 'applyCorrection')).toEqual([]);

    // Someone books another entry meanwhile: the count the preview showed no longer holds, and the refusal says so.
    fake.adminWorld.bookEntry();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await text(corrections.getByRole('alert')).toBe(
      'The preview showed 9 entries, but the correction now covers 10; nothing was changed. Would change 10 entries (20 h).',
    );
    expect(callsOf(fake, 'applyCorrection')).toEqual([{ ...scope, confirmCount: 9 }]);
    await expect.poll(() => focused(page)).toBe('Preview');

    await page.keyboard.press('Enter');
    await text(corrections.getByRole('heading', { level: 3, name: /^Would change/ })).toBe('Would change 10 entries (20 h)');
    await corrections.getByRole('button', { name: 'Correct 10 entries' }).press('Enter');
    await page.keyboard.press('Enter');
    await text(corrections.getByRole('status')).toBe('Changed 10 entries (20 h).');
    expect(callsOf(fake, 'applyCorrection').at(-1)).toEqual({ ...scope, confirmCount: 10 });
    // Changing a field after a preview drops it: what is confirmed is always what was shown.
    await form.getByRole('button', { name: 'Preview' }).press('Enter');
    await text(corrections.getByRole('heading', { level: 3, name: /^Would change/ })).toBe('Would change 10 entries (20 h)');
    await form.getByLabel('Billable').selectOption('yes');
    expect(await corrections.getByRole('button', { name: /^Correct/ }).count()).toBe(0);
  });

  it('a team lead’s preview leaves exported entries alone', async () => {
    const { page } = await open('admin', { account: KIMAI, admin: 'lead' });
    const corrections = card(page, 'Bulk corrections');
    const form = corrections.getByRole('form', { name: 'Which entries' });
    await form.getByLabel('First day').fill('2026-05-01');
    await form.getByLabel('Last day').fill('2026-05-12');
    await form.getByLabel('People (optional)').fill('Ada Lovelace');
    await form.getByLabel('Add tags (optional)').fill('billing');
    await form.getByRole('button', { name: 'Preview' }).press('Enter');
    await text(corrections.getByRole('heading', { level: 3, name: /^Would change/ })).toBe('Would change 8 entries (16 h)');
    await text(corrections.getByRole('list', { name: 'Entries left alone' })).toBe('May 5, 2026 9:00 AM, Ada Lovelace: exported');
  });
});

/**
 * The words of the People table that were drawn split over two lines, each as "word (its lines)": a
 * name, an e-mail's part (the table lets an address wrap before its @ and its dots), a role or a state.
 */
const splitWords = (table: Locator) =>
  table.evaluate((element) => {
    const split: string[] = [];
    const walker = document.createTreeWalker(element.querySelector('tbody') as Node, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const match of text.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
        if (lines.size > 1) split.push(`${match[0]} (${lines.size})`);
      }
    }
    return split;
  });

it('splits no name, role or state of the People table over two lines, nor an address but before its @ and dots, down to the smallest window', async () => {
  const { page } = await open('admin', { account: KIMAI, admin: 'super' });
  const table = card(page, 'People').getByRole('table', { name: 'People, page 1 of 2' });
  await table.waitFor();
  expect(await splitWords(table)).toEqual([]);
  await page.setViewportSize(SMALLEST);
  await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(SMALLEST.width);
  expect(await splitWords(table)).toEqual([]);
  // The table still fits: nothing scrolls sideways.
  expect(await page.locator('.content').evaluate((content) => content.scrollWidth <= content.clientWidth + 1)).toBe(true);
});

describe('the Teams section', () => {
  it('shows a team’s members and leads, and makes a lead, refuses a lead’s removal in words, adds, renames, deletes and creates, each asked first, by keyboard', async () => {
    const { page, fake } = await open('admin', { account: KIMAI, admin: 'admin' });
    const teams = card(page, 'Teams');
    await text(teams.locator('.card-title .total')).toBe('3 teams');
    await expect
      .poll(() => teams.getByRole('table', { name: 'Members of Backend' }).locator('tbody tr').allInnerTexts())
      .toEqual(['Grace Hopper\tLead\tRemove', 'Alan Turing\tMember\tMake lead Remove', 'Edsger Dijkstra\tMember\tMake lead Remove']);
    await teams.getByLabel('Team', { exact: true }).focus();
    await teams.getByLabel('Team', { exact: true }).selectOption('Web');
    const web = teams.getByRole('table', { name: 'Members of Web' });
    await text(web.getByRole('row', { name: /^Ada Lovelace/ })).toBe('Ada Lovelace\tMember\tMake lead Remove');

    // A lead made: asked first, Escape backs out, then a yes.
    await web.getByRole('button', { name: 'Make lead: Ada Lovelace in Web' }).press('Enter');
    await text(web.getByRole('group')).toBe('Make “Ada Lovelace” a lead of the team “Web”? “Tom Lead” leads it now and stays.\nMake lead\nGo back');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('Make lead: Ada Lovelace in Web');
    expect(callsOf(fake, 'changeTeam')).toEqual([]);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await text(teams.getByRole('status')).toBe('"Ada Lovelace" now leads the team "Web".');
    await text(web.getByRole('row', { name: /^Ada Lovelace/ })).toBe('Ada Lovelace\tLead\tRemove');
    expect(callsOf(fake, 'changeTeam')).toEqual([{ action: 'set_lead', id: 1, person: 1 }]);

    // A lead removed: the engine's refusal, in words, under the row that asked.
    await web.getByRole('button', { name: 'Remove Tom Lead from Web' }).press('Enter');
    await text(web.getByRole('group')).toContain('Remove “Tom Lead” from the team “Web”? “Ada Lovelace” stays. Their time entries stay as they are.');
    await page.keyboard.press('Enter');
    await text(web.getByRole('alert')).toBe(
      // team_lead_not_removable in the catalog's words for a person (mcp-server/contract/outcomes/team.ts).
      '"Tom Lead" leads the team "Web", and Kimai removes no team lead through its API: take the lead away in its Teams page first. Nothing was changed.',
    );
    await expect.poll(() => focused(page)).toBe('Remove Tom Lead from Web');

    // People added by name and e-mail.
    const add = teams.getByRole('form', { name: 'Add people to Web' });
    await add.getByLabel('People').press('Enter');
    await text(add.locator('.field-error')).toBe('Name someone to add.');
    await page.keyboard.type('Grace Hopper, ken@example.com');
    await page.keyboard.press('Enter');
    await text(add.getByRole('group')).toContain('Add Grace Hopper and ken@example.com to the team “Web”? It has 2 members now.');
    await page.keyboard.press('Enter');
    await text(teams.getByRole('status')).toBe('Added "Grace Hopper" and "Ken Thompson" to the team "Web"; it has 4 members now.');
    await text(web.getByRole('row', { name: /^Ken Thompson/ })).toContain('Member');
    expect(callsOf(fake, 'changeTeam').at(-1)).toEqual({ action: 'add_members', id: 1, people: ['Grace Hopper', 'ken@example.com'] });

    // Renamed, then deleted.
    const rename = teams.getByRole('form', { name: 'Rename Web' });
    await rename.getByLabel('New name').fill('Web team');
    await rename.getByLabel('New name').press('Enter');
    await text(rename.getByRole('group')).toContain('Rename the team “Web” to “Web team”?');
    await page.keyboard.press('Enter');
    await text(teams.getByRole('status')).toBe('Renamed the team "Web" to "Web team".');
    await expect.poll(() => focused(page)).toBe('Team');
    await teams.getByRole('button', { name: 'Delete Web team…' }).press('Enter');
    await text(teams.getByRole('group')).toContain('Delete the team “Web team” and its 4 memberships? Their time entries stay; the access it gave them goes.');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('Delete Web team…');
    expect(callsOf(fake, 'changeTeam').filter((call) => (call as { action: string }).action === 'delete')).toEqual([]);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await text(teams.getByRole('status')).toBe('Deleted the team "Web team".');
    await text(teams.locator('.card-title .total')).toBe('2 teams');

    // Created: the person herself its first member and lead.
    const create = teams.getByRole('form', { name: 'Create a team' });
    await create.getByLabel('Name').fill('D');
    await create.getByLabel('Name').press('Enter');
    await text(create.locator('.field-error')).toBe('A team name has at least 2 characters.');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Design');
    await page.keyboard.press('Enter');
    await text(create.getByRole('group')).toContain('Create the team “Design”? You become its first member and lead; add people to it next.');
    await page.keyboard.press('Enter');
    await text(teams.getByRole('status')).toBe('Created the team "Design" with "Sam Super".');
    await text(teams.getByRole('table', { name: 'Members of Design' })).toContain('Sam Super\tLead');
    expect(callsOf(fake, 'changeTeam').at(-1)).toEqual({ action: 'create', name: 'Design' });
  });

  it('asks for a team’s members afresh each time it is chosen, as they may have changed elsewhere', async () => {
    const { page, fake } = await open('admin', { account: KIMAI, admin: 'admin' });
    const teams = card(page, 'Teams');
    const pick = teams.getByLabel('Team', { exact: true });
    await teams.getByRole('table', { name: 'Members of Backend' }).waitFor();
    await pick.selectOption('Web');
    await teams.getByRole('table', { name: 'Members of Web' }).waitFor();
    await pick.selectOption('Backend');
    await teams.getByRole('table', { name: 'Members of Backend' }).waitFor();
    await pick.selectOption('Web');
    await expect.poll(() => callsOf(fake, 'getAdminTeam')).toEqual([{ id: 2 }, { id: 1 }, { id: 2 }, { id: 1 }]);
  });

  it('is not offered to a team lead, who edits no team', async () => {
    const { page, fake } = await open('admin', { account: KIMAI, admin: 'lead' });
    await card(page, 'Catalog').waitFor();
    expect(await card(page, 'Teams').count()).toBe(0);
    expect(callsOf(fake, 'getAdminTeams')).toEqual([]);
  });
});

describe('the Rates section', () => {
  it('lists an item’s rates, sets one per person and removes everyone’s, each asked first with before and after, by keyboard', async () => {
    const { page, fake } = await open('admin', { account: KIMAI, admin: 'admin' });
    const rates = card(page, 'Rates');
    const table = rates.getByRole('table', { name: 'Rates of Acme Website' });
    await expect
      .poll(() => table.locator('tbody tr').allInnerTexts())
      .toEqual(['Everyone\t€80.00 an hour\tRemove', 'Ada Lovelace\t€95.00 an hour, internal €60.00\tRemove']);

    const form = rates.getByRole('form', { name: 'Set a rate' });
    await form.getByLabel('For (optional)').fill('Ada Lovelace');
    await form.getByLabel('Amount').fill('1e3');
    await form.getByLabel('Amount').press('Enter');
    await text(form.locator('.field-error')).toBe('Give an amount from 0 to 1,000,000, like 80 or 80.50.');
    await expect.poll(() => focused(page)).toBe('Amount');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('100');
    await form.getByLabel('Internal (optional)').fill('60');
    await form.getByLabel('Internal (optional)').press('Enter');
    await text(form.getByRole('group')).toContain(
      'Set the rate of the project “Acme Website” for Ada Lovelace: €95.00 an hour, internal €60.00 → €100.00 an hour, internal €60.00?',
    );
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('Set rate');
    expect(callsOf(fake, 'setRate')).toEqual([]);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await text(rates.getByRole('status')).toBe(
      'Set the rate of the project "Acme Website" for Ada Lovelace: 95 EUR an hour, internal 60 EUR → 100 EUR an hour, internal 60 EUR.',
    );
    expect(callsOf(fake, 'setRate')).toEqual([{ kind: 'project', item: expect.any(Number), person: 'Ada Lovelace', hourly: 100, internal: 60 }]);
    await text(table.getByRole('row', { name: /^Ada Lovelace/ })).toBe('Ada Lovelace\t€100.00 an hour, internal €60.00\tRemove');

    await table.getByRole('button', { name: 'Remove the rate for everyone' }).press('Enter');
    await text(table.getByRole('group')).toContain('Remove the rate of the project “Acme Website” for everyone: €80.00 an hour → none?');
    await page.keyboard.press('Enter');
    await text(rates.getByRole('status')).toBe('Removed the rate of the project "Acme Website" for everyone (was 80 EUR an hour).');
    await expect.poll(() => table.locator('tbody tr').allInnerTexts()).toEqual(['Ada Lovelace\t€100.00 an hour, internal €60.00\tRemove']);
    expect(callsOf(fake, 'removeRate')).toEqual([{ kind: 'project', item: expect.any(Number), person: null }]);

    // Another item: its own rates, asked when it is chosen.
    await rates.getByLabel('Rates of a', { exact: true }).selectOption('activity');
    await text(rates.locator('.admin-rates-of > p.muted').first()).toBe('No rates of its own: entries bill at the rates the back end applies otherwise.');
    expect(callsOf(fake, 'getRates').at(-1)).toEqual({ kind: 'activity', item: expect.any(Number) });
  });
});
