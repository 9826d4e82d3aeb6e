// Every screen and state the screenshots script renders (screenshots.ts, STATES), light and dark, run
// through axe-core in headless Chromium over the fake bridge, set up the way the pictures are: no
// violation of any rule axe runs by default (WCAG 2.x A and AA, contrast included, and its best
// practices), nor of label-content-name-mismatch, which axe leaves off by default and which a person
// who speaks a button's visible words to voice control meets. Uses the built window and fails, never
// skips, without it or Chromium.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SCREENS } from '../../main/ipc/contract.ts';
import { axeViolations, COLOUR_RULES } from '../support/axe.ts';
import { launchChromium, rendererDist, switchTheme } from './harness.ts';
import { inState, STATES, type Theme } from './screenshots.ts';

let browser: Browser;
let dist: string;

beforeAll(async () => {
  dist = rendererDist();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

it('checks every screen, in the states the screenshots show', () => {
  expect(new Set(STATES.map((state) => state.screen))).toEqual(new Set(SCREENS));
});

// One window per state: checked light, then switched to dark and checked again, as a person's system
// switches it, so each state is set up once. The theme changes only colours, so in dark only the
// rules about colours run again.
it.each(STATES)('$screen, $state: $what', async (state) => {
  const violations: Record<Theme, string[]> = { light: [], dark: [] };
  await inState(browser, dist, state, 'light', async (page) => {
    violations.light = await axeViolations(page);
    await switchTheme(page, 'dark');
    violations.dark = await axeViolations(page, COLOUR_RULES);
  });
  expect(violations).toEqual({ light: [], dark: [] });
}, 60_000);
