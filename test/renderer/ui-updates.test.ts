// The app's updates in the window, in headless Chromium against the fake bridge (which answers with
// main's own words, main/updates/update-model.ts): the setting chosen by keyboard, Check now, the
// state changing as main reports it, and "Restart to update" from the bar over every screen. Uses
// the built window and fails, never skips, without it or Chromium.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBridgeServer } from './bridge-server.ts';
import { createFakeBridge, FAKE_NOW } from './fake-bridge.ts';
import { gotoThroughNetworkChanges, launchChromium, openWindow, rendererDist, screenOf, screenReady, serveRenderer } from './harness.ts';
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

it('is used by keyboard: the setting, Check now, then Restart to update once main says it is ready', async () => {
  const fake = createFakeBridge({ now: FAKE_NOW, running: false });
  const bridge = await startBridgeServer(fake);
  const server = await serveRenderer(dist, { bridge: bridge.url });
  const window = await openWindow(browser, { url: server.url, token: bridge.token, hash: 'preferences', fixedTime: fake.now() });
  const page = window.page;
  try {
    await bridge.waitForEventStreams(1);
    await screenReady(page, 'preferences', PATIENCE_MS);
    const card = screenOf(page, 'preferences').locator('section.updates');
    const words = card.locator('.update-words');
    await expect.poll(() => words.innerText()).toBe('Punchcard 0.1.0 is up to date (checked at 13:55).');

    // The radios are one group: focus the chosen one, arrow to the next.
    await card.getByRole('radio', { name: /Tell me/ }).focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => fake.calls.filter((call) => call.name === 'setUpdateMode').map((call) => call.request)).toEqual([{ mode: 'auto' }]);
    await expect.poll(() => card.getByRole('radio', { name: /Install automatically/ }).isChecked()).toBe(true);

    // The radio group is one tab stop; the next is Check now.
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Check now');
    await page.keyboard.press('Enter');
    await expect.poll(() => words.innerText()).toBe('Checking for updates…');

    // Main found and verified one: the bar appears over every screen, and the card offers the restart.
    fake.setUpdatePhase({ kind: 'ready', version: '0.2.0' });
    const bar = page.getByRole('complementary', { name: 'Update ready' });
    await bar.waitFor({ state: 'visible', timeout: PATIENCE_MS });
    await expect
      .poll(() => words.innerText())
      .toBe(
        'Punchcard 0.2.0 is downloaded and verified. It installs by itself when nothing is in the way (now: this window is open), or at once if you restart.',
      );
    await gotoThroughNetworkChanges(page, `${server.url}#status`);
    await screenReady(page, 'status', PATIENCE_MS);
    await bar.getByRole('button', { name: 'Restart to update' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => fake.installs.count).toBe(1);

    expect(window.problems.all).toEqual([]);
    expect(bridge.log).toEqual([]);
  } finally {
    await window.close();
    await server.close();
    await bridge.close();
  }
}, 60_000);

it('says why nothing can be chosen where the organisation installs updates', async () => {
  const fake = createFakeBridge({ now: FAKE_NOW, updates: { policy: { enabled: false, pinned: null, problem: null } } });
  const bridge = await startBridgeServer(fake);
  const server = await serveRenderer(dist, { bridge: bridge.url });
  const window = await openWindow(browser, { url: server.url, token: bridge.token, hash: 'preferences', fixedTime: fake.now() });
  try {
    await screenReady(window.page, 'preferences', PATIENCE_MS);
    const card = screenOf(window.page, 'preferences').locator('section.updates');
    await expect.poll(() => card.locator('.update-words').innerText()).toBe('Punchcard 0.1.0. Your organisation installs Punchcard’s updates itself.');
    expect(await card.getByRole('radio', { name: /Install automatically/ }).isDisabled()).toBe(true);
    expect(await card.getByRole('button', { name: 'Check now' }).count()).toBe(0);
  } finally {
    await window.close();
    await server.close();
    await bridge.close();
  }
}, 60_000);
