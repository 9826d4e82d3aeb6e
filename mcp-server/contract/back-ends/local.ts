// What the rest of Punchcard knows of the local timesheet (contract/back-end-descriptor.ts): a file on
// this computer, with no account, no secret and nothing remote.
import type { BackEndDescriptor } from '../back-end-descriptor.ts';

export const LOCAL = {
  type: 'local',
  label: 'Local timesheet',
  inSentence: 'the local timesheet',
  remote: false,
  fields: [],
  unpublishedRules: [],
  secret: null,
  policyMayFix: true,
  app: {
    summary: 'Kept on this computer. No account needed.',
    // Never asked: the app watches the file instead (main/app/status-sync.ts).
    pollMs: 2 * 60_000,
    keepsPlan: false,
    teamAskedWhenSwitchedOn: false,
    noTeam: 'The timesheet on this computer has one person, so there is no team to show.',
  },
} as const satisfies BackEndDescriptor;
