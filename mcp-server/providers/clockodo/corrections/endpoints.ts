// What corrections sends to Clockodo (docs/back-ends/clockodo.md): colleagues' entries corrected in bulk by the company's owner.
// The endpoints it shares with other capabilities come from the root's api.ts; the rest are its own.
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
