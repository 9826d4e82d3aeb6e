import { alsoAway } from '../domain/team.ts';
import { listPendingLeaveContract } from '../contract/tools/list-pending-leave.ts';
import { defineTool } from './define-tool.ts';
import { joined, outside, say } from '../contract/outcomes/sentence.ts';

/** People or requests per window when the caller names no limit. */
const DEFAULT_LIMIT = 20;

export default defineTool({
  ...listPendingLeaveContract,
  async handler(args, context) {
    const { tracker } = context;
    const page = await tracker.teamLeave.pendingLeave({ offset: args.offset ?? 0, limit: args.limit ?? DEFAULT_LIMIT });
    const requests = page.requests.map((request) => ({
      id: request.id,
      person: request.person,
      type: request.type,
      ...(request.kind ? { kind: request.kind } : {}),
      first_day: request.firstDay,
      last_day: request.lastDay,
      first_day_part: request.firstDayPart,
      last_day_part: request.lastDayPart,
      days: request.days,
      comment: request.comment,
      also_away: alsoAway(request, page.absences),
    }));
    const lines = requests.map((request) => {
      const span = request.first_day === request.last_day ? request.first_day : `${request.first_day} to ${request.last_day}`;
      const away = request.also_away.length > 0 ? say`; also away: ${joined(request.also_away.map(outside), ', ')}` : '';
      const comment = request.comment ? say` ${outside(request.comment)}` : '';
      const kind = request.kind === undefined ? request.type : outside(request.kind);
      return say`#${request.id} ${outside(request.person)}: ${kind} ${span} (${request.days} ${request.days === 1 ? 'day' : 'days'})${comment}${away}`;
    });
    const more = page.nextOffset === null ? '' : ` More with offset ${page.nextOffset}.`;
    const head = `${requests.length === 0 ? 'No' : requests.length} ${requests.length === 1 ? 'request waits' : 'requests wait'} for your decision (${page.covers}).${more}`;
    return { data: { requests, next_offset: page.nextOffset, covers: page.covers }, text: joined([head, ...lines], '\n') };
  },
});
