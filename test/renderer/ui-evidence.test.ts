// The day from evidence in the window, in headless Chromium against the fake bridge (fake-evidence.ts,
// which saves the settings with main's own splitFeedAddress and the settings' schema): no drafts
// and no question to main until a source is on; a day's drafts accepted, changed and dropped by
// keyboard, then booked with exactly what changed; the Evidence settings saved with a feed's secret
// address going to the keychain and never coming back to the window. Uses the built window and fails,
// never skips, without it or Chromium.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { feedSecretAccount } from '../../mcp-server/contract/evidence-settings.ts';
import { startBridgeServer } from './bridge-server.ts';
import { createFakeBridge, FAKE_NOW, type FakeBridgeOptions } from './fake-bridge.ts';
import { launchChromium, openWindow, rendererDist, screenOf, screenReady, serveRenderer } from './harness.ts';
import { PATIENCE_MS } from '../support/patience.ts';

let browser: Browser;
let dist: string;

beforeAll(async () => {
  dist = rendererDist();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function open(hash: 'timesheet' | 'preferences', options: FakeBridgeOptions = {}) {
  const fake = createFakeBridge({ now: FAKE_NOW, ...options });
  const bridge = await startBridgeServer(fake);
  const server = await serveRenderer(dist, { bridge: bridge.url });
  const window = await openWindow(browser, { url: server.url, token: bridge.token, hash, fixedTime: fake.now(), actionTimeoutMs: PATIENCE_MS });
  await screenReady(window.page, hash, PATIENCE_MS);
  return {
    fake,
    page: window.page,
    problems: () => [...window.problems.all, ...bridge.log],
    close: async () => {
      await window.close();
      await server.close();
      await bridge.close();
    },
  };
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim());

it('shows no drafts while every source is off, and the engine is not asked for any', async () => {
  const opened = await open('timesheet');
  try {
    await expect.poll(() => opened.fake.calls.some((call) => call.name === 'getDrafts')).toBe(true);
    expect(await screenOf(opened.page, 'timesheet').getByRole('region', { name: 'Drafts from your day' }).count()).toBe(0);
    expect(opened.problems()).toEqual([]);
  } finally {
    await opened.close();
  }
});

it('reviews a day by keyboard: one draft accepted, one changed, one dropped, then booked with only what changed', async () => {
  const opened = await open('timesheet', { evidence: true });
  const { page, fake } = opened;
  try {
    const card = screenOf(page, 'timesheet').getByRole('region', { name: 'Drafts from your day' });
    await card.getByLabel('Day', { exact: true }).focus();
    await card.getByLabel('Day', { exact: true }).selectOption('2026-05-12');
    const list = card.getByRole('list', { name: 'Drafts of Tuesday, May 12' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(3);

    // Accept the commits' draft with the keyboard: Tab reaches it, Space presses it.
    await card.getByRole('button', { name: /^Accept Acme Website/ }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => card.getByRole('button', { name: /^Accept Acme Website/ }).getAttribute('aria-pressed')).toBe('true');

    // The AI session has no project: Book refuses it until one is named. Change it: Enter opens the form.
    await card.getByRole('button', { name: /^Change No project yet/ }).focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Change the draft of Tuesday, May 12' });
    await form.getByLabel('Start').waitFor();
    await form.getByLabel('Project').fill('');
    await page.keyboard.press('Enter');
    await expect.poll(() => form.getByRole('alert').innerText()).toBe('Choose a project: no rule and no earlier entry names one for this draft.');
    await form.getByLabel('Project').fill('Internal');
    await form.getByLabel('End').fill('12:45');
    await form.getByLabel('Project').press('Enter');
    await expect.poll(() => form.count()).toBe(0);
    // Focus is back on the draft's Change, now named by its new project.
    await expect.poll(() => focused(page)).toMatch(/^Change Internal — Work with Claude Code/);

    await card.getByRole('button', { name: /^Drop Internal · Meetings/ }).click();
    await expect.poll(() => card.locator('.form-actions .hint').innerText()).toBe('2 accepted · 1 dropped · 0 open');

    await card.getByRole('button', { name: 'Book 2 entries' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => card.getByRole('status').innerText()).toBe('Booked 2 entries.');
    expect(fake.calls.filter((call) => call.name === 'bookDrafts').map((call) => call.request)).toEqual([
      {
        date: '2026-05-12',
        entries: [{ id: 'd202605120' }, { id: 'd202605121', end: '2026-05-12T12:45', project: 'Internal' }],
      },
    ]);
    // The timesheet and the drafts are asked again: the booked drafts are gone, the dropped one is still drafted.
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    const tuesday = screenOf(page, 'timesheet').getByRole('list', { name: 'Entries of Tuesday, May 12' });
    await expect.poll(() => tuesday.getByText('PAY-42: retry failed webhooks').count()).toBe(1);
    expect(opened.problems()).toEqual([]);
  } finally {
    await opened.close();
  }
}, 60_000);

it('saves the Evidence settings: a secret feed address goes to the keychain, and the window never sees it again', async () => {
  const SECRET = 'https://calendar.google.com/calendar/ical/ada%40example.com/private-77ab12/basic.ics';
  const opened = await open('preferences');
  const { page, fake } = opened;
  try {
    const form = screenOf(page, 'preferences').getByRole('form', { name: 'Evidence' });
    await form.getByLabel('Your e-mail addresses').fill('ada@example.com');
    await form.getByRole('button', { name: 'Add calendar' }).click();
    const calendar = form.getByRole('group', { name: 'Calendar 1' });
    await calendar.getByLabel('Name').fill('Work');
    await calendar.getByLabel('Kind').selectOption('url');
    await calendar.getByLabel('Address').fill(SECRET);
    await form.getByRole('button', { name: 'Add rule' }).click();
    const rule = form.getByRole('group', { name: 'Rule 1' });
    await rule.getByLabel('Source').selectOption('calendar');
    await rule.getByLabel('Text').fill('retro');
    await rule.getByLabel('Project').fill('Internal');
    await form.getByRole('button', { name: 'Use these sources and rules' }).click();
    await expect.poll(() => form.getByRole('status').innerText()).toBe('Saved.');

    expect(fake.keychain.get(feedSecretAccount('Work'))).toBe(SECRET);
    const saved = (await fake.getEvidence()).evidence;
    expect(saved.calendars).toEqual([{ name: 'Work', url: '{secret}' }]);
    expect(saved.rules).toEqual([{ source: 'calendar', match: 'retro', project: 'Internal' }]);
    // The form shows that a secret is saved, never the secret.
    await expect.poll(() => calendar.getByLabel('Address').inputValue()).toBe('');
    await expect.poll(() => calendar.getByText('Its secret is in the keychain.', { exact: false }).count()).toBe(1);
    expect(await page.content()).not.toContain('private-77ab12');

    // Saved again unchanged, the secret stays where it is.
    await form.getByRole('button', { name: 'Use these sources and rules' }).click();
    await expect.poll(() => fake.calls.filter((call) => call.name === 'saveEvidence').length).toBe(2);
    expect(fake.keychain.get(feedSecretAccount('Work'))).toBe(SECRET);

    // A rule without its project is said before anything is sent.
    await form.getByRole('button', { name: 'Add rule' }).click();
    await form.getByRole('button', { name: 'Use these sources and rules' }).click();
    await expect.poll(() => form.getByRole('alert').innerText()).toBe('Rule 2: enter the text to find and the project it means.');
    expect(fake.calls.filter((call) => call.name === 'saveEvidence').length).toBe(2);
    expect(opened.problems()).toEqual([]);
  } finally {
    await opened.close();
  }
}, 60_000);
