// What corrections on Clockodo sends: its own endpoints here, and those it shares with other capabilities picked from
// the root's api.ts.
import { type ClockodoClient } from '../api.ts';

export function correctionsEndpoints(client: ClockodoClient) {
  const { entryPage, changeEntry, usersPage } = client.api;
  return {
    entryPage,
    changeEntry,
    usersPage,
  };
}

export type CorrectionsEndpoints = ReturnType<typeof correctionsEndpoints>;
