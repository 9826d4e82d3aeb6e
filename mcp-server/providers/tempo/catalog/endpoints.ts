// What the catalog sends to the Jira site: the person's issues by JQL, one issue by its key, and issues by their
// numbers (the root's api.ts sends these, as the timer and the entries need issues too).
import type { TempoClient } from '../api.ts';

export function catalogEndpoints(client: TempoClient) {
  const { issue, search } = client.api;
  return { issue, search };
}

export type CatalogEndpoints = ReturnType<typeof catalogEndpoints>;
