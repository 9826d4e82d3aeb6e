// One Chromium and the host page's script for a test file of MCP Apps, with vitest's hooks: the
// browser and its kept tabs (app-host.ts, appTabs) live as long as the file, and each app a test
// opens is closed after that test.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from '../harness.ts';
import { type AppHost, type AppTabs, appTabs, buildHostScript, type OpenAppOptions } from './app-host.ts';

export function appsInChromium(): { open(options: OpenAppOptions): Promise<AppHost> } {
  let browser: Browser | undefined;
  let tabs: AppTabs | undefined;
  let opened: AppHost | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    tabs = appTabs(browser);
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
      if (!tabs) throw new Error('Chromium is not running: open apps inside a test.');
      await opened?.close();
      opened = await tabs.open(options);
      return opened;
    },
  };
}
