// What the team tools send (docs/back-ends/harvest.md, "For leads"), all of it the root's (api.ts): each person's
// entries of the range, named by user_id; a project's entries of all time, named by project_id; the project itself for
// its budget. Every list of entries names whom or what it is about. The people come from the root's context (/v2/users).
import type { HarvestClient } from '../api.ts';

export function teamEndpoints(client: HarvestClient) {
  const { entries, project, projectEntries } = client.api;
  return { entries, project, projectEntries };
}

export type TeamEndpoints = ReturnType<typeof teamEndpoints>;
