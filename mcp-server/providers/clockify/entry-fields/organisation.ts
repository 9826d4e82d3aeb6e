// The custom fields under the organisation's credential (docs/back-ends/clockify.md, "Acting for others"): every
// endpoint narrowed to the person (acting.ts), the ones it shares with other capabilities as the root narrows them.
import type { ClockifyActing } from '../acting.ts';
import type { EntryFieldsEndpoints } from './endpoints.ts';

export function underOrganisation(api: EntryFieldsEndpoints, acting: ClockifyActing): EntryFieldsEndpoints {
  return {
    customFields: acting.shared.customFields,
    /** A project's own settings of them, of a project the person may book on. */
    projectCustomFields: async (workspaceId, projectId) => {
      await acting.about(workspaceId);
      await acting.bookable(workspaceId, projectId);
      return api.projectCustomFields(workspaceId, projectId);
    },
  };
}
