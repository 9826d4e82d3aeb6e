// What leave sends to Toggl Track: nothing. Toggl Track's API has no time off (docs/back-ends/toggl.md, "Not offered").
import type { TogglApiClient } from '../api.ts';

export function leaveEndpoints(_client: TogglApiClient) {
  return {};
}

export type LeaveEndpoints = ReturnType<typeof leaveEndpoints>;
