// What the account sends to Clockify (docs/back-ends/clockify.md): nothing of its own. Whose the key is, the
// workspace, the role and whether time off answers are read by the context the capabilities share (context.ts),
// over the root's endpoints (api.ts).
import type { ClockifyApiClient } from '../api.ts';

export function accountEndpoints(_client: ClockifyApiClient) {
  return {};
}

export type AccountEndpoints = ReturnType<typeof accountEndpoints>;
