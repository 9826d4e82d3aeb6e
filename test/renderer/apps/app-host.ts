// Opens one of Punchcard's MCP Apps as a chat client would: the tool's `_meta.ui.resourceUri` read
// from the engine's tools/list, its page read as a resource, the tool called, and the page drawn by
// the SDK's AppBridge in a sandboxed iframe (host-page.ts) with the answer handed to it. Every call
// the page makes goes through the bridge to this process and on to the engine with the official MCP
// client, and is recorded here.
import { resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import type { Browser, BrowserContext, ConsoleMessage, Frame, FrameLocator, Page } from 'playwright-core';
import { OFFERED_TOOLS_META } from '../../../mcp-server/contract/app-offers.ts';
import { axeViolations } from '../../support/axe.ts';
import { PATIENCE_MS } from '../../support/patience.ts';

export type Theme = 'light' | 'dark';

/** What a chat client's sandbox enforces for a page that declares no outside domains. */
export const HOST_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

export interface ToolCall {
  name: string;
  arguments?: Record<string, unknown>;
}

export interface AppHost {
  page: Page;
  /** The app's page inside the host's iframe. */
  app: FrameLocator;
  /** Every tool call the page asked the host for, in order. */
  calls: ToolCall[];
  /** What the page told the model (ui/update-model-context, ui/message), in order. */
  modelContext(): Promise<Array<{ content?: Array<{ type: string; text?: string }> }>>;
  /** axe-core's violations in the app's page. */
  axe(): Promise<string[]>;
  /** Console errors and page errors so far (a CSP violation is one). */
  problems: string[];
  /** Sends the page a message as the host, as if the SDK had (a forged or replayed one). */
  postAsHost(message: unknown): Promise<void>;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  client: Client;
  tool: string;
  args?: Record<string, unknown>;
  /** The theme the host sends; the computer's own setting is the opposite unless `systemTheme` says. */
  theme: Theme;
  systemTheme?: Theme;
  /** More host context (toolInfo, containerDimensions…); none by default: all of it is optional. */
  hostContext?: Record<string, unknown>;
  width?: number;
  /** The time the browser's clock shows (the timer's elapsed time). */
  fixedTime?: number;
  /** A host that takes the page's messages (each a new turn) and no context updates. */
  messagesOnly?: boolean;
  /**
   * Tools the host answers itself rather than passing the call to the engine: a tool no back end here
   * serves yet (its answer built as the engine's contract describes it), or a host that refuses a call.
   * The call is still recorded in `calls`. The engine's answers that tell a page which of its optional
   * reads are offered (mcp-server/contract/app-offers.ts) name these too, as if the engine offered them.
   */
  hostAnswers?: Readonly<Record<string, (args: Record<string, unknown>) => unknown>>;
}

let hostScript: Promise<string> | undefined;

/** The host page's script, built once per test process from host-page.ts (call it in beforeAll: it takes seconds). */
export function buildHostScript(): Promise<string> {
  hostScript ??= (async () => {
    const { build } = await import('vite');
    const result = await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        write: false,
        target: 'chrome120',
        minify: false,
        reportCompressedSize: false,
        rolldownOptions: { input: resolve(import.meta.dirname, 'host-page.ts') },
      },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Array<{ output: Array<{ type: string; code?: string }> }>;
    const chunks = outputs.flatMap((entry) => entry.output).filter((file) => file.type === 'chunk');
    if (chunks.length !== 1) throw new Error(`The test host built into ${chunks.length} scripts; it must be one.`);
    return chunks[0]?.code ?? '';
  })();
  return hostScript;
}

/**
 * Apps opened one after another in a tab kept for the next, as the window's tests do (harness.ts,
 * windowPool: a new tab costs a new renderer process and a cold compile). Each app still gets a
 * document of its own: the tab is unloaded (about:blank) before the host page is written again, and
 * its size, theme and clock are set afresh. The one function the page calls the host through is
 * exposed once per tab and hands each call to the app open in it. Tabs are kept apart for apps on a
 * fixed clock and on the real one, since a clock Playwright installed in a page stays.
 */
export interface AppTabs {
  open(options: OpenAppOptions): Promise<AppHost>;
  close(): Promise<void>;
}

interface KeptTab {
  context: BrowserContext;
  tab: Page;
  /** Where the page's calls go: the app open in the tab. */
  callTool: (params: ToolCall) => Promise<unknown>;
  open: boolean;
}

/** Where a tab's calls go while no app is open in it. */
const noAppOpen = (): Promise<unknown> => Promise.reject(new Error('No app is open in this tab.'));

