// The meta fields under the organisation's credential (docs/back-ends/kimai.md, "Acting for others"): the custom-fields
// plugin's rules the person's own role is granted, as the root narrows them (acting.ts).
import type { KimaiActing } from '../acting.ts';
import type { EntryFieldsEndpoints } from './endpoints.ts';

export function underOrganisation(_api: EntryFieldsEndpoints, acting: KimaiActing): EntryFieldsEndpoints {
  return {
    metaFieldRules: acting.shared.metaFieldRules,
  };
}
