// Timesheet approvals (issue 67): "Submit week" on the Timesheet and a lead's Approvals screen, each
// through the engine's approvals tools and only where the engine offers them (the back end has an
// approval workflow this account may use). The window asked the person before it calls a write here:
// the app's own engine has no question for the app.
import { startOfIsoWeek } from '../../../mcp-server/for-the-app.ts';
import type { Handlers } from '../../../window-contract/index.ts';
import type { WeekApprovalView } from '../../../window-contract/approvals.ts';
import { UserFacingError } from '../dispatch.ts';
import { backEndName, backEndType } from './back-end.ts';
import type { HandlerDeps } from './ports.ts';

type Deps = Pick<HandlerDeps, 'approvals' | 'timesheet' | 'settings' | 'policy'>;

/** What the engine offers of approvals: the week's status, submitting it, deciding others'. */
export interface ApprovalsOffered {
  status: boolean;
  submit: boolean;
  decide: boolean;
}

export function approvalsOffered(supported: ReadonlySet<string>): ApprovalsOffered {
  const status = supported.has('list_timesheet_approvals');
  return { status, submit: status && supported.has('submit_timesheet'), decide: status && supported.has('decide_timesheet') };
}

/**
 * The Timesheet's week approval from `monday`: null where the back end has no approvals, and where it
 * cannot be read now, the reason, so the week's entries still show.
 */
export async function weekApproval(deps: Deps, monday: string, supported: ReadonlySet<string>): Promise<WeekApprovalView | null> {
  const offered = approvalsOffered(supported);
  if (!offered.status) return null;
  const backEnd = backEndName(backEndType(deps));
  try {
    return { ...(await deps.approvals.week(monday, backEnd)), canSubmit: offered.submit };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { submissions: [], locks: [], rejectionNoteKept: true, backEnd, canSubmit: false, problem: message };
  }
}

export function approvalsHandlers(deps: Deps): Pick<Handlers, 'submitWeek' | 'getApprovalsToDecide' | 'getSubmissionEntries' | 'decideTimesheet'> {
  const name = () => backEndName(backEndType(deps));
  const require = async (part: 'submit' | 'decide') => {
    const offered = approvalsOffered(await deps.timesheet.supportedTools());
    if (offered[part]) return;
    throw new UserFacingError(
      part === 'submit'
        ? `${name()} has no timesheet approvals that Punchcard can use for you.`
        : `${name()} leaves nobody's timesheet to your decision through Punchcard.`,
    );
  };

  return {
    submitWeek: async ({ date }) => {
      await require('submit');
      const monday = startOfIsoWeek(date);
      const { outcome } = await deps.approvals.submit(monday);
      // The week as it stands now: its submission, and its lock where the back end locks a submitted week.
      const approval = await weekApproval(deps, monday, await deps.timesheet.supportedTools());
      return { approval: approval ?? { submissions: [], locks: [], rejectionNoteKept: true, backEnd: name(), canSubmit: true, problem: null }, outcome };
    },
    getApprovalsToDecide: async (request) => {
      await require('decide');
      return deps.approvals.toDecide(request?.status);
    },
    getSubmissionEntries: async ({ id }) => {
      await require('decide');
      return deps.approvals.entries(id);
    },
    decideTimesheet: async ({ id, decision, note }) => {
      await require('decide');
      return deps.approvals.decide(id, decision, decision === 'reject' ? note : note?.trim() || undefined);
    },
  };
}
