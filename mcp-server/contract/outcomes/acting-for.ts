// Refusals of the team server acting for one person with the organisation's tracker credential
// (docs/team-server/README.md, "One organisation credential"; providers/acting-for.ts): the person's
// tracker account gone or deactivated, a back end that answered with someone else's records, a booking
// the person could not make with their own account, and an organisation account that cannot act for
// people at all. Nothing is sent after any of them.
import { either, forModelOnly, outside, say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

/**
 * What an organisation account lacks to act for people, as the tracker names it: Kimai's permissions,
 * Clockify's workspace role and plan, Clockodo's owner.
 */
export type OrganisationNeed =
  | 'view_user'
  | 'view_other_timesheet'
  | 'create_other_timesheet'
  | 'edit_other_timesheet'
  | 'workspace_admin'
  | 'paid_plan'
  | 'owner';

const NEED_SAID: Record<OrganisationNeed, string> = {
  view_user: 'the view_user permission (Kimai lists its users only to accounts with it)',
  view_other_timesheet: 'the view_other_timesheet permission',
  create_other_timesheet: 'the create_other_timesheet permission',
  edit_other_timesheet: 'the edit_other_timesheet permission',
  workspace_admin: "the workspace's owner or administrator role",
  paid_plan: 'a paid plan (Clockify books time for others on paid plans only)',
  owner: "the company owner's role (only the owner stops another person's clock)",
};

/** An account as a person reads it: without the tracker's number of it ("Root Admin <root@example.com>"). */
function withoutNumber(account: string): string {
  return account.replace(/ \(#[^)]*\)$/, '');
}

export const actingForRefusals = refusalFamily({
  /** The tracker user the person is linked to is deactivated there: nothing is done for them until an administrator acts. */
  acting_for_person_deactivated: {
    kind: 'denied',
    say: (facts: { back_end: string; user_id: string }) =>
      say`Your ${facts.back_end} account${forModelOnly(` (#${facts.user_id})`)} is deactivated, so this server no longer acts for you. Ask your administrator. Nothing was sent.`,
    example: { back_end: 'Kimai', user_id: '42' },
  },
  /** The tracker user the person is linked to is gone from the tracker. */
  acting_for_person_missing: {
    kind: 'denied',
    say: (facts: { back_end: string; user_id: string }) =>
      say`Your ${facts.back_end} account${forModelOnly(` (#${facts.user_id})`)} no longer exists there, so this server cannot act for you. Ask your administrator to unlink you, then sign in again. Nothing was sent.`,
    example: { back_end: 'Kimai', user_id: '42' },
  },
  /** The back end answered a request about the person with someone else's records: the organisation account may lack a right, and nothing is trusted or written. */
  acting_for_answer_not_the_persons: {
    kind: 'denied',
    say: (facts: { back_end: string }) =>
      say`${facts.back_end} answered with someone else's records where yours were asked for, so nothing was trusted and nothing was changed. The organisation account may lack a right: tell your administrator.`,
    example: { back_end: 'Kimai' },
  },
  /** A booking the person could not make with their own account (a project not open to them): the organisation account does not make it for them either. */
  acting_for_booking_not_open: {
    kind: 'denied',
    say: (facts: { back_end: string; project: string }) =>
      say`You cannot book on ${outside(facts.project)} in ${facts.back_end} with your own account, so this server does not book it for you either. Nothing was sent.`,
    example: { back_end: 'Kimai', project: 'Secret project' },
  },
  /**
   * The tracker refused the organisation account's credential while acting for a person (it was renewed or revoked):
   * theirs to do nothing about but tell the administrator; the account's login is not said (Clockodo's is the owner's).
   */
  organisation_key_refused: {
    kind: 'denied',
    say: (facts: { back_end: string }) =>
      say`${facts.back_end} did not accept your company's account, through which this server acts for you (its key may have been renewed or revoked). Tell your administrator; nothing was done.`,
    example: { back_end: 'Clockodo' },
  },
  /** The organisation account cannot act for people: read at start by `serve` and `admin check`. */
  organisation_account_cannot_act: {
    kind: 'denied',
    say: (facts: { back_end: string; account: string; needs: OrganisationNeed }) =>
      say`The organisation account ${either(facts.account, withoutNumber(facts.account))} cannot act for people in ${facts.back_end}: it needs ${NEED_SAID[facts.needs]}.`,
    example: { back_end: 'Kimai', account: 'Root Admin <root@example.com> (#3)', needs: 'view_user' },
  },
});
