// The window's contract for the Connect screen: the AI clients Punchcard registers itself with, their
// snippets and links, the Claude Desktop extension, and the organisation's team server.
import * as z from 'zod/v4';
import { none } from './request-parts.ts';

export type RegistrationState = 'registered' | 'missing' | 'stale' | 'outdated' | 'invalid' | 'manual';

export interface ClientCard {
  id: string;
  name: string;
  installed: boolean;
  /** True when Punchcard can edit the client's file itself (one-click register). */
  writable: boolean;
  status: RegistrationState;
  /** A person's words for the status, e.g. "Registered" or "The file has an error on line 3". */
  statusText: string;
  files: Array<{ path: string; status: RegistrationState; problem?: string }>;
  nextStep: string;
  /** Why the organisation does not allow registering this client; the register button is locked. */
  lockedByOrganisation?: string;
}

/** Punchcard's Claude Desktop extension (an MCP Bundle, `.mcpb`): installed by Claude Desktop itself. */
export interface ExtensionView {
  /** The bundle beside the app (in a checkout: dist/punchcard.mcpb), or null when there is none. */
  path: string | null;
  /** Why it cannot be installed from here, in words; null when it can. */
  problem: string | null;
  /** Claude Desktop was found on this computer. */
  claudeInstalled: boolean;
}

/** The organisation's team server, where its policy names one (for the clients that cannot start Punchcard here). */
export interface TeamServerView {
  /** What a person adds to Claude.ai, ChatGPT or Copilot Studio: https://…/mcp; null: no team server named. */
  endpoint: string | null;
}

export interface ClientChange {
  card: ClientCard;
  /** What happened, in words: which files changed, where the backup is, what to do next. */
  message: string;
}

export interface SnippetView {
  clientId: string;
  language: 'json' | 'toml' | 'yaml';
  text: string;
  command: string | null;
  /** Install links by label; opened through `openClientLink`, never by URL from the window. */
  links: string[];
  nextStep: string;
}

const clientId = z.string().regex(/^[a-z0-9-]{1,40}$/, 'a client id such as claude-desktop');

export const registrationChannels = {
  listClients: { request: none, response: [] as ClientCard[] },
  registerClient: { request: z.object({ id: clientId }).strict(), response: {} as ClientChange },
  unregisterClient: { request: z.object({ id: clientId }).strict(), response: {} as ClientChange },
  getSnippet: { request: z.object({ id: clientId }).strict(), response: {} as SnippetView },
  /** Copies through main: the renderer has no clipboard access. */
  copySnippet: { request: z.object({ id: clientId, part: z.enum(['text', 'command']) }).strict(), response: null },
  openClientLink: { request: z.object({ id: clientId, label: z.string().max(200) }).strict(), response: null },
  getTeamServer: { request: none, response: {} as TeamServerView },
  /** Copies the team server's address through main: the renderer has no clipboard access. */
  copyTeamServerUrl: { request: none, response: null },
  getExtension: { request: none, response: {} as ExtensionView },
  /** Opens the bundle with the system: Claude Desktop shows its own install dialog. */
  installExtension: { request: none, response: {} as { message: string } },
  /** Shows the bundle in the file manager, to drag into Claude Desktop or pick in its settings. */
  showExtension: { request: none, response: null },
} as const;
