// The one contract between the window and the main process (docs/decisions.md, "One IPC contract"):
// each bridge function's name, the zod schema its argument must pass and the type of its answer, kept
// in one file per feature beside this one and merged here into the one map. The preload builds the
// bridge from the names (channels.ts), main registers a handler per name, refuses other senders
// (main/ipc/register.ts) and checks every payload against this map (main/ipc/dispatch.ts), and the
// window's `window.punchcard` type is derived from here, so a channel cannot drift between the three.
// Main and the window both import this folder and it imports neither (eslint.config.js): Electron-free
// and Node-free, the window's type check reads it too.
import type * as z from 'zod/v4';
import type { Refusal } from '../mcp-server/contract/outcomes/refusals.ts';
import { accountChannels } from './account.ts';
import { adminCatalogChannels } from './admin-catalog.ts';
import { adminPeopleChannels } from './admin-people.ts';
import { approvalsChannels } from './approvals.ts';
import type { ChannelName, EventName, Screen } from './channels.ts';
import { evidenceChannels } from './evidence.ts';
import { leaveChannels } from './leave.ts';
import { registrationChannels } from './registration.ts';
import { reportsChannels } from './reports.ts';
import { settingsChannels } from './settings.ts';
import { statusChannels, type IdleQuestion, type StatusView } from './status.ts';
import { teamChannels } from './team.ts';
import { timesheetChannels } from './timesheet.ts';
import { updatesChannels, type UpdateView } from './updates.ts';
import { workingTimeChannels } from './working-time.ts';

export * from './account.ts';
export * from './admin-catalog.ts';
export * from './admin-people.ts';
export * from './admin-sections.ts';
export * from './approvals.ts';
export * from './channels.ts';
export * from './evidence.ts';
export * from './leave.ts';
export * from './registration.ts';
export * from './reports.ts';
export * from './settings.ts';
export * from './status.ts';
export * from './team.ts';
export * from './timesheet.ts';
export * from './updates.ts';
export * from './working-time.ts';

/** Each feature's channels, in the order the window's screens come. */
const FEATURES = [
  statusChannels,
  timesheetChannels,
  reportsChannels,
  leaveChannels,
  teamChannels,
  approvalsChannels,
  adminCatalogChannels,
  adminPeopleChannels,
  evidenceChannels,
  settingsChannels,
  accountChannels,
  registrationChannels,
  updatesChannels,
  workingTimeChannels,
] as const;

type Merged<Parts> = Parts extends readonly [infer Head, ...infer Tail] ? Head & Merged<Tail> : unknown;
type NamesOf<Parts> = Parts extends readonly [infer Head, ...infer Tail] ? keyof Head | NamesOf<Tail> : never;
/** The names two features both define: a later one would replace the earlier one's schema unseen. */
type Repeated<Parts> = Parts extends readonly [infer Head, ...infer Tail] ? (keyof Head & NamesOf<Tail>) | Repeated<Tail> : never;

/** Every channel: the map the bridge's type, the sender check's names and the dispatch's zod check read. */
export const contract: Merged<typeof FEATURES> = Object.assign({}, ...FEATURES);

export type Contract = typeof contract;
type SameKeys<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : false;
// channels.ts lists the same names for the preload; a name missing on either side fails here, and a
// name two features define fails the second check.
const channelsMatch: SameKeys<keyof Contract, ChannelName> = true;
const noRepeats: [Repeated<typeof FEATURES>] extends [never] ? true : false = true;
void channelsMatch;
void noRepeats;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = Contract[C]['response'];

/** Events main pushes to the window. */
export const events = {
  /** The timer changed outside the window (tray, an AI client, the reminder); payload: the new status. */
  statusChanged: {} as StatusView,
  /** The tray's "Connect AI clients…" or "Open Punchcard" asked for a screen. */
  showScreen: '' as Screen,
  /** The tray has a question about time away (or none any more). */
  idleQuestion: null as IdleQuestion | null,
  /** The updates changed state (checking, downloaded, failed…). */
  updateChanged: {} as UpdateView,
} as const;

const eventsMatch: SameKeys<keyof typeof events, EventName> = true;
void eventsMatch;
export type EventPayload<E extends EventName> = (typeof events)[E];

/** The window's API: one named function per channel, each resolving with its answer or rejecting with its sentence. */
export type PunchcardApi = {
  [C in ChannelName]: undefined extends RequestOf<C> ? (request?: RequestOf<C>) => Promise<ResponseOf<C>> : (request: RequestOf<C>) => Promise<ResponseOf<C>>;
} & {
  /** Returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/**
 * What the preload exposes as `window.punchcard`: the same functions, each resolving with its call's
 * envelope. An envelope is plain data, which Electron's context bridge copies whole; an error thrown
 * across it arrives with its message only, and a refusal's code and facts would be lost on the way.
 * The window unwraps it (renderer/src/bridge.ts).
 */
export type PunchcardBridge = {
  [C in ChannelName]: undefined extends RequestOf<C>
    ? (request?: RequestOf<C>) => Promise<Envelope<ResponseOf<C>>>
    : (request: RequestOf<C>) => Promise<Envelope<ResponseOf<C>>>;
} & Pick<PunchcardApi, 'on'>;

/**
 * What crosses the wire. A failure carries its sentence for the person and, where it is the engine's
 * refusal, the refusal's code and facts, which the window reads (renderer/src/problems.ts) instead of
 * the words.
 */
export type Envelope<T> = { ok: true; value: T } | { ok: false; message: string; refusal?: Refusal };

/** The handler side of the contract: plain async functions of an already-validated request. */
export type Handlers = {
  [C in ChannelName]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
};
