// Leave on Toggl Track: its API has no time off (a Time Off feature exists in the app for some accounts, with no
// endpoint in the published API), so there is none to list, and filing or cancelling is refused in words, nothing
// sent. The leave tools are not offered at all (index.ts); the absence calendar shows the settings' holidays.
import { CellPart } from '../../grid/cell-part.ts';
import { BackEndError, type LeaveRequest } from '../../time-tracker.ts';
import type { TogglContext } from '../context.ts';
import type { LeaveEndpoints } from './endpoints.ts';

export class TogglLeave extends CellPart<TogglContext, LeaveEndpoints> {
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
