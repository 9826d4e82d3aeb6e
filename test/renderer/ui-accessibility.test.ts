// Every screen and state the screenshots script renders (screenshots.ts, STATES), light and dark, run
// through axe-core in headless Chromium over the fake bridge, set up the way the pictures are: no
// violation of any rule axe runs by default (WCAG 2.x A and AA, contrast included, and its best
// practices), nor of label-content-name-mismatch, which axe leaves off by default and which a person
// who speaks a button's visible words to voice control meets. Uses the built window and fails, never
// skips, without it or Chromium.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SCREENS } from '../../main/ipc/contract.ts';
import { launchChromium, rendererDist } from './harness.ts';
import { inState, STATES, type Theme } from './screenshots.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
let dist: string;

beforeAll(async () => {
  dist = rendererDist();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/**
 * axe's violations on the page as it stands, one line per rule and element, so a failure says what
 * to fix where. The script is evaluated through the debugging protocol, which the window's CSP does
 * not govern (the page itself may load no script but its own).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    () =>
      (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, {
        rules: { 'label-content-name-mismatch': { enabled: true } },
        resultTypes: ['violations'],
      }),
  );
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} at ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? violation.help}`),
  );
}

it('checks every screen, in the states the screenshots show', () => {
  expect(new Set(STATES.map((state) => state.screen))).toEqual(new Set(SCREENS));
});

// One window per state: checked light, then switched to dark and checked again, as a person's system
// switches it, so each state is set up once.
it.each(STATES)('$screen, $state: $what', async (state) => {
  const violations: Record<Theme, string[]> = { light: [], dark: [] };
  await inState(browser, dist, state, 'light', async (page) => {
    violations.light = await axeViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    if (!(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches))) throw new Error('The window did not turn dark');
    violations.dark = await axeViolations(page);
  });
  expect(violations).toEqual({ light: [], dark: [] });
}, 60_000);
