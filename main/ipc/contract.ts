// The one IPC contract between the settings window and the main process (docs/decisions.md, "One
// IPC contract"): each bridge function's name, the zod schema its argument must pass, and the type
// of its answer. The preload builds the bridge from these names, main registers a handler per name,
// and the renderer's `window.punchcard` type is derived from here, so a channel cannot drift
// between the three. Electron-free and Node-free: the renderer's type check reads it too.
import * as z from 'zod/v4';
import { HolidayRegionSchema, WorkWeekSchema } from '../../mcp-server/contract/settings.ts';
import { TOOL_GROUPS, TOOL_NAMES, type ToolAccess, type ToolGroup, type ToolName } from '../../mcp-server/contract/tool-catalog.ts';
import type { ChannelName, EventName, Screen } from './channels.ts';

export { CHANNEL_NAMES, channelOf, EVENT_NAMES, eventChannelOf, SCREENS, type ChannelName, type EventName, type Screen } from './channels.ts';

// ---------------------------------------------------------------------------------------------
// What the handlers answer with (plain data: it crosses the process boundary by structured clone)

export interface EntryView {
  id: number;
  /** ISO 8601 with the UTC offset of the person's zone, as the engine writes it. */
  start: string;
  end: string | null;
  minutes: number;
  project: string | null;
  activity: string | null;
  description: string;
  /**
   * Breaks inside the entry, on back ends with breaks (Calamari's shifts); absent elsewhere. The one
   * without an end is the break running now (mcp-server/contract/worked-time.ts, runningBreak).
   */
  breaks?: BreakView[];
}

export interface BreakView {
  /** The break type's name in the back end ("Lunch"). */
  type: string;
  /** ISO 8601 with the person's offset. */
  start: string;
  end: string | null;
  minutes: number;
}

export interface DayTotal {
  /** YYYY-MM-DD in the person's zone. */
  date: string;
  minutes: number;
  targetMinutes: number;
}

export interface StatusView {
  /** The person's date (YYYY-MM-DD in the engine's zone): which day of `week` is today. */
  today: string;
  running: EntryView | null;
  todayMinutes: number;
  weekMinutes: number;
  /** Today's entries, oldest first, the running one included. */
  todayEntries: EntryView[];
  /** Monday to Sunday of the current week. */
  week: DayTotal[];
  /** Project names of recent entries, most recent first, for quick clock-in. */
  recentProjects: string[];
  /** Whether the back end takes breaks (the engine offers start_break and end_break): only then are they offered. */
  breaksSupported: boolean;
  /** When the engine answered (epoch ms): the window and tray tick elapsed time from here. */
  asOf: number;
}

export interface ToolView {
  name: ToolName;
  title: string;
  description: string;
  access: ToolAccess;
  /** What the AI clients see now: the switches combined with read-only mode. */
  enabled: boolean;
  /** The tool's own switch, before read-only mode hides writing tools. */
  switchedOn: boolean;
  /** False when the connected back end cannot do this (the tool is then absent for AI clients). */
  supported: boolean;
  /** True when the organisation's policy never offers this tool to AI clients: its switch is locked. */
  lockedByOrganisation: boolean;
}

export interface ToolGroupView {
  group: ToolGroup;
  title: string;
  /** 'some' when the group's tools are switched differently. */
  state: 'on' | 'off' | 'some';
  tools: ToolView[];
}

export interface ToolsView {
  readOnly: boolean;
  /** Read-only mode is set by the organisation and cannot be switched off here. */
  readOnlyLocked: boolean;
  /** Why the organisation leaves AI clients only `whoami` (AI access off, a back end not allowed), or null. */
  organisation: string | null;
  groups: ToolGroupView[];
}

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

export type ProviderType = 'local' | 'kimai' | 'clockodo' | 'calamari';

export interface ProviderChoice {
  type: ProviderType;
  label: string;
  /** What the back end is, in one line. */
  summary: string;
  /** The address: needed (Kimai, Calamari), offered for test servers only (Clockodo), or not asked for. */
  url: 'required' | 'optional' | 'none';
  /** The person's e-mail is part of the account (Clockodo's login; the Calamari employee). */
  needsEmail: boolean;
  needsToken: boolean;
  /** What the back end calls the secret ('API token', 'API key'). */
  secretName: string;
  /** Where the person finds the secret: a link id for openLink. */
  secretHelp: LinkId | null;
  /** Something to know before saving, in one sentence, or null. */
  note: string | null;
}

