// What the rest of Punchcard knows of Kimai (contract/back-end-descriptor.ts): a company's own server,
// maybe behind its own certificate authority, and each person's API token for it (docs/back-ends/kimai.md).
import type { BackEndDescriptor } from '../back-end-descriptor.ts';

export const KIMAI = {
  type: 'kimai',
  label: 'Kimai',
  inSentence: 'Kimai',
  remote: true,
  fields: [{ kind: 'url', example: 'https://kimai.example.com', usage: "Kimai's, e.g. https://kimai.example.com" }, { kind: 'tls' }],
  // Kimai keeps its lockdown in its system settings, which its API does not show, and lets an administrator's token
  // through it (docs/back-ends/kimai.md, "Acting for others").
  unpublishedRules: [{ kind: 'lockdown' }],
  secret: {
    name: 'API token',
    whose: 'person',
    keychainBy: 'url',
    help: { id: 'kimai-api-tokens', url: 'https://www.kimai.org/documentation/rest-api.html' },
    steps: 'your profile → API Access → create a token',
    note: null,
  },
  organisationCredential: { kind: 'account', withLogin: false },
  policyMayFix: true,
  app: {
    summary: 'Your company’s Kimai server (self-hosted, open source), with your personal API token.',
    pollMs: 2 * 60_000,
    keepsPlan: false,
    teamAskedWhenSwitchedOn: false,
    noLeave: 'This Kimai has no absence plugin (or your account may not use it), so there is no leave to show here; ask your Kimai administrator.',
  },
} as const satisfies BackEndDescriptor;
