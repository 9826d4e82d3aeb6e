// A window of the built app against the fake bridge, as the renderer's tests open one: the fake
// behind a bridge server that takes the pool's token, the built renderer served with that bridge, and
// a window from the file's pool (harness.ts, windowPool). Closed window first, then what served it;
// what went wrong in it is said the same way for every test and for `npm run screenshots`.
import type { Page } from 'playwright-core';
import { type BridgeServer, startBridgeServer } from './bridge-server.ts';
import type { FakeBridge } from './fake-bridge.ts';
import { type OpenOptions, type OpenWindow, type RendererServer, serveRenderer, type WindowPool } from './harness.ts';

export interface FakeWindow {
  fake: FakeBridge;
  bridge: BridgeServer;
  server: RendererServer;
  window: OpenWindow;
  page: Page;
  close(): Promise<void>;
}

export async function openOnFake(windows: WindowPool, dist: string, fake: FakeBridge, options: Omit<OpenOptions, 'url' | 'token'>): Promise<FakeWindow> {
  const bridge = await startBridgeServer(fake, { token: windows.token });
  const server = await serveRenderer(dist, { bridge: bridge.url });
  const serving = async () => {
    await server.close();
    await bridge.close();
  };
  const window = await windows.open({ url: server.url, ...options }).catch(async (error: unknown) => {
    await serving();
    throw error;
  });
  return {
    fake,
    bridge,
    server,
    window,
    page: window.page,
    close: async () => {
      await window.close();
      await serving();
    },
  };
}

/**
 * What never happens in a window on the fake, each said with where it was seen: errors in the page,
 * CSP violations, failures behind the bridge, calls the contract refused. Empty when all went well.
 */
export function whatWentWrong(opened: FakeWindow): string[] {
  const { problems } = opened.window;
  return [
    ...problems.all,
    ...problems.csp.map((text) => `CSP: ${text}`),
    ...opened.bridge.log.map((text) => `behind the bridge: ${text}`),
    ...problems.refused.map((url) => `refused by the contract: ${url}`),
  ];
}