export type ProviderView =
  | { type: 'local' }
  | { type: 'kimai'; url: string; caFile: string | null; allowInsecureTls: boolean }
  | { type: 'clockodo'; email: string; url: string }
  | { type: 'calamari'; url: string; email: string };

export interface AccountView {
  provider: ProviderView;
  /** Whether the keychain holds a secret for the configured account; the secret never leaves main. */
  hasCredential: boolean;
  /** Why the keychain could not be asked (locked, no Secret Service), or null. */
  credentialProblem: string | null;
  choices: ProviderChoice[];
  /** What the organisation's policy sets here, or null: the controls it covers are locked. */
  organisation: { fixed: boolean; allowed: ProviderType[] | null; note: string } | null;
}

export interface ConnectionResult {
  ok: boolean;
  /** A sentence a person can act on: who is connected, or what is wrong and what to do. */
  message: string;
}

/**
 * What the back end keeps for the person instead of the settings (docs/decisions.md, "Back ends act
 * as the person and report their own truth"), as the engine's whoami and leave_balance report it:
 * shown read-only, never offered for local editing.
 */
export interface BackEndPlanView {
  state: 'kept';
  /** The back end's name: "Clockodo". */
  name: string;
  /** Target hours per weekday. */
  workWeek: z.infer<typeof WorkWeekSchema>;
  /** Where the public holidays come from, in the engine's words ("Clockodo's non-business days"), or null. */
  holidays: string | null;
  /** This year's vacation as the back end keeps it; null when the leave entitlement stays with the settings. */
  leave: {
    year: number;
    /** Days of the year, carry-over included; null where the back end says only what is left. */
    entitlement: number | null;
    /** Days carried over from the year before; null where the back end does not say. */
    carryOver: number | null;
    remaining: number;
    /** No limit on vacation: entitlement and remaining are then no limits. */
    unlimited: boolean;
  } | null;
}

/** The engine could not read what the back end keeps (it is unreachable): those fields stay locked, with this reason. */
export interface BackEndPlanUnknown {
  state: 'unknown';
  name: string;
  /** The engine's sentence: what went wrong. */
  problem: string;
}

export interface PreferencesView {
  /** Null when the settings keep the work week, holidays and leave (the local timesheet, Kimai). */
  backEnd: BackEndPlanView | BackEndPlanUnknown | null;
  workWeek: z.infer<typeof WorkWeekSchema>;
  holidays: z.infer<typeof HolidayRegionSchema> | null;
  annualLeaveDays: number;
  carryOverDays: number;
  /** IANA zone; empty means the system's. */
  timezone: string;
  startAtLogin: boolean;
  /** Notify when a timer has run this many hours; 0 turns the reminder off. */
  reminderHours: number;
  /** Whether the operating system lets the app start at login (false for an AppImage, for example). */
  startAtLoginSupported: boolean;
}

export interface HolidayRegionOption {
  code: string;
  name: string;
}

// ---------------------------------------------------------------------------------------------
// Request schemas: the renderer is untrusted, every payload is parsed before a handler sees it.

const none = z.undefined();
const clientId = z.string().regex(/^[a-z0-9-]{1,40}$/, 'a client id such as claude-desktop');
const shortText = z.string().max(500);

const ProviderInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('local') }).strict(),
  z
    .object({
      type: z.literal('kimai'),
      url: z.string().trim().min(1, 'the address of your Kimai').max(2000),
      caFile: z.string().max(4000).nullable().optional(),
      allowInsecureTls: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('clockodo'),
      email: z.string().trim().min(1, 'your Clockodo login').max(254),
      url: z.string().trim().max(2000).nullable().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('calamari'),
      url: z.string().trim().min(1, 'the address of your organisation’s Calamari').max(2000),
      email: z.string().trim().min(1, 'your e-mail in Calamari').max(254),
    })
    .strict(),
]);

export const PreferencesInput = z
  .object({
    workWeek: WorkWeekSchema,
    holidays: HolidayRegionSchema.nullable(),
    annualLeaveDays: z.number().min(0).max(366),
    carryOverDays: z.number().min(0).max(366),
    timezone: z.string().max(100),
    startAtLogin: z.boolean(),
    reminderHours: z.number().min(0).max(24),
  })
  .partial()
  .strict();

/** The links the window may ask main to open; the URLs themselves live in main. */
export const LINK_IDS = ['kimai-api-tokens', 'clockodo-api-key', 'calamari-api-keys'] as const;
export type LinkId = (typeof LINK_IDS)[number];

