// Working time in headless Chromium against the fake bridge (issue 92): the rule set chosen in
// Preferences by keyboard (the holidays' country's offered, nothing switched on unasked) and written to
// config.json by main's own handler; the organisation's rules shown as its and never sent; Reports'
// month sheet with each finding said in words on its day, the month stepped, saved as CSV and printed
// as a sheet to sign; Status' line for today's finding, and none with the rules off. Uses the built
// window and fails, never skips, without it or Chromium.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Screen } from '../../window-contract/channels.ts';
import { createFakeBridge, type FakeBridge, type FakeBridgeOptions } from './fake-bridge.ts';
import { launchChromium, rendererDist, screenOf, screenReady, windowPool, type WindowPool } from './harness.ts';
import { type FakeWindow, openOnFake, whatWentWrong } from './fake-window.ts';
import { PATIENCE_MS } from '../support/patience.ts';
import { SMALLEST } from './screenshots.ts';

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
/** The focused control's name: its aria-label, its label's words, or its own. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    return element?.getAttribute('aria-label') || element?.labels?.[0]?.textContent?.trim() || element?.textContent?.trim() || '';
  });

async function workingTimeOf(page: Page): Promise<Locator> {
  const reports = screenOf(page, 'reports');
  await reports.getByRole('radio', { name: 'Working time' }).check();
  const sheet = reports.locator('.working-time-sheet');
  await sheet.waitFor({ timeout: PATIENCE_MS });
  return sheet;
}

describe('Preferences', () => {
  it('offers the holidays’ country’s rules without switching them on, and saves the choice and the warnings by keyboard', async () => {
    const { page, fake } = await open('preferences', { workingTime: { rules: 'off' } });
    const card = screenOf(page, 'preferences').getByRole('form', { name: 'Working time' });
    const rules = card.getByLabel('Rules');
    await expect.poll(() => rules.inputValue()).toBe('off');
    await text(card).toContain('Suggested for Germany’s public holidays: Germany (ArbZG). Nothing is checked until you choose.');
    // Nothing is on until asked: the warnings' switch waits for rules, and nothing was written.
    expect(await card.getByRole('switch', { name: 'Warn in the tray before a limit is reached' }).isDisabled()).toBe(true);
    expect(fake.state.config.workingTime).toEqual({ rules: 'off', notify: true });

    await rules.focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Use Germany (ArbZG)');
    await page.keyboard.press('Enter');
    await expect.poll(() => rules.inputValue()).toBe('de');
    // The suggestion has gone with the choice, and the focus is back on the rules; on from there to the warnings, now offered.
    expect(await card.getByRole('button', { name: /^Use (Germany|Austria|EU)/ }).count()).toBe(0);
    expect(await rules.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Warn in the tray before a limit is reached');
    await page.keyboard.press('Space');
    expect(await card.getByRole('switch', { name: 'Warn in the tray before a limit is reached' }).isChecked()).toBe(false);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Use these rules and warnings');
    await page.keyboard.press('Enter');
    await text(card.getByRole('status')).toBe('Saved.');
    expect(callsOf(fake, 'saveWorkingTimeSettings')).toEqual([{ rules: 'de', notify: false }]);
    expect(fake.state.config.workingTime).toEqual({ rules: 'de', notify: false });
  });

  it('shows the organisation’s rules as its, locked, and sends only the warnings', async () => {
    const { page, fake } = await open('preferences', { workingTime: { rules: 'off', policy: 'at' } });
    const card = screenOf(page, 'preferences').getByRole('form', { name: 'Working time' });
    const rules = card.getByLabel('Rules');
    await expect.poll(() => rules.inputValue()).toBe('at');
    expect(await rules.isDisabled()).toBe(true);
    await text(card.locator('.locked')).toBe('Set by your organisation Your organisation’s policy checks your time against Austria (AZG and ARG).');
    expect(await card.getByRole('button', { name: /^Use (Germany|Austria|EU)/ }).count()).toBe(0);
    await card.getByRole('switch', { name: 'Warn in the tray before a limit is reached' }).uncheck();
    await card.getByRole('button', { name: 'Use these rules and warnings' }).click();
    await text(card.getByRole('status')).toBe('Saved.');
    expect(callsOf(fake, 'saveWorkingTimeSettings')).toEqual([{ notify: false }]);
    expect(fake.state.config.workingTime).toEqual({ rules: 'off', notify: false });
  });
});

describe('Reports', () => {
  it('shows the month a line a day, each finding in words on its day, the totals and the balance; steps by month', async () => {
    const { page, fake } = await open('reports', { workingTime: { rules: 'de' } });
    const sheet = await workingTimeOf(page);
    await text(sheet.getByRole('heading', { level: 2 })).toBe('Working time, May 2026');
    await text(sheet.locator('p.hint')).toBe('Checked against the ArbZG: 4 findings this month.');
    const rows = sheet.locator('tbody tr.day');
    await expect.poll(() => rows.count()).toBe(31);
    await text(rows.nth(0)).toBe('Fri 1\tLabour Day\t\t');
    await text(rows.nth(4)).toBe('Tue 5\t8:30 AM\t8:30 PM\t45 min\t10 h 45 min\t8 h\t+2 h 45 min');
    await text(sheet.locator('tr.day-notes td:last-child').first()).toBe('Day over the maximum: 10 h 45 min of 10 h');
    await text(rows.nth(5)).toBe('Wed 6\t6:00 AM\t2:30 PM\t30 min\t8 h\t8 h\t+0 min');
    await text(sheet.locator('tr.day-notes td:last-child').nth(1)).toBe('Rest too short: 9 h 30 min, 11 h required');
    await text(rows.nth(7)).toBe('Fri 8\tVacation\t\t');
    // A day still to come has its target, and no difference yet.
    await text(rows.nth(13)).toBe('Thu 14\t\t\t\t\t8 h\t');
    expect(await sheet.locator('tr.day.has-finding').count()).toBe(4);
    await text(sheet.locator('.working-time-findings li').first()).toBe('On May 5, you worked 10 h 45 min, more than the 10 h a day the ArbZG allows.');
    await text(sheet.locator('.working-time-balance')).toContain('+12 h 34 min');
    expect(callsOf(fake, 'getWorkingTime')).toEqual([{ from: '2026-05-01', to: '2026-05-31' }]);

    await screenOf(page, 'reports').getByRole('button', { name: 'Previous month' }).click();
    await text(sheet.getByRole('heading', { level: 2 })).toBe('Working time, April 2026');
    await expect.poll(() => rows.count()).toBe(30);
    expect(callsOf(fake, 'getWorkingTime').at(-1)).toEqual({ from: '2026-04-01', to: '2026-04-30' });
    // The hours' report of a month is not asked while working time is shown.
    expect(callsOf(fake, 'getReport')).toEqual([{ from: '2026-05-01', to: '2026-05-31' }]);
  });

  it('is reached by keyboard, and says with the rules off that nothing is checked and where to choose them', async () => {
    const { page } = await open('reports', { workingTime: { rules: 'off' } });
    const reports = screenOf(page, 'reports');
    await reports.getByRole('radio', { name: 'Month' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await reports.getByRole('radio', { name: 'Working time' }).isChecked()).toBe(true);
    const sheet = reports.locator('.working-time-sheet');
    await text(sheet.locator('p.hint')).toBe(
      'No working-time rules are set: the days and totals are shown, nothing is checked. Choose the rules in Preferences, under Working time.',
    );
    expect(await sheet.locator('tr.has-finding').count()).toBe(0);
    expect(await sheet.locator('.working-time-findings').count()).toBe(0);
    // The sheet's actions, then the table, which scrolls sideways in a narrow window, each take the focus in turn.
    await sheet.getByRole('button', { name: 'Export CSV…' }).focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Print sheet…');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Working time a day, May 2026');
  });

  it('says a month without findings so', async () => {
    const { page } = await open('reports', { workingTime: { rules: 'de', clean: true } });
    const sheet = await workingTimeOf(page);
    await text(sheet.locator('p.hint')).toBe('Checked against the ArbZG: no findings this month.');
    expect(await sheet.locator('tr.has-finding').count()).toBe(0);
  });

  it('fits its seven columns in the smallest window, with nothing to scroll sideways for', async () => {
    const { page } = await open('reports', { workingTime: { rules: 'de' } });
    await page.setViewportSize(SMALLEST);
    const sheet = await workingTimeOf(page);
    const scroll = sheet.locator('.table-scroll');
    const widths = await scroll.evaluate((element) => ({ content: element.scrollWidth, shown: element.clientWidth }));
    expect(widths.content).toBeLessThanOrEqual(widths.shown);
    await expect.poll(() => sheet.locator('thead th').last().innerText()).toBe('Difference');
  });

  it('saves the month as CSV and prints a sheet with only the month and lines to sign', async () => {
    const { page, fake } = await open('reports', { workingTime: { rules: 'de' } });
    const sheet = await workingTimeOf(page);
    await sheet.getByRole('button', { name: 'Export CSV…' }).click();
    await text(sheet.getByRole('status')).toBe('Saved 31 days to /home/ada/punchcard-working-time-2026-05-01-to-2026-05-31.csv.');
    const lines = fake.workingTimeExports[0]?.split('\r\n') ?? [];
    expect(lines[5]).toBe('2026-05-05,08:30,20:30,45,645,480,165,,day over the maximum');
    expect(lines[8]).toBe('2026-05-08,,,0,0,0,0,vacation,');

    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await sheet.getByRole('button', { name: 'Print sheet…' }).click();
    await expect.poll(() => page.locator('body').getAttribute('data-printed')).toBe('yes');
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('nav.sidebar').isVisible()).toBe(false);
      expect(await screenOf(page, 'reports').getByRole('toolbar', { name: 'Period' }).isVisible()).toBe(false);
      expect(await sheet.getByRole('button', { name: 'Print sheet…' }).isVisible()).toBe(false);
      expect(await sheet.locator('.signatures').isVisible()).toBe(true);
      await text(sheet.locator('.signatures')).toBe('Employee: signature and date\n\nEmployer: signature and date');
      await page.screenshot({ path: 'test-output/screenshots/reports-working-time-print.png', fullPage: true });
    } finally {
      await page.emulateMedia({ media: null });
    }
  });
});

describe('Status', () => {
  it('says today’s finding as it happens, in words', async () => {
    const { page } = await open('status', { workingTime: { rules: 'de' } });
    const line = screenOf(page, 'status').locator('.working-time-today');
    await text(line).toBe('Your rest before 8:45 AM today was 10 h 15 min, shorter than the 11 h the ArbZG asks for.');
  });

  it('says nothing with the rules off, and asks the engine nothing for it', async () => {
    const { page, fake } = await open('status', { workingTime: { rules: 'off' } });
    await expect.poll(() => callsOf(fake, 'getWorkingTimeSettings').length).toBeGreaterThan(0);
    await screenOf(page, 'status').getByRole('heading', { name: 'Today' }).waitFor();
    expect(await screenOf(page, 'status').locator('.working-time-today').count()).toBe(0);
    expect(callsOf(fake, 'getWorkingTime')).toEqual([]);
  });
});
