// Timesheet approvals in headless Chromium against the fake bridge (issue 67): each week's status on the
// Timesheet, "Submit week" asked first and sent only on a yes, a locked week's entries that cannot be
// changed and say why in timesheet_period_locked's words, and a lead's Approvals: weeks opened to their
// entries, approved, or rejected with the note the form asks for before anything is sent; a refusal in
// its code's words; all by keyboard, and axe-clean light and dark at 640×480. Nothing of it shows where
// the back end has no approvals. Uses the built window and fails, never skips, without it or Chromium.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../window-contract/account.ts';
import type { Screen } from '../../window-contract/channels.ts';
import { lockWords } from '../../main/engine/approval-words.ts';
import { refusalWords } from '../../main/engine/refusal-words.ts';
import { axeViolations, COLOUR_RULES } from '../support/axe.ts';
import { createFakeBridge, type FakeBridge, type FakeBridgeOptions } from './fake-bridge.ts';
import { launchChromium, rendererDist, screenOf, screenReady, switchTheme, windowPool, type WindowPool } from './harness.ts';
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

async function open(hash: Screen, fake: FakeBridgeOptions = {}, viewport?: { width: number; height: number }): Promise<FakeWindow> {
  const bridgeFake = createFakeBridge(fake);
  const session = await openOnFake(windows, dist, bridgeFake, { hash, fixedTime: bridgeFake.now(), ...(viewport ? { viewport } : {}) });
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

const CLOCKIFY: AccountView['provider'] = { type: 'clockify', url: 'https://api.clockify.me', workspace: null };
const WITH_APPROVALS: FakeBridgeOptions = { account: CLOCKIFY, approvals: {} };
const KIMAI: AccountView['provider'] = { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false };
const LAST_WEEK = '2026-05-04';
const LEAD: FakeBridgeOptions = { account: CLOCKIFY, approvals: { lead: true } };
const text = (locator: Locator) => expect.poll(() => locator.innerText());
const callsOf = (fake: FakeBridge, name: string) => fake.calls.filter((call) => call.name === name).map((call) => call.request);
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    return element?.getAttribute('aria-label') ?? element?.labels?.[0]?.textContent ?? element?.textContent?.trim();
  });
/** Whether a button is disabled as the browser has it: out of the Tab order, taking no click. */
const isDisabled = (control: Locator) => control.evaluate((element) => (element as HTMLButtonElement).disabled);
const approvalCard = (page: Page) => screenOf(page, 'timesheet').getByRole('region', { name: 'Approval' });
const week = (page: Page) => screenOf(page, 'timesheet').locator('.period');
const navLink = (page: Page) => page.getByRole('navigation', { name: 'Punchcard' }).getByRole('link', { name: 'Approvals' });
const waiting = (page: Page, person: string) => screenOf(page, 'approvals').getByRole('listitem').filter({ hasText: person });

