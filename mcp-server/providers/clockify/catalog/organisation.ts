// The catalog under the organisation's credential (docs/back-ends/clockify.md, "Acting for others"): every endpoint
// narrowed to the person (acting.ts), the ones it shares with other capabilities as the root narrows them; its writes,
// which would act with the key's rights, refused before anything is sent.
import { type ClockifyActing, NotNarrowedError } from '../acting.ts';
import type { CatalogEndpoints } from './endpoints.ts';

const refused = (request: string) => () => Promise.reject(new NotNarrowedError(request));

export function underOrganisation(api: CatalogEndpoints, acting: ClockifyActing): CatalogEndpoints {
  return {
    projectsPage: acting.shared.projectsPage,
    tasksPage: acting.shared.tasksPage,
    clientsPage: async (workspaceId, page) => {
      await acting.about(workspaceId);
      return api.clientsPage(workspaceId, page);
    },
    createClient: refused('createClient'),
    archiveClient: refused('archiveClient'),
    createProject: refused('createProject'),
    archiveProject: refused('archiveProject'),
    createTask: refused('createTask'),
    setTaskStatus: refused('setTaskStatus'),
  };
}
