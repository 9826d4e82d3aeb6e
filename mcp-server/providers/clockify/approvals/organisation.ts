// Timesheet approvals under the organisation's credential (docs/back-ends/clockify.md, "Acting for others"): every
// endpoint narrowed to the person (acting.ts). Clockify's list of approval requests (getApprovalRequests) has no user
// filter and there is no read of one by id, so:
// - the list is read whole for a state (pages of 50 with every request's entries inline, at most SCAN_PAGES: 200
//   requests, latest period first) and cut to what the person's own key would list: their own requests, and those
//   of the people they lead (an admin everyone's, a team manager the members Clockify names them a manager of);
//   answered in one page, as a list filtered here could end a page early. The person acted for reads the same list
//   raw for their approved periods (acting.ts), so the root leaves its narrowing to this capability;
// - a submission is made for them (createApprovalForOther), and must come back theirs;
// - a change by id (the path names no person) is of a request read first in that list: their own only withdrawn
//   while pending, as their own key would; another's only decided by one who leads its owner, never their own, the
//   note naming the lead, as Clockify names the key's user as the one who decided (status.updatedBy).
import { BackEndError } from '../../time-tracker.ts';
import { type ClockifyActing, decisionNote, NotNarrowedError, personName } from '../acting.ts';
import { APPROVAL_PAGE } from '../api.ts';
import type { ClockifyApprovalDetails, ClockifyApprovalRequest, ListedApprovalState } from '../wire.ts';
import type { ApprovalsEndpoints } from './endpoints.ts';

/** Pages of one state read at most: what the approvals part reads for the person's own key too (approvals.ts, MAX_PAGES). */
export const SCAN_PAGES = 4;
/** A list read serves the calls of one tool call (the part reads, then changes). */
const SEEN_MS = 5_000;
const LISTED: readonly ListedApprovalState[] = ['PENDING', 'APPROVED', 'WITHDRAWN_APPROVAL'];
const BACK_END = 'Clockify';

export function underOrganisation(api: ApprovalsEndpoints, acting: ClockifyActing): ApprovalsEndpoints {
  const person = acting.id;
  const lists = new Map<ListedApprovalState, { at: number; items: ClockifyApprovalDetails[] }>();

  /** The workspace's requests of one state, everyone's (the key is an admin's), read page after page. */
  const everyones = async (workspaceId: string, state: ListedApprovalState): Promise<ClockifyApprovalDetails[]> => {
    const kept = lists.get(state);
    if (kept && acting.now() - kept.at < SEEN_MS) return kept.items;
    const items: ClockifyApprovalDetails[] = [];
    for (let page = 1; page <= SCAN_PAGES; page++) {
      const details = await api.approvalsPage(workspaceId, state, page);
      const listed = Array.isArray(details) ? details.filter((item) => typeof item === 'object' && item !== null) : [];
      items.push(...listed);
      if (listed.length < APPROVAL_PAGE) break;
    }
    lists.set(state, { at: acting.now(), items });
    return items;
  };
  const ownerOf = (request: ClockifyApprovalRequest | null | undefined) => request?.owner?.userId ?? undefined;
  /** Whether the person's own key lists the request: theirs, or of someone they lead. */
  const shown = async (workspaceId: string, detail: ClockifyApprovalDetails) => {
    const owner = ownerOf(detail.approvalRequest);
    if (owner === undefined) return false;
    return owner === person || (await acting.leads(workspaceId, owner));
  };
  /** One request by id, found in the lists (there is no read by id). */
  const find = async (workspaceId: string, requestId: string): Promise<ClockifyApprovalRequest | undefined> => {
    for (const state of LISTED) {
      const found = (await everyones(workspaceId, state)).find((item) => item.approvalRequest?.id === requestId)?.approvalRequest;
      if (found) return found;
    }
    return undefined;
  };
  const theirs = (answer: ClockifyApprovalRequest | undefined) => {
    const owner = ownerOf(answer);
    if (owner !== undefined && owner !== person) throw new BackEndError('acting_for_answer_not_the_persons', { back_end: BACK_END });
  };

  return {
    /** The requests of one state the person's own key would list, all in the first page. */
    approvalsPage: async (workspaceId, state, page) => {
      await acting.about(workspaceId);
      if (page > 1) return [];
      const all = await everyones(workspaceId, state);
      const kept: ClockifyApprovalDetails[] = [];
      for (const detail of all) if (await shown(workspaceId, detail)) kept.push(detail);
      return kept;
    },
    memberEntriesPage: acting.shared.memberEntriesPage,
    /** The person's own submission is made for them; Clockify names the key's user as its creator. */
    submitApproval: async (workspaceId, periodStart, period) => {
      await acting.about(workspaceId);
      lists.clear();
      const answer = await api.submitApprovalFor(workspaceId, person, periodStart, period);
      theirs(answer);
      return answer;
    },
    /** Another's submission is never made through the person. */
    submitApprovalFor: async () => {
      throw new NotNarrowedError('a submission of someone else’s timesheet');
    },
    changeApproval: async (workspaceId, requestId, state, note, what) => {
      const { record } = await acting.about(workspaceId);
      const request = await find(workspaceId, requestId);
      const owner = ownerOf(request);
      if (!request || owner === undefined) throw new BackEndError('timesheet_submission_not_found', { id: requestId });
      if (owner === person) {
        if (state !== 'WITHDRAWN_SUBMISSION') throw new BackEndError('timesheet_own_submission', {});
        if (request.status?.state !== 'PENDING') throw new NotNarrowedError('a withdrawal of a submission that is not pending');
        lists.clear();
        return api.changeApproval(workspaceId, requestId, state, undefined, what);
      }
      const name = request.owner?.userName?.trim() || 'a colleague';
      if (state === 'WITHDRAWN_SUBMISSION' || !(await acting.leads(workspaceId, owner))) {
        throw new BackEndError('timesheet_not_your_decision', { person: name, back_end: BACK_END });
      }
      lists.clear();
      return api.changeApproval(workspaceId, requestId, state, decisionNote(personName(record), note), what);
    },
  };
}