export function appTabs(browser: Browser): AppTabs {
  const kept = new Map<string, KeptTab>();
  const keptFor = async (key: string): Promise<KeptTab> => {
    const found = kept.get(key);
    if (found) {
      if (found.open) throw new Error('An app is still open in this tab: close it before opening the next.');
      return found;
    }
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const tab = await context.newPage();
    const made: KeptTab = { context, tab, callTool: noAppOpen, open: false };
    await tab.exposeFunction('hostCallTool', (params: ToolCall) => made.callTool(params));
    kept.set(key, made);
    return made;
  };
  return {
    async open(options) {
      const { client } = options;
      const listed = (await client.listTools()).tools.find((tool) => tool.name === options.tool);
      const uri = (listed?._meta?.ui as { resourceUri?: string } | undefined)?.resourceUri;
      if (!uri) throw new Error(`${options.tool} carries no _meta.ui.resourceUri: the engine offered it no app.`);
      const page = (await client.readResource({ uri })).contents[0] as { text?: string; mimeType?: string };
      if (page.mimeType !== 'text/html;profile=mcp-app' || !page.text) throw new Error(`${uri} is not an app's page.`);
      const args = options.args ?? {};
      const hostOffers = (answer: Awaited<ReturnType<Client['callTool']>>) => withOffered(answer, Object.keys(options.hostAnswers ?? {}));
      const result = hostOffers(await client.callTool({ name: options.tool, arguments: args }));

      const slot = await keptFor(options.fixedTime === undefined ? 'real clock' : 'fixed clock');
      slot.open = true;
      const { tab } = slot;
      await tab.setViewportSize({ width: options.width ?? 760, height: 900 });
      await tab.emulateMedia({ colorScheme: options.systemTheme ?? (options.theme === 'dark' ? 'light' : 'dark'), reducedMotion: 'reduce' });
      if (options.fixedTime !== undefined) await tab.clock.setFixedTime(options.fixedTime);
      tab.setDefaultTimeout(PATIENCE_MS);
      const problems: string[] = [];
      const onConsole = (message: ConsoleMessage) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      };
      const onPageError = (error: Error) => problems.push(`page: ${error.message}`);
      tab.on('console', onConsole);
      tab.on('pageerror', onPageError);
      const calls: ToolCall[] = [];
      slot.callTool = async (params) => {
        calls.push(params);
        const answered = options.hostAnswers?.[params.name];
        if (answered) return answered(params.arguments ?? {});
        return hostOffers(await client.callTool({ name: params.name, arguments: params.arguments ?? {} }));
      };
      await tab.setContent('<!doctype html><html lang="en"><head><title>Test host</title></head><body style="margin:0"></body></html>');
      await tab.addScriptTag({ type: 'module', content: await buildHostScript() });
      await tab.waitForFunction(() => 'openApp' in window);
      await tab.evaluate((open) => (window as unknown as { openApp(value: unknown): Promise<void> }).openApp(open), {
        html: page.text,
        csp: HOST_CSP,
        toolArgs: args,
        toolResult: result,
        hostContext: { theme: options.theme, ...options.hostContext },
        messagesOnly: options.messagesOnly === true,
      });
      const app = tab.frameLocator('iframe[title="Punchcard app"]');
      const appFrame = (): Frame => {
        const found = tab.frames().find((frame) => frame !== tab.mainFrame());
        if (!found) throw new Error('The host has no app frame.');
        return found;
      };
      let closed = false;
      return {
        page: tab,
        app,
        calls,
        problems,
        modelContext: () =>
          tab.evaluate(() => (window as unknown as { modelContext: Array<{ content?: Array<{ type: string; text?: string }> }> }).modelContext),
        axe: () => axeViolations(appFrame()),
        postAsHost: async (message) => {
          await tab.evaluate((sent) => document.querySelector('iframe')?.contentWindow?.postMessage(sent, '*'), message);
        },
        close: async () => {
          if (closed) return;
          closed = true;
          tab.off('console', onConsole);
          tab.off('pageerror', onPageError);
          // A new document, so nothing of this host page's globals is the next one's.
          await tab.goto('about:blank');
          slot.callTool = noAppOpen;
          slot.open = false;
        },
      };
    },
    async close() {
      await Promise.all([...kept.values()].map((slot) => slot.context.close()));
      kept.clear();
    },
  };
}

/** `answer` with `tools` among those it says the page is offered, where it says any. */
function withOffered<T extends { _meta?: Record<string, unknown> }>(answer: T, tools: readonly string[]): T {
  const offered = answer._meta?.[OFFERED_TOOLS_META];
  if (!Array.isArray(offered) || tools.length === 0) return answer;
  return { ...answer, _meta: { ...answer._meta, [OFFERED_TOOLS_META]: [...new Set([...offered, ...tools])] } };
}

/** One app in a tab of its own, closed with it. */
export async function openApp(browser: Browser, options: OpenAppOptions): Promise<AppHost> {
  const tabs = appTabs(browser);
  const host = await tabs.open(options);
  return {
    ...host,
    close: async () => {
      await host.close();
      await tabs.close();
    },
  };
}
