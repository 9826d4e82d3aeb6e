// Leave and Calendar screens: the year's balance and requests, what a request costs before it is
// sent, filing and withdrawing, and a month of who is away, each through the engine's tools and
// with exactly the privacy the engine applies. What the back end cannot do is said, not offered.
import { backEndOf } from '../../../mcp-server/contract/back-ends.ts';
import { BEYOND_BALANCE_SWITCH } from '../../../mcp-server/contract/beyond-balance.ts';
import type { BackEndType } from '../../../window-contract/account.ts';
import type { Handlers } from '../../../window-contract/index.ts';
import type { LeaveView } from '../../../window-contract/leave.ts';
import { UserFacingError } from '../dispatch.ts';
import { backEndName, backEndType, noCancelWords, noLeaveWords } from './back-end.ts';
import type { HandlerDeps } from './ports.ts';

type Deps = Pick<HandlerDeps, 'leave' | 'timesheet' | 'settings' | 'policy' | 'statusChanged' | 'workday'>;

/** What the engine says, in the window's words, of leave beyond the balance on the local timesheet without the switch. */
export const LOCAL_BEYOND_REFUSED = `The timesheet on this computer approves leave as it is filed, and your Preferences do not allow leave beyond your balance. Ask for fewer days, or turn on “${BEYOND_BALANCE_SWITCH}” in Preferences.`;

/** The local timesheet, or settings that cannot say (then nothing remote is assumed). */
function isLocal(type: BackEndType | null): boolean {
  return type === null || !backEndOf(type).remote;
}

export function leaveHandlers(deps: Deps): Pick<Handlers, 'getLeave' | 'previewLeave' | 'requestLeave' | 'cancelLeave' | 'getCalendar'> {
  /** Leave changes each day's target: the week's figures and the timesheet's targets are asked again. */
  const leaveChanged = () => {
    deps.workday.forget();
    deps.timesheet.getStatus().then(deps.statusChanged, () => {});
  };
  const requireTool = async (tool: 'request_leave' | 'cancel_leave_request' | 'absence_calendar') => {
    const supported = await deps.timesheet.supportedTools();
    if (supported.has(tool)) return;
    const type = backEndType(deps);
    if (tool === 'cancel_leave_request') throw new UserFacingError(noCancelWords(type));
    throw new UserFacingError(supported.has('list_leave_requests') ? `${backEndName(type)} does not let Punchcard do that.` : noLeaveWords(type));
  };

  return {
    getLeave: async ({ year }) => {
      const supported = await deps.timesheet.supportedTools();
      const type = backEndType(deps);
      const rights: LeaveView['rights'] = {
        request: supported.has('request_leave'),
        cancel: supported.has('cancel_leave_request'),
        preview: supported.has('absence_calendar'),
        note: supported.has('cancel_leave_request') ? null : noCancelWords(type),
      };
      if (!supported.has('list_leave_requests')) {
        return { year, balance: null, requests: [], rights: { request: false, cancel: false, preview: false, note: null }, unavailable: noLeaveWords(type) };
      }
      const [requests, balance] = await Promise.all([
        deps.leave.requests(year),
        supported.has('leave_balance') ? deps.leave.balance(year) : Promise.resolve(null),
      ]);
      return { year, balance, requests, rights, unavailable: null };
    },
    previewLeave: async (input) => {
      await requireTool('absence_calendar');
      const preview = await deps.leave.preview(input);
      // The local timesheet has no colleagues, and no approver: its Preferences decide about leave beyond the balance.
      const local = isLocal(backEndType(deps));
      const beyond = preview.leaves.some((left) => left.days < 0);
      return {
        ...preview,
        away: local ? null : preview.away,
        beyondRefused: local && beyond && !deps.settings.read().leave.allowBeyondBalance ? LOCAL_BEYOND_REFUSED : null,
      };
    },
    requestLeave: async (input) => {
      await requireTool('request_leave');
      const filed = await deps.leave.request(input);
      leaveChanged();
      return filed;
    },
    cancelLeave: async ({ id }) => {
      await requireTool('cancel_leave_request');
      const cancelled = await deps.leave.cancel(id);
      leaveChanged();
      return cancelled;
    },
    getCalendar: async ({ month }) => {
      const supported = await deps.timesheet.supportedTools();
      const type = backEndType(deps);
      if (!supported.has('absence_calendar')) return { month, days: [], people: [], scope: '', unavailable: noLeaveWords(type) };
      const calendar = await deps.leave.calendar(month);
      // The local timesheet knows only the person's own leave; a company's tracker shows whom it lets them see.
      const scope = isLocal(type)
        ? 'Your own leave and public holidays (the timesheet on this computer has no colleagues).'
        : `Everyone ${backEndName(type)} lets you see, and public holidays.`;
      return { ...calendar, scope, unavailable: null };
    },
  };
}
