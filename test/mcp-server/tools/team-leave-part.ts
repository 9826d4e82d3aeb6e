// A hand-written team-leave part (TeamLeavePart in mcp-server/providers/time-tracker.ts) over the local
// timesheet, for the tests of list_pending_leave and decide_leave_request: the local timesheet has no
// team. It holds three waiting requests and the standing absences beside them, and records decisions.
import type { ColleagueAbsence, DecidedLeave, LeaveDecision, PendingLeave } from '../../../mcp-server/domain/team.ts';
import { BackEndError, type TeamLeavePart } from '../../../mcp-server/providers/time-tracker.ts';
import { localToolContext } from './local-tool-context.ts';
import { trackerWithPart } from './tracker-with-part.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
export const NOW = Date.parse('2026-11-18T14:00:00Z');

const request = (fields: Partial<PendingLeave> & Pick<PendingLeave, 'id' | 'personId' | 'person' | 'firstDay' | 'lastDay' | 'days'>): PendingLeave => ({
  type: 'vacation',
  firstDayPart: 'full',
  lastDayPart: 'full',
  status: 'pending',
  comment: '',
  ...fields,
});

export function waitingRequests(): PendingLeave[] {
  return [
    request({ id: 11, personId: 2, person: 'Bea', firstDay: '2026-12-21', lastDay: '2026-12-23', days: 3, comment: 'family\nvisit' }),
    request({ id: 12, personId: 3, person: 'Cem', type: 'other', kind: 'Training', firstDay: '2026-12-22', lastDay: '2026-12-22', days: 1 }),
    request({ id: 13, personId: 4, person: 'Dana', firstDay: '2027-01-11', lastDay: '2027-01-15', days: 5 }),
  ];
}

/** Who else stands away: Eli overlaps Bea's and Cem's requests; Bea's rejected absence counts for nobody. */
const ABSENCES: ColleagueAbsence[] = [
  { personId: 5, person: 'Eli', firstDay: '2026-12-18', lastDay: '2026-12-22', status: 'approved' },
  { personId: 2, person: 'Bea', firstDay: '2026-12-21', lastDay: '2026-12-23', status: 'pending' },
  { personId: 6, person: 'Fay', firstDay: '2026-12-21', lastDay: '2026-12-21', status: 'rejected' },
];

export async function teamLeave(options: { reasonKept?: boolean } = {}) {
  const local = await localToolContext({ now: NOW, timezone: 'Europe/Berlin' });
  const waiting = waitingRequests();
  const decisions: Array<{ id: number; decision: LeaveDecision; reason: string | undefined }> = [];
  const part: TeamLeavePart = {
    async pendingLeave({ offset, limit }) {
      const end = offset + limit;
      return {
        requests: waiting.slice(offset, end),
        absences: ABSENCES,
        nextOffset: end < waiting.length ? end : null,
        covers: `people 1–${waiting.length} in the teams you lead`,
      };
    },
    async findPendingLeave(id) {
      const found = waiting.find((candidate) => candidate.id === id);
      if (!found) throw new BackEndError('kimai_leave_request_not_listed', { request: id });
      return found;
    },
    async decideLeave(pending, decision, reason): Promise<DecidedLeave> {
      decisions.push({ id: pending.id, decision, reason });
      waiting.splice(waiting.indexOf(pending), 1);
      return { request: { ...pending, status: decision === 'approve' ? 'approved' : 'rejected' }, reasonKept: options.reasonKept ?? false };
    },
  };
  const context = { ...local.context, tracker: trackerWithPart(local.tracker, 'team_leave', part) };
  return { context, decisions, waiting, label: local.tracker.label, close: local.close };
}
