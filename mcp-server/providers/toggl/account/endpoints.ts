// What the account sends to Toggl Track: nothing of its own. Whose the token is and the workspace are read by the
// context the capabilities share (context.ts), over the root's endpoints (api.ts).
import type { TogglApiClient } from '../api.ts';

export function accountEndpoints(_client: TogglApiClient) {
  return {};
}

export type AccountEndpoints = ReturnType<typeof accountEndpoints>;
