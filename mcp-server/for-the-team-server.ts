// What the team server may use of the engine, and nothing else (eslint.config.js holds team-server/ to
// this module and mcp-server/contract/). The team server runs the engine in its own process, one
// `Engine` per person working now, so this is the other half from the desktop app's entry
// (for-the-app.ts): the engine and the trackers it opens, what a call tells its host (its end, its
// holidays, its deadline), the organisation's request limit, the places a back end keeps what it
// learned (facts, id numbers, the outbox's count), the settings and policy sources, logging and text,
// SQLite's busy waits, and the engine's command line the team server adds its commands to.
//
// The command line is loaded on demand (`loadCommandLine`), as the engine's own entry loads it: the
// team server's entry stays small, and a command loads what it needs when it runs.
import type * as CommandLine from './cli/main.ts';

export type { AddedCommands } from './cli/main.ts';
export { NODE_TIMERS, type Timers, type Wait } from './clock.ts';
export { readFlags } from './command-flags.ts';
export { holidayCalendar, type HolidaysOf } from './engine/call-context.ts';
export type { EvidenceReader, SourceReading } from './evidence/evidence.ts';
export { readCompanyCalendar } from './evidence/company-calendar/reader.ts';
export { notConnectedSentence } from './evidence/company-calendar/failures.ts';
export { callDeadlineOf } from './engine/call-deadline.ts';
export { Engine } from './engine/engine.ts';
export type { EndedCall, FinishedCall } from './engine/run-tool.ts';
export type { Log } from './log.ts';
export { startNode } from './node-version.ts';
export { messageText, withoutControls } from './plain-text.ts';
export { hostileKeyPath } from './stdio/hostile-keys.ts';
export { hostileKeyAnswer } from './tools/hostile-arguments.ts';
export { PolicyFiles, type PolicySource } from './policy/policy-source.ts';
export { policyPaths, profileRefusal } from './policy/policy.ts';
export { createOrganisationAccount, createRemoteTracker, createTracker } from './providers/create-tracker.ts';
export { type ActingFor, type OrganisationAccount, type OrganisationCheck, type TrackerUser } from './providers/acting-for.ts';
export { createBlockedTracker } from './providers/blocked-tracker.ts';
export { RememberedIdNumbering } from './providers/id-aliases.ts';
export { OUTBOX_FILE, waitingWrites } from './providers/outbox/outbox-store.ts';
export type { ConnectedUser } from './providers/remote-tracker.ts';
export type { FactsShelf } from './providers/remote/facts-file.ts';
export type { GatePass, RequestGate } from './providers/remote/json-http.ts';
export {
  type Limit,
  type LimitLedger,
  type LimitVerdict,
  limitVerdict,
  ON_THE_TEAM_SERVER,
  organisationGate,
  spendLimit,
} from './providers/remote/organisation-limit.ts';
export { whileBusy } from './providers/sqlite-files.ts';
export { BackEndError } from './providers/time-tracker.ts';
export type { SettingsSource } from './settings/engine-settings.ts';
export { readSmallTextFile } from './small-text-file.ts';

/** The engine's command line (mcp-server/cli/main.ts), loaded when a command runs. */
export function loadCommandLine(): Promise<typeof CommandLine> {
  return import('./cli/main.ts');
}
