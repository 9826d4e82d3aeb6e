// What the narrowed parts of Clockify's API (acting-api.ts, acting-time-off.ts, acting-approvals.ts) ask about the
// person the team server acts for: that a request is about them and in their workspace, and whom they lead by their
// own role in Clockify, never by the organisation key's. And the words a decision made through the key carries.
import { BackEndError } from '../time-tracker.ts';
import type { ClockifyMember } from './people-api.ts';
import type { ClockifyWorkspace } from './wire.ts';

export interface ActingPerson {
  /** The Clockify id of the person acted for. */
  readonly id: string;
  readonly now: () => number;
  /** The person checked (there and active), the request in their workspace and, where `userId` is given, about them; else refused, nothing sent. */
  about(workspaceId: string, userId?: string): Promise<{ record: ClockifyMember; workspace: ClockifyWorkspace }>;
  /** Whether the person is an admin or the owner of the workspace. */
  isAdmin(workspaceId: string): Promise<boolean>;
  /** Whether the person holds the team manager's role at all (one request an hour): who does not leads nobody's team. */
  isTeamManager(workspaceId: string): Promise<boolean>;
  /** Whether Clockify names the person a team manager of `userId` (getManagersOfUser, kept an hour); never of themselves. */
  managerOf(workspaceId: string, userId: string): Promise<boolean>;
  /** What the last hour's answers said of `userId` (true, false, or unknown), with nothing sent. */
  knownManagerOf(userId: string): boolean | undefined;
}

/**
 * Whether the person leads `userId` by their own role: an admin leads everyone but themselves, a team manager the
 * members Clockify names them a manager of. A member who is neither is not asked about anyone.
 */
export async function leads(who: ActingPerson, workspaceId: string, userId: string): Promise<boolean> {
  if (userId === who.id) return false;
  if (await who.isAdmin(workspaceId)) return true;
  return (await who.isTeamManager(workspaceId)) && (await who.managerOf(workspaceId, userId));
}

/**
 * The note a decision made through the organisation's key keeps: Clockify names the key's user as the one who decided
 * (changedByUserId, updatedBy), so the note names the lead who did, before the lead's own words.
 */
export function decisionNote(lead: string, note: string | undefined): string {
  const words = note?.trim();
  return words ? `Decided by ${lead} via Punchcard: ${words}` : `Decided by ${lead} via Punchcard.`;
}

/** The person's name as Clockify lists them, else their e-mail. */
export function personName(record: ClockifyMember): string {
  return record.name?.trim() || record.email?.trim() || 'a colleague';
}

/** A call the narrowed API does not make for the person (with the key's rights, or about someone else): refused, never sent. */
export class NotNarrowedError extends BackEndError {
  constructor(request: string) {
    super('clockify_not_for_others', { request });
    this.name = 'NotNarrowedError';
  }
}
