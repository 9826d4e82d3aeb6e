// What the admin end-to-end tests share whichever back end they meet (test/support/clockify-admin.ts,
// kimai-admin.ts, clockodo-admin.ts): the moment they run at, how a test answers the engine's
// questions, and whether the engine offers a tool.
import type { ElicitRequestFormParams, ElicitResult } from '@modelcontextprotocol/client';
import type { Era, InProcessEngineHandle } from './engine.ts';

/** Thursday 19 November 2026, 15:00 in Berlin: the engine's and the fake's clock in every admin test. */
export const ADMIN_NOW = '2026-11-19T15:00:00+01:00';

/** How a test answers a question before a change. */
export type Answer = (params: ElicitRequestFormParams) => ElicitResult;
export const accept: Answer = () => ({ action: 'accept', content: {} });

/** How one person's session is opened: the protocol era (legacy unless said) and the answer to each question. */
export interface SessionOptions {
  era?: Era;
  elicitation?: Answer;
  /** The app's own engine (`--all-tools`, the app's proof): it lists the window's own tools too (mcp-server/app-tools/). */
  app?: boolean;
}

/** What startInProcessEngine takes for the app's own engine, where a session asks for it. */
export function appEngineOptions(options: SessionOptions): { args?: string[]; appEngine?: boolean } {
  return options.app ? { args: ['--all-tools'], appEngine: true } : {};
}

/** Whether the engine lists `tool` to this client now. */
export async function offers(engine: InProcessEngineHandle, tool: string): Promise<boolean> {
  return (await engine.client.listTools()).tools.some((listed) => listed.name === tool);
}

/** The names the engine lists now, of those in `tools`, in the engine's order. */
export async function offeredOf(engine: InProcessEngineHandle, tools: readonly string[]): Promise<string[]> {
  return (await engine.client.listTools()).tools.map((listed) => listed.name).filter((name) => tools.includes(name));
}
