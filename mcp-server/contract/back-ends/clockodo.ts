// What the rest of Punchcard knows of Clockodo (contract/back-end-descriptor.ts): one service in the
// cloud, a person's own login and API key (docs/back-ends/clockodo.md; docs/decisions.md, "Back ends
// act as the person and report their own truth"), an address only for a test server.
import type { BackEndDescriptor } from '../back-end-descriptor.ts';

/** Clockodo's own service; a profile without a `url` means this one. */
export const CLOCKODO_URL = 'https://my.clockodo.com';

export const CLOCKODO = {
  type: 'clockodo',
  label: 'Clockodo',
  inSentence: 'Clockodo',
  remote: true,
  fields: [
    {
      kind: 'email',
      word: 'login',
      label: 'Clockodo login',
      hint: 'The e-mail address you sign in to Clockodo with.',
      usage: 'your Clockodo login',
      needed: 'your Clockodo login',
    },
    { kind: 'url', default: CLOCKODO_URL, example: CLOCKODO_URL, usage: `Clockodo's only for a test server (default ${CLOCKODO_URL})` },
  ],
  unpublishedRules: [],
  secret: {
    name: 'API key',
    whose: 'person',
    // A key per login: the login names the person at Clockodo's one address.
    keychainBy: 'email',
    // Clockodo shows each person's API key in their personal data (docs/back-ends/clockodo.md, "Authentication").
    help: { id: 'clockodo-api-key', url: 'https://my.clockodo.com/en/users/editself' },
    steps: 'My area → Personal data → API key',
    note: null,
  },
  organisationCredential: { kind: 'account', withLogin: true },
  policyMayFix: false,
  app: {
    summary: 'Clockodo in the cloud, with your login e-mail and your personal API key.',
    pollMs: 2 * 60_000,
    keepsPlan: true,
    teamAskedWhenSwitchedOn: false,
    noLeave: 'Your Clockodo company does not use absences, so there is no leave to show here.',
  },
} as const satisfies BackEndDescriptor;
