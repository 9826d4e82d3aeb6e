// What the rest of Punchcard knows of Toggl Track (contract/back-end-descriptor.ts): the person's own API token
// (they are whoever it belongs to), Toggl's one API host, and the workspace by id or name, else the person's
// default one (docs/back-ends/toggl.md).
import type { BackEndDescriptor } from '../back-end-descriptor.ts';

/** Toggl Track's API, in its normal form: v9 and the Reports API both live below it. */
export const TOGGL_URL = 'https://api.track.toggl.com';

/** The one host Toggl serves its API from: the token goes with every request, so only there, or to a server on this computer. */
export const TOGGL_API_HOSTS = ['api.track.toggl.com'] as const;

export const TOGGL = {
  type: 'toggl',
  label: 'Toggl Track',
  inSentence: 'Toggl Track',
  remote: true,
  fields: [
    {
      kind: 'url',
      default: TOGGL_URL,
      example: TOGGL_URL,
      usage: `Toggl Track's API (default ${TOGGL_URL})`,
      hint: `Leave it empty for ${TOGGL_URL}; another address is only for a test server on this computer.`,
      // Toggl's documentation writes its API with /api/v9 after the host: pasted so, it is refused in these words.
      secretHosts: {
        domain: 'toggl.com',
        hosts: TOGGL_API_HOSTS,
        instead: TOGGL_URL,
        form: 'over https and with nothing after it: Punchcard adds /api/v9 itself',
      },
    },
    { kind: 'workspace' },
  ],
  unpublishedRules: [],
  secret: {
    name: 'API token',
    whose: 'person',
    keychainBy: 'url',
    // Each person finds their own token at the bottom of their profile page (docs/back-ends/toggl.md, "The token").
    help: { id: 'toggl-api-token', url: 'https://track.toggl.com/profile' },
    steps: 'Profile settings → API Token (at the bottom of the page)',
    note: 'Punchcard acts as the person the API token belongs to, in one workspace, and only on their own time entries.',
  },
  policyMayFix: false,
  app: {
    summary: 'Toggl Track’s timer and time entries, with your personal API token.',
    // Toggl counts 30 requests an hour on the person's own quota on every plan, and a poll costs one or two of them:
    // every ten minutes at most, so the person's own calls keep most of the hour (docs/back-ends/toggl.md, "Quotas").
    pollMs: 10 * 60_000,
    keepsPlan: false,
    teamAskedWhenSwitchedOn: true,
    noTeam: "Toggl Track's API shows Punchcard nobody's time but your own, so there is no team here.",
    noLeave: "Toggl Track's API has no time off, so there is no leave to show here; the calendar shows your settings' public holidays.",
  },
  // What Toggl has not, said when a tool is called by name all the same (docs/back-ends/toggl.md, "Not offered").
  withheld: {
    capabilities: {
      breaks: 'Toggl Track has no breaks: stop the timer for a break and start it again after',
      // A workspace admin on Free: a member is refused as their role (providers/toggl/rights.ts) before this is said.
      admin_rates: 'Toggl Track keeps billable rates on its Starter plan and above, and this workspace is on Free',
    },
    groups: {
      leave: "Toggl Track's API has no time off, so Punchcard can neither file nor read leave there; the calendar shows your settings' public holidays",
      approvals:
        "Toggl's timesheet approvals are a Premium feature, for the people a timesheet setup names (its member or an approver) and workspace admins: otherwise submit and approve timesheets in Toggl Track itself",
      team: "Toggl Track's API shows Punchcard nobody's time but your own",
      admin:
        "Punchcard administers a Toggl Track workspace's people, rates and catalog for a workspace admin alone, and not its tags, groups, corrections or invoices yet",
    },
  },
} as const satisfies BackEndDescriptor;
