// What the desktop app's main process may use of the engine, and nothing else (eslint.config.js holds
// main/ to this module and mcp-server/contract/). The app never runs the engine in its own process:
// it starts the engine as a process of its own and talks MCP to it (main/engine/). So this is the
// engine's pure arithmetic the window shows beside an answer (days, durations, leave, plans, the
// working-time limits the tray warns of before they are reached), the organisation's policy as the
// app must honour it too, registration with AI clients, the keychain, the data folder's privacy and
// its settings file, the evidence journal the app records the person's activity in, and how the
// engine is launched. No tracker, no tool handler, no back end: those run only in the engine.
//
// The team server has an entry of its own (for-the-team-server.ts): it runs the engine in process and
// needs the other half, which the app must stay one import away from never loading.
export { type ChangeReport, type ClientReport, createRegistrar, currentEnvironment, launchSpec, type Platform, type Registrar } from './clients/index.ts';
export type { CredentialStore } from './credentials/credential-store.ts';
export { envVariableFor } from './credentials/env-store.ts';
export { createCredentialStore, createKeychainStore } from './credentials/index.ts';
export { MAX_CALENDAR_DAYS, MAX_LIST_DAYS } from './domain/call-limits.ts';
export { describeRegion, holidayRegionChoices } from './domain/holidays.ts';
export { balanceLeft, balancesFor, costPerYear } from './domain/leave-allowance.ts';
export { type LeaveDay, leaveDays, leaveRangeProblem as leaveRangeRefusal } from './domain/leave-days.ts';
export {
  addDays,
  daysBetween,
  eachDate,
  formatDuration,
  formatInstant,
  formatLocalTime,
  localDate,
  parseOffsetDateTime,
  startOfIsoWeek,
  startOfLocalDay,
  systemTimeZone,
} from './domain/time.ts';
export { type PlannedDay, planOf } from './domain/work-plan.ts';
export { clockInInsideRest, type CountedSpan, type LimitAhead, limitsAhead, WARN_AHEAD_MINUTES } from './domain/working-time/index.ts';
export { ENGINE_NODE_FLAGS } from './engine-flags.ts';
export { type EvidenceJournal, evidenceJournalOf } from './evidence/journal.ts';
export { APP_ENGINE_PROOF_FD, APP_ENGINE_PROOF_LINE } from './policy/app-engine-proof.ts';
export {
  aiGate,
  clientRefusal,
  effectiveProfile,
  loadPolicy,
  NO_POLICY,
  organisationRules,
  type Policy,
  policyPaths,
  profileRefusal,
} from './policy/policy.ts';
export { watchPolicyFiles } from './policy/watch-policy.ts';
export { keepFilesPrivate, makePrivateFolder, PRIVATE_FILE_MODE } from './private-files.ts';
export type { ConnectionReport, ConnectionVerdict } from './providers/remote/remote-error.ts';
export { SETTINGS_FILE_NAME, settingsProblem } from './settings/settings-source.ts';
