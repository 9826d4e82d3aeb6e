// The team server's own refusals (team-server/team/): what a person's call meets on the server itself,
// before or beside their back end: the server's database not answering, a person the server no longer
// knows. Worded here like every other refusal, so a client reads the same code and facts.
import { say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

export const teamServerRefusals = refusalFamily({
  /** The store did not answer a look-up of a person's record numbers (team-server/team/person-state.ts). */
  server_store_not_answering: {
    kind: 'unavailable',
    say: () => say`Punchcard's database does not answer just now, so the numbers of your records could not be looked up. Try again in a few seconds.`,
    example: {},
  },
  /** The person of a session is gone from the store (removed by an administrator) while their client still calls. */
  server_person_unknown: {
    kind: 'denied',
    say: () => say`You are no longer known to this Punchcard server. Connect your client again.`,
    example: {},
  },
  /**
   * The server acts for people through the organisation's tracker account, and this person is not linked
   * to a tracker user (they signed in before the server acted this way, or an administrator unlinked them).
   */
  server_person_not_linked: {
    kind: 'denied',
    say: (facts: { back_end: string }) =>
      say`This server acts for you through your company's ${facts.back_end} account, and you are not linked to a ${facts.back_end} user yet. Connect your client again to sign in.`,
    example: { back_end: 'Kimai' },
  },
  /**
   * The server acts for people through one organisation credential, and the address the person signed in with
   * (before such addresses were refused at sign-in) is not plain ASCII: the tracker may take it for a colleague's
   * (contract/back-end-accounts.ts, firstNonAscii). `character` is its first such character, as `U+212A`.
   */
  server_person_address_not_plain: {
    kind: 'denied',
    say: (facts: { back_end: string; email: string; character: string }) =>
      say`Your address ${facts.email} has a character that is not plain ASCII (${facts.character}). This server acts for people through your company's ${facts.back_end} account, and ${facts.back_end} may take such a character for a plain letter and the address for a colleague's, so it acts only for plain addresses. Ask your administrator to give your company account one, then connect your client again. Nothing was sent.`,
    example: { back_end: 'Calamari', email: 'j\u00f6rg@example.com', character: 'U+00F6' },
  },
});
