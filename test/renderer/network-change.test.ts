// A window whose request Chromium dropped because the machine's network changed (podman making its
// networks for the deployment suite beside these tests) is the machine's doing: it is kept apart from the
// window's own problems, and screenReady opens the window again once; a navigation it gave up is made
// again (test/renderer/harness.ts).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoThroughNetworkChanges, launchChromium, screenReady, watchProblems } from './harness.ts';

let browser: Browser;
let server: Server;
let origin: string;
/** How often the page was served (its favicon aside): the first time without its screen's data, as a dropped module leaves it. */
let served = 0;

beforeAll(async () => {
  browser = await launchChromium();
  server = createServer((request, response) => {
    if (request.url !== '/') return void response.writeHead(204).end();
    served += 1;
    const screen = served === 1 ? '<section class="screen-tools"></section>' : '<section class="screen-tools"><div class="group">Tools</div></section>';
    response.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>t</title>${screen}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('a network change under a window', () => {
  it('is kept apart from the window’s own problems, with the module it dropped, and the window is opened again once', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto(origin);
      await page.evaluate(() => {
        console.error('Failed to load resource: net::ERR_NETWORK_CHANGED');
        console.error('TypeError: Failed to fetch dynamically imported module: http://127.0.0.1/assets/Timesheet.js');
      });
      await screenReady(page, 'tools', 1_000);
      expect(served).toBe(2);
      expect(problems.all).toEqual([]);
      expect(problems.networkChanged).toHaveLength(2);
    } finally {
      await context.close();
    }
  });

  it('still fails a window that does not show for any other reason, and opens it only once', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      served = 0;
      await page.goto(origin);
      await page.evaluate(() => console.error('TypeError: Failed to fetch dynamically imported module: http://127.0.0.1/assets/Timesheet.js'));
      await expect(screenReady(page, 'tools', 1_000)).rejects.toThrow(/Timeout/);
      expect(served).toBe(1);
      expect(problems.all).toEqual(['console: TypeError: Failed to fetch dynamically imported module: http://127.0.0.1/assets/Timesheet.js']);
    } finally {
      await context.close();
    }
  });
});

describe('a navigation the network change gave up', () => {
  const changed = new Error('page.goto: net::ERR_NETWORK_CHANGED at http://127.0.0.1:1/#reports');
  const pageFailing = (failures: Error[]) => {
    const urls: string[] = [];
    return {
      urls,
      goto: async (url: string) => {
        urls.push(url);
        const failure = failures.shift();
        if (failure) throw failure;
        return null;
      },
    };
  };

  it('is made again, and the window opens', async () => {
    const page = pageFailing([changed, changed]);
    await gotoThroughNetworkChanges(page, 'http://127.0.0.1:1/#reports');
    expect(page.urls).toEqual(Array(3).fill('http://127.0.0.1:1/#reports'));
  });

  it('still fails when the network changes on every try, or for any other reason at once', async () => {
    const always = pageFailing([changed, changed, changed, changed]);
    await expect(gotoThroughNetworkChanges(always, 'http://127.0.0.1:1/')).rejects.toBe(changed);
    expect(always.urls).toHaveLength(3);
    const refused = new Error('page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:1/');
    const other = pageFailing([refused]);
    await expect(gotoThroughNetworkChanges(other, 'http://127.0.0.1:1/')).rejects.toBe(refused);
    expect(other.urls).toHaveLength(1);
  });
});
