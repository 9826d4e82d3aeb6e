// What the account on Clockodo sends: its own endpoints here, and those it shares with other capabilities picked from
// the root's api.ts.
import { type ClockodoClient } from '../api.ts';

export function accountEndpoints(client: ClockodoClient) {
  const { clock } = client.api;
  return {
    clock,
  };
}

export type AccountEndpoints = ReturnType<typeof accountEndpoints>;
