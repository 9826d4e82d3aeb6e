// Who a person is in the tracker, under one organisation credential (docs/team-server/README.md, "One
// organisation credential"). The person is the identity provider's subject; their verified e-mail is
// used once, at their first sign-in, to find exactly one active tracker user with that very address
// (whole, and without the case of ASCII letters alone: never a part of it, as Clockify's filter matches any
// address that contains it, and never a look-alike letter Unicode would fold into an ASCII one), and the
// person is then pinned to that user's id. A pinned person is never matched again: a later change of
// e-mail, at the provider or in the tracker (Kimai lets people edit their own), never moves them to
// another tracker account; only their pinned user is read again, and a user gone or deactivated is
// refused. Pure but for the directory, which is handed in.
import { firstNonAscii, sameEmail } from '../../mcp-server/contract/back-end-accounts.ts';
import type { TrackerUser } from '../../mcp-server/for-the-team-server.ts';
import type { SignInRefusalReason } from '../metrics/team-metrics.ts';

/** What the organisation account is asked here (mcp-server/providers/acting-for.ts, OrganisationAccount). */
export interface PeopleDirectory {
  usersWithEmail(email: string): Promise<TrackerUser[]>;
  user(id: string): Promise<TrackerUser | null>;
}

/** The person's tracker user, or why the sign-in is refused: a reason for the metrics, and a sentence for the person. */
export type MatchVerdict =
  | { ok: true; user: TrackerUser }
  | { ok: false; reason: Extract<SignInRefusalReason, 'no_match' | 'several' | 'deactivated'>; said: string };

/**
 * The one tracker user `email` names among `users` (the directory's answer, which must not be trusted to
 * be exact): none, several and a deactivated one are refused, each in words the person can act on.
 */
export function matchByEmail(users: readonly TrackerUser[], email: string, backEnd: string): MatchVerdict {
  const exact = users.filter((user) => sameEmail(user.email, email));
  const seen = new Set<string>();
  const distinct = exact.filter((user) => !seen.has(user.id) && Boolean(seen.add(user.id)));
  if (distinct.length === 0) {
    return {
      ok: false,
      reason: 'no_match',
      said: `No ${backEnd} account has the address ${email}, so this server cannot tell which account is yours. Ask your administrator to give your ${backEnd} account that address, then sign in again. Nothing was saved.`,
    };
  }
  if (distinct.length > 1) {
    return {
      ok: false,
      reason: 'several',
      said: `${distinct.length} ${backEnd} accounts have the address ${email}, so this server cannot tell which one is yours. Ask your administrator to leave the address on your account alone, then sign in again. Nothing was saved.`,
    };
  }
  const [user] = distinct as [TrackerUser];
  if (!user.active) return { ok: false, reason: 'deactivated', said: deactivated(backEnd, user.id) };
  return { ok: true, user };
}

/**
 * A pinned person's tracker user read again (never matched afresh): there and active, or refused. A
 * user gone from the tracker is counted with the matches that found nobody.
 */
export function confirmPinned(user: TrackerUser | null, userId: string, backEnd: string): MatchVerdict {
  if (!user) {
    return {
      ok: false,
      reason: 'no_match',
      said: `The ${backEnd} account you are linked to (#${userId}) no longer exists there, so this server cannot act for you. Ask your administrator to unlink you (punchcard-mcp admin people unlink), then sign in again.`,
    };
  }
  if (!user.active) return { ok: false, reason: 'deactivated', said: deactivated(backEnd, user.id) };
  return { ok: true, user };
}

/**
 * The person's tracker user: the pinned one confirmed where there is a pin, else the one their verified
 * e-mail names. The directory's failure (the tracker out of reach) is thrown, for the page to say.
 */
export async function organisationMatch(
  directory: PeopleDirectory,
  person: { pinnedUserId: string | null; email: string },
  backEnd: string,
): Promise<MatchVerdict & { pinned: boolean }> {
  if (person.pinnedUserId !== null) {
    return { ...confirmPinned(await directory.user(person.pinnedUserId), person.pinnedUserId, backEnd), pinned: true };
  }
  return { ...matchByEmail(await directory.usersWithEmail(person.email), person.email, backEnd), pinned: false };
}

/**
 * Where one organisation credential acts for people, an address that is not plain ASCII is refused at every sign-in,
 * pinned or not, before the tracker is asked anything; null where the address is plain. The person's address is
 * compared exactly here, but the tracker compares it by its own rules, which may take a look-alike letter, an accent
 * or a full-width letter for a plain one (contract/back-end-accounts.ts, firstNonAscii): on Calamari every request
 * names the person by it, and a person is never to act as the colleague whose address it would then name.
 */
export function plainAddressRefusal(email: string, backEnd: string): { reason: Extract<SignInRefusalReason, 'non_ascii'>; said: string } | null {
  const character = firstNonAscii(email);
  if (character === null) return null;
  return {
    reason: 'non_ascii',
    said: `Your company account's address ${email} has a character that is not plain ASCII (${character}). This server acts for people through one ${backEnd} account of the organisation, and ${backEnd} may take such a character for a plain letter and the address for a colleague's, so it takes only addresses of plain ASCII letters, digits and signs. Ask your administrator to give your company account such an address, then sign in again. Nothing was saved.`,
  };
}

/** The sentence of a tracker user the tracker deactivated. */
function deactivated(backEnd: string, userId: string): string {
  return `Your ${backEnd} account (#${userId}) is deactivated, so this server does not act for it. Ask your administrator. Nothing was saved.`;
}

/** The sentence of a tracker user already pinned to another sign-in (the store's TrackerUserTaken). */
export function takenSentence(backEnd: string, email: string): string {
  return `The ${backEnd} account with the address ${email} is already linked to another sign-in, so it was not linked to yours. Ask your administrator: punchcard-mcp admin people shows who is linked to it. Nothing was saved.`;
}
