// The daily screens in headless Chromium against the fake bridge: the timesheet edited in place by
// keyboard, reports and their export, leave filed with its cost shown first and withdrawn, the team
// calendar with the privacy each back end keeps, the idle question, and the tray's preferences.
// Each action is driven as a person would and checked where it lands (the bridge calls). Uses the
// built window and fails, never skips, without it or Chromium.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../window-contract/account.ts';
import type { Screen } from '../../window-contract/channels.ts';
import { createFakeBridge, SAMPLE_KEPT_WRITES, type FakeBridge, type FakeBridgeOptions } from './fake-bridge.ts';
import { CLOCKIFY_FIELDS } from './fake-fields.ts';
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
const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: PATIENCE_MS });
const hidden = (locator: Locator) => locator.waitFor({ state: 'hidden', timeout: PATIENCE_MS });
const callsOf = (fake: FakeBridge, name: string) => fake.calls.filter((call) => call.name === name).map((call) => call.request);
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim());

const KIMAI: AccountView['provider'] = { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false };
const CLOCKODO: AccountView['provider'] = { type: 'clockodo', email: 'ada@acme.example', url: 'https://my.clockodo.com' };
const CALAMARI: AccountView['provider'] = { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' };

/** Controls a screen reader could not name: none is allowed on any screen. */
async function unlabelled(page: Page, screen: Screen): Promise<string[]> {
  return screenOf(page, screen)
    .locator('input, select, textarea, button, a[href]')
    .evaluateAll((elements) =>
      elements
        .filter((element) => {
          const control = element as HTMLInputElement;
          const named =
            control.getAttribute('aria-label') || control.getAttribute('aria-labelledby') || (control.labels?.length ?? 0) > 0 || element.textContent?.trim();
          return !named && control.type !== 'hidden' && (element as HTMLElement).offsetParent !== null;
        })
        .map((element) => element.outerHTML.slice(0, 120)),
    );
}

describe('Timesheet', () => {
  it("lists an AI agent's own time, says whose it is, and leaves it out of the day's and the week's totals", async () => {
    const { page } = await open('timesheet', { agentEntry: true });
    const sheet = screenOf(page, 'timesheet');
    await text(sheet.locator('.week-total')).toBe('20 h 30 min of 30 h this week · 68%');
    const monday = sheet.getByRole('region', { name: 'Monday, May 11' });
    await text(monday.locator('.day-total')).toBe('7 h 40 min of 8 h · 20 min undertime');
    const agentRow = monday.locator('li.entry').filter({ hasText: 'Ran the test suite' });
    await text(agentRow.locator('.lock-reason')).toBe("AI agent claude-code's own time, not counted in your hours");
  });

  it('shows the week day by day against each day’s target, with the gaps, and moves a week with one call', async () => {
    const { page, fake } = await open('timesheet');
    const sheet = screenOf(page, 'timesheet');
    await text(sheet.locator('.period')).toBe('May 11 – 17, 2026');
    await text(sheet.locator('.week-total')).toBe('20 h 30 min of 30 h this week · 68%');
    const monday = sheet.getByRole('region', { name: 'Monday, May 11' });
    await text(monday.locator('.day-total')).toBe('7 h 40 min of 8 h · 20 min undertime');
    expect(await monday.locator('li.gap').allInnerTexts()).toEqual([
      '12:15 PM – 1:00 PM\nNot tracked · 45 min\nFill',
      '2:00 PM – 2:10 PM\nNot tracked · 10 min\nFill',
    ]);
    // Ascension Day is a holiday, by name; Saturday is a day off.
    await text(sheet.getByRole('region', { name: 'Thursday, May 14' }).locator('.day-total')).toBe('0 min · Ascension Day');
    await text(sheet.getByRole('region', { name: 'Saturday, May 16' }).locator('.day-total')).toBe('0 min · day off');
    await text(sheet.locator('.week-strip li').nth(3)).toContain('Ascension Day');
    // Today's running entry counts on.
    await text(sheet.locator('li.entry.running .duration')).toBe('1 h 20 min');
    expect(await unlabelled(page, 'timesheet')).toEqual([]);

    const before = callsOf(fake, 'getTimesheet').length;
    await sheet.getByRole('button', { name: 'Previous week' }).click();
    await text(sheet.locator('.period')).toBe('May 4 – 10, 2026');
    await text(sheet.getByRole('region', { name: 'Monday, May 4' }).locator('.empty-day')).toBe('Nothing tracked.');
    expect(callsOf(fake, 'getTimesheet').slice(before)).toEqual([{ date: '2026-05-04' }]);
    await sheet.getByRole('button', { name: 'This week' }).click();
    await text(sheet.locator('.period')).toBe('May 11 – 17, 2026');
    await sheet.getByLabel('Go to').fill('2026-06-03');
    await text(sheet.locator('.period')).toBe('Jun 1 – 7, 2026');
    // A week already seen shows at once, without asking again. The heading changes as the date is
    // chosen; the bridge hears the request a moment later.
    await expect.poll(() => callsOf(fake, 'getTimesheet').slice(before)).toEqual([{ date: '2026-05-04' }, { date: '2026-06-01' }]);
    await text(sheet.getByRole('region', { name: 'Monday, June 1' }).locator('.empty-day')).toBe('Nothing tracked.');
    expect(callsOf(fake, 'getTimesheet').slice(before)).toEqual([{ date: '2026-05-04' }, { date: '2026-06-01' }]);
  });

  it('edits an entry by keyboard alone: Enter saves what changed, Escape cancels, focus comes back', async () => {
    const { page, fake } = await open('timesheet');
    const sheet = screenOf(page, 'timesheet');
    const edit = sheet.getByRole('button', { name: 'Edit Internal · Meetings, 1:00 PM' }).first();
    await edit.focus();
    await page.keyboard.press('Enter');
    const form = sheet.getByRole('form', { name: 'Change the entry' });
    await visible(form);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(await form.getByLabel('Start').getAttribute('id'));
    await page.keyboard.press('Escape');
    await hidden(form);
    await expect.poll(() => focusedText(page)).toBe('Edit Internal · Meetings, 1:00 PM');
    expect(callsOf(fake, 'updateEntry')).toEqual([]);

    await page.keyboard.press('Enter');
    await form.getByLabel('Note').fill('Sprint planning and retro');
    await form.getByLabel('End').fill('14:10');
    await form.getByLabel('Note').press('Enter');
    await hidden(form);
    const monday = sheet.getByRole('region', { name: 'Monday, May 11' });
    await text(monday.locator('li.entry').nth(1)).toContain('Sprint planning and retro');
    await text(monday.locator('.day-total')).toBe('7 h 50 min of 8 h · 10 min undertime');
    const [request] = callsOf(fake, 'updateEntry') as Array<{ id: number }>;
    expect(request).toEqual({ id: request?.id, end: '2026-05-11T14:10', description: 'Sprint planning and retro' });
    await expect.poll(() => focusedText(page)).toBe('Edit Internal · Meetings, 1:00 PM');
    // The gap after it shrank to nothing shown.
    expect(await monday.locator('li.gap').count()).toBe(1);
  });

  it('fills a gap with a new entry, showing the engine’s refusal and keeping what was typed', async () => {
    const { page, fake } = await open('timesheet', { account: KIMAI });
    const sheet = screenOf(page, 'timesheet');
    await sheet.getByRole('button', { name: 'Fill the gap from 12:15 PM to 1:00 PM' }).first().click();
    const form = sheet.getByRole('form', { name: 'New entry' });
    expect(await form.getByLabel('Start').inputValue()).toBe('12:15');
    expect(await form.getByLabel('End').inputValue()).toBe('13:00');
    await form.getByLabel('Note').fill('Lunch call');
    await form.getByRole('button', { name: 'Save' }).click();
    await text(form.getByRole('alert')).toBe('Kimai books every entry on a project and an activity; name the project too.');
    expect(await form.getByLabel('Note').inputValue()).toBe('Lunch call');
    // The field the refusal is about: focused, and marked invalid for a screen reader.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(await form.getByLabel('Project').getAttribute('id'));
    expect(await form.getByLabel('Project').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Project').fill('Internal');
    await form.getByLabel('Activity').fill('Meetings');
    await form.getByLabel('Project').press('Enter');
    await hidden(form);
    expect(callsOf(fake, 'logTime').at(-1)).toEqual({
      start: '2026-05-11T12:15',
      end: '2026-05-11T13:00',
      project: 'Internal',
      activity: 'Meetings',
      description: 'Lunch call',
    });
    await text(sheet.getByRole('region', { name: 'Monday, May 11' }).locator('.day-total')).toBe('8 h 25 min of 8 h');
  });

  it('deletes only after a second word, and Keep keeps', async () => {
    const { page, fake } = await open('timesheet');
    const tuesday = screenOf(page, 'timesheet').getByRole('region', { name: 'Tuesday, May 12' });
    await tuesday.getByRole('button', { name: /^Delete Beta Corp/ }).click();
    await tuesday.getByRole('group', { name: 'Delete this entry?' }).getByRole('button', { name: 'Keep' }).click();
    expect(callsOf(fake, 'deleteEntry')).toEqual([]);
    await tuesday.getByRole('button', { name: /^Delete Beta Corp/ }).click();
    await tuesday.getByRole('group', { name: 'Delete this entry?' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => tuesday.locator('li.entry').count()).toBe(2);
    await text(tuesday.locator('.day-total')).toBe('4 h 45 min of 8 h · 3 h 15 min undertime');
    expect(callsOf(fake, 'deleteEntry')).toHaveLength(1);
  });

  it('says why an exported Kimai entry is locked and offers no change on it, only to continue its work', async () => {
    const { page } = await open('timesheet', { account: KIMAI });
    const locked = screenOf(page, 'timesheet').locator('li.entry.locked');
    await expect.poll(() => locked.count()).toBe(1);
    await text(locked).toContain('Locked: It is exported in Kimai, and only an administrator may change exported records.');
    // Continuing starts new work and leaves the exported record as it is.
    expect(await locked.getByRole('button').allInnerTexts()).toEqual([expect.stringMatching(/^Continue/)]);
  });

  it('marks a clock-in kept while the tracker was out of reach: Status says it waits to be sent, the Timesheet offers no change on it', async () => {
    const { page } = await open('status', { account: KIMAI, waitingToSend: true });
    const timer = screenOf(page, 'status').getByRole('region', { name: 'Timer' });
    await text(timer.locator('.waiting-line')).toBe(
      'Your time tracker is out of reach: Punchcard keeps this clock-in and sends it as soon as the tracker answers.',
    );
    expect(await timer.locator('.card-title .badge').allInnerTexts()).toEqual(['Running', 'Waiting to be sent']);
    const sheet = await open('timesheet', { account: KIMAI, waitingToSend: true });
    const kept = screenOf(sheet.page, 'timesheet').locator('li.entry.running');
    await text(kept).toContain('Kept while your time tracker was out of reach; it can be changed once it has been sent.');
    expect(await kept.locator('.badge').allInnerTexts()).toEqual(['Running', 'Waiting to be sent']);
    // The engine gives a kept write no number at the back end yet, and refuses to change it: nothing is offered.
    expect(await kept.getByRole('button').count()).toBe(0);
    // Sent, it is an entry like any other.
    const { page: sent } = await open('timesheet', { account: KIMAI });
    expect(
      await screenOf(sent, 'timesheet')
        .locator('li.entry.running')
        .getByRole('button', { name: /^Edit / })
        .count(),
    ).toBe(1);
  });

  it('lists the kept writes that were not sent with their choices, decides each by keyboard, and says what came of it', async () => {
    const { page, fake } = await open('status', { account: KIMAI, keptWrites: SAMPLE_KEPT_WRITES });
    const card = screenOf(page, 'status').getByRole('region', { name: 'Needs your decision' });
    await text(card.locator('.card-title .total')).toBe('2 writes not sent');
    const clockIn = card.getByRole('listitem').filter({ hasText: 'Clock-in' });
    await text(clockIn.locator('.kept-what')).toBe('Clock-in · Wed, May 13, 8:02 AM');
    await text(clockIn.locator('.kept-words')).toContain('a timer on Beta Corp · Support has been running in Kimai since 07:55');
    expect(await clockIn.getByRole('group').getByRole('button').allInnerTexts()).toEqual(['Try again', 'Keep Kimai as it is']);
    const entry = card.getByRole('listitem').filter({ hasText: 'Entry' });
    expect(await entry.getByRole('button').allInnerTexts()).toEqual(['Send anyway', 'Keep Kimai as it is']);

    // By keyboard: the entry's "Send anyway" is reached with Tab and pressed with Enter.
    await entry.getByRole('button', { name: 'Send anyway' }).focus();
    await page.keyboard.press('Enter');
    await text(card.getByRole('status')).toBe('Sent to Kimai as you kept it.');
    expect(callsOf(fake, 'decideKeptWrite')).toEqual([{ id: 7, choice: 'send_again' }]);
    await text(card.locator('.card-title .total')).toBe('1 write not sent');
    // The pressed button is gone with its write: focus is on the list's heading, not lost to the page.
    await expect.poll(() => focusedText(page)).toBe('Needs your decision');

    await clockIn.getByRole('button', { name: 'Keep Kimai as it is' }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => card.count()).toBe(0);
    await text(screenOf(page, 'status').locator('.kept-outcome')).toBe('Dismissed your kept write: Kimai stays as it is.');
    expect(callsOf(fake, 'decideKeptWrite')).toEqual([
      { id: 7, choice: 'send_again' },
      { id: 4, choice: 'dismiss' },
    ]);
  });

  it('keeps focus on the list after every decision, not only the first', async () => {
    const third = { ...(SAMPLE_KEPT_WRITES[1] as (typeof SAMPLE_KEPT_WRITES)[number]), id: 9, happenedAt: '2026-05-12T15:00:00+02:00' };
    const { page } = await open('status', { account: KIMAI, keptWrites: [...SAMPLE_KEPT_WRITES, third] });
    const card = screenOf(page, 'status').getByRole('region', { name: 'Needs your decision' });
    for (const left of ['2 writes not sent', '1 write not sent']) {
      await card.getByRole('button', { name: 'Keep Kimai as it is' }).first().focus();
      await page.keyboard.press('Enter');
      await text(card.locator('.card-title .total')).toBe(left);
      await expect.poll(() => focusedText(page)).toBe('Needs your decision');
    }
  });

  it('says in place why a decision could not be carried out, and keeps the write listed', async () => {
    const { page, fake } = await open('status', { account: KIMAI, keptWrites: SAMPLE_KEPT_WRITES });
    const card = screenOf(page, 'status').getByRole('region', { name: 'Needs your decision' });
    fake.failNext('decideKeptWrite', 'Kimai at https://kimai.example.com could not be reached. Check your network and try again.');
    const entry = card.getByRole('listitem').filter({ hasText: 'Entry' });
    await entry.getByRole('button', { name: 'Send anyway' }).click();
    await text(entry.getByRole('alert')).toBe('Kimai at https://kimai.example.com could not be reached. Check your network and try again.');
    await text(card.locator('.card-title .total')).toBe('2 writes not sent');
  });

  it('on Calamari, says shifts are changed in Calamari and offers no edit, but takes new ones', async () => {
    const { page } = await open('timesheet', { account: CALAMARI });
    const sheet = screenOf(page, 'timesheet');
    await text(sheet.getByRole('note')).toBe("Calamari's API cannot change or delete a shift: correct shifts in Calamari.");
    expect(await sheet.getByRole('button', { name: /^(Edit|Delete) / }).count()).toBe(0);
    expect(await sheet.getByRole('button', { name: /^Add entry on/ }).count()).toBe(7);
  });

  it('shows a week of about 200 entries whole, and edits one of them', async () => {
    const { page, fake } = await open('timesheet', { busyWeek: true });
    const sheet = screenOf(page, 'timesheet');
    await expect.poll(() => sheet.locator('li.entry').count()).toBeGreaterThanOrEqual(200);
    const row = sheet
      .getByRole('region', { name: 'Tuesday, May 12' })
      .getByRole('button', { name: /^Edit / })
      .nth(30);
    await row.click();
    await sheet.getByRole('form', { name: 'Change the entry' }).getByLabel('Note').fill('Escalated');
    await page.keyboard.press('Enter');
    await expect.poll(() => callsOf(fake, 'updateEntry')).toEqual([expect.objectContaining({ description: 'Escalated' })]);
  });
});

describe('the keyboard', () => {
  it('closes every confirmation with Escape, focus back on what asked, and after a delete focuses the next entry', async () => {
    const { page, fake } = await open('timesheet');
    const tuesday = screenOf(page, 'timesheet').getByRole('region', { name: 'Tuesday, May 12' });
    const ask = tuesday.getByRole('button', { name: 'Delete Internal · Meetings, 1:00 PM' });
    await ask.click();
    await visible(tuesday.getByRole('group', { name: 'Delete this entry?' }));
    await expect.poll(() => focusedText(page)).toBe('Delete');
    await page.keyboard.press('Escape');
    await hidden(tuesday.getByRole('group', { name: 'Delete this entry?' }));
    await expect.poll(() => focusedText(page)).toBe('Delete Internal · Meetings, 1:00 PM');
    expect(callsOf(fake, 'deleteEntry')).toEqual([]);

    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect.poll(() => tuesday.locator('li.entry').count()).toBe(2);
    // The row is gone: focus is on the next entry's first control, not lost to the page.
    await expect.poll(() => focusedText(page)).toBe('Continue Beta Corp · Support, 2:10 PM');

    const leavePage = await open('leave');
    const leave = screenOf(leavePage.page, 'leave');
    const pending = leave.locator('li.request', { hasText: 'Trip to Lisbon' });
    await pending.getByRole('button', { name: /^Cancel request for / }).click();
    await leavePage.page.keyboard.press('Escape');
    await hidden(pending.getByRole('group', { name: 'Cancel this request?' }));
    await expect.poll(() => focusedText(leavePage.page)).toMatch(/^Cancel request for Vacation/);
    await leavePage.page.keyboard.press('Enter');
    await leavePage.page.keyboard.press('Enter');
    await text(pending.locator('.request-status')).toBe('Cancelled');
    // The request stays in place, now cancelled, and has the focus.
    await expect.poll(() => leavePage.page.evaluate(() => document.activeElement?.classList.contains('request'))).toBe(true);
    expect(callsOf(leavePage.fake, 'cancelLeave')).toEqual([{ id: 4 }]);
  });

  it('reaches the first entry in a few Tabs: the week strip is one stop, its days by arrow keys', async () => {
    const { page } = await open('timesheet');
    let presses = 0;
    let inEntry = false;
    while (!inEntry && presses < 30) {
      await page.keyboard.press('Tab');
      presses++;
      inEntry = await page.evaluate(() => document.activeElement?.closest('li.entry') !== null);
    }
    // The navigation, three week buttons, the date picker's parts, the strip, Monday's Add: then the entry (it took 17).
    expect(presses).toBeLessThanOrEqual(11);

    const strip = screenOf(page, 'timesheet').locator('.week-strip');
    await strip.getByRole('link').nth(2).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Thu/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('day-2026-05-14');
  });
});

describe('Reports', () => {
  it('shows the month against the target and by project, a week in one call, and exports a range', async () => {
    const { page, fake } = await open('reports');
    const reports = screenOf(page, 'reports');
    await text(reports.locator('.period')).toBe('May 2026');
    await text(reports.locator('.figure').first()).toContain('20 h 30 min');
    await text(reports.locator('.figure.minus')).toContain('Undertime');
    expect(await reports.locator('.project-bars li .project-name').allInnerTexts()).toEqual(['Acme Website', 'Beta Corp', 'Internal']);
    expect(await reports.locator('table.sr-only tbody tr').count()).toBe(31);
    expect(await unlabelled(page, 'reports')).toEqual([]);
    await text(reports.locator('.legend')).toBe('daily target\nday off');

    await reports.getByRole('radio', { name: 'Week' }).check();
    await text(reports.locator('.period')).toBe('May 11 – 17, 2026');
    // The heading changes as the button is pressed; the bridge hears the request a moment later.
    await expect
      .poll(() => callsOf(fake, 'getReport'))
      .toEqual([
        { from: '2026-05-01', to: '2026-05-31' },
        { from: '2026-05-11', to: '2026-05-17' },
      ]);

    await reports.getByLabel('From').fill('2026-05-01');
    await reports.getByRole('button', { name: 'Export CSV…' }).click();
    await text(reports.locator('form.export').getByRole('status')).toBe('Saved 9 entries to /home/ada/punchcard-2026-05-01-to-2026-05-17.csv.');
    expect(fake.exports).toEqual([{ from: '2026-05-01', to: '2026-05-17', entries: 9 }]);
  });

  it('explains the hatch wherever a chart hatches a day: the Status week as the report', async () => {
    const { page } = await open('status');
    // The week of May 11: Ascension Day and the weekend have no target, and are hatched.
    await text(screenOf(page, 'status').locator('.legend')).toBe('daily target\nday off');
  });

  it('says nothing was saved when the save dialog is closed, and shows a back end’s own account', async () => {
    const { page } = await open('reports', { saveAs: null, account: CLOCKODO });
    const reports = screenOf(page, 'reports');
    await text(reports.locator('.figure').nth(3)).toContain("Clockodo's time account for 2026");
    await reports.getByRole('button', { name: 'Export CSV…' }).click();
    await text(reports.locator('form.export').getByRole('status')).toBe('Nothing was saved.');
  });
});

describe('Leave', () => {
  it('shows the balance and the year’s requests with their status', async () => {
    const { page } = await open('leave');
    const leave = screenOf(page, 'leave');
    await text(leave.locator('.balance')).toContain('11.5 days');
    await text(leave.locator('.balance')).toContain('30.5 days (2.5 days carried over)');
    await text(leave.locator('.other-leave')).toBe('Other leave this year: Sick leave 2 days');
    expect(await leave.locator('.request-status').allInnerTexts()).toEqual(['Approved', 'Approved', 'Cancelled', 'Pending', 'Rejected', 'Approved']);
    expect(await unlabelled(page, 'leave')).toEqual([]);
  });

  it('files a request by keyboard with its cost shown first, and withdraws a pending one', async () => {
    const { page, fake } = await open('leave');
    const leave = screenOf(page, 'leave');
    await leave.getByRole('button', { name: 'Request leave…' }).click();
    const form = leave.getByRole('form', { name: 'Request leave' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await form.getByLabel('First day', { exact: true }).fill('2026-06-01');
    await form.getByLabel('Last day', { exact: true }).fill('2026-06-05');
    await text(form.locator('.cost')).toContain('Costs 5 days');
    await form.getByLabel('End at noon on the last day').check();
    await text(form.locator('.cost')).toContain('Costs 4.5 days');
    await form.getByLabel('Note').fill('Family visit');
    await form.getByLabel('Note').press('Enter');
    await hidden(form);
    expect(callsOf(fake, 'requestLeave')).toEqual([
      { type: 'vacation', firstDay: '2026-06-01', lastDay: '2026-06-05', firstDayPart: 'full', lastDayPart: 'morning', comment: 'Family visit' },
    ]);
    await text(leave.getByRole('status').first()).toMatch(/^Requested vacation Jun 1, 2026 to Jun 5, 2026 \(4\.5 days, approved\)/);
    await expect.poll(() => leave.locator('li.request').count()).toBe(7);
    await expect.poll(() => focusedText(page)).toBe('Request leave…');

    // A pending request is withdrawn after a second word.
    const pending = leave.locator('li.request', { hasText: 'Trip to Lisbon' });
    await pending.getByRole('button', { name: /^Cancel request for / }).click();
    await pending.getByRole('button', { name: 'Cancel it' }).click();
    await text(pending.locator('.request-status')).toBe('Cancelled');
    expect(callsOf(fake, 'cancelLeave')).toEqual([{ id: 4 }]);
  });

  it('says when a range costs nothing, warns of an overlap, and Escape closes the form', async () => {
    const { page, fake } = await open('leave');
    const leave = screenOf(page, 'leave');
    await leave.getByRole('button', { name: 'Request leave…' }).click();
    const form = leave.getByRole('form', { name: 'Request leave' });
    await form.getByLabel('First day', { exact: true }).fill('2026-05-16');
    await form.getByLabel('Last day', { exact: true }).fill('2026-05-17');
    await text(form.locator('.cost')).toContain('No working days');
    await form.getByLabel('Last day', { exact: true }).fill('2026-05-27');
    await text(form.locator('.message.warning')).toBe('This overlaps your pending vacation (May 26 – May 29).');
    await form.getByLabel('Note').press('Escape');
    await hidden(form);
    expect(callsOf(fake, 'requestLeave')).toEqual([]);
  });

  it('shows what a request leaves and who else is away; beyond the balance it asks first, Escape takes that back, and only a yes sends it', async () => {
    const { page, fake } = await open('leave', { account: CLOCKODO });
    const leave = screenOf(page, 'leave');
    await leave.getByRole('button', { name: 'Request leave…' }).click();
    const form = leave.getByRole('form', { name: 'Request leave' });
    await form.getByLabel('First day', { exact: true }).fill('2026-05-18');
    await form.getByLabel('Last day', { exact: true }).fill('2026-05-22');
    await text(form.locator('.cost-leaves')).toBe('It leaves you 8 days.');
    expect(await form.locator('.cost-leaves').getAttribute('class')).toBe('cost-leaves');
    // Clockodo shows a worker who is away, never the kind of a colleague's absence.
    await text(form.locator('.cost-away')).toBe('Also away: Cleo Chen, May 18 – May 22; Dan Diaz, May 20.');

    await form.getByLabel('First day', { exact: true }).fill('2026-06-01');
    await form.getByLabel('Last day', { exact: true }).fill('2026-07-31');
    await text(form.locator('.cost-leaves')).toBe('!It leaves you -32 days: beyond your balance.');
    expect(await form.locator('.cost-leaves').getAttribute('class')).toBe('cost-leaves beyond');
    await text(form.locator('.cost-away')).toBe('Nobody else is away then.');
    await form.getByLabel('Note').press('Enter');
    const confirm = form.getByRole('group', { name: /^This goes beyond your balance/ });
    await text(confirm).toContain('This goes beyond your balance: it leaves you -32 days. Send the request anyway?');
    await expect.poll(() => focusedText(page)).toBe('Send anyway');
    // Escape takes the confirmation back and keeps the form, focused where it was sent from.
    await page.keyboard.press('Escape');
    await hidden(confirm);
    await visible(form);
    await expect.poll(() => focusedText(page)).toBe('Send request');
    expect(callsOf(fake, 'requestLeave')).toEqual([]);

    await page.keyboard.press('Enter');
    await visible(confirm);
    await page.keyboard.press('Enter');
    await hidden(form);
    expect(callsOf(fake, 'requestLeave')).toEqual([
      { type: 'vacation', firstDay: '2026-06-01', lastDay: '2026-07-31', firstDayPart: 'full', lastDayPart: 'full', beyondBalance: true },
    ]);
    await text(leave.getByRole('status').first()).toBe(
      'Requested vacation Jun 1, 2026 to Jul 31, 2026 (45 days, pending). 32 days over the 2026 vacation entitlement.',
    );
    // The balance below nothing: red, and said in words.
    await text(leave.locator('.balance .figure.big')).toBe('-32 days\nbeyond your balance');
    expect(await unlabelled(page, 'leave')).toEqual([]);
  });

  it('on the local timesheet, leave beyond the balance is refused until Preferences allow it, then confirmed and filed', async () => {
    const { page, fake } = await open('leave');
    const leave = screenOf(page, 'leave');
    await leave.getByRole('button', { name: 'Request leave…' }).click();
    const form = leave.getByRole('form', { name: 'Request leave' });
    await form.getByLabel('First day', { exact: true }).fill('2026-06-01');
    await form.getByLabel('Last day', { exact: true }).fill('2026-06-30');
    await text(form.locator('.cost-leaves')).toBe('!It leaves you -10.5 days: beyond your balance.');
    // The timesheet on this computer has no colleagues to show.
    expect(await form.locator('.cost-away').count()).toBe(0);
    await text(form.locator('.message.warning')).toBe(
      'The timesheet on this computer approves leave as it is filed, and your Preferences do not allow leave beyond your balance. Ask for fewer days, or turn on “Allow leave beyond my balance” in Preferences.',
    );
    // Nothing to confirm: the engine refuses it in its words (as they came while this refusal carries no code).
    await form.getByRole('button', { name: 'Send request' }).click();
    await text(form.getByRole('alert')).toMatch(
      /^That goes beyond your vacation balance: vacation from (?:2026-06-01 to 2026-06-30|Jun 1, 2026 to Jun 30, 2026) costs 22 days and would leave -10\.5 days of 2026 \(11\.5 left\)\. The local timesheet approves leave as it is filed/,
    );
    expect(await form.getByRole('group', { name: /^This goes beyond/ }).count()).toBe(0);
    await form.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('navigation', { name: 'Punchcard' }).getByRole('link', { name: 'Preferences' }).click();
    const preferences = screenOf(page, 'preferences');
    await screenReady(page, 'preferences', PATIENCE_MS);
    const allow = preferences.getByRole('switch', { name: 'Allow leave beyond my balance' });
    expect(await allow.isChecked()).toBe(false);
    await allow.check();
    await preferences.getByRole('button', { name: 'Save' }).click();
    await text(preferences.getByRole('status').first()).toBe('Saved.');
    expect(callsOf(fake, 'savePreferences')).toEqual([{ allowLeaveBeyondBalance: true }]);

    await page.getByRole('navigation', { name: 'Punchcard' }).getByRole('link', { name: 'Leave' }).click();
    await screenReady(page, 'leave', PATIENCE_MS);
    await leave.getByRole('button', { name: 'Request leave…' }).click();
    await form.getByLabel('First day', { exact: true }).fill('2026-06-01');
    await form.getByLabel('Last day', { exact: true }).fill('2026-06-30');
    await text(form.locator('.cost-leaves')).toBe('!It leaves you -10.5 days: beyond your balance.');
    expect(await form.locator('.message.warning').count()).toBe(0);
    await form.getByRole('button', { name: 'Send request' }).click();
    await form.getByRole('button', { name: 'Send anyway' }).click();
    await hidden(form);
    expect(callsOf(fake, 'requestLeave').at(-1)).toMatchObject({ firstDay: '2026-06-01', lastDay: '2026-06-30', beyondBalance: true });
    await text(leave.getByRole('status').first()).toMatch(/\(22 days, approved\)\. 10\.5 days over the 2026 vacation entitlement\.$/);
  });

  it('offers the switch for leave beyond the balance only where nobody approves leave', async () => {
    const kimai = await open('preferences', { account: KIMAI });
    expect(await screenOf(kimai.page, 'preferences').getByRole('switch', { name: 'Allow leave beyond my balance' }).count()).toBe(0);
  });

  it('on Calamari offers no cancelling and says where to do it; on Kimai without the plugin, says there is no leave', async () => {
    const calamari = await open('leave', { account: CALAMARI });
    const leave = screenOf(calamari.page, 'leave');
    await text(leave.locator('.requests [role="note"]')).toBe("Calamari's API cannot cancel a leave request: cancel it in Calamari (Requests).");
    expect(await leave.getByRole('button', { name: /^Cancel request for / }).count()).toBe(0);
    await text(leave.locator('.balance')).not.toContain('Entitlement');

    const kimai = await open('leave', { account: KIMAI });
    const none = screenOf(kimai.page, 'leave');
    await text(none.getByRole('note')).toMatch(/^This Kimai has no absence plugin/);
    expect(await none.getByRole('button', { name: 'Request leave…' }).count()).toBe(0);
  });
});

describe('Calendar', () => {
  it('shows the month’s absences and holidays; Clockodo keeps a colleague’s kind of absence hidden', async () => {
    const calamari = await open('calendar', { account: CALAMARI });
    const grid = screenOf(calamari.page, 'calendar').locator('table.month-grid');
    await text(grid.getByRole('list', { name: 'Away on Monday, May 11' }).locator('.away-name')).toBe('Bob Builder');
    await text(grid.getByRole('list', { name: 'Away on Monday, May 11' }).locator('.sr-only')).toBe(': Sick leave');
    await text(grid.locator('td.holiday').first()).toContain('Labour Day');
    await text(grid.getByRole('list', { name: 'Away on Wednesday, May 20' })).toContain('Dan Diaz ½');
    expect(await unlabelled(calamari.page, 'calendar')).toEqual([]);

    const clockodo = await open('calendar', { account: CLOCKODO });
    const hiddenKinds = screenOf(clockodo.page, 'calendar').locator('table.month-grid');
    await visible(hiddenKinds.getByRole('list', { name: 'Away on Monday, May 11' }));
    expect(await hiddenKinds.getByRole('list', { name: 'Away on Monday, May 11' }).innerText()).toBe('Bob Builder');
    expect(await hiddenKinds.locator('li.away.hidden').count()).toBeGreaterThan(0);
    expect(await hiddenKinds.innerText()).not.toMatch(/Sick/);

    // Cleo's vacation waits for approval: marked as pending, in words for a screen reader and by a
    // dashed outline; the kind is a shape beside the colour.
    const pending = hiddenKinds.getByRole('list', { name: 'Away on Monday, May 18' }).getByRole('listitem');
    await text(pending.locator('.sr-only')).toBe(', pending');
    expect(await pending.evaluate((item) => getComputedStyle(item).outlineStyle)).toBe('dashed');
    expect(await grid.locator('li.away.sick .kind-mark').first().isVisible()).toBe(true);

    await screenOf(clockodo.page, 'calendar').getByRole('button', { name: 'Next month' }).click();
    await text(screenOf(clockodo.page, 'calendar').locator('.period')).toBe('June 2026');
    await expect.poll(() => callsOf(clockodo.fake, 'getCalendar')).toEqual([{ month: '2026-05' }, { month: '2026-06' }]);
  });
});

describe('Team', () => {
  it('is in the navigation only where the back end offers the team tools, and says why where it does not', async () => {
    const { page } = await open('status');
    const nav = page.getByRole('navigation', { name: 'Punchcard' });
    expect(await nav.getByRole('link', { name: 'Team' }).count()).toBe(0);
    const lead = await open('status', { account: KIMAI, team: 'lead' });
    await expect.poll(() => lead.page.getByRole('navigation', { name: 'Punchcard' }).getByRole('link', { name: 'Team' }).count()).toBe(1);
    // A link straight to it still lands there, and says why there is nothing.
    const local = await open('team');
    await text(screenOf(local.page, 'team').getByRole('note')).toBe('The timesheet on this computer has one person, so there is no team to show.');
    expect(callsOf(local.fake, 'getPendingLeave')).toEqual([]);
  });

  it("shows the week's hours against targets, the days with nothing and who is running, and pages a big team", async () => {
    const { page, fake } = await open('team', { account: KIMAI, team: 'hours', teamSize: 120 });
    const team = screenOf(page, 'team');
    const hours = team.getByRole('region', { name: 'Hours' });
    await text(hours.locator('.card-title .total')).toBe('50 of 120 people');
    const bob = hours.getByRole('row', { name: /^Bob Baker/ });
    await text(bob.getByRole('cell').first()).toBe('8 h of 24 h');
    await text(bob.getByRole('cell').last()).toBe('Mon, Tue');
    await text(hours.getByRole('row', { name: /^Ada Lovelace/ }).locator('.team-work')).toBe(
      'Running: Website · Design. Website · Design 15 h, Internal · Meetings 5 h 30 min',
    );
    await text(hours.getByRole('row', { name: /^Cleo Chen/ }).locator('.team-work')).toBe(
      'Website · Development 20 h, Website · Review 2 h, Internal · Meetings 2 h, and 1 more',
    );
    // No target kept for Dan: none claimed.
    await text(
      hours
        .getByRole('row', { name: /^Dan Dorsey/ })
        .getByRole('cell')
        .first(),
    ).toBe('0 min');
    // Hours only (Calamari-like): no leave card, and the pending list is never asked for.
    expect(await team.getByRole('region', { name: 'Waiting for your decision' }).count()).toBe(0);
    expect(callsOf(fake, 'getPendingLeave')).toEqual([]);

    await hours.getByRole('button', { name: 'Show more people' }).click();
    await text(hours.locator('.card-title .total')).toBe('100 of 120 people');
    // Focus moves to the first person added, not back to the top.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim().startsWith('Colleague 051'))).toBe(true);
    await hours.getByRole('button', { name: 'Show more people' }).click();
    await text(hours.locator('.card-title .total')).toBe('120 people');
    expect(await hours.getByRole('button', { name: 'Show more people' }).count()).toBe(0);
    expect(callsOf(fake, 'getTeamHours')).toEqual([{ date: '2026-05-11' }, { date: '2026-05-11', offset: 50 }, { date: '2026-05-11', offset: 100 }]);

    await team.getByRole('button', { name: 'Previous week' }).click();
    await text(team.locator('.period')).toBe('May 4 – 10, 2026');
    await expect.poll(() => callsOf(fake, 'getTeamHours').at(-1)).toEqual({ date: '2026-05-04' });
  });

  it("says each person's working-time findings of the week in words where the rules are on, and nothing where they are off", async () => {
    const { page } = await open('team', { account: KIMAI, team: 'lead', teamWorkingTime: true });
    const hours = screenOf(page, 'team').getByRole('region', { name: 'Hours' });
    await text(hours.getByRole('row', { name: /^Ada Lovelace/ }).locator('.team-working-time')).toBe(
      'Working time: 1 rest too short, 2 days over the daily maximum',
    );
    await text(hours.getByRole('row', { name: /^Bob Baker/ }).locator('.team-working-time')).toBe('Working time: nothing found');
    await text(hours.getByRole('row', { name: /^Cleo Chen/ }).locator('.team-working-time')).toBe('Working time: 1 day with too little break');
    // No code and no engine sentence reaches the window.
    expect(await hours.textContent()).not.toMatch(/wt_|ArbZG/);
    const off = await open('team', { account: KIMAI, team: 'lead' });
    const rows = screenOf(off.page, 'team').getByRole('region', { name: 'Hours' });
    await text(rows.getByRole('row', { name: /^Ada Lovelace/ }).locator('.team-work')).toContain('Website');
    expect(await rows.locator('.team-working-time').count()).toBe(0);
  });

  it('approves after a second word and rejects with a reason, by keyboard, each said in place; Escape keeps a request waiting', async () => {
    const { page, fake } = await open('team', { account: KIMAI, team: 'lead' });
    const pending = screenOf(page, 'team').getByRole('region', { name: 'Waiting for your decision' });
    await text(pending.locator('.card-title .total')).toBe('2 requests');
    const bob = pending.getByRole('listitem').filter({ hasText: 'Bob Baker' });
    await text(bob.locator('.pending-what')).toBe('Bob Baker · Vacation, May 25 – May 29 · 4 days');
    await text(bob.locator('.pending-comment')).toBe('“Family trip”');
    await text(bob.getByText(/^Also away then/)).toBe('Also away then: Cleo Chen.');

    await bob.getByRole('button', { name: 'Approve Bob Baker’s vacation, May 25 – May 29 (4 days)' }).focus();
    await page.keyboard.press('Enter');
    const confirm = bob.getByRole('group', { name: 'Approve Bob Baker’s vacation, May 25 – May 29 (4 days)?' });
    await visible(confirm);
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedText(page)).toBe('Approve Bob Baker’s vacation, May 25 – May 29 (4 days)');
    expect(callsOf(fake, 'decideLeave')).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedText(page)).toBe('Approve');
    await page.keyboard.press('Enter');
    await text(pending.getByRole('status')).toBe("Approved Bob Baker's vacation 2026-05-25 to 2026-05-29 (4 working days).");
    await expect.poll(() => focusedText(page)).toBe('Waiting for your decision');
    expect(callsOf(fake, 'decideLeave')).toEqual([{ id: 31, decision: 'approve' }]);

    const dan = pending.getByRole('listitem').filter({ hasText: 'Dan Dorsey' });
    await text(dan.locator('.pending-what')).toBe('Dan Dorsey · Training, Jun 3 (afternoon) · 0.5 days');
    await dan.getByRole('button', { name: /^Reject Dan Dorsey/ }).click();
    const form = dan.getByRole('form', { name: /^Reject Dan Dorsey/ });
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type('Please take it in July');
    await form.getByRole('button', { name: 'Reject' }).click();
    await text(pending.getByRole('status')).toBe(
      "Rejected Dan Dorsey's Training 2026-06-03 (0.5 working days). Kimai keeps no reason with a decision; tell Dan Dorsey yourself.",
    );
    expect(callsOf(fake, 'decideLeave').at(-1)).toEqual({ id: 32, decision: 'reject', reason: 'Please take it in July' });
    await text(pending.locator('.card-title .total')).toBe('None');
    await text(pending.getByText('No leave request waits for your decision.')).toBe('No leave request waits for your decision.');
    expect(await unlabelled(page, 'team')).toEqual([]);
  });

  it('says in place why a decision failed, and keeps the request listed', async () => {
    const { page, fake } = await open('team', { account: KIMAI, team: 'lead' });
    const pending = screenOf(page, 'team').getByRole('region', { name: 'Waiting for your decision' });
    fake.failNext('decideLeave', 'Kimai did not let you approve this absence (403). Ask your Kimai administrator for the permission.');
    const bob = pending.getByRole('listitem').filter({ hasText: 'Bob Baker' });
    await bob.getByRole('button', { name: /^Approve/ }).click();
    await bob.getByRole('group').getByRole('button', { name: 'Approve' }).click();
    await text(bob.getByRole('alert')).toBe('Kimai did not let you approve this absence (403). Ask your Kimai administrator for the permission.');
    await text(pending.locator('.card-title .total')).toBe('2 requests');
  });
});

describe('the calendar of one', () => {
  it('is the Calendar, not a team’s, and shows the person’s own leave as “You”, pending told from approved', async () => {
    const { page } = await open('calendar');
    expect(await page.getByRole('navigation', { name: 'Punchcard' }).getByRole('link', { name: 'Calendar' }).count()).toBe(1);
    const grid = screenOf(page, 'calendar').locator('table.month-grid');
    const trip = grid.getByRole('list', { name: 'Away on Tuesday, May 26' }).getByRole('listitem');
    await text(trip).toBe('You\n: Vacation, pending');
    expect(await trip.locator('.away-name').innerText()).toBe('You');
    expect(await grid.innerText()).not.toContain('Ada Lovelace');
    expect(await trip.evaluate((item) => getComputedStyle(item).outlineStyle)).toBe('dashed');
  });
});

describe('the idle question', () => {
  it('asks on return and discards the time away by clocking out when it began', async () => {
    const { page, fake } = await open('status', { idleQuestion: true });
    const dialog = page.getByRole('dialog', { name: 'You were away for 35 minutes' });
    await visible(dialog);
    await text(dialog).toContain('Your screen was locked from 1:50 PM to 2:25 PM while the timer ran on Beta Corp · Support.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Keep working');
    await dialog.getByRole('button', { name: 'Clock out at 1:50 PM' }).click();
    await hidden(dialog);
    expect(callsOf(fake, 'answerIdle')).toEqual([{ id: 1, answer: 'discard-stop' }]);
    await text(screenOf(page, 'status').locator('.timer .badge')).toBe('Not running');
  });

  it('comes when the tray asks, and closing it answers nothing', async () => {
    const { page, fake } = await open('timesheet');
    fake.askIdle(20, 'idle');
    const dialog = page.getByRole('dialog', { name: 'You were away for 20 minutes' });
    await visible(dialog);
    await page.keyboard.press('Escape');
    await hidden(dialog);
    expect(callsOf(fake, 'answerIdle')).toEqual([]);
    fake.askIdle(45, 'sleep');
    await visible(page.getByRole('dialog', { name: 'You were away for 45 minutes' }));
    await page.getByRole('button', { name: 'Start again now' }).click();
    await hidden(page.getByRole('dialog'));
    expect(callsOf(fake, 'answerIdle')).toEqual([{ id: 2, answer: 'discard-restart' }]);
  });
});

describe('continue and switch', () => {
  it('continues recent work from Status and an entry from the Timesheet, project, activity and note together', async () => {
    const { page, fake } = await open('status', { running: false });
    const status = screenOf(page, 'status');
    const recent = status.getByRole('group', { name: 'Continue recent work:' });
    await recent.getByRole('button', { name: 'Continue Internal · Meetings — Design review' }).click();
    await text(status.locator('.timer .what')).toBe('Internal · Meetings');
    expect(callsOf(fake, 'clockIn')).toEqual([{ project: 'Internal', activity: 'Meetings', description: 'Design review' }]);
    await text(status.locator('.timer').getByRole('status')).toBe('Clocked in: Internal · Meetings.');
    await expect.poll(() => focusedText(page)).toBe('Clock out');

    // From the Timesheet, while Internal runs: Continue switches to Monday's support work.
    fake.advance(20);
    await page.getByRole('link', { name: 'Timesheet' }).click();
    await screenReady(page, 'timesheet', PATIENCE_MS);
    const sheet = screenOf(page, 'timesheet');
    await sheet.getByRole('region', { name: 'Monday, May 11' }).getByRole('button', { name: 'Continue Beta Corp · Support, 2:10 PM' }).click();
    await text(sheet.getByRole('status').last()).toBe('Switched from Internal · Meetings to Beta Corp · Support.');
    expect(callsOf(fake, 'clockIn').at(-1)).toEqual({ project: 'Beta Corp', activity: 'Support' });
    const wednesday = sheet.getByRole('region', { name: 'Wednesday, May 13' });
    await text(wednesday.locator('li.entry.running .project')).toBe('Beta Corp · Support');
    await text(wednesday.locator('li.entry', { hasText: 'Internal · Meetings' }).last().locator('.range')).toBe('2:25 PM – 2:45 PM');
    // The running entry offers no Continue.
    expect(
      await wednesday
        .locator('li.entry.running')
        .getByRole('button', { name: /^Continue/ })
        .count(),
    ).toBe(0);
  });

  it('switches while a timer runs, at a time past, and says in place why a start was refused; Escape leaves the timer as it was', async () => {
    const { page, fake } = await open('status');
    const status = screenOf(page, 'status');
    const timer = status.locator('.timer');
    await timer.getByRole('button', { name: 'Switch…' }).click();
    const form = timer.getByRole('form', { name: 'Switch to other work' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(await form.getByLabel('Project', { exact: true }).getAttribute('id'));
    await page.keyboard.press('Escape');
    await hidden(form);
    await expect.poll(() => focusedText(page)).toBe('Switch…');
    expect(callsOf(fake, 'clockIn')).toEqual([]);

    await page.keyboard.press('Enter');
    await form.getByLabel('Project', { exact: true }).fill('Acme Website');
    await form.getByLabel('Activity').fill('Development');
    await form.getByLabel('Note').fill('Refunds');
    // Before the running timer began (1:05 PM): the engine refuses, and the field says so.
    await form.getByLabel('Switched at').fill('12:00');
    await form.getByLabel('Note').press('Enter');
    await text(timer.getByRole('alert')).toBe('The new timer would start before the running one did.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    expect(await form.getByLabel('Project', { exact: true }).inputValue()).toBe('Acme Website');

    await form.getByLabel('Switched at').fill('14:00');
    await form.getByLabel('Note').press('Enter');
    await hidden(form);
    expect(callsOf(fake, 'clockIn').at(-1)).toEqual({ project: 'Acme Website', activity: 'Development', description: 'Refunds', start: '2026-05-13T14:00' });
    await text(timer.locator('.what')).toBe('Acme Website · Development');
    await text(status.locator('.entries li', { hasText: 'Beta Corp · Support' }).locator('.range')).toBe('1:05 PM – 2:00 PM');
    await expect.poll(() => focusedText(page)).toBe('Clock out');
  });

  it('clocks in at the time the person forgot to, today', async () => {
    const { page, fake } = await open('status', { running: false });
    const timer = screenOf(page, 'status').locator('.timer');
    await timer.getByLabel('Project', { exact: true }).fill('Beta Corp');
    await timer.getByLabel('Started at').fill('13:10');
    await timer.getByRole('button', { name: 'Clock in' }).click();
    await text(timer.locator('.timer-what .muted')).toBe('Started 1:10 PM');
    expect(callsOf(fake, 'clockIn')).toEqual([{ project: 'Beta Corp', start: '2026-05-13T13:10' }]);
  });
});

describe('the fields a project requires (issue 78)', () => {
  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id);

  it('asks for them in the entry editor by keyboard, says the refusal beside them, keeps what was typed, and sends them as fields', async () => {
    const { page, fake } = await open('timesheet', CLOCKIFY_FIELDS);
    const sheet = screenOf(page, 'timesheet');
    await sheet.getByRole('button', { name: 'Fill the gap from 12:15 PM to 1:00 PM' }).first().click();
    const form = sheet.getByRole('form', { name: 'New entry' });
    // None is asked before the project requires it.
    expect(await form.locator('.custom-fields').count()).toBe(0);
    await form.getByLabel('Project').fill('Acme Website');
    const fields = form.getByRole('group', { name: 'Fields your tracker asks for' });
    await visible(fields);
    const ticket = fields.getByRole('textbox', { name: 'Ticket' });
    const costCentre = fields.getByRole('combobox', { name: 'Cost centre' });
    expect(await ticket.getAttribute('required')).not.toBeNull();
    expect(await costCentre.getAttribute('required')).not.toBeNull();
    expect(await fields.innerText()).toContain('Ticket required');
    // Tab goes from the note to the ticket, the cost centre, then Save.
    await form.getByLabel('Note').fill('Checkout page');
    await form.getByLabel('Note').press('Tab');
    await expect.poll(() => focusedId(page)).toBe(await ticket.getAttribute('id'));
    await page.keyboard.type('WEB-142');
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedId(page)).toBe(await costCentre.getAttribute('id'));
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedText(page)).toBe('Save');
    await page.keyboard.press('Enter');
    // The engine's refusal, beside the fields; the one missing focused and marked invalid; nothing typed lost.
    const alert = fields.getByRole('alert');
    await text(alert).toBe(
      'Clockify requires "Cost centre" on this entry ("Cost centre" is one of "Sales", "R&D", "Operations"). Fill them in and try again. Nothing was sent.',
    );
    expect(await form.locator('> .message.error').count()).toBe(0);
    await expect.poll(() => focusedId(page)).toBe(await costCentre.getAttribute('id'));
    expect(await costCentre.getAttribute('aria-invalid')).toBe('true');
    expect(await costCentre.getAttribute('aria-describedby')).toBe(await alert.getAttribute('id'));
    expect(await ticket.inputValue()).toBe('WEB-142');
    expect(await form.getByLabel('Note').inputValue()).toBe('Checkout page');
    expect(callsOf(fake, 'logTime').at(-1)).toMatchObject({ fields: { Ticket: 'WEB-142' } });
    // Enter saves from the choice just made, as the form's hint says.
    await costCentre.selectOption('R&D');
    await costCentre.press('Enter');
    await hidden(form);
    expect(callsOf(fake, 'logTime').at(-1)).toEqual({
      start: '2026-05-11T12:15',
      end: '2026-05-11T13:00',
      project: 'Acme Website',
      description: 'Checkout page',
      fields: { Ticket: 'WEB-142', 'Cost centre': 'R&D' },
    });
    expect(await unlabelled(page, 'timesheet')).toEqual([]);
  });

  it('asks for them when an entry is changed, and sends only the fields changed', async () => {
    const { page, fake } = await open('timesheet', CLOCKIFY_FIELDS);
    const sheet = screenOf(page, 'timesheet');
    await sheet
      .getByRole('button', { name: /^Edit Acme Website · Development/ })
      .first()
      .click();
    const form = sheet.getByRole('form', { name: 'Change the entry' });
    const fields = form.getByRole('group', { name: 'Fields your tracker asks for' });
    await fields.getByRole('textbox', { name: 'Ticket' }).fill('WEB-9');
    await fields.getByRole('combobox', { name: 'Cost centre' }).selectOption('Sales');
    await fields.getByRole('textbox', { name: 'Ticket' }).press('Enter');
    await hidden(form);
    expect(callsOf(fake, 'updateEntry').at(-1)).toEqual({ id: expect.any(Number), fields: { Ticket: 'WEB-9', 'Cost centre': 'Sales' } });
  });

  it('shows the fields an entry carries, a field of several choices as a group Tab reaches and Space ticks; Escape sends nothing, Enter only what changed', async () => {
    const { page, fake } = await open('timesheet', CLOCKIFY_FIELDS);
    const sheet = screenOf(page, 'timesheet');
    const edit = sheet.getByRole('button', { name: /^Edit Acme Website · Development/ }).first();
    await edit.click();
    const form = sheet.getByRole('form', { name: 'Change the entry' });
    const fields = form.getByRole('group', { name: 'Fields your tracker asks for' });
    const ticket = fields.getByRole('textbox', { name: 'Ticket' });
    const teams = fields.getByRole('group', { name: 'Teams' });
    const [web, mobile, data] = ['Web', 'Mobile', 'Data'].map((name) => teams.getByRole('checkbox', { name }));
    expect(await ticket.inputValue()).toBe('WEB-140');
    expect([await web?.isChecked(), await mobile?.isChecked(), await data?.isChecked()]).toEqual([true, false, false]);
    // Escape cancels what was typed: nothing sent, the entry's own values there again.
    await ticket.fill('WEB-141');
    await page.keyboard.press('Escape');
    await hidden(form);
    expect(callsOf(fake, 'updateEntry')).toEqual([]);
    await edit.click();
    expect(await ticket.inputValue()).toBe('WEB-140');
    // From the cost centre, Tab goes through each choice, Space ticks one, and Tab goes on to Save.
    await fields.getByRole('combobox', { name: 'Cost centre' }).focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedId(page)).toBe(await web?.getAttribute('id'));
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedId(page)).toBe(await mobile?.getAttribute('id'));
    await page.keyboard.press('Space');
    expect(await mobile?.isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedId(page)).toBe(await data?.getAttribute('id'));
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedText(page)).toBe('Save');
    await page.keyboard.press('Enter');
    await hidden(form);
    expect(callsOf(fake, 'updateEntry')).toEqual([{ id: expect.any(Number), fields: { Teams: ['Web', 'Mobile'] } }]);
    // The entry keeps its ticket and now carries both teams.
    await edit.click();
    expect(await ticket.inputValue()).toBe('WEB-140');
    expect([await web?.isChecked(), await mobile?.isChecked()]).toEqual([true, true]);
    expect(await unlabelled(page, 'timesheet')).toEqual([]);
  });

  it('asks for them when clocking in, Tab reaching them before the button, and says the refusal beside them', async () => {
    const { page, fake } = await open('status', { ...CLOCKIFY_FIELDS, running: false });
    const timer = screenOf(page, 'status').locator('.timer');
    await timer.getByLabel('Project', { exact: true }).fill('Acme Website');
    const fields = timer.getByRole('group', { name: 'Fields your tracker asks for' });
    const ticket = fields.getByRole('textbox', { name: 'Ticket' });
    const costCentre = fields.getByRole('combobox', { name: 'Cost centre' });
    await visible(ticket);
    // In the order Tab takes (the time's own parts take Tabs of their own, so the order is read from the form).
    const order = await timer
      .getByRole('form', { name: 'Clock in' })
      .locator('input, select, button')
      .evaluateAll((controls) => controls.map((control) => (control as HTMLInputElement).labels?.[0]?.textContent ?? control.textContent));
    expect(order.slice(0, 7)).toEqual(['Project', 'Activity', 'Note', 'Started at', 'Ticket required', 'Cost centre required', 'Clock in']);
    await ticket.focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedId(page)).toBe(await costCentre.getAttribute('id'));
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedText(page)).toBe('Clock in');
    await page.keyboard.press('Enter');
    await text(fields.getByRole('alert')).toBe(
      'Clockify requires "Ticket", "Cost centre" on this entry ("Cost centre" is one of "Sales", "R&D", "Operations"). Fill them in and try again. Nothing was sent. No timer was started.',
    );
    // Said once, beside the fields, not again under the card.
    expect(await timer.getByRole('alert').count()).toBe(1);
    await expect.poll(() => focusedId(page)).toBe(await ticket.getAttribute('id'));
    expect(await timer.getByLabel('Project', { exact: true }).inputValue()).toBe('Acme Website');
    await ticket.fill('WEB-142');
    await costCentre.selectOption('Sales');
    await timer.getByRole('button', { name: 'Clock in' }).click();
    await text(timer.locator('.timer-what')).toContain('Acme Website');
    expect(callsOf(fake, 'clockIn').at(-1)).toEqual({ project: 'Acme Website', fields: { Ticket: 'WEB-142', 'Cost centre': 'Sales' } });
    expect(await unlabelled(page, 'status')).toEqual([]);
  });
});

