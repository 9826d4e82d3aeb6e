// What the catalog sends: the person's active project assignments, each with its task assignments (the root's api.ts
// sends it, as the one request that says what the person may book on).
import type { HarvestClient } from '../api.ts';

export function catalogEndpoints(client: HarvestClient) {
  return { assignments: client.api.assignments };
}

export type CatalogEndpoints = ReturnType<typeof catalogEndpoints>;
