// Whose time off the person the team server acts for with the organisation's key sees and decides, and the searches
// made for them (docs/back-ends/clockify.md, "Acting for others"): what leave and the team's leave decisions share
// under the organisation credential (leave/organisation.ts, team/organisation.ts, and the shared search narrowed in
// acting.ts). The key is an admin's: Clockify would show, file, withdraw and decide anyone's time off with it.
// - Their own requests are read by a search naming them alone, and each answered must be theirs.
// - Colleagues' time off is shown as the person's own key would show it: everyone's to an admin, else only the
//   requests of members Clockify named the person a team manager of and of policies naming the person an approver.
//   Clockify's search (getTimeOffRequest) reads everyone's requests where `users` is empty, so every search made for
//   the person names the people whose requests their own key would show them, a few hundred a search, never nobody,
//   and what it answers is cut again to them and to what the person may see. Whom a search names:
//   - for an admin (or the owner) every member of the workspace, whatever their membership's state, so a deactivated
//     member's request stays theirs to see and decide, as with their own key (a request of someone no longer in the
//     workspace at all cannot be named, and is not read);
//   - for a team manager the members Clockify names them a manager of (getManagersOfUser, one request an active
//     member, kept an hour; a member not asked about within the call's requests is left out, never shown);
//   - for a policy's named approver the people the policy is for: everyone where it is for everyone including new
//     members, else its members and those of its user groups (only that policy's requests are kept);
//   - and the person themselves.
// - A request read serves the write that follows in the same call (a withdrawal, a decision).
import { Expiring, mapWithLimit } from '../remote/cache.ts';
import { type Pager, pagesUntilLast } from '../remote/paging.ts';
import { ensureRequests, requestsLeft } from '../remote/request-budget.ts';
import { BackEndError } from '../time-tracker.ts';
import { type ClockifyApi, TIME_OFF_PAGE } from './api.ts';
import { activeIn } from './organisation-account.ts';
import type { ClockifyMember, ClockifyPolicy, ClockifyTimeOffRequest, ClockifyTimeOffRequests, ClockifyUserGroup, ClockifyWorkspace } from './wire.ts';

/** A request read serves the write that follows in the same call (leave/leave.ts and team/team.ts read, then write). */
const SEEN_MS = 5_000;
/** The policies with their approvers are the person's rights: as long as their role is kept. */
const POLICIES_TTL_MS = 60 * 60_000;
/** Pages of 200 read at most for one search: 2,000 requests. */
const SEARCH_PAGES = 10;
/**
 * People one search names. Clockify documents no largest `users` list (an empty one reads everyone's, up to 5,000
 * people); 500 ids are a body of some 14 KB.
 */
const USERS_PER_SEARCH = 500;
/** Who is in the workspace, and in which user groups, is read again after this long (the team part keeps its people as long). */
const PEOPLE_TTL_MS = 10 * 60_000;
/** Requests a colleagues' view leaves for the rest of its call (its searches) when it asks whom the person manages. */
const VIEW_MARGIN = 5;

const BACK_END = 'Clockify';

/** What the reach asks of the person acted for (acting.ts): that a request is theirs to make, and whom they lead by their own role. */
export interface ReachingPerson {
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
  /** Whether the person leads `userId` by their own role. */
  leads(workspaceId: string, userId: string): Promise<boolean>;
}

/** What the reach reads through the organisation's key, as sent. */
type ReachApi = Pick<ClockifyApi, 'policiesPage' | 'timeOffRequests' | 'peoplePage' | 'groupsPage'>;

export class TimeOffReach {
  readonly #api: ReachApi;
  readonly #pager: Pager;
  readonly #who: ReachingPerson;
  readonly #seen = new Map<string, { at: number; request: ClockifyTimeOffRequest }>();
  readonly #policies: Expiring<ClockifyPolicy[]>;
  readonly #members: Expiring<ClockifyMember[]>;
  readonly #groups: Expiring<ClockifyUserGroup[]>;
  /** The colleagues' view last answered, by its filter: the pages after the first are read from it, not asked again. */
  #view: { filter: string; at: number; shown: ClockifyTimeOffRequest[] } | undefined;

  constructor(api: ReachApi, pager: Pager, who: ReachingPerson) {
    this.#api = api;
    this.#pager = pager;
    this.#who = who;
    this.#policies = new Expiring(POLICIES_TTL_MS, who.now);
    this.#members = new Expiring(PEOPLE_TTL_MS, who.now);
    this.#groups = new Expiring(PEOPLE_TTL_MS, who.now);
  }

