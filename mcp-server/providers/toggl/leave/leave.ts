// Leave on Toggl Track: its API has no time off (a Time Off feature exists in the app for some accounts, with no
// endpoint in the published API), so there is none to list, and filing or cancelling is refused in words, nothing
// sent. The leave tools are not offered at all (index.ts); the absence calendar shows the settings' holidays.
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode, type NoEndpoints } from '../../grid/cell.ts';
import { BackEndError, type LeaveRequest } from '../../time-tracker.ts';
import type { TogglContext, TogglGrid } from '../context.ts';

export class TogglLeave extends CellPart<TogglContext, NoEndpoints> {
  async listLeave(): Promise<LeaveRequest[]> {
    return [];
  }

  async createLeave(): Promise<LeaveRequest> {
    throw new BackEndError('toggl_no_time_off');
  }

  async cancelLeave(): Promise<LeaveRequest> {
    throw new BackEndError('toggl_no_time_off');
  }
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TogglGrid>({
  parts: (context, endpoints) => ({ leave: new TogglLeave(context, endpoints, {}) }),
});
