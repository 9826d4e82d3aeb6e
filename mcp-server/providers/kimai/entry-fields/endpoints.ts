// What the entry fields capability sends to Kimai (docs/back-ends/kimai.md): the custom-fields plugin's rules for
// timesheets. The endpoints it shares with other capabilities come from the root's api.ts; the rest are its own.
import type { KimaiClient } from '../api.ts';

export function entryFieldsEndpoints(client: KimaiClient) {
  const { metaFieldRules } = client.api;
  return {
    metaFieldRules,
  };
}

export type EntryFieldsEndpoints = ReturnType<typeof entryFieldsEndpoints>;
