// What the rest of Punchcard knows of Harvest (contract/back-end-descriptor.ts): the person's own Personal Access
// Token (they are whoever it belongs to), Harvest's API host, and the Harvest account by its number, else the only
// Harvest account the token reaches (docs/back-ends/harvest.md).
import type { BackEndDescriptor } from '../back-end-descriptor.ts';

/** Harvest's API in its normal form: its paths start at the host's root (/v2/…). */
export const HARVEST_URL = 'https://api.harvestapp.com';

/**
 * Harvest's API host, the only one the token goes to beside a server on this computer; the token's accounts are
 * listed on Harvest ID's host (HARVEST_ID_URL), which the back end derives from this one and never from a setting.
 */
export const HARVEST_API_HOSTS = ['api.harvestapp.com'] as const;

/** Where Harvest ID lists the accounts a token reaches (docs/back-ends/harvest.md, "The account"). */
export const HARVEST_ID_URL = 'https://id.getharvest.com';

export const HARVEST = {
  type: 'harvest',
  label: 'Harvest',
  inSentence: 'Harvest',
  remote: true,
  fields: [
    {
      kind: 'url',
      default: HARVEST_URL,
      example: HARVEST_URL,
      usage: `Harvest's API (default ${HARVEST_URL})`,
      hint: `Empty means ${HARVEST_URL}; another address is a test server's on this computer.`,
      secretHosts: { domain: 'harvestapp.com', hosts: HARVEST_API_HOSTS, instead: HARVEST_URL },
    },
    { kind: 'account_id', usage: 'your Harvest account id (digits), where your token reaches several Harvest accounts' },
  ],
  unpublishedRules: [],
  secret: {
    name: 'Personal Access Token',
    whose: 'person',
    keychainBy: 'url',
    // Each person makes their own tokens in Harvest ID's Developers section (docs/back-ends/harvest.md, "The token").
    help: { id: 'harvest-token', url: 'https://id.getharvest.com/developers' },
    steps: 'Harvest ID → Developers → Create new personal access token',
    note: 'Punchcard acts as the person the token belongs to, in one Harvest account, and only on their own time entries.',
  },
  policyMayFix: false,
  app: {
    summary: 'Harvest’s timesheet and timer, with your Personal Access Token.',
    // Harvest allows 100 requests in 15 seconds per token; a poll costs one or two.
    pollMs: 2 * 60_000,
    keepsPlan: true,
    teamAskedWhenSwitchedOn: true,
    noLeave: "Harvest's API keeps no time off, so there is no leave to show here: record time off as your company does in Harvest.",
  },
  // docs/back-ends/harvest.md, "What Harvest does not have".
  withheld: {
    capabilities: {
      breaks: 'Harvest has no breaks: stop the timer for a break and start it again after',
      admin_tags: 'Harvest has no tags: an entry keeps its project, task and notes',
      admin_teams: 'Harvest keeps no teams: a manager leads the teammates assigned to her in Harvest itself',
    },
    groups: {
      leave: "Harvest's API keeps no time off, so Punchcard can neither file nor read leave there: record it as your company does in Harvest",
      calendar: "Harvest's API keeps no time off, so there is nobody's absence to show",
      approvals: "Harvest's API has no timesheet approvals: submit and approve timesheets in Harvest itself; listed entries show their approval status",
      team: "Your Harvest role leads nobody here: team hours are for administrators and managers with teammates, a project's status for its manager (Punchcard reads your role from your own Harvest profile)",
      admin:
        'Your Harvest role does not administer this: Harvest lets administrators, and managers with the permission for it, manage people, rates, the catalog and invoices',
    },
  },
} as const satisfies BackEndDescriptor;
