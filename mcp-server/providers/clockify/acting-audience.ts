// Whom a colleagues' search of time off names, for the team server acting for a person with the organisation's key
// (acting-time-off.ts; docs/back-ends/clockify.md, "Acting for others"). Clockify's search (getTimeOffRequest) reads
// everyone's requests where `users` is empty, and the key is an admin's: so every search made for the person names
// the people whose requests the person's own key would show them, and none names nobody.
// - An admin (or the owner) sees everyone's: every member of the workspace, whatever their membership's state, so a
//   deactivated member's request stays theirs to see and decide, as with their own key. A request of someone no longer
//   in the workspace at all cannot be named, and is not read.
// - A team manager the members Clockify names them a manager of (getManagersOfUser, one request an active member,
//   kept an hour; a member not asked about within the call's requests is left out, never shown).
// - A policy's named approver the people the policy is for: everyone where it is for everyone including new members,
//   else its members and those of its user groups. Only that policy's requests are kept from what they file.
// - And the person themselves.
import { Expiring, mapWithLimit } from '../remote/cache.ts';
import { pagesUntilLast } from '../remote/paging.ts';
import { requestsLeft } from '../remote/request-budget.ts';
import type { ClockifyApi } from './api.ts';
import type { ActingPerson } from './acting-person.ts';
import { activeIn } from './organisation-account.ts';
import type { ClockifyMember, ClockifyUserGroup } from './people-api.ts';
import type { ClockifyPolicy } from './wire.ts';

/** Who is in the workspace, and in which user groups, is read again after this long (the team part keeps its people as long). */
const PEOPLE_TTL_MS = 10 * 60_000;
/** Requests a colleagues' view leaves for the rest of its call (its searches) when it asks whom the person manages. */
const VIEW_MARGIN = 5;

type AudienceApi = Pick<ClockifyApi, 'people' | 'pager'>;

/** The people a colleagues' search names for the person, themselves first; `policies` are the workspace's, with their approvers. */
export function colleaguesAudience(raw: AudienceApi, who: ActingPerson, policies: (workspaceId: string) => Promise<ClockifyPolicy[]>) {
  const members = new Expiring<ClockifyMember[]>(PEOPLE_TTL_MS, who.now);
  const groups = new Expiring<ClockifyUserGroup[]>(PEOPLE_TTL_MS, who.now);
  const everyone = (workspaceId: string) => members.get(() => pagesUntilLast((page) => raw.people.membersPage(workspaceId, true, page)));
  const groupsOf = (workspaceId: string) => groups.get(() => pagesUntilLast((page) => raw.people.groupsPage(workspaceId, page)));
  const idsOf = (list: readonly ClockifyMember[]) => list.map((member) => member?.id).filter((id): id is string => typeof id === 'string' && id !== '');

  /** The people the policies naming the person an approver are for; everyone's ids where one is for everyone. */
  const approved = async (workspaceId: string): Promise<string[]> => {
    const approves = (await policies(workspaceId)).filter((policy) => policy.approve?.userIds?.includes(who.id) === true);
    if (approves.length === 0) return [];
    if (approves.some((policy) => policy.everyoneIncludingNew === true)) return idsOf(await everyone(workspaceId));
    const named = approves.flatMap((policy) => policy.userIds ?? []);
    const groupIds = new Set(approves.flatMap((policy) => policy.userGroupIds ?? []));
    if (groupIds.size === 0) return named;
    const inGroups = (await groupsOf(workspaceId)).filter((group) => groupIds.has(group.id)).flatMap((group) => group.userIds ?? []);
    return [...named, ...inGroups];
  };

  /**
   * The active members Clockify names the person a team manager of: from the last hour's answers, else asked while the
   * call has requests to spare (VIEW_MARGIN kept for the searches); one not asked about is left out.
   */
  const managed = async (workspaceId: string): Promise<string[]> => {
    if (!(await who.isTeamManager(workspaceId))) return [];
    const active = idsOf((await everyone(workspaceId)).filter((member) => activeIn(member, workspaceId))).filter((id) => id !== who.id);
    const unknown = active.filter((id) => who.knownManagerOf(id) === undefined);
    const room = Math.max(0, Math.min(unknown.length, requestsLeft() - VIEW_MARGIN));
    await mapWithLimit(unknown.slice(0, room), raw.pager.maxParallel, (id) => who.managerOf(workspaceId, id));
    return active.filter((id) => who.knownManagerOf(id) === true);
  };

  return async (workspaceId: string): Promise<string[]> => {
    if (await who.isAdmin(workspaceId)) return unique([who.id, ...idsOf(await everyone(workspaceId))]);
    const [approving, managing] = await Promise.all([approved(workspaceId), managed(workspaceId)]);
    return unique([who.id, ...approving, ...managing]);
  };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
