// What the corrections capability sends to Kimai (docs/back-ends/kimai.md): bulk corrections of the time entries Kimai
// shows a lead or an administrator. The endpoints it shares with other capabilities come from the root's api.ts; the
// rest are its own.
import type { KimaiClient } from '../api.ts';

export function correctionsEndpoints(client: KimaiClient) {
  const { timesheetPage, patchTimesheet, findTags } = client.api;
  return {
    timesheetPage,
    patchTimesheet,
    findTags,
  };
}

export type CorrectionsEndpoints = ReturnType<typeof correctionsEndpoints>;