async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  for (let presses = 0; presses < 80; presses++) {
    const now = await focused(page);
    if (typeof name === 'string' ? now === name : name.test(now ?? '')) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

async function previousWeek(page: Page, label: string): Promise<void> {
  await screenOf(page, 'timesheet').getByRole('button', { name: 'Previous week' }).click();
  await text(week(page)).toBe(label);
}

const LAST_WEEK_LOCK = lockWords({ first_day: '2026-05-04', last_day: '2026-05-10', status: 'approved', reopened_by: 'an_approver', back_end: 'Clockify' });

describe("the Timesheet's approvals", () => {
  it("shows each week's status: not submitted, approved with its approver, rejected with where the note went", async () => {
    const { page } = await open('timesheet', WITH_APPROVALS);
    await text(approvalCard(page)).toContain('Not submitted');
    await previousWeek(page, 'May 4 – 10, 2026');
    await text(approvalCard(page)).toContain('Approved');
    await text(approvalCard(page)).toContain('Approved by Tom Turner.');
    await text(approvalCard(page).getByRole('note')).toBe(LAST_WEEK_LOCK);
    expect(await approvalCard(page).getByRole('button').count()).toBe(0);
    await previousWeek(page, 'Apr 27 – May 3, 2026');
    await text(approvalCard(page)).toContain('Rejected');
    await text(approvalCard(page)).toContain('Clockify keeps no note for you to read here: it sent the note to you by e-mail.');
    // A rejected week is submitted again once it is fixed.
    expect(await approvalCard(page).getByRole('button', { name: 'Submit week Apr 27 – May 3, 2026 for approval' }).count()).toBe(1);
  });

  it('shows the approver’s note with a rejection where the back end keeps it for the person', async () => {
    const { page } = await open('timesheet', {
      account: KIMAI,
      approvals: { rejectionNoteKept: true, own: { '2026-05-04': { status: 'rejected', note: 'Friday is missing', decidedBy: 'Tom Turner' } } },
    });
    await previousWeek(page, 'May 4 – 10, 2026');
    await text(approvalCard(page)).toContain('Note from Tom Turner: “Friday is missing”');
  });

  it('shows nothing of approvals where the back end has none, and asks nothing of them', async () => {
    for (const fake of [{}, { account: CLOCKIFY }] satisfies FakeBridgeOptions[]) {
      const { page, fake: bridge } = await open('timesheet', fake);
      await screenOf(page, 'timesheet').locator('.week-summary').waitFor();
      expect(await approvalCard(page).count()).toBe(0);
      expect(await navLink(page).count()).toBe(0);
      expect(callsOf(bridge, 'submitWeek')).toEqual([]);
    }
  });

  it('asks before submitting the week, naming it and its hours, and sends it only on a yes, by keyboard', async () => {
    const { page, fake } = await open('timesheet', { ...WITH_APPROVALS, approvals: { locksPending: true } });
    await tabTo(page, 'Submit week May 11 – 17, 2026 for approval');
    await page.keyboard.press('Enter');
    const question = approvalCard(page).getByRole('group');
    await text(question).toContain(
      'Submit your timesheet for May 11 – 17, 2026 (20 h 30 min) for approval? Clockify may keep its time as it is until it is decided.',
    );
    await expect.poll(() => focused(page)).toBe('Submit');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('Submit week May 11 – 17, 2026 for approval');
    expect(callsOf(fake, 'submitWeek')).toEqual([]);

    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Submit');
    await page.keyboard.press('Enter');
    await text(approvalCard(page).getByRole('status')).toMatch(
      /^Submitted your timesheet for May 11, 2026 to May 17, 2026 \(20\.5 h\): it waits for approval\.$/,
    );
    expect(callsOf(fake, 'submitWeek')).toEqual([{ date: '2026-05-11' }]);
    await text(approvalCard(page)).toContain('Waiting for approval');
    expect(
      await approvalCard(page)
        .getByRole('button', { name: /^Submit week/ })
        .count(),
    ).toBe(0);
    // Where the back end locks a submitted week, this week's entries are kept as they are at once.
    const lock = lockWords({ first_day: '2026-05-11', last_day: '2026-05-17', status: 'pending', reopened_by: 'the_person', back_end: 'Clockify' });
    await text(approvalCard(page).getByRole('note')).toBe(lock);
    await expect
      .poll(() =>
        isDisabled(
          screenOf(page, 'timesheet')
            .getByRole('button', { name: /^Edit / })
            .first(),
        ),
      )
      .toBe(true);
  });

  it("keeps a locked week's entries as they are: Edit, Delete, Add and Fill shown disabled, each described by the card's reason, and out of the way of the keyboard", async () => {
    const { page, fake } = await open('timesheet', WITH_APPROVALS);
    await previousWeek(page, 'May 4 – 10, 2026');
    const timesheet = screenOf(page, 'timesheet');
    const edit = timesheet.getByRole('button', { name: 'Edit Acme Website · Development, 8:30 AM' }).first();
    const remove = timesheet.getByRole('button', { name: 'Delete Acme Website · Development, 8:30 AM' }).first();
    const add = timesheet.getByRole('button', { name: 'Add entry on Monday, May 4' });
    const fill = timesheet.getByRole('button', { name: /^Fill the gap from 12:30 PM to 1:15 PM/ }).first();
    // The reason is said once, by the Approval card; every control points to it. The week's status
    // arrives after its entries, so the card is waited for before anything is counted.
    await text(approvalCard(page).getByRole('note')).toBe(LAST_WEEK_LOCK);
    expect(await approvalCard(page).getByText(LAST_WEEK_LOCK).count()).toBe(1);
    for (const control of [edit, remove, add, fill]) {
      await expect.poll(() => isDisabled(control)).toBe(true);
      expect(await control.evaluate((element) => document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent)).toBe(LAST_WEEK_LOCK);
    }
    // Pressed anyway (dispatched, as a disabled button takes no ordinary click): nothing opens and nothing is sent.
    for (const control of [edit, remove, add, fill]) await control.dispatchEvent('click');
    expect(await timesheet.locator('.editing, .entry-editor, form').count()).toBe(0);
    expect(await timesheet.getByRole('group', { name: 'Delete this entry?' }).count()).toBe(0);
    expect(callsOf(fake, 'updateEntry')).toEqual([]);
    expect(callsOf(fake, 'deleteEntry')).toEqual([]);
    // By keyboard, Tab passes from the card through the week's days and its entries' Continue, never stopping
    // on a control that does nothing.
    await tabTo(page, 'Continue Acme Website · Development, 8:30 AM');
    const stops: string[] = [];
    for (let presses = 0; presses < 12; presses++) {
      await page.keyboard.press('Tab');
      stops.push((await focused(page)) ?? '');
    }
    expect(stops.filter((stop) => /^(Edit|Delete|Add entry|Fill)/.test(stop))).toEqual([]);
    expect(stops.filter((stop) => stop.startsWith('Continue')).length).toBeGreaterThan(3);
    // The week after is open: its entries can be changed, and their Edit is drawn as a working link, unlike the locked one.
    const lockedColour = await edit.evaluate((element) => getComputedStyle(element).color);
    await screenOf(page, 'timesheet').getByRole('button', { name: 'Next week' }).click();
    await text(week(page)).toBe('May 11 – 17, 2026');
    const openEdit = timesheet.getByRole('button', { name: /^Edit / }).first();
    expect(await isDisabled(openEdit)).toBe(false);
    expect(await openEdit.getAttribute('aria-describedby')).toBeNull();
    expect(await openEdit.evaluate((element) => getComputedStyle(element).color)).not.toBe(lockedColour);
  });

  it('says a week Kimai holds though it was never submitted for what it is: not submitted, locked, and why', async () => {
    const { page } = await open('timesheet', {
      account: KIMAI,
      approvals: { locksPending: true, nextToSubmit: '2026-05-11', own: { [LAST_WEEK]: { status: 'approved', decidedBy: 'Tom Turner' } } },
    });
    await previousWeek(page, 'May 4 – 10, 2026');
    await text(approvalCard(page)).toContain('Approved');
    await previousWeek(page, 'Apr 27 – May 3, 2026');
    await text(approvalCard(page)).toContain('Not submitted');
    const held = lockWords({ first_day: '2026-04-27', last_day: '2026-05-03', status: 'not_submitted', reopened_by: 'an_administrator', back_end: 'Kimai' });
    await text(approvalCard(page).getByRole('note')).toBe(held);
    expect(held).toMatch(/was not submitted, but Kimai keeps its time as it is, as it keeps every week before your next one to submit/);
    const timesheet = screenOf(page, 'timesheet');
    await text(timesheet.getByRole('heading', { name: /^Monday, April 27/ })).toContain('Locked');
    expect(await isDisabled(timesheet.getByRole('button', { name: /^Edit / }).first())).toBe(true);
  });

  it('says an engine refusal of a submission in its code’s words', async () => {
    const { page, fake } = await open('timesheet', { ...WITH_APPROVALS, approvals: { own: { '2026-05-11': { status: 'withdrawn' } } } });
    // Submitted meanwhile from the tracker's own pages: the engine refuses, and the window says why.
    fake.failNext(
      'submitWeek',
      refusalWords({ code: 'timesheet_already_submitted', facts: { first_day: '2026-05-11', last_day: '2026-05-17', status: 'pending', id: 'x' } }) ?? '',
    );
    await approvalCard(page)
      .getByRole('button', { name: /^Submit week/ })
      .click();
    await approvalCard(page).getByRole('button', { name: 'Submit', exact: true }).click();
    await text(approvalCard(page).getByRole('alert')).toBe(
      'Your timesheet for May 11, 2026 to May 17, 2026 is already waiting for approval. Nothing was sent.',
    );
    await expect.poll(() => focused(page)).toBe('Submit week May 11 – 17, 2026 for approval');
  });
});

describe('Approvals', () => {
  it('is offered to a lead only; a link to it says why there is nothing, and asks nothing', async () => {
    const worker = await open('timesheet', WITH_APPROVALS);
    await screenOf(worker.page, 'timesheet').locator('.week-summary').waitFor();
    expect(await navLink(worker.page).count()).toBe(0);
    const linked = await open('approvals', WITH_APPROVALS);
    await text(screenOf(linked.page, 'approvals').getByRole('note')).toBe("Your time tracker leaves nobody's timesheet to your decision through Punchcard.");
    expect(callsOf(linked.fake, 'getApprovalsToDecide')).toEqual([]);
    const lead = await open('approvals', LEAD);
    await expect.poll(() => navLink(lead.page).count()).toBe(1);
    await text(screenOf(lead.page, 'approvals').getByRole('region', { name: 'Waiting for your decision' })).toContain('2 weeks');
    await text(screenOf(lead.page, 'approvals').getByRole('region', { name: 'Decided lately' })).toBe(
      'Decided lately\nDan Dorsey · Apr 27 – May 3, 2026 · 40 h\nApproved',
    );
  });

  it('opens a week to its entries, and approves it after a second word, by keyboard', async () => {
    const { page, fake } = await open('approvals', LEAD);
    await tabTo(page, 'Show entries of Bob Baker’s timesheet, May 4 – 10, 2026 (38.5 h)');
    await page.keyboard.press('Enter');
    const table = waiting(page, 'Bob Baker').getByRole('table', { name: 'Entries of Bob Baker’s timesheet, May 4 – 10, 2026' });
    await expect.poll(() => table.getByRole('row').count()).toBe(11);
    await text(table.getByRole('row').nth(6)).toBe('Wed May 6\t1:15 PM – 5:00 PM\tInternal · Meetings — Sprint review\t3 h 45 min');
    expect(callsOf(fake, 'getSubmissionEntries')).toEqual([{ id: '65f0c1a2b3' }]);

    await tabTo(page, 'Approve Bob Baker’s timesheet, May 4 – 10, 2026 (38.5 h)');
    await page.keyboard.press('Enter');
    await text(waiting(page, 'Bob Baker').getByRole('group')).toContain('Approve Bob Baker’s timesheet, May 4 – 10, 2026 (38.5 h)?');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('Approve Bob Baker’s timesheet, May 4 – 10, 2026 (38.5 h)');
    expect(fake.timesheetDecisions).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Approve');
    await page.keyboard.press('Enter');
    const region = screenOf(page, 'approvals').getByRole('region', { name: 'Waiting for your decision' });
    await text(region.getByRole('status')).toBe("Approved Bob Baker's timesheet for May 4, 2026 to May 10, 2026 (38.5 h).");
    await expect.poll(() => focused(page)).toBe('Waiting for your decision');
    expect(fake.timesheetDecisions).toEqual([{ id: '65f0c1a2b3', decision: 'approve', note: undefined }]);
    await expect.poll(() => waiting(page, 'Bob Baker').count()).toBe(1); // now under "Decided lately"
    await text(screenOf(page, 'approvals').getByRole('region', { name: 'Decided lately' })).toContain('Bob Baker · May 4 – 10, 2026 · 38.5 h\nApproved');
  });

  it('rejects only with a note: the form says so before anything is sent, then sends the note', async () => {
    const { page, fake } = await open('approvals', LEAD);
    await tabTo(page, 'Reject Cleo Chen’s timesheet, May 4 – 10, 2026 (41 h)');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Note (required)');
    await tabTo(page, 'Reject');
    await page.keyboard.press('Enter');
    const form = waiting(page, 'Cleo Chen').getByRole('form', { name: /^Reject Cleo Chen/ });
    await text(form.locator('.field-error')).toBe('A rejection needs a note saying what to fix.');
    await expect.poll(() => focused(page)).toBe('Note (required)');
    expect(await form.getByRole('textbox').getAttribute('aria-invalid')).toBe('true');
    expect(callsOf(fake, 'decideTimesheet')).toEqual([]);

    await page.keyboard.type('Wednesday is missing');
    await tabTo(page, 'Reject');
    await page.keyboard.press('Enter');
    const region = screenOf(page, 'approvals').getByRole('region', { name: 'Waiting for your decision' });
    await text(region.getByRole('status')).toBe("Rejected Cleo Chen's timesheet for May 4, 2026 to May 10, 2026 (41 h). Your note went with it.");
    expect(fake.timesheetDecisions).toEqual([{ id: '65f0c1a2c4', decision: 'reject', note: 'Wednesday is missing' }]);
    await text(screenOf(page, 'approvals').getByRole('region', { name: 'Decided lately' })).toContain(
      'Cleo Chen · May 4 – 10, 2026 · 41 h\nRejected\n“Wednesday is missing”',
    );
  });

  it("shows a refusal in its code's words: a week someone decided meanwhile", async () => {
    const { page, fake } = await open('approvals', LEAD);
    fake.decideTimesheetElsewhere('65f0c1a2b3', 'approved');
    await waiting(page, 'Bob Baker')
      .getByRole('button', { name: /^Approve/ })
      .click();
    await waiting(page, 'Bob Baker').getByRole('button', { name: 'Approve', exact: true }).click();
    await text(waiting(page, 'Bob Baker').getByRole('alert')).toBe(
      `"Bob Baker"'s timesheet for May 4, 2026 to May 10, 2026 is approved already. Nothing was sent.`,
    );
    expect(fake.timesheetDecisions).toEqual([]);
  });

  it('is axe-clean, incomplete findings included, light and dark at 640×480: the list, a week opened, a rejection without a note', async () => {
    const { page } = await open('approvals', LEAD, SMALLEST);
    const found: string[] = [];
    const check = async (what: string) => {
      found.push(...(await axeViolations(page)).map((line) => `${what} light: ${line}`));
      await switchTheme(page, 'dark');
      found.push(...(await axeViolations(page, COLOUR_RULES)).map((line) => `${what} dark: ${line}`));
      await switchTheme(page, 'light');
    };
    await check('list');
    await waiting(page, 'Bob Baker')
      .getByRole('button', { name: /^Show entries/ })
      .click();
    await waiting(page, 'Bob Baker').getByRole('table').waitFor();
    await check('entries');
    await waiting(page, 'Cleo Chen')
      .getByRole('button', { name: /^Reject/ })
      .click();
    await waiting(page, 'Cleo Chen').getByRole('button', { name: 'Reject', exact: true }).click();
    await waiting(page, 'Cleo Chen').locator('.field-error').waitFor();
    await check('rejecting');

    const timesheet = await open('timesheet', WITH_APPROVALS, SMALLEST);
    await previousWeek(timesheet.page, 'May 4 – 10, 2026');
    found.push(...(await axeViolations(timesheet.page)).map((line) => `locked week light: ${line}`));
    await switchTheme(timesheet.page, 'dark');
    found.push(...(await axeViolations(timesheet.page, COLOUR_RULES)).map((line) => `locked week dark: ${line}`));
    expect(found).toEqual([]);
  }, 60_000);
});
