// What the rest of Punchcard knows of Clockify (contract/back-end-descriptor.ts): the person's own API
// key (they are whoever it belongs to), one of Clockify's API hosts, and the workspace by id or name,
// else the person's active one (docs/back-ends/clockify.md).
import type { BackEndDescriptor } from '../back-end-descriptor.ts';

/**
 * Clockify's global API in its normal form: the documentation writes it https://api.clockify.me/api,
 * and, as for every back end, the normal form leaves the '/api' off (docs/back-ends/clockify.md).
 */
export const CLOCKIFY_URL = 'https://api.clockify.me';

/**
 * Clockify's own API hosts: the global one, the four regions (EU, USA, UK, AU) and the developer one.
 * The API key goes with every request, so only to these (a workspace's subdomain is its web app, and
 * its key works on these hosts too), or to a server on this computer.
 */
export const CLOCKIFY_API_HOSTS = [
  'api.clockify.me',
  'euc1.clockify.me',
  'use2.clockify.me',
  'euw2.clockify.me',
  'apse2.clockify.me',
  'developer.clockify.me',
] as const;

export const CLOCKIFY = {
  type: 'clockify',
  label: 'Clockify',
  inSentence: 'Clockify',
  remote: true,
  fields: [
    {
      kind: 'url',
      default: CLOCKIFY_URL,
      example: `${CLOCKIFY_URL}/api`,
      usage: `Clockify's region, e.g. https://euc1.clockify.me/api (default ${CLOCKIFY_URL}/api)`,
      hint: `For your region's address (euc1, use2, euw2 or apse2.clockify.me/api) or the developer one; empty means ${CLOCKIFY_URL}/api.`,
      secretHosts: {
        domain: 'clockify.me',
        hosts: CLOCKIFY_API_HOSTS,
        instead: "https://api.clockify.me/api, or your region's: euc1, use2, euw2 or apse2.clockify.me/api",
        form: 'without more after /api',
      },
    },
    { kind: 'workspace' },
  ],
  unpublishedRules: [],
  secret: {
    name: 'API key',
    whose: 'person',
    keychainBy: 'url',
    // Each person makes their own API keys in their profile settings (docs/back-ends/clockify.md, "The key").
    help: { id: 'clockify-api-key', url: 'https://clockify.me/help/administration/api-webhook-settings' },
    steps: 'Profile settings → API → Generate',
    note: 'Punchcard acts as the person the API key belongs to, in one workspace, and only on their own time entries and time off.',
  },
  organisationCredential: { kind: 'account', withLogin: false },
  policyMayFix: false,
  app: {
    summary: 'Clockify’s timer and time off, with your personal API key.',
    // Clockify counts requests per second per key and workspace, and a poll costs it two or three.
    pollMs: 2 * 60_000,
    keepsPlan: true,
    teamAskedWhenSwitchedOn: true,
    noLeave: 'Your Clockify workspace does not use Time off, or your plan or role does not let you see it, so there is no leave to show here.',
  },
} as const satisfies BackEndDescriptor;
