// Every screen and state the screenshots script renders (screenshots.ts, STATES), light and dark, run
// through axe-core in headless Chromium over the fake bridge, set up the way the pictures are: no
// violation of any rule axe runs by default (WCAG 2.x A and AA, contrast included, and its best
// practices), nor of label-content-name-mismatch, which axe leaves off by default and which a person
// who speaks a button's visible words to voice control meets. Uses the built window and fails, never
// skips, without it or Chromium.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SCREENS } from '../../window-contract/channels.ts';
import { axeViolations, COLOUR_RULES } from '../support/axe.ts';
import { CHANNELS, startBridgeServer } from './bridge-server.ts';
import { createFakeBridge, FAKE_NOW } from './fake-bridge.ts';
import { gotoThroughNetworkChanges, launchChromium, openWindow, rendererDist, serveRenderer, switchTheme, windowPool, type WindowPool } from './harness.ts';
import { inState, STATES, TRACKER_STATES, WEEK_STATES, WORKING_TIME_STATES, type Theme } from './screenshots.ts';
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

it('checks every screen, in the states the screenshots show', () => {
  expect(new Set(STATES.map((state) => state.screen))).toEqual(new Set(SCREENS));
});

// The states held to more (every rule's incomplete results too, not only COUNTED_INCOMPLETE's: test/support/axe.ts),
// each checked once, by its list, not also with the rest:
// - the Harvest Account form (saved, tested, its address refused): nothing left for review;
// - the Tempo Timesheets Account form (saved, and tested with both tokens typed: two secrets and Tempo's host beside
//   the site): nothing left for review;
// - Status, Timesheet (the new entry's connection select too) and Reports with two connections (issue 86): nothing
//   left for review but the contrast of the charts' SVG text, which ui-contrast.test.ts measures against what it is
//   drawn on;
// - a week per connection (issue 91): the Account's week in a connection's row and in Add connection, and the screens
//   with two connections that share the settings' week, the charts' SVG text apart, as above;
// - working time (issue 92): Preferences' rules off and set by the organisation, Reports' month sheet with findings,
//   without, with the rules off and under the organisation's rules, and Status' line for today's finding, the
//   charts' SVG text apart.
const HELD_TO_MORE = [
  {
    name: 'the Harvest Account form',
    states: STATES.filter((state) => state.screen === 'account' && state.state.startsWith('harvest')),
    incomplete: 'all' as const,
  },
  {
    name: 'the Tempo Timesheets Account form',
    states: STATES.filter((state) => state.screen === 'account' && state.state.startsWith('tempo')),
    incomplete: 'all' as const,
  },
  { name: 'two connections', states: TRACKER_STATES, incomplete: 'all-but-chart-text' as const },
  { name: 'a week per connection', states: WEEK_STATES, incomplete: 'all-but-chart-text' as const },
  { name: 'working time', states: WORKING_TIME_STATES, incomplete: 'all-but-chart-text' as const },
];
const heldToMore = new Set(HELD_TO_MORE.flatMap((list) => list.states));

// One window per state: checked light, then switched to dark and checked again, as a person's system
// switches it, so each state is set up once. The theme changes only colours, so in dark only the
// rules about colours run again.
it.each(STATES.filter((state) => !heldToMore.has(state)))(
  '$screen, $state: $what',
  async (state) => {
    const violations: Record<Theme, string[]> = { light: [], dark: [] };
    await inState(windows, dist, state, 'light', async (page) => {
      violations.light = await axeViolations(page);
      await switchTheme(page, 'dark');
      violations.dark = await axeViolations(page, COLOUR_RULES);
    });
    expect(violations).toEqual({ light: [], dark: [] });
  },
  60_000,
);

for (const list of HELD_TO_MORE) {
  it.each(list.states)(
    `${list.name}, $screen, $state: no violation and nothing axe leaves for review`,
    async (state) => {
      const findings: Record<Theme, string[]> = { light: [], dark: [] };
      await inState(windows, dist, state, 'light', async (page) => {
        findings.light = await axeViolations(page, undefined, { incomplete: list.incomplete });
        await switchTheme(page, 'dark');
        findings.dark = await axeViolations(page, COLOUR_RULES, { incomplete: list.incomplete });
      });
      expect(findings).toEqual({ light: [], dark: [] });
    },
    60_000,
  );
}

it('checks each state once: every state of the lists held to more is one the screenshots show', () => {
  expect([...heldToMore].every((state) => STATES.includes(state))).toBe(true);
  expect(heldToMore.size).toBe(HELD_TO_MORE.reduce((count, list) => count + list.states.length, 0));
});

// While a screen waits for its data it shows a placeholder, whose words a screen reader must get too
// (an aria-label on a plain div is dropped): each screen opened with every call to main held, and
// checked as it waits. Status waits inside its cards, with their headings. Each screen is a fresh
// load of the page: held calls are requests to the bridge server here, and Chromium opens only six
// to one host, which a page that kept them would soon have used up.
it('says what each screen is loading while its data is on the way', async () => {
  const fake = createFakeBridge({
    now: FAKE_NOW,
    account: { type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false },
    team: 'lead',
  });
  const releases = CHANNELS.map((name) => fake.hold(name));
  const bridge = await startBridgeServer(fake);
  const server = await serveRenderer(dist, { bridge: bridge.url });
  const window = await openWindow(browser, { url: 'about:blank', token: bridge.token, fixedTime: fake.now(), actionTimeoutMs: PATIENCE_MS });
  const loading: Record<string, { said: string; violations: string[] }> = {};
  try {
    for (const screen of SCREENS.filter((name) => name !== 'status')) {
      await window.page.goto('about:blank');
      await gotoThroughNetworkChanges(window.page, `${server.url}#${screen}`);
      // The screen itself, past the moment its code loads (whose placeholder is the same one).
      await window.page.locator(`.screen-${screen} h1`).waitFor();
      const placeholder = window.page.locator(`.screen-${screen} .placeholder[aria-busy="true"]`);
      loading[screen] = { said: await placeholder.innerText(), violations: await axeViolations(window.page) };
    }
  } finally {
    for (const release of releases) release();
    await window.close();
    await server.close();
    await bridge.close();
  }
  const said = (words: string) => ({ said: words, violations: [] });
  expect(loading).toEqual({
    timesheet: said('Loading the week'),
    reports: said('Loading the report'),
    leave: said('Loading leave'),
    calendar: said('Loading the calendar'),
    team: said('Loading the team'),
    approvals: said('Loading the approvals'),
    admin: said('Loading administration'),
    tools: said('Loading tools'),
    connect: said('Loading clients'),
    account: said('Loading account'),
    preferences: said('Loading preferences'),
  });
}, 90_000);
