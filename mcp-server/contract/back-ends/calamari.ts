// What the rest of Punchcard knows of Calamari (contract/back-end-descriptor.ts): an organisation's
// address, the organisation's API key, and the one employee Punchcard acts for with it
// (docs/back-ends/calamari.md).
import type { BackEndDescriptor } from '../back-end-descriptor.ts';

export const CALAMARI = {
  type: 'calamari',
  label: 'Calamari',
  inSentence: 'Calamari',
  remote: true,
  fields: [
    { kind: 'url', example: 'https://your-company.calamari.io', usage: "your organisation's Calamari, e.g. https://acme.calamari.io" },
    {
      kind: 'email',
      word: 'e-mail',
      label: 'Your e-mail in Calamari',
      hint: 'The e-mail of your own Calamari account: Punchcard tracks time and leave for this person only.',
      usage: 'the Calamari employee Punchcard acts for',
      // The organisation's key may act for anyone: without the one person, Punchcard does not use it.
      needed: "the employee Punchcard acts for with the organisation's key",
    },
  ],
  unpublishedRules: [],
  secret: {
    name: 'API key',
    whose: 'organisation',
    keychainBy: 'url',
    // Calamari's keys are made by an administrator (docs/back-ends/calamari.md, "Authentication"): the help article says how.
    help: { id: 'calamari-api-keys', url: 'https://help.calamari.io/en/articles/24539-api-key-configuration-benefits-and-examples-of-use' },
    note: 'A Calamari API key belongs to the whole organisation; Punchcard uses it only for the e-mail above, never for anyone else.',
  },
  organisationCredential: { kind: 'key' },
  policyMayFix: false,
  app: {
    summary: 'Calamari’s Time & Attendance and Time Off, with an API key from your administrator.',
    // Calamari counts requests per hour for the whole organisation (as few as 720): every five minutes.
    pollMs: 5 * 60_000,
    keepsPlan: true,
    teamAskedWhenSwitchedOn: true,
    noLeave: "Your organisation does not use Calamari's Time Off module, so there is no leave to show here.",
    noEdit: "Calamari's API cannot change or delete a shift: correct shifts in Calamari.",
    noCancel: "Calamari's API cannot cancel a leave request: cancel it in Calamari (Requests).",
  },
} as const satisfies BackEndDescriptor;
