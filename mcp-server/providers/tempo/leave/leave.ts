// Leave on Tempo Timesheets: none. Tempo keeps no time off or balances (docs/back-ends/tempo.md, "Not offered"): the
// leave tools are never offered and a call by name hears why (tool_withheld, why back_end); reports and the calendar
// count no leave, and the holidays are the person's Tempo schedule's (plan/plan.ts).
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode, type NoEndpoints } from '../../grid/cell.ts';
import { BackEndError, type LeaveRequest } from '../../time-tracker.ts';
import type { TempoContext, TempoGrid } from '../context.ts';

export class TempoLeave extends CellPart<TempoContext, NoEndpoints> {
  /** Reports and the calendar ask for leave to count targets: there is none. */
  async listLeave(): Promise<LeaveRequest[]> {
    return [];
  }

  async createLeave(): Promise<LeaveRequest> {
    throw new BackEndError('tool_withheld', { tool: 'request_leave', why: 'back_end', back_end: 'Tempo Timesheets' });
  }

  async cancelLeave(): Promise<LeaveRequest> {
    throw new BackEndError('tool_withheld', { tool: 'cancel_leave_request', why: 'back_end', back_end: 'Tempo Timesheets' });
  }
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TempoGrid>({
  parts: (context, endpoints) => ({ leave: new TempoLeave(context, endpoints, {}) }),
});
