// What the rest of Punchcard knows of Tempo Timesheets on Jira Cloud (contract/back-end-descriptor.ts): two services
// with two secrets. Tempo's REST API v4 on its own host (`tempoUrl`) takes the person's Tempo API token as a bearer;
// the Jira site (`url`) takes their Atlassian e-mail and Jira API token (HTTP Basic) and knows the issues' keys and
// summaries, the person and their colleagues' names. Neither secret ever goes to the other's host
// (docs/back-ends/tempo.md).
import type { BackEndDescriptor } from '../back-end-descriptor.ts';

/** Tempo's API, in its normal form (Punchcard adds /4 itself); the hosts of its regions beside it. */
export const TEMPO_URL = 'https://api.tempo.io';
export const TEMPO_API_HOSTS = ['api.tempo.io', 'api.eu.tempo.io', 'api.us.tempo.io'] as const;

/** A Jira Cloud site as a person writes it. */
export const JIRA_SITE_EXAMPLE = 'https://acme.atlassian.net';

export const TEMPO = {
  type: 'tempo',
  label: 'Tempo Timesheets',
  inSentence: 'Tempo Timesheets',
  remote: true,
  fields: [
    {
      kind: 'url',
      example: JIRA_SITE_EXAMPLE,
      usage: `your Jira Cloud site for Tempo Timesheets, e.g. ${JIRA_SITE_EXAMPLE}`,
      label: 'Jira site',
      hint: 'The address you open Jira at in your browser: your Jira API token goes there and nowhere else.',
      // The Jira API token and e-mail go to the site alone: a Jira Cloud site, or a server on this computer.
      secretHosts: {
        domain: 'atlassian.net',
        hosts: 'subdomains',
        instead: JIRA_SITE_EXAMPLE,
        form: 'over https and with nothing after it: Punchcard adds /rest/api/3 itself',
        service: 'Jira Cloud',
        secret: 'API token',
      },
    },
    {
      kind: 'email',
      word: 'e-mail',
      label: 'Atlassian e-mail',
      hint: 'The e-mail you sign in to Jira with: your Jira API token is sent with it.',
      usage: 'your Atlassian e-mail (Tempo Timesheets: the login your Jira API token belongs to)',
      needed: 'the Atlassian login your Jira API token belongs to',
    },
    {
      kind: 'service_url',
      key: 'tempoUrl',
      service: 'Tempo',
      default: TEMPO_URL,
      example: TEMPO_URL,
      usage: `Tempo's API host (default ${TEMPO_URL}; https://api.eu.tempo.io or https://api.us.tempo.io for a region)`,
      choices: [
        { url: TEMPO_URL, label: 'api.tempo.io (any region)' },
        { url: 'https://api.eu.tempo.io', label: 'api.eu.tempo.io (Europe)' },
        { url: 'https://api.us.tempo.io', label: 'api.us.tempo.io (United States)' },
      ],
      // Tempo's documentation writes its API with /4 after the host: pasted so, it is refused in these words.
      secretHosts: {
        domain: 'tempo.io',
        hosts: TEMPO_API_HOSTS,
        instead: `${TEMPO_URL} (or https://api.eu.tempo.io, https://api.us.tempo.io)`,
        form: 'over https and with nothing after it: Punchcard adds /4 itself',
        service: 'Tempo',
      },
    },
    { kind: 'field_defaults', key: 'workAttributes' },
  ],
  unpublishedRules: [],
  secret: {
    name: 'API token',
    whose: 'person',
    keychainBy: 'url',
    // Each person makes their own in Tempo's settings (docs/back-ends/tempo.md, "Two services, two secrets").
    help: { id: 'tempo-api-token', url: 'https://help.tempo.io/timesheets/latest/using-rest-api-integrations' },
    steps: 'Tempo → Settings → API integration → New token, with the Worklogs, Schemes, Approvals and Teams scopes',
    note: 'Punchcard acts as the person the tokens belong to, and only on their own worklogs.',
  },
  secondSecret: {
    service: 'Jira',
    name: 'API token',
    whose: 'person',
    keychainBy: 'email',
    help: { id: 'jira-api-token', url: 'https://id.atlassian.com/manage-profile/security/api-tokens' },
    steps: 'id.atlassian.com → Security → API tokens → Create API token',
    note: null,
  },
  policyMayFix: false,
  app: {
    summary: 'Tempo Timesheets on Jira Cloud: worklogs on your Jira issues, with your Tempo and Jira API tokens.',
    // Tempo counts 5 requests a second; a poll reads one week of the person's worklogs (one request).
    pollMs: 2 * 60_000,
    keepsPlan: true,
    teamAskedWhenSwitchedOn: true,
    noLeave: "Tempo Timesheets keeps no leave or time off, so there is no leave to show here; the calendar shows your Tempo schedule's holidays.",
  },
  // docs/back-ends/tempo.md, "Not offered".
  withheld: {
    capabilities: {
      breaks: 'Tempo Timesheets has no breaks: stop the timer for a break and start it again after',
    },
    groups: {
      leave:
        "Tempo Timesheets keeps no leave or time off, so Punchcard can neither file nor read leave there: record it as your company does; your Tempo schedule's holidays count in reports",
      admin: 'Punchcard does not administer Tempo yet: manage its teams, accounts and work attributes in Tempo itself',
    },
  },
} as const satisfies BackEndDescriptor;
