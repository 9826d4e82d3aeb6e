// Leave on Harvest: none. Harvest's API keeps no time off, balances or holidays (docs/back-ends/harvest.md, "What
// Harvest does not have"), so the leave tools are never offered and a call by name hears why (tool_withheld, why
// back_end); reports and the plan count no leave, and the settings' holidays stand in (plan/plan.ts).
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode, type NoEndpoints } from '../../grid/cell.ts';
import { BackEndError, type LeaveRequest } from '../../time-tracker.ts';
import type { HarvestContext, HarvestGrid } from '../context.ts';

export class HarvestLeave extends CellPart<HarvestContext, NoEndpoints> {
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

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<HarvestGrid>({
  parts: (context, endpoints) => ({ leave: new HarvestLeave(context, endpoints, {}) }),
});
