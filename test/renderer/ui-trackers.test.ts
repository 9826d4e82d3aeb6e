// Status, Timesheet and Reports with two connections (issue 86) in headless Chromium against the
// fake bridge (fake-trackers.ts): every row labelled, the filter of all or one driven by keyboard, a
// new entry asking which connection and going there, an existing entry changed and deleted in its own
// connection, and nothing of it with one connection. Uses the built window and fails, never skips,
// without it or Chromium.
import type { Browser, Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Screen } from '../../window-contract/channels.ts';
import { createFakeBridge, type FakeBridge, type FakeBridgeOptions } from './fake-bridge.ts';
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
const content = (locator: Locator) => expect.poll(() => locator.textContent());
const hidden = (locator: Locator) => locator.waitFor({ state: 'hidden', timeout: PATIENCE_MS });
const callsOf = (fake: FakeBridge, name: string) => fake.calls.filter((call) => call.name === name).map((call) => call.request);

describe('two connections', () => {
  it('labels the timer and today’s entries, adds up the hours and keeps each connection’s target; the filter shows one', async () => {
    const { page } = await open('status', { twoConnections: true });
    const status = screenOf(page, 'status');
    await expect.poll(() => status.locator('.timer .what').textContent()).toBe('Beta Corp · Supportin beta');
    const today = status.getByRole('region', { name: 'Today' });
    await text(today.locator('.total')).toBe('5 h 10 min');
    await text(today.getByRole('list', { name: 'Today per connection' })).toBe('acme 3 h 50 min of 8 h\nbeta 1 h 20 min of 2 h');
    expect(await today.getByRole('list', { name: 'Today’s entries' }).locator('.tracker-tag').allTextContents()).toEqual(['in acme', 'in acme', 'in beta']);
    // The week's table for screen readers gives each connection's own target, never one added up.
    const wednesday = status.getByRole('region', { name: 'This week' }).getByRole('row', { name: /^Wednesday/ });
    expect(await wednesday.locator('td').last().textContent()).toBe('acme 8 hours; beta 2 hours');
    // By keyboard, as a select is: beta alone, with its own target.
    const filter = status.getByRole('combobox', { name: 'Show' });
    await filter.focus();
    await filter.press('ArrowDown');
    await filter.press('ArrowDown');
    await expect.poll(() => filter.inputValue()).toBe('beta');
    await text(today.locator('.total')).toBe('1 h 20 min of 2 h');
    expect(await today.getByRole('list', { name: 'Today’s entries' }).getByRole('listitem').count()).toBe(1);
  });

  it('asks a new entry’s connection, preset to the default, and logs it there; an entry is changed and deleted in its own', async () => {
    const { page, fake } = await open('timesheet', { twoConnections: true });
    const sheet = screenOf(page, 'timesheet');
    await sheet.getByRole('button', { name: 'Fill the gap from 12:15 PM to 1:00 PM' }).first().click();
    const form = sheet.getByRole('form', { name: 'New entry' });
    const connection = form.getByRole('combobox', { name: 'Connection' });
    expect(await connection.inputValue()).toBe('acme');
    expect(await connection.locator('option').allInnerTexts()).toEqual(['acme (default)', 'beta']);
    await connection.selectOption('beta');
    await form.getByLabel('Project').fill('Beta Corp');
    await form.getByLabel('Project').press('Enter');
    await hidden(form);
    expect(callsOf(fake, 'logTime').at(-1)).toEqual({ start: '2026-05-11T12:15', end: '2026-05-11T13:00', project: 'Beta Corp', tracker: 'beta' });
    const monday = sheet.getByRole('region', { name: 'Monday, May 11' });
    await text(monday.locator('.day-total')).toBe('8 h 25 min · targets: acme 8 h, beta 2 h');

    await monday.getByRole('button', { name: /^Edit Internal · Meetings/ }).click();
    const editor = monday.getByRole('form', { name: 'Change the entry' });
    // An existing entry stays in its connection: nothing to choose.
    expect(await editor.getByRole('combobox', { name: 'Connection' }).count()).toBe(0);
    await editor.getByLabel('Note').fill('Sprint planning and retro');
    await editor.getByLabel('Note').press('Enter');
    await hidden(editor);
    expect(callsOf(fake, 'updateEntry').at(-1)).toMatchObject({ description: 'Sprint planning and retro', tracker: 'acme' });

    await monday.getByRole('button', { name: /^Delete Beta Corp · Support/ }).click();
    await monday.getByRole('group', { name: 'Delete this entry?' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => callsOf(fake, 'deleteEntry').at(-1)).toMatchObject({ tracker: 'beta' });
  });

  it('presets a new entry to the connection shown', async () => {
    const { page, fake } = await open('timesheet', { twoConnections: true });
    const sheet = screenOf(page, 'timesheet');
    await sheet.getByRole('combobox', { name: 'Show' }).selectOption('beta');
    await sheet.getByRole('button', { name: 'Add entry on Monday, May 11' }).click();
    const form = sheet.getByRole('form', { name: 'New entry' });
    expect(await form.getByRole('combobox', { name: 'Connection' }).inputValue()).toBe('beta');
    await form.getByLabel('Start').fill('18:00');
    await form.getByLabel('End').fill('19:00');
    await form.getByLabel('Project').fill('Beta Corp');
    await form.getByRole('button', { name: 'Save' }).click();
    await hidden(form);
    expect(callsOf(fake, 'logTime').at(-1)).toMatchObject({ project: 'Beta Corp', tracker: 'beta' });
  });

  it('reports the hours added up and each connection’s own targets and balance; one connection shown as its own report', async () => {
    const { page } = await open('reports', { twoConnections: true });
    const reports = screenOf(page, 'reports');
    await text(reports.getByRole('region', { name: 'Connection acme (default)' }).locator('.figure').first()).toBe('Worked\n13 h 20 min\nof a 106 h target');
    await text(reports.getByRole('region', { name: 'Connection beta' }).locator('.figure').last()).toContain("beta's time account for 2026");
    expect(await reports.getByRole('region', { name: 'Hours by project' }).locator('.tracker-tag').allTextContents()).toEqual([
      'in acme',
      'in beta',
      'in acme',
    ]);
    await reports.getByRole('combobox', { name: 'Show' }).selectOption('beta');
    await text(reports.locator('.summary-cards .figure').first()).toBe('Worked\n7 h 10 min\nof a 42 h target');
    expect(await reports.getByRole('region', { name: 'Connection acme (default)' }).count()).toBe(0);
  });
});

describe('two connections that share the settings’ week', () => {
  const SHARED = { twoConnections: true, sharedWeek: true } as const;

  it('reports their hours together against one target, said once; each one its hours; one shown beside the week it shares', async () => {
    const { page } = await open('reports', SHARED);
    const reports = screenOf(page, 'reports');
    const together = reports.getByRole('region', { name: 'acme and beta together' });
    await text(together.locator('.figure').first()).toBe('Worked\n20 h 30 min\nof a 106 h target');
    await text(reports.getByRole('region', { name: 'Connection acme (default)' }).locator('.figure')).toBe(
      'Worked\n13 h 20 min\nagainst the work week it shares with beta',
    );
    await text(reports.getByRole('region', { name: 'Connection beta' }).locator('.figure')).toBe(
      'Worked\n7 h 10 min\nagainst the work week it shares with acme',
    );
    // The week is never each one's: one target on the whole screen.
    expect(await reports.getByText(/of a \d+ h target/).count()).toBe(1);
    const monday = reports.getByRole('region', { name: 'Hours per day' }).getByRole('row', { name: /^Monday, May 11/ });
    expect(await monday.locator('td').last().textContent()).toBe('acme and beta together 8 hours');

    await reports.getByRole('combobox', { name: 'Show' }).selectOption('beta');
    await text(reports.locator('.summary-cards .figure').first()).toBe('Worked\n7 h 10 min\nagainst the work week it shares with acme');
    await text(reports.getByRole('region', { name: 'acme and beta together' }).locator('.figure').first()).toBe('Worked\n20 h 30 min\nof a 106 h target');
    expect(await reports.getByRole('region', { name: 'Connection acme (default)' }).count()).toBe(0);
  });

  it('the status and the week say their one target together, never one each', async () => {
    const { page } = await open('status', SHARED);
    const status = screenOf(page, 'status');
    const today = status.getByRole('region', { name: 'Today' });
    await text(today.getByRole('list', { name: 'Today per connection' })).toBe('acme 3 h 50 min\nbeta 1 h 20 min\nacme and beta together 5 h 10 min of 8 h');
    const wednesday = status.getByRole('region', { name: 'This week' }).getByRole('row', { name: /^Wednesday/ });
    expect(await wednesday.locator('td').last().textContent()).toBe('acme and beta together 8 hours');
    await status.getByRole('combobox', { name: 'Show' }).selectOption('beta');
    await text(today.locator('.total')).toBe('1 h 20 min · acme and beta together 5 h 10 min of 8 h');
  });
});

describe('a timer in each connection', () => {
  it('shows each running timer with its connection and its own Clock out, which stops only its own', async () => {
    // Calamari takes breaks: each timer offers its own.
    const calamari = { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' } as const;
    const { page, fake } = await open('status', { twoConnections: true, perTrackerTimers: true, account: calamari });
    const status = screenOf(page, 'status');
    const card = status.getByRole('region', { name: 'Timers' });
    await text(card.locator('.badge').first()).toBe('2 running');
    const acme = card.getByRole('group', { name: 'Timer in acme' });
    const beta = card.getByRole('group', { name: 'Timer in beta' });
    await content(acme.locator('.what')).toBe('Internal · Meetingsin acme');
    await content(beta.locator('.what')).toBe('Beta Corp · Supportin beta');
    expect(await card.getByRole('button', { name: /^Clock out/ }).evaluateAll((buttons) => buttons.map((one) => one.textContent))).toEqual([
      // Oldest started first: beta's since 13:05, acme's since 13:10.
      'Clock out of beta',
      'Clock out of acme',
    ]);

    // A break on acme's alone, by keyboard.
    await acme.getByRole('button', { name: 'Start break of acme' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => callsOf(fake, 'startBreak').at(-1)).toMatchObject({ tracker: 'acme' });
    const endBreak = acme.getByRole('button', { name: 'End break of acme' });
    await expect.poll(() => endBreak.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await beta.getByRole('button', { name: 'Start break of beta' }).count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => callsOf(fake, 'endBreak').at(-1)).toEqual({ tracker: 'acme' });

    // beta's Clock out, by keyboard: beta's stops, acme's runs on and its Clock out takes the focus.
    await beta.getByRole('button', { name: 'Clock out of beta' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => callsOf(fake, 'clockOut').at(-1)).toEqual({ tracker: 'beta' });
    const single = status.getByRole('region', { name: 'Timer', exact: true });
    await content(single.locator('.what')).toBe('Internal · Meetingsin acme');
    const clockOut = single.getByRole('button', { name: 'Clock out', exact: true });
    await expect.poll(() => clockOut.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await status.getByRole('alert').count()).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => callsOf(fake, 'clockOut').at(-1)).toEqual({ tracker: 'acme' });
    await text(single.locator('.badge').first()).toBe('Not running');
  });

  it('shows one connection’s timer alone, as ever, when the filter shows it', async () => {
    const { page, fake } = await open('status', { twoConnections: true, perTrackerTimers: true });
    const status = screenOf(page, 'status');
    await status.getByRole('combobox', { name: 'Show' }).selectOption('acme');
    const card = status.getByRole('region', { name: 'Timer', exact: true });
    await content(card.locator('.what')).toBe('Internal · Meetingsin acme');
    await card.getByRole('button', { name: 'Clock out', exact: true }).click();
    await expect.poll(() => callsOf(fake, 'clockOut').at(-1)).toEqual({ tracker: 'acme' });
  });
});

describe('clocking in with two connections', () => {
  it('asks which connection, preset to the default, and clocks in there; by keyboard', async () => {
    const { page, fake } = await open('status', { twoConnections: true, running: false });
    const status = screenOf(page, 'status');
    const form = status.getByRole('form', { name: 'Clock in' });
    const connection = form.getByRole('combobox', { name: 'Connection' });
    expect(await connection.inputValue()).toBe('acme');
    expect(await connection.locator('option').allInnerTexts()).toEqual(['acme (default)', 'beta']);
    await connection.focus();
    await connection.press('ArrowDown');
    await expect.poll(() => connection.inputValue()).toBe('beta');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Beta Corp');
    await page.keyboard.press('Enter');
    await expect.poll(() => callsOf(fake, 'clockIn').at(-1)).toEqual({ project: 'Beta Corp', tracker: 'beta' });
    await content(status.locator('.timer .what')).toBe('Beta Corpin beta');
  });

  it('presets the connection the filter shows', async () => {
    const { page, fake } = await open('status', { twoConnections: true, running: false });
    const status = screenOf(page, 'status');
    await status.getByRole('combobox', { name: 'Show' }).selectOption('beta');
    const form = status.getByRole('form', { name: 'Clock in' });
    await expect.poll(() => form.getByRole('combobox', { name: 'Connection' }).inputValue()).toBe('beta');
    await form.getByLabel('Project').fill('Beta Corp');
    await form.getByRole('button', { name: 'Clock in' }).click();
    await expect.poll(() => callsOf(fake, 'clockIn').at(-1)).toMatchObject({ project: 'Beta Corp', tracker: 'beta' });
  });
});

describe('the idle question with two connections', () => {
  it('names the timer with its connection', async () => {
    const { page } = await open('status', { twoConnections: true, idleQuestion: true });
    const dialog = page.getByRole('dialog', { name: 'You were away for 35 minutes' });
    await dialog.waitFor({ state: 'visible', timeout: PATIENCE_MS });
    await text(dialog).toContain('while the timer ran on beta: Beta Corp · Support.');
  });
});

describe('one connection', () => {
  it('shows no connection, no filter and no select, and passes none', async () => {
    const { page, fake } = await open('timesheet');
    const sheet = screenOf(page, 'timesheet');
    expect(await sheet.locator('.tracker-tag').count()).toBe(0);
    expect(await sheet.getByRole('combobox', { name: 'Show' }).count()).toBe(0);
    await sheet.getByRole('button', { name: 'Fill the gap from 12:15 PM to 1:00 PM' }).first().click();
    const form = sheet.getByRole('form', { name: 'New entry' });
    expect(await form.getByRole('combobox', { name: 'Connection' }).count()).toBe(0);
    await form.getByLabel('Project').fill('Internal');
    await form.getByLabel('Project').press('Enter');
    await hidden(form);
    expect(callsOf(fake, 'logTime').at(-1)).toEqual({ start: '2026-05-11T12:15', end: '2026-05-11T13:00', project: 'Internal' });
  });

  it('clocks in with no connection to choose and passes none', async () => {
    const { page, fake } = await open('status', { running: false });
    const form = screenOf(page, 'status').getByRole('form', { name: 'Clock in' });
    expect(await form.getByRole('combobox', { name: 'Connection' }).count()).toBe(0);
    await form.getByLabel('Project').fill('Internal');
    await form.getByLabel('Project').press('Enter');
    await expect.poll(() => callsOf(fake, 'clockIn').at(-1)).toEqual({ project: 'Internal' });
  });
});
