// Clockify's time off narrowed to the person the team server acts for with the organisation's key (acting-api.ts;
// docs/back-ends/clockify.md, "Acting for others"). The key is an admin's: Clockify would file, withdraw and decide
// anyone's time off with it, and approve at once what it files. Narrowed here:
// - their own requests are read by a search naming them alone; their balances by the path naming them;
// - a request is filed for them (createTimeOffRequestForOther) and read back: Clockify documents no rule on whether
//   a request an admin files for another starts approved, and one approved at once on a policy that needs an
//   approver is withdrawn again and refused in words, so no request stands approved that no approver decided;
// - a withdrawal by id (the path names no person) is of a request of theirs, read first through the search naming
//   them (or the same call's search), and pending, as their own key would withdraw;
// - colleagues' time off is shown as the person's own key would show it: everyone's to an admin, else only the
//   requests of members Clockify named the person a team manager of and of policies naming the person an approver.
//   Every search of it names those people (acting-audience.ts), a few hundred a search, never nobody (which Clockify
//   reads as everyone), and what it answers is cut again to them and to what the person may see;
// - a decision by id is of a request read first (the same call's listing, else the pending search naming the people
//   the person may see), not the person's own, that the person approves with their own role (an admin; the policy's
//   named approver; the owner's team manager where the policy has team managers approve), with a note naming the
//   lead: Clockify names the key's user as the one who decided.
import { Expiring } from '../remote/cache.ts';
import { pagesUntilLast } from '../remote/paging.ts';
import { ensureRequests } from '../remote/request-budget.ts';
import { BackEndError } from '../time-tracker.ts';
import { TIME_OFF_PAGE, type ClockifyApi } from './api.ts';
import { colleaguesAudience } from './acting-audience.ts';
import { type ActingPerson, decisionNote, leads, NotNarrowedError, personName } from './acting-person.ts';
import type { ClockifyPolicy, ClockifyTimeOffRequest, ClockifyTimeOffRequests } from './wire.ts';

/** A request read serves the write that follows in the same call (leave.ts and team.ts read, then write). */
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
/** A filing is read back among the person's requests made since this long before it (clocks differ). */
const FILED_WITHIN_MS = 24 * 60 * 60_000;

const BACK_END = 'Clockify';

type TimeOffApi = Pick<ClockifyApi, 'balances' | 'policiesPage' | 'timeOffRequests' | 'createTimeOff' | 'deleteTimeOff' | 'decideTimeOff'>;
type RawTimeOff = Pick<ClockifyApi, 'pager' | 'people' | 'policiesPage' | 'timeOffRequests'>;

/**
 * The requests of `people` the search `filter` finds, in searches naming at most USERS_PER_SEARCH of them each (pages of
 * 200, at most SEARCH_PAGES a search), counted against the call first. Only the people named are kept: a server that
 * ignored `users` answers everyone's. Nobody named, nothing is sent.
 */
async function namedSearch(
  raw: RawTimeOff,
  workspaceId: string,
  filter: Record<string, unknown>,
  people: readonly string[],
): Promise<ClockifyTimeOffRequest[]> {
  const groups: string[][] = [];
  for (let start = 0; start < people.length; start += USERS_PER_SEARCH) groups.push(people.slice(start, start + USERS_PER_SEARCH));
  ensureRequests(groups.length, BACK_END);
  const found: ClockifyTimeOffRequest[] = [];
  for (const users of groups) {
    const named = new Set(users);
    let answered = 0;
    for (let page = 1; page <= SEARCH_PAGES; page++) {
      const answer = await raw.timeOffRequests(workspaceId, { ...filter, users }, page, false);
      const requests = answer?.requests ?? [];
      answered += requests.length;
      found.push(...requests.filter((request) => named.has(request?.userId)));
      if (requests.length < TIME_OFF_PAGE || answered >= (answer?.count ?? 0)) break;
    }
  }
  return found;
}