export const contract = {
  getStatus: { request: none, response: {} as StatusView },
  clockIn: {
    request: z
      .object({ project: shortText.optional(), activity: shortText.optional(), description: z.string().max(5000).optional() })
      .strict()
      .optional(),
    response: {} as StatusView,
  },
  clockOut: { request: z.object({ description: z.string().max(5000).optional() }).strict().optional(), response: {} as StatusView },
  /** A break in the running shift, of the back end's first break type. */
  startBreak: { request: none, response: {} as StatusView },
  endBreak: { request: none, response: {} as StatusView },

  getTools: { request: none, response: {} as ToolsView },
  setToolGroup: { request: z.object({ group: z.enum(TOOL_GROUPS), enabled: z.boolean() }).strict(), response: {} as ToolsView },
  setTool: { request: z.object({ name: z.enum(TOOL_NAMES), enabled: z.boolean() }).strict(), response: {} as ToolsView },
  setReadOnly: { request: z.object({ readOnly: z.boolean() }).strict(), response: {} as ToolsView },

  listClients: { request: none, response: [] as ClientCard[] },
  registerClient: { request: z.object({ id: clientId }).strict(), response: {} as ClientChange },
  unregisterClient: { request: z.object({ id: clientId }).strict(), response: {} as ClientChange },
  getSnippet: { request: z.object({ id: clientId }).strict(), response: {} as SnippetView },
  /** Copies through main: the renderer has no clipboard access. */
  copySnippet: { request: z.object({ id: clientId, part: z.enum(['text', 'command']) }).strict(), response: null },
  openClientLink: { request: z.object({ id: clientId, label: z.string().max(200) }).strict(), response: null },
  getExtension: { request: none, response: {} as ExtensionView },
  /** Opens the bundle with the system: Claude Desktop shows its own install dialog. */
  installExtension: { request: none, response: {} as { message: string } },
  /** Shows the bundle in the file manager, to drag into Claude Desktop or pick in its settings. */
  showExtension: { request: none, response: null },

  getAccount: { request: none, response: {} as AccountView },
  /** Saves the back end; a token, when given, goes to the keychain and nowhere else. */
  saveAccount: {
    request: z.object({ provider: ProviderInput, token: z.string().min(1).max(4000).optional() }).strict(),
    response: {} as AccountView,
  },
  /** Tests the given back end (or the saved one) through the engine, before or after saving. */
  testConnection: {
    request: z.object({ provider: ProviderInput, token: z.string().min(1).max(4000).optional() }).strict().optional(),
    response: {} as ConnectionResult,
  },
  forgetCredential: { request: none, response: {} as AccountView },

  getPreferences: { request: none, response: {} as PreferencesView },
  savePreferences: { request: PreferencesInput, response: {} as PreferencesView },
  listHolidayRegions: {
    request: z.object({ country: z.string().regex(/^[A-Za-z]{2}$/).optional() }).strict().optional(),
    response: [] as HolidayRegionOption[],
  },
  openLink: { request: z.object({ id: z.enum(LINK_IDS) }).strict(), response: null },
} as const;

export type Contract = typeof contract;
// channels.ts lists the same names for the preload; a name missing on either side fails here.
type SameKeys<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : false;
const channelsMatch: SameKeys<keyof Contract, ChannelName> = true;
void channelsMatch;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = Contract[C]['response'];

/** Events main pushes to the window. */
export const events = {
  /** The timer changed outside the window (tray, an AI client, the reminder); payload: the new status. */
  statusChanged: {} as StatusView,
  /** The tray's "Connect AI clients…" or "Open Punchcard" asked for a screen. */
  showScreen: '' as Screen,
} as const;

const eventsMatch: SameKeys<keyof typeof events, EventName> = true;
void eventsMatch;
export type EventPayload<E extends EventName> = (typeof events)[E];

/** The bridge the preload exposes as `window.punchcard`: one named function per channel. */
export type PunchcardApi = {
  [C in ChannelName]: undefined extends RequestOf<C>
    ? (request?: RequestOf<C>) => Promise<ResponseOf<C>>
    : (request: RequestOf<C>) => Promise<ResponseOf<C>>;
} & {
  /** Returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** What crosses the wire: the preload turns `ok: false` back into a rejected promise with `message`. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; message: string };

/** The handler side of the contract: plain async functions of an already-validated request. */
export type Handlers = {
  [C in ChannelName]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
};