  /** Keeps requests read for the write that may follow, and forgets older ones. */
  see(requests: readonly (ClockifyTimeOffRequest | undefined)[]): void {
    const at = this.#who.now();
    for (const [id, kept] of this.#seen) if (at - kept.at >= SEEN_MS) this.#seen.delete(id);
    for (const request of requests) if (request?.id) this.#seen.set(request.id, { at, request });
  }

  /** The request read a moment ago, if any. */
  recent(id: string): ClockifyTimeOffRequest | undefined {
    const kept = this.#seen.get(id);
    return kept && this.#who.now() - kept.at < SEEN_MS ? kept.request : undefined;
  }

  /** Forgets a request read, once a write changes it. */
  forget(id: string): void {
    this.#seen.delete(id);
  }

  /** Requests Clockify answered for the person: every one must be theirs, or nothing is trusted. */
  theirs(requests: readonly (ClockifyTimeOffRequest | undefined)[]): void {
    if (requests.some((request) => request?.userId !== this.#who.id)) throw new BackEndError('acting_for_answer_not_the_persons', { back_end: BACK_END });
  }

  policiesOf(workspaceId: string): Promise<ClockifyPolicy[]> {
    return this.#policies.get(() => pagesUntilLast((page) => this.#api.policiesPage(workspaceId, page)));
  }

  async policyOf(workspaceId: string, policyId: string): Promise<ClockifyPolicy | undefined> {
    return (await this.policiesOf(workspaceId)).find((policy) => policy.id === policyId);
  }

  /** The person's own requests, every status, page after page: each answered must be theirs. */
  async ownSearch(workspaceId: string, filter: Record<string, unknown> = {}): Promise<ClockifyTimeOffRequest[]> {
    const found: ClockifyTimeOffRequest[] = [];
    for (let page = 1; page <= SEARCH_PAGES; page++) {
      const answer = await this.#api.timeOffRequests(workspaceId, { ...filter, users: [this.#who.id], statuses: ['ALL'] }, page, true);
      const requests = answer?.requests ?? [];
      this.theirs(requests);
      found.push(...requests);
      if (requests.length < TIME_OFF_PAGE || found.length >= (answer?.count ?? 0)) break;
    }
    this.see(found);
    return found;
  }

  /**
   * A colleagues' search answered as the person's own key would answer it, in one page (the first): the searches naming
   * the people they may see, cut to what they may see — a list filtered here could end a page early, which a reader of
   * pages takes for the last.
   */
  async colleaguesPage(workspaceId: string, filter: Record<string, unknown>, page: number): Promise<ClockifyTimeOffRequests> {
    const key = JSON.stringify(filter);
    const view = this.#view;
    if (page > 1 && view?.filter === key && this.#who.now() - view.at < SEEN_MS)
      return { count: view.shown.length, requests: [] } satisfies ClockifyTimeOffRequests;
    const shown = await this.colleaguesSearch(workspaceId, filter);
    this.see(shown);
    this.#view = { filter: key, at: this.#who.now(), shown };
    return { count: shown.length, requests: page === 1 ? shown : [] } satisfies ClockifyTimeOffRequests;
  }

  /** The requests the filter finds among the people the person may see, as their own key would show them. */
  async colleaguesSearch(workspaceId: string, filter: Record<string, unknown>): Promise<ClockifyTimeOffRequest[]> {
    const asked = Array.isArray(filter.users) ? new Set(filter.users) : undefined;
    const people = (await this.#audience(workspaceId)).filter((id) => asked === undefined || asked.has(id));
    const found = await this.#namedSearch(workspaceId, filter, people);
    const admin = await this.#who.isAdmin(workspaceId);
    const shown: ClockifyTimeOffRequest[] = [];
    for (const request of found) if (await this.#visible(workspaceId, request, admin)) shown.push(request);
    return shown;
  }

  /** Whether the person decides the request with their own role in Clockify (never their own). */
  async decides(workspaceId: string, request: ClockifyTimeOffRequest): Promise<boolean> {
    if (request.userId === this.#who.id) return false;
    if (await this.#who.isAdmin(workspaceId)) return true;
    const policy = await this.policyOf(workspaceId, request.policyId);
    if (this.#namesApprover(policy)) return true;
    return policy?.approve?.teamManagers === true && (await this.#who.leads(workspaceId, request.userId));
  }

  #namesApprover(policy: ClockifyPolicy | undefined): boolean {
    return policy?.approve?.userIds?.includes(this.#who.id) === true;
  }

  /**
   * Whether the person's own key would show them the request: their own, an admin everyone's, an approver's policy's, a
   * team manager's people's (as Clockify named them when the search's people were chosen: nobody else is asked about).
   */
  async #visible(workspaceId: string, request: ClockifyTimeOffRequest, admin: boolean): Promise<boolean> {
    return (
      request.userId === this.#who.id ||
      admin ||
      this.#namesApprover(await this.policyOf(workspaceId, request.policyId)) ||
      this.#who.knownManagerOf(request.userId) === true
    );
  }

  /**
   * The requests of `people` the search `filter` finds, in searches naming at most USERS_PER_SEARCH of them each (pages of
   * 200, at most SEARCH_PAGES a search), counted against the call first. Only the people named are kept: a server that
   * ignored `users` answers everyone's. Nobody named, nothing is sent.
   */
  async #namedSearch(workspaceId: string, filter: Record<string, unknown>, people: readonly string[]): Promise<ClockifyTimeOffRequest[]> {
    const groups: string[][] = [];
    for (let start = 0; start < people.length; start += USERS_PER_SEARCH) groups.push(people.slice(start, start + USERS_PER_SEARCH));
    ensureRequests(groups.length, BACK_END);
    const found: ClockifyTimeOffRequest[] = [];
    for (const users of groups) {
      const named = new Set(users);
      let answered = 0;
      for (let page = 1; page <= SEARCH_PAGES; page++) {
        const answer = await this.#api.timeOffRequests(workspaceId, { ...filter, users }, page, false);
        const requests = answer?.requests ?? [];
        answered += requests.length;
        found.push(...requests.filter((request) => named.has(request?.userId)));
        if (requests.length < TIME_OFF_PAGE || answered >= (answer?.count ?? 0)) break;
      }
    }
    return found;
  }

  /** The people a colleagues' search names for the person, themselves first. */
  async #audience(workspaceId: string): Promise<string[]> {
    const who = this.#who;
    if (await who.isAdmin(workspaceId)) return unique([who.id, ...idsOf(await this.#everyone(workspaceId))]);
    const [approving, managing] = await Promise.all([this.#approved(workspaceId), this.#managed(workspaceId)]);
    return unique([who.id, ...approving, ...managing]);
  }

  #everyone(workspaceId: string): Promise<ClockifyMember[]> {
    return this.#members.get(() => pagesUntilLast((page) => this.#api.peoplePage(workspaceId, true, page)));
  }

  /** The people the policies naming the person an approver are for; everyone's ids where one is for everyone. */
  async #approved(workspaceId: string): Promise<string[]> {
    const approves = (await this.policiesOf(workspaceId)).filter((policy) => policy.approve?.userIds?.includes(this.#who.id) === true);
    if (approves.length === 0) return [];
    if (approves.some((policy) => policy.everyoneIncludingNew === true)) return idsOf(await this.#everyone(workspaceId));
    const named = approves.flatMap((policy) => policy.userIds ?? []);
    const groupIds = new Set(approves.flatMap((policy) => policy.userGroupIds ?? []));
    if (groupIds.size === 0) return named;
    const groups = await this.#groups.get(() => pagesUntilLast((page) => this.#api.groupsPage(workspaceId, page)));
    const inGroups = groups.filter((group) => groupIds.has(group.id)).flatMap((group) => group.userIds ?? []);
    return [...named, ...inGroups];
  }

  /**
   * The active members Clockify names the person a team manager of: from the last hour's answers, else asked while the
   * call has requests to spare (VIEW_MARGIN kept for the searches); one not asked about is left out.
   */
  async #managed(workspaceId: string): Promise<string[]> {
    const who = this.#who;
    if (!(await who.isTeamManager(workspaceId))) return [];
    const active = idsOf((await this.#everyone(workspaceId)).filter((member) => activeIn(member, workspaceId))).filter((id) => id !== who.id);
    const unknown = active.filter((id) => who.knownManagerOf(id) === undefined);
    const room = Math.max(0, Math.min(unknown.length, requestsLeft() - VIEW_MARGIN));
    await mapWithLimit(unknown.slice(0, room), this.#pager.maxParallel, (id) => who.managerOf(workspaceId, id));
    return active.filter((id) => who.knownManagerOf(id) === true);
  }
}

function idsOf(list: readonly ClockifyMember[]): string[] {
  return list.map((member) => member?.id).filter((id): id is string => typeof id === 'string' && id !== '');
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