describe('holidays and targets', () => {
  it('shows the same week on Status and the Timesheet, holidays by name, and today’s target', async () => {
    const { page } = await open('status');
    const status = screenOf(page, 'status');
    await text(status.locator('.week .total')).toBe('20 h 30 min of 30 h');
    await text(status.locator('.today .total')).toBe('5 h 10 min of 8 h');
    expect(await status.locator('.week .chart-notes li').allInnerTexts()).toEqual(['Thu Ascension Day']);
    expect(await status.locator('.week table.sr-only tbody tr').nth(3).innerText()).toBe('Thursday, May 14\t0 minutes\tAscension Day');

    await page.getByRole('link', { name: 'Timesheet' }).click();
    await screenReady(page, 'timesheet', PATIENCE_MS);
    await text(screenOf(page, 'timesheet').locator('.week-total')).toBe('20 h 30 min of 30 h this week · 68%');
  });

  it('names a holiday on Status when it is today, and leave days by their kind on the Timesheet', async () => {
    const holiday = await open('status', { now: Date.parse('2026-05-14T10:00:00+02:00'), running: false });
    // Worked on a holiday: the time, and no target, just the holiday's name.
    await text(screenOf(holiday.page, 'status').locator('.today .total')).toBe('3 h 50 min · Ascension Day');
    const leaveWeek = await open('timesheet', { now: Date.parse('2026-05-27T10:00:00+02:00') });
    const sheet = screenOf(leaveWeek.page, 'timesheet');
    // Whit Monday, then the pending trip to Lisbon: pending leave takes its days off the target as the
    // engine counts it (the fake's week has work on every day before today).
    await text(sheet.getByRole('region', { name: 'Monday, May 25' }).locator('.day-total')).toBe('7 h 40 min · Whit Monday');
    await text(sheet.getByRole('region', { name: 'Tuesday, May 26' }).locator('.day-total')).toBe('7 h 40 min · Vacation');
    await text(sheet.getByRole('region', { name: 'Friday, May 29' }).locator('.day-total')).toBe('0 min · Vacation');
  });
});

