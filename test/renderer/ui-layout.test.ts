// The window at the sizes people give it — the smallest main allows (640×480), a laptop's 800×600 and
// a wide 1280×800 — in headless Chromium over the fake bridge: on every screen, and in the states
// with the most in them, no text is drawn over other text, none is cut off, nothing scrolls sideways,
// the navigation stays usable, and a wide window's width is used. Then the same in German with a
// German team's long names. Uses the built window and fails, never skips, without it or Chromium.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Screen } from '../../window-contract/channels.ts';
import { WINDOW_SIZE as MAIN_WINDOW } from '../../main/windows/settings-window.ts';
import { createFakeBridge, SAMPLE_KEPT_WRITES, type FakeBridgeOptions } from './fake-bridge.ts';
import { drawn, launchChromium, layoutProblems, windowPool, type WindowPool, rendererDist, screenOf, screenReady } from './harness.ts';
import { type FakeWindow, openOnFake, whatWentWrong } from './fake-window.ts';
import { CLOCKIFY_FIELDS } from './fake-fields.ts';
import { MEDIUM, SMALLEST, WIDE } from './screenshots.ts';
import { PATIENCE_MS } from '../support/patience.ts';

let browser: Browser;
let windows: WindowPool;
let dist: string;
const open: FakeWindow[] = [];

beforeAll(async () => {
  dist = rendererDist();
  browser = await launchChromium();
  windows = windowPool(browser);
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  for (const opened of open.splice(0)) {
    await opened.close();
    expect(whatWentWrong(opened)).toEqual([]);
  }
});

async function show(screen: Screen, size: { width: number; height: number }, options: { fake?: FakeBridgeOptions; locale?: string } = {}): Promise<Page> {
  const fake = createFakeBridge(options.fake);
  const opened = await openOnFake(windows, dist, fake, {
    hash: screen,
    fixedTime: fake.now(),
    viewport: size,
    ...(options.locale ? { locale: options.locale } : {}),
  });
  open.push(opened);
  await screenReady(opened.page, screen, PATIENCE_MS);
  return opened.page;
}

