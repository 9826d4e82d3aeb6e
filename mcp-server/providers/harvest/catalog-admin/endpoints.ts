// What a change of the catalog sends (docs/back-ends/harvest.md, "The catalog as a role shows it"): the item read by its
// id (a project the root's, a client and a task here) and changed with only the fields that differ (the root's PATCH of
// each kind).
import { remoteRefusal } from '../../remote/remote-error.ts';
import type { HarvestClient } from '../api.ts';
import type { HarvestClient as HarvestCustomer, HarvestTask } from '../wire.ts';

export function catalogAdminEndpoints(client: HarvestClient) {
  const { call } = client;
  const { project, updateClient, updateProject, updateTask } = client.api;
  return {
    project,
    updateClient,
    updateProject,
    updateTask,
    customer: (id: number) =>
      call<HarvestCustomer>('GET', `/v2/clients/${id}`, {
        action: `read client #${id}`,
        notFound: remoteRefusal('remote_record_missing', { service: 'Harvest', record: 'customer', id }),
      }),
    task: (id: number) =>
      call<HarvestTask>('GET', `/v2/tasks/${id}`, {
        action: `read task #${id}`,
        notFound: remoteRefusal('remote_record_missing', { service: 'Harvest', record: 'activity', id }),
      }),
  };
}

export type CatalogAdminEndpoints = ReturnType<typeof catalogAdminEndpoints>;