describe('durations', () => {
  it('reads as durations with units, and in decimal hours on every screen as soon as Preferences say so', async () => {
    const { page, fake } = await open('status');
    const status = screenOf(page, 'status');
    await text(status.locator('.today .total')).toBe('5 h 10 min of 8 h');
    const preferences = page.getByRole('link', { name: 'Preferences' });
    await preferences.click();
    await screenReady(page, 'preferences', PATIENCE_MS);
    const form = screenOf(page, 'preferences');
    await form.getByLabel('Show durations as').selectOption({ label: 'Decimal hours (3.75 h)' });
    await form.getByRole('button', { name: 'Save' }).click();
    await text(form.getByRole('status').first()).toBe('Saved.');
    expect(callsOf(fake, 'savePreferences')).toEqual([{ durations: 'decimal' }]);

    await page.getByRole('link', { name: 'Status' }).click();
    await text(status.locator('.today .total')).toBe('5.17 h of 8.00 h');
    await page.getByRole('link', { name: 'Timesheet' }).click();
    await screenReady(page, 'timesheet', PATIENCE_MS);
    const sheet = screenOf(page, 'timesheet');
    await text(sheet.locator('.week-total')).toBe('20.50 h of 30.00 h this week · 68%');
    await text(sheet.getByRole('region', { name: 'Monday, May 11' }).locator('.day-total')).toBe('7.67 h of 8.00 h · 0.33 h undertime');
    await page.getByRole('link', { name: 'Reports' }).click();
    await screenReady(page, 'reports', PATIENCE_MS);
    await text(screenOf(page, 'reports').locator('.figure').first()).toContain('20.50 h');
  });

  it('opens in decimal hours when they were chosen before', async () => {
    const { page } = await open('timesheet', { durations: 'decimal' });
    await text(screenOf(page, 'timesheet').locator('li.entry.running .duration')).toBe('1.33 h');
  });
});