const CALAMARI = { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' } as const;

interface Case {
  name: string;
  screen: Screen;
  fake?: FakeBridgeOptions;
  act?: (page: Page) => Promise<void>;
}

/** Every screen, and the states that put the most on one: forms open, a busy week, a team's month. */
const CASES: Case[] = [
  { name: 'Status, switching', screen: 'status', act: (page) => screenOf(page, 'status').getByRole('button', { name: 'Switch…' }).click() },
  { name: 'Status, clocked out', screen: 'status', fake: { running: false } },
  {
    name: 'Timesheet, an entry in edit',
    screen: 'timesheet',
    act: async (page) => {
      await screenOf(page, 'timesheet')
        .getByRole('button', { name: /^Edit Internal · Meetings/ })
        .first()
        .click();
      await page.getByRole('form', { name: 'Change the entry' }).waitFor();
    },
  },
  {
    name: 'Status, clocking in refused for the fields its project requires',
    screen: 'status',
    fake: { ...CLOCKIFY_FIELDS, running: false },
    act: async (page) => {
      const timer = screenOf(page, 'status').locator('.timer');
      await timer.getByLabel('Project', { exact: true }).fill('Acme Website');
      await timer.getByRole('button', { name: 'Clock in' }).click();
      await timer.locator('.custom-fields').getByRole('alert').waitFor();
    },
  },
  {
    name: 'Timesheet, an entry in edit with its custom fields, several choices among them',
    screen: 'timesheet',
    fake: CLOCKIFY_FIELDS,
    act: async (page) => {
      await screenOf(page, 'timesheet')
        .getByRole('button', { name: /^Edit Acme Website · Development/ })
        .first()
        .click();
      await page.getByRole('form', { name: 'Change the entry' }).getByRole('group', { name: 'Teams' }).waitFor();
    },
  },
  { name: 'Timesheet, a busy week in 12-hour times', screen: 'timesheet', fake: { busyWeek: true } },
  {
    name: 'Timesheet, Kimai with a locked entry',
    screen: 'timesheet',
    fake: { account: { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false } },
  },
  { name: 'Reports', screen: 'reports', fake: { account: { type: 'clockodo', email: 'ada@acme.example', url: 'https://my.clockodo.com' } } },
  {
    name: 'Leave, a request being written',
    screen: 'leave',
    act: async (page) => {
      await screenOf(page, 'leave').getByRole('button', { name: 'Request leave…' }).click();
      await screenOf(page, 'leave').getByRole('form', { name: 'Request leave' }).waitFor();
    },
  },
  { name: 'Calendar of a team', screen: 'calendar', fake: { account: CALAMARI } },
  {
    name: 'Team of a lead, a request being rejected',
    screen: 'team',
    fake: { account: { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false }, team: 'lead' },
    act: (page) =>
      screenOf(page, 'team')
        .getByRole('button', { name: /^Reject Dan/ })
        .click(),
  },
  {
    name: 'Status with kept writes to decide',
    screen: 'status',
    fake: { account: { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false }, keptWrites: SAMPLE_KEPT_WRITES },
  },
  { name: 'Tools', screen: 'tools' },
  { name: 'Connect', screen: 'connect' },
  { name: 'Account', screen: 'account' },
  { name: 'Preferences', screen: 'preferences' },
];

it('tests the smallest window main allows', () => {
  expect(SMALLEST).toEqual({ width: MAIN_WINDOW.minWidth, height: MAIN_WINDOW.minHeight });
});

const SIZES = [
  ['the smallest window', SMALLEST],
  ['a laptop’s window', MEDIUM],
  ['a wide window', WIDE],
] as const;

/** The window resized as a person drags its corner, once the page has laid itself out again. */
async function resize(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await drawn(page);
}

// One window per case, opened at the smallest size and then widened as a person widens it: every
// size is checked (the first as drawn from the start, the others after a resize), and each case is
// set up once rather than once per size.
describe('at the smallest window, a laptop’s and a wide one', () => {
  it.each(CASES)(
    '$name: no text over text, none cut off, nothing sideways',
    async ({ screen, fake, act }) => {
      const page = await show(screen, SMALLEST, fake ? { fake } : {});
      await act?.(page);
      for (const [label, size] of SIZES) {
        await resize(page, size);
        expect(await layoutProblems(page, screen), label).toEqual({ overlaps: [], cut: [], sideways: false });
      }
    },
    60_000,
  );

  it('keeps the navigation usable: every screen a visible, named link inside the window', async () => {
    const page = await show('timesheet', SMALLEST);
    const links = page.getByRole('navigation', { name: 'Punchcard' }).getByRole('link');
    for (const [label, size] of SIZES) {
      await resize(page, size);
      expect(await links.count()).toBe(9);
      for (const link of await links.all()) {
        const box = (await link.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
        const name = `${await link.innerText()} at ${label}`;
        expect(box.x + box.width, name).toBeLessThanOrEqual(size.width);
        expect(box.y + box.height, name).toBeLessThanOrEqual(size.height);
        expect(box.width, name).toBeGreaterThanOrEqual(24);
      }
    }
    await resize(page, SMALLEST);
    await page.getByRole('link', { name: 'Calendar' }).click();
    await screenReady(page, 'calendar', PATIENCE_MS);
    // The screen gets the room: the navigation takes at most a tenth of a small window.
    const nav = await page.getByRole('navigation', { name: 'Punchcard' }).boundingBox();
    expect(nav?.width).toBeLessThanOrEqual(SMALLEST.width / 10);
  });
});

describe('a wide window', () => {
  it('uses its width on every daily screen', async () => {
    const page = await show('status', WIDE);
    for (const screen of ['status', 'timesheet', 'reports', 'leave', 'calendar'] as const) {
      await page
        .getByRole('navigation', { name: 'Punchcard' })
        .getByRole('link', { name: screen.charAt(0).toUpperCase() + screen.slice(1) })
        .click();
      await screenReady(page, screen, PATIENCE_MS);
      const used = await page.evaluate((name) => {
        const content = document.querySelector('.content') as HTMLElement;
        const padding = parseFloat(getComputedStyle(content).paddingLeft) + parseFloat(getComputedStyle(content).paddingRight);
        return (document.querySelector(`section.screen-${name}`) as HTMLElement).getBoundingClientRect().width / (content.clientWidth - padding);
      }, screen);
      // It left a third empty: 760 of 1064 pixels.
      expect(used, screen).toBeGreaterThan(0.95);
    }
  });
});

describe('German, with a German team’s long names', () => {
  it('reads whole at the smallest window and a laptop’s, on every daily screen', async () => {
    for (const screen of ['status', 'timesheet', 'reports', 'leave', 'calendar'] as const) {
      const page = await show(screen, SMALLEST, { locale: 'de-DE', fake: { longNames: true, durations: 'decimal', account: CALAMARI } });
      for (const [label, size] of SIZES.slice(0, 2)) {
        await resize(page, size);
        expect(await layoutProblems(page, screen), `${screen} at ${label}`).toEqual({ overlaps: [], cut: [], sideways: false });
      }
    }
  }, 120_000);

  it('writes days, times and decimal hours as German does', async () => {
    const page = await show('timesheet', MEDIUM, { locale: 'de-DE', fake: { longNames: true, durations: 'decimal' } });
    const sheet = screenOf(page, 'timesheet');
    await expect.poll(() => sheet.locator('.period').innerText()).toBe('11.–17. Mai 2026');
    // The person's choice of decimal hours arrives with the preferences, a moment after the week.
    await expect.poll(() => sheet.locator('.week-total').innerText()).toBe('20,50 h of 30,00 h this week · 68%');
    const monday = sheet.getByRole('region', { name: 'Montag, 11. Mai' });
    expect(await monday.locator('li.entry .range').first().innerText()).toBe('8:30 – 12:15');
    // A long project name is read whole, wrapped rather than cut.
    expect(await monday.locator('li.entry .project').first().innerText()).toBe(
      'Forschungs- und Entwicklungsvorhaben „Digitale Verwaltung 2030“ · Softwareentwicklung',
    );
  });
});
