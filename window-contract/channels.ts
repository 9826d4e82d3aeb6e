// The names of the window's contract without its schemas: what the preload needs to build the bridge
// (main/ipc/bridge.ts). Kept apart from the features' files so the preload bundle (loaded into every
// window before the page) does not carry zod and the settings schemas; index.ts checks at compile time
// that both agree. Imports nothing (eslint.config.js).

export const CHANNEL_NAMES = [
  'getStatus',
  'clockIn',
  'clockOut',
  'startBreak',
  'endBreak',
  'getTools',
  'setToolGroup',
  'setTool',
  'setReadOnly',
  'listClients',
  'registerClient',
  'unregisterClient',
  'getSnippet',
  'copySnippet',
  'openClientLink',
  'getTeamServer',
  'copyTeamServerUrl',
  'getExtension',
  'installExtension',
  'showExtension',
  'getAccount',
  'saveAccount',
  'testConnection',
  'forgetCredential',
  'addConnections',
  'makeDefaultConnection',
  'renameConnection',
  'setConnectionWeek',
  'removeConnection',
  'getPreferences',
  'savePreferences',
  'listHolidayRegions',
  'openLink',
  'getTimesheet',
  'getCatalog',
  'logTime',
  'updateEntry',
  'deleteEntry',
  'exportCsv',
  'getReport',
  'getDrafts',
  'bookDrafts',
  'getEvidence',
  'saveEvidence',
  'getLeave',
  'previewLeave',
  'requestLeave',
  'cancelLeave',
  'getCalendar',
  'decideKeptWrite',
  'getTeamHours',
  'getPendingLeave',
  'decideLeave',
  'submitWeek',
  'getApprovalsToDecide',
  'getSubmissionEntries',
  'decideTimesheet',
  'getIdleQuestion',
  'answerIdle',
  'getUpdates',
  'setUpdateMode',
  'checkForUpdates',
  'installUpdate',
  'getAdminCatalog',
  'addCatalogItem',
  'setCatalogItemArchived',
  'getCatalogItem',
  'updateCatalogItem',
  'getAdminTags',
  'addTag',
  'getInvoices',
  'getAdminPeople',
  'invitePerson',
  'updatePerson',
  'setPersonActive',
  'previewCorrection',
  'applyCorrection',
  'getAdminTeams',
  'getAdminTeam',
  'changeTeam',
  'getRateCatalog',
  'getRates',
  'setRate',
  'removeRate',
  // Working time (issue 92): Preferences, Reports' month sheet, the Status screen's today.
  'getWorkingTimeSettings',
  'saveWorkingTimeSettings',
  'getWorkingTime',
  'exportWorkingTimeCsv',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** The Electron channel of a bridge function: one namespace, so nothing else can collide. */
export function channelOf(name: ChannelName): string {
  return `punchcard:${name}`;
}

/** Events main pushes to the window. */
export const EVENT_NAMES = ['statusChanged', 'showScreen', 'idleQuestion', 'updateChanged'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export function eventChannelOf(name: EventName): string {
  return `punchcard:event:${name}`;
}

export const SCREENS = [
  'status',
  'timesheet',
  'reports',
  'leave',
  'calendar',
  'team',
  'approvals',
  'admin',
  'tools',
  'connect',
  'account',
  'preferences',
] as const;
export type Screen = (typeof SCREENS)[number];
