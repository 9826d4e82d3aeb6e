// What the custom fields send to Clockify (docs/back-ends/clockify.md, "Custom fields"): the workspace's fields of
// time entries and a project's own settings of them. The endpoints it shares with other capabilities come from the
// root's api.ts; the rest are its own.
import { type ClockifyApiClient, id, tracking, ws } from '../api.ts';
import type { ClockifyCustomField } from '../wire.ts';

export function entryFieldsEndpoints(client: ClockifyApiClient) {
  const { list } = client;
  const { customFields } = client.api;
  return {
    customFields,
    /** The project's own settings of the custom fields (getCustomFieldsOfProject): those whose status or default it changed. */
    projectCustomFields: (workspaceId: string, projectId: string) =>
      list<ClockifyCustomField>(`${ws(workspaceId)}/projects/${id(projectId)}/custom-fields`, tracking("read the project's custom fields")),
  };
}

export type EntryFieldsEndpoints = ReturnType<typeof entryFieldsEndpoints>;