export function actingTimeOff(raw: ClockifyApi, who: ActingPerson): TimeOffApi {
  const person = who.id;
  const seen = new Map<string, { at: number; request: ClockifyTimeOffRequest }>();
  const policies = new Expiring<ClockifyPolicy[]>(POLICIES_TTL_MS, who.now);
  /** The colleagues' view last answered, by its filter: the pages after the first are read from it, not asked again. */
  let view: { filter: string; at: number; shown: ClockifyTimeOffRequest[] } | undefined;

  const see = (requests: readonly (ClockifyTimeOffRequest | undefined)[]) => {
    const at = who.now();
    for (const [id, kept] of seen) if (at - kept.at >= SEEN_MS) seen.delete(id);
    for (const request of requests) if (request?.id) seen.set(request.id, { at, request });
  };
  const recent = (id: string) => {
    const kept = seen.get(id);
    return kept && who.now() - kept.at < SEEN_MS ? kept.request : undefined;
  };
  const theirs = (requests: readonly (ClockifyTimeOffRequest | undefined)[]) => {
    if (requests.some((request) => request?.userId !== person)) throw new BackEndError('acting_for_answer_not_the_persons', { back_end: BACK_END });
  };

  const policiesOf = (workspaceId: string) => policies.get(() => pagesUntilLast((page) => raw.policiesPage(workspaceId, page)));
  const policyOf = async (workspaceId: string, policyId: string) => (await policiesOf(workspaceId)).find((policy) => policy.id === policyId);
  const namesApprover = (policy: ClockifyPolicy | undefined) => policy?.approve?.userIds?.includes(person) === true;

  /** The person's own requests, every status, page after page: each answered must be theirs. */
  const ownSearch = async (workspaceId: string, filter: Record<string, unknown> = {}) => {
    const found: ClockifyTimeOffRequest[] = [];
    for (let page = 1; page <= SEARCH_PAGES; page++) {
      const answer = await raw.timeOffRequests(workspaceId, { ...filter, users: [person], statuses: ['ALL'] }, page, true);
      const requests = answer?.requests ?? [];
      theirs(requests);
      found.push(...requests);
      if (requests.length < TIME_OFF_PAGE || found.length >= (answer?.count ?? 0)) break;
    }
    see(found);
    return found;
  };
  const audience = colleaguesAudience(raw, who, policiesOf);
  /**
   * Whether the person's own key would show them the request: their own, an admin everyone's, an approver's policy's, a
   * team manager's people's (as Clockify named them when the search's people were chosen: nobody else is asked about).
   */
  const visible = async (workspaceId: string, request: ClockifyTimeOffRequest, admin: boolean) =>
    request.userId === person || admin || namesApprover(await policyOf(workspaceId, request.policyId)) || who.knownManagerOf(request.userId) === true;
  /** The requests the filter finds among the people the person may see, as their own key would show them. */
  const colleaguesSearch = async (workspaceId: string, filter: Record<string, unknown>) => {
    const asked = Array.isArray(filter.users) ? new Set(filter.users) : undefined;
    const people = (await audience(workspaceId)).filter((id) => asked === undefined || asked.has(id));
    const found = await namedSearch(raw, workspaceId, filter, people);
    const admin = await who.isAdmin(workspaceId);
    const shown: ClockifyTimeOffRequest[] = [];
    for (const request of found) if (await visible(workspaceId, request, admin)) shown.push(request);
    return shown;
  };

  /** Whether the person decides the request with their own role in Clockify (never their own). */
  const decides = async (workspaceId: string, request: ClockifyTimeOffRequest) => {
    if (request.userId === person) return false;
    if (await who.isAdmin(workspaceId)) return true;
    const policy = await policyOf(workspaceId, request.policyId);
    if (namesApprover(policy)) return true;
    return policy?.approve?.teamManagers === true && (await leads(who, workspaceId, request.userId));
  };

  return {
    /** The person's balances, by the path naming them; each answered must be theirs. */
    balances: async (workspaceId: string, userId: string, page: number, size?: number) => {
      await who.about(workspaceId, userId);
      const answer = await raw.balances(workspaceId, userId, page, size);
      if ((answer?.balances ?? []).some((balance) => balance?.userId !== undefined && balance.userId !== person))
        throw new BackEndError('acting_for_answer_not_the_persons', { back_end: BACK_END });
      return answer;
    },
    /** The workspace's active policies: which the person may file on, whether half days, who approves. No one's time off. */
    policiesPage: async (workspaceId: string, page: number) => {
      await who.about(workspaceId);
      return raw.policiesPage(workspaceId, page);
    },
    /**
     * The person's own requests (a search naming them alone), or a colleagues' search answered as the person's own key
     * would answer it, in one page (the first): the searches naming the people they may see, cut to what they may see —
     * a list filtered here could end a page early, which a reader of pages takes for the last.
     */
    timeOffRequests: async (workspaceId: string, filter: Record<string, unknown>, page: number, own: boolean) => {
      await who.about(workspaceId);
      const users = filter.users;
      const naming = Array.isArray(users) && users.length === 1 && users[0] === person;
      if (own) {
        if (!naming) throw new NotNarrowedError("a search of others' time off");
        const answer = await raw.timeOffRequests(workspaceId, filter, page, own);
        theirs(answer?.requests ?? []);
        see(answer?.requests ?? []);
        return answer;
      }
      const key = JSON.stringify(filter);
      if (page > 1 && view?.filter === key && who.now() - view.at < SEEN_MS)
        return { count: view.shown.length, requests: [] } satisfies ClockifyTimeOffRequests;
      const shown = await colleaguesSearch(workspaceId, filter);
      see(shown);
      view = { filter: key, at: who.now(), shown };
      return { count: shown.length, requests: page === 1 ? shown : [] } satisfies ClockifyTimeOffRequests;
    },
    /**
     * Files the request for the person, then reads it back. Approved on a policy that needs an approver (the key's
     * rights, not the person's), it is withdrawn again and refused; a policy that approves by itself does for the
     * person's own key too.
     */
    createTimeOff: async (workspaceId: string, policyId: string, body: Record<string, unknown>) => {
      await who.about(workspaceId);
      const filedAt = who.now();
      const created = await raw.createTimeOffFor(workspaceId, policyId, person, body);
      if (created && typeof created.id === 'string') theirs([created]);
      if (!created?.id) return created;
      const readBack = (await ownSearch(workspaceId, { start: new Date(filedAt - FILED_WITHIN_MS).toISOString() })).find(
        (request) => request.id === created.id,
      );
      const current = readBack ?? created;
      if (current.status?.statusType !== 'APPROVED') return current;
      const policy = await policyOf(workspaceId, policyId);
      if (policy?.approve?.requiresApproval === false) return current;
      const withdrawn = await raw.deleteTimeOff(workspaceId, policyId, created.id, 0).then(
        () => true,
        () => false,
      );
      throw new BackEndError('clockify_time_off_approved_at_once', { policy: policy?.name ?? current.policyName ?? 'time off', withdrawn });
    },
    /** Withdraws a pending request of the person's, read first (the path names no person); anyone else's is refused unsent. */
    deleteTimeOff: async (workspaceId: string, policyId: string, requestId: string, number: number) => {
      await who.about(workspaceId);
      const request = recent(requestId) ?? (await ownSearch(workspaceId)).find((item) => item.id === requestId);
      if (!request || request.userId !== person || request.policyId !== policyId) throw new BackEndError('clockify_time_off_gone', { request: number });
      const status = request.status?.statusType;
      if (status === 'APPROVED') throw new BackEndError('clockify_time_off_approved', { request: number });
      if (status !== 'PENDING') throw new BackEndError('clockify_time_off_not_pending', { request: number, status: String(status ?? 'unknown').toLowerCase() });
      seen.delete(requestId);
      return raw.deleteTimeOff(workspaceId, policyId, requestId, number);
    },
    /** Decides a colleague's pending request the person approves with their own role, read first; the note names them. */
    decideTimeOff: async (
      workspaceId: string,
      policyId: string,
      requestId: string,
      number: number,
      status: 'APPROVED' | 'REJECTED',
      note: string | undefined,
    ) => {
      const { record } = await who.about(workspaceId);
      const request = recent(requestId) ?? (await colleaguesSearch(workspaceId, { statuses: ['PENDING'] })).find((item) => item.id === requestId);
      if (!request || request.policyId !== policyId) throw new BackEndError('clockify_leave_request_not_shown', { request: number });
      if (request.userId === person) throw new BackEndError('leave_request_own', { request: number });
      if (!(await decides(workspaceId, request))) {
        throw new BackEndError('clockify_leave_not_yours_to_decide', {
          request: number,
          person: request.userName?.trim() || 'a colleague',
          policy: request.policyName ?? null,
        });
      }
      seen.delete(requestId);
      return raw.decideTimeOff(workspaceId, policyId, requestId, number, status, decisionNote(personName(record), note));
    },
  };
}
