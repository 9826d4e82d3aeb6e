// Leave on Harvest: none. Harvest's API keeps no time off, balances or holidays (docs/back-ends/harvest.md, "What
// Harvest does not have"), so the leave tools are never offered and a call by name hears why (tool_withheld, why
// back_end); reports and the plan count no leave, and the settings' holidays stand in (plan/plan.ts).
import { CellPart } from '../../grid/cell-part.ts';
import { BackEndError, type LeaveRequest } from '../../time-tracker.ts';
import type { HarvestContext } from '../context.ts';
import type { LeaveEndpoints } from './endpoints.ts';

export class HarvestLeave extends CellPart<HarvestContext, LeaveEndpoints> {
  /** Reports ask for leave to count targets: there is none. */
  async listLeave(): Promise<LeaveRequest[]> {
    return [];
  }

  async createLeave(): Promise<LeaveRequest> {
    throw new BackEndError('tool_withheld', { tool: 'request_leave', why: 'back_end', back_end: 'Harvest' });
  }

  async cancelLeave(): Promise<LeaveRequest> {
    throw new BackEndError('tool_withheld', { tool: 'cancel_leave_request', why: 'back_end', back_end: 'Harvest' });
  }
}
