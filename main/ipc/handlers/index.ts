// Every IPC handler, built from the app's ports. `satisfies Handlers` makes a channel without a
// handler (or a handler with the wrong shape) a type error.
import type { Handlers } from '../../../window-contract/index.ts';
import { accountHandlers } from './account.ts';
import { administrationHandlers } from './administration.ts';
import { approvalsHandlers } from './approvals.ts';
import { clientHandlers } from './clients.ts';
import { connectionHandlers } from './connections.ts';
import { idleHandlers } from './idle.ts';
import { leaveHandlers } from './leave.ts';
import { extensionHandlers } from './extension.ts';
import { evidenceHandlers } from './evidence.ts';
import type { HandlerDeps } from './ports.ts';
import { preferenceHandlers } from './preferences.ts';
import { statusHandlers } from './status.ts';
import { teamHandlers } from './team.ts';
import { teamServerHandlers } from './team-server.ts';
import { timesheetHandlers } from './timesheet.ts';
import { toolHandlers } from './tools.ts';
import { updateHandlers } from './updates.ts';
import { workingTimeHandlers } from './working-time.ts';

export type {
  AdminPort,
  ApprovalsPort,
  DraftsPort,
  ExtensionPort,
  HandlerDeps,
  IdlePort,
  LeavePort,
  LoginItemPort,
  ShortcutPort,
  TimesheetPort,
  UpdatesPort,
  WorkdayPort,
  WorkingTimePort,
} from './ports.ts';

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...statusHandlers(deps),
    ...toolHandlers(deps),
    ...clientHandlers(deps),
    ...extensionHandlers(deps),
    ...teamServerHandlers(deps),
    ...accountHandlers(deps),
    ...connectionHandlers(deps),
    ...preferenceHandlers(deps),
    ...timesheetHandlers(deps),
    ...evidenceHandlers(deps),
    ...leaveHandlers(deps),
    ...teamHandlers(deps),
    ...approvalsHandlers(deps),
    ...administrationHandlers(deps),
    ...idleHandlers(deps),
    ...updateHandlers(deps),
    ...workingTimeHandlers(deps),
  } satisfies Handlers;
}
