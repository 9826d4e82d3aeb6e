// What the rates send (docs/back-ends/toggl.md, "Administration"): the rates kept at one level (dated; the current one
// has no end), each of Toggl's two types by its own request; the people's current rates from the workspace users (the
// root's) and a project's project users; and a new rate from today (`mode: "start-today"`), never one of the modes
// that reprice time already tracked (`override-current`, `override-all`). Toggl removes no rate.
import { type TogglApiClient, workspaceRequest, ws } from '../api.ts';
import type { TogglProjectUser, TogglRate } from '../wire.ts';

/** Where a rate is kept, in Toggl's words (rates.creationRequest `level`). */
export type RateLevel = 'workspace' | 'workspace_user' | 'project' | 'project_user' | 'task';
/** The levels the GET reads (its path's: workspace, project, task). */
export type ReadLevel = 'workspace' | 'project' | 'task';

export function adminRatesEndpoints(client: TogglApiClient) {
  const { call } = client;
  return {
    workspaceUsers: client.api.workspaceUsers,
    /** The rates kept at a level of one type: `billable_rates` or `labor_costs` (the GET's word for the labor rates). */
    rates: (workspaceId: number, level: ReadLevel, levelId: number, type: 'billable_rates' | 'labor_costs', action: string) =>
      call<TogglRate[] | null>('GET', `${ws(workspaceId)}/rates/${level}/${levelId}`, workspaceRequest(action), { query: { type } }),
    /** A project's people, each with their rate and labor cost there. */
    projectUsers: (workspaceId: number, projectId: number, action: string) =>
      call<TogglProjectUser[] | null>('GET', `${ws(workspaceId)}/project_users`, workspaceRequest(action), { query: { project_ids: projectId } }),
    createRate: (
      workspaceId: number,
      body: { level: RateLevel; level_id: number; type: 'billable_rates' | 'labor_rates'; amount: number; mode: 'start-today' },
      action: string,
    ) => call<TogglRate | null>('POST', `${ws(workspaceId)}/rates`, workspaceRequest(action), { body }),
  };
}

export type AdminRatesEndpoints = ReturnType<typeof adminRatesEndpoints>;
