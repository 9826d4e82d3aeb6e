// One Chromium and the host page's script for a test file of MCP Apps, with vitest's hooks: the
// browser lives as long as the file, and each app a test opens is closed after that test.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from '../harness.ts';
import { type AppHost, buildHostScript, openApp, type OpenAppOptions } from './app-host.ts';

export function appsInChromium(): { open(options: OpenAppOptions): Promise<AppHost> } {
  let browser: Browser | undefined;
  let opened: AppHost | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    await buildHostScript();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });
  return {
    async open(options) {
      if (!browser) throw new Error('Chromium is not running: open apps inside a test.');
      await opened?.close();
      opened = await openApp(browser, options);
      return opened;
    },
  };
}
