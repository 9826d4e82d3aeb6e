// What the account sends to Clockodo (docs/back-ends/clockodo.md): who the person is on Clockodo, their zone, the background check of what they may do, and the connection test.
// The endpoints it shares with other capabilities come from the root's api.ts; the rest are its own.
import { type ClockodoClient } from '../api.ts';

export function accountEndpoints(client: ClockodoClient) {
  const { clock } = client.api;
  return {
    clock,
  };
}

export type AccountEndpoints = ReturnType<typeof accountEndpoints>;