describe('the tray’s preferences', () => {
  it('records a shortcut from a key press, says a clash in words, and saves the idle threshold', async () => {
    const { page, fake } = await open('preferences');
    const preferences = screenOf(page, 'preferences');
    const shortcut = preferences.getByLabel('Clock in/out shortcut');
    expect(await shortcut.inputValue()).toBe('');
    await shortcut.focus();
    await page.keyboard.press('Control+Shift+KeyK');
    expect(await shortcut.inputValue()).toBe('Ctrl+Shift+K');
    await preferences.getByRole('button', { name: 'Save' }).click();
    await text(preferences.getByRole('alert')).toBe(
      'Ctrl+Shift+K is already in use by another app or by the system, so Punchcard cannot use it. Choose another shortcut. Nothing was saved.',
    );

    await shortcut.focus();
    await page.keyboard.press('Control+Alt+KeyP');
    expect(await shortcut.inputValue()).toBe('Ctrl+Alt+P');
    await preferences.getByLabel('Ask about time away after (minutes)').fill('2.5');
    await preferences.getByRole('button', { name: 'Save' }).click();
    await text(preferences.locator('.field.invalid')).toContain('Enter whole minutes, such as 10.');
    await preferences.getByLabel('Ask about time away after (minutes)').fill('15');
    await preferences.getByRole('button', { name: 'Save' }).click();
    await text(preferences.getByRole('status').first()).toBe('Saved.');
    expect(callsOf(fake, 'savePreferences').at(-1)).toEqual({ idleMinutes: 15, shortcut: 'CommandOrControl+Alt+P' });

    // Tab still leaves the field, and Backspace clears the shortcut.
    await shortcut.focus();
    await page.keyboard.press('Backspace');
    expect(await shortcut.inputValue()).toBe('');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.shortcut-field'))).toBeNull();
  });
});
