// The window's Team screen, built only from the engine's team tools (docs/decisions.md, "The team
// group"): a week of the hours of the people the back end lets this person see, the leave requests
// waiting for their decision, and the decision itself. Whatever the back end would not show the
// person, the engine never asks for; this module only turns its answers into the window's shapes.
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import { MAX_TEAM_PAGE } from '../../mcp-server/contract/tools/team-report.ts';
import { MAX_PENDING_PAGE } from '../../mcp-server/contract/tools/list-pending-leave.ts';
import { addDays } from '../../mcp-server/for-the-app.ts';
import type { PendingLeaveView, TeamHoursView } from '../../window-contract/team.ts';
import type { EngineClient } from './engine-client.ts';
import { decidedWords } from './leave-words.ts';
import { toolCaller } from './tool-call.ts';

export interface Team {
  /** The week from `monday`, a window of people from `offset`. */
  hours(monday: string, offset: number): Promise<TeamHoursView>;
  pending(offset: number): Promise<PendingLeaveView>;
  /** What it did, in the person's words (leave-words.ts). */
  decide(id: number, decision: 'approve' | 'reject', reason: string | undefined): Promise<string>;
}

export function createTeam(engine: EngineClient): Team {
  const call = toolCaller(engine);
  return {
    async hours(monday, offset) {
      const report = await call(TOOL_CONTRACTS.team_report, { from: monday, to: addDays(monday, 6), offset, limit: MAX_TEAM_PAGE });
      return {
        from: report.from,
        to: report.to,
        people: report.people.map((person) => ({
          name: person.name,
          minutes: person.minutes,
          targetMinutes: person.target_minutes,
          byProject: person.by_project,
          missingDays: person.missing_days,
          running: person.running,
          ...(person.working_time ? { workingTime: person.working_time } : {}),
        })),
        total: report.total_people,
        offset,
        nextOffset: report.next_offset,
        covers: report.covers,
      };
    },
    async pending(offset) {
      const page = await call(TOOL_CONTRACTS.list_pending_leave, { offset, limit: MAX_PENDING_PAGE });
      return {
        requests: page.requests.map((request) => ({
          id: request.id,
          person: request.person,
          type: request.type,
          ...(request.kind ? { kind: request.kind } : {}),
          firstDay: request.first_day,
          lastDay: request.last_day,
          // The contract's day parts, as the window's leave shows them.
          firstDayPart: request.first_day_part === 'afternoon' ? 'afternoon' : 'full',
          lastDayPart: request.last_day_part === 'morning' ? 'morning' : 'full',
          days: request.days,
          comment: request.comment,
          alsoAway: request.also_away,
        })),
        nextOffset: page.next_offset,
        covers: page.covers,
      };
    },
    async decide(id, decision, reason) {
      const given = reason?.trim() ? reason : undefined;
      const answer = await call(TOOL_CONTRACTS.decide_leave_request, { id, decision, ...(given ? { reason: given } : {}) });
      return decidedWords(answer, decision, given !== undefined);
    },
  };
}
