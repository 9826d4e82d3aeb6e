// What the rates send (docs/back-ends/harvest.md, "Administration"): a person's dated billable and cost rates, always
// made with a start date (without one Harvest replaces every earlier rate); a project (the root's) and its hourly
// rate; a project's people and tasks with their rates there. Harvest deletes no rate.
import type { HarvestClient } from '../api.ts';
import type { HarvestProject, HarvestRate, HarvestTaskAssignment, HarvestUserAssignment } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

export function adminRatesEndpoints(client: HarvestClient) {
  const { call, list } = client;
  const { project, updateProject, users } = client.api;
  return {
    users,
    project,
    updateProject: (id: number, body: { hourly_rate: number }, action: string) => updateProject(id, body, action) as Promise<HarvestProject>,
    /** A person's rates of a kind from a day: Harvest ends the one before it the day before. */
    createRate: (userId: number, kind: 'billable_rates' | 'cost_rates', amount: number, startDate: string, action: string) =>
      call<HarvestRate>('POST', `/v2/users/${userId}/${kind}`, { action }, { body: { amount, start_date: startDate } }),
    userAssignments: (projectId: number, name: string) =>
      list<HarvestUserAssignment>(`/v2/projects/${projectId}/user_assignments`, 'user_assignments', {}, `read the people on the project ${quotedLine(name)}`),
    taskAssignments: (projectId: number, name: string) =>
      list<HarvestTaskAssignment>(`/v2/projects/${projectId}/task_assignments`, 'task_assignments', {}, `read the tasks of the project ${quotedLine(name)}`),
    updateUserAssignment: (projectId: number, id: number, body: { use_default_rates: false; hourly_rate: number }, action: string) =>
      call<HarvestUserAssignment>('PATCH', `/v2/projects/${projectId}/user_assignments/${id}`, { action }, { body }),
    updateTaskAssignment: (projectId: number, id: number, body: { hourly_rate: number }, action: string) =>
      call<HarvestTaskAssignment>('PATCH', `/v2/projects/${projectId}/task_assignments/${id}`, { action }, { body }),
  };
}

export type AdminRatesEndpoints = ReturnType<typeof adminRatesEndpoints>;
