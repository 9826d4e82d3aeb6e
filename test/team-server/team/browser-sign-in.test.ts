// The sign-in as a person does it, once, in Debian's Chromium: the authorization link an MCP client
// opens, the sign-in page used by keyboard, the consent page naming the client, and the browser sent
// back to the client with a code the client exchanges. The pages pass axe-core, work without
// JavaScript (Chromium runs with it off) and render in light and dark (screenshots in test-output/).
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { Client, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import { textOf } from '../../support/engine.ts';
import { MemoryOAuthProvider, removeTeamServerData, startTeamServer, type TeamServerHandle } from '../../support/team-server.ts';
import { gotoThroughNetworkChanges, launchChromium } from '../../renderer/harness.ts';
import { axeViolations } from '../../support/axe.ts';

const SHOTS = resolve(import.meta.dirname, '../../../test-output/team-server');

describe('signing in from Chromium', () => {
  let server: TeamServerHandle;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTeamServer();
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeTeamServerData(server);
  });

  it.each(['light', 'dark'] as const)('signs in by keyboard, allows the client, and the client is connected (%s)', { timeout: 120_000 }, async (scheme) => {
    // The client's own loopback listener, as Claude Code and Codex open one: the browser is sent back to it.
    let callback: URL | undefined;
    const listener = await listenForCallback((url) => {
      callback = url;
    });
    onTestFinished(() => listener.close());
    const oauth = new MemoryOAuthProvider({ clientName: `Claude (${scheme})`, redirectUrl: listener.url });
    const first = new Client({ name: 'chromium-test', version: '1.0.0' });
    await expect(first.connect(new StreamableHTTPClientTransport(new URL(server.mcpUrl), { authProvider: oauth }))).rejects.toBeInstanceOf(UnauthorizedError);
    const authorizationUrl = oauth.authorizationUrl as URL;

    // Scripts off: pages that needed JavaScript would fail here. axe needs scripts, so it checks the
    // same pages afterwards in a second context.
    const context = await browser.newContext({ javaScriptEnabled: false, colorScheme: scheme, viewport: { width: 800, height: 700 } });
    const page = await context.newPage();
    await gotoThroughNetworkChanges(page, authorizationUrl.href);
    await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('Sign in · Punchcard');
    expect(await page.locator('h1').textContent()).toBe(`Sign in to connect Claude (${scheme})`);
    await page.screenshot({ path: join(SHOTS, `sign-in-${scheme}.png`), fullPage: true });
    const signInHtml = await page.content();

    // By keyboard: the first Tab reaches the name field, then Enter sends the form.
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 20_000 }).toBe('name');
    await page.keyboard.type('Grace Hopper');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await expect.poll(() => page.title(), { timeout: 20_000 }).not.toBe('Sign in · Punchcard');
    await expect.poll(() => page.title(), { timeout: 20_000 }).toBe(`Allow Claude (${scheme}) · Punchcard`);
    expect(await page.locator('main').textContent()).toContain('asks to act as Grace Hopper');
    await page.screenshot({ path: join(SHOTS, `consent-${scheme}.png`), fullPage: true });
    const consentHtml = await page.content();
    await page.getByRole('button', { name: 'Allow', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => callback?.searchParams.get('code') ?? null, { timeout: 20_000 }).not.toBeNull();
    expect(callback?.searchParams.get('iss')).toBe(server.origin);

    const transport = new StreamableHTTPClientTransport(new URL(server.mcpUrl), { authProvider: oauth });
    await transport.finishAuth((callback as URL).searchParams);
    const client = new Client({ name: 'chromium-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.mcpUrl), { authProvider: oauth }));
    const who = (await client.callTool({ name: 'whoami', arguments: {} })) as { content: Array<{ type: string; text?: string }> };
    expect(textOf(who)).toContain('Grace Hopper');
    await client.close();
    await context.close();

    // The same pages, checked by axe-core in a page that may run its script.
    const checking = await browser.newContext({ colorScheme: scheme });
    const checker = await checking.newPage();
    for (const html of [signInHtml, consentHtml]) {
      await checker.setContent(html);
      expect(await axeViolations(checker)).toEqual([]);
    }
    await checking.close();
  });
});

/** A loopback listener for the browser's return: it answers a page and hands the address it was sent to. */
async function listenForCallback(received: (url: URL) => void): Promise<{ url: string; close(): Promise<void> }> {
  const listener: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/callback') received(url);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Back in the client</title><p>Done</p>');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(listener.address() as AddressInfo).port}/callback`,
    close: () =>
      new Promise<void>((resolve) => {
        listener.closeAllConnections();
        listener.close(() => resolve());
      }),
  };
}
