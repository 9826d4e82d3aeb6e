// The Clockify workspace Punchcard works in: the one the settings name, else the key's user's active one,
// and what of it matters here (its plan's features, the fields it requires on every entry). Apart from
// context.ts, which builds on it, so the narrowed API and the organisation account (acting-api.ts,
// organisation-account.ts) choose a workspace as the tracker does without importing the tracker's context.
import { remoteRefusal } from '../remote/remote-error.ts';
import { ClockifyError } from './errors.ts';
import { planName } from './mapping.ts';
import type { ClockifyWorkspace } from './wire.ts';

/** The workspace Punchcard works in, as far as it matters here. */
export interface Workspace {
  id: string;
  name: string;
  plan: string | undefined;
  /** Whether the plan includes time off; undefined where Clockify did not say. */
  timeOffInPlan: boolean | undefined;
  /** Whether the plan includes timesheet approvals (APPROVAL); undefined where Clockify did not say. */
  approvalInPlan: boolean | undefined;
  /** Whether the plan includes custom fields (CUSTOM_FIELDS); undefined where Clockify did not say. */
  customFieldsInPlan: boolean | undefined;
  /** Fields the workspace requires on every entry ('project', 'task', 'description'). */
  requires: ReadonlySet<string>;
}

/** The workspace as Punchcard uses it. */
export function workspaceOf(workspace: ClockifyWorkspace): Workspace {
  const settings = workspace.workspaceSettings ?? {};
  const requires = new Set<string>();
  if (settings.forceProjects) requires.add('project');
  if (settings.forceTasks) requires.add('task');
  if (settings.forceDescription) requires.add('description');
  const inPlan = (feature: string) => (Array.isArray(workspace.features) ? workspace.features.includes(feature) : undefined);
  return {
    id: workspace.id,
    name: workspace.name,
    plan: planName(workspace.featureSubscriptionType),
    timeOffInPlan: inPlan('TIME_OFF'),
    approvalInPlan: inPlan('APPROVAL'),
    customFieldsInPlan: inPlan('CUSTOM_FIELDS'),
    requires,
  };
}

/**
 * The workspace the settings name (its id, or its name in any case), else the person's active one;
 * one that matches none is refused with the workspaces the key sees.
 */
export function chooseWorkspace(workspaces: readonly ClockifyWorkspace[], wanted: string | undefined, active: string | undefined): ClockifyWorkspace {
  const seen = workspaces.map((workspace) => ({ name: workspace.name, id: workspace.id }));
  if (wanted !== undefined) {
    const byId = workspaces.find((workspace) => workspace.id === wanted);
    if (byId) return byId;
    const byName = workspaces.filter((workspace) => workspace.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (byName.length === 1) return byName[0] as ClockifyWorkspace;
    if (byName.length > 1) throw new ClockifyError('config', remoteRefusal('clockify_workspace_ambiguous', { wanted, seen }));
    throw new ClockifyError('config', remoteRefusal('clockify_workspace_unknown', { wanted, seen }));
  }
  const found = workspaces.find((workspace) => workspace.id === active) ?? (workspaces.length === 1 ? workspaces[0] : undefined);
  if (found) return found;
  if (workspaces.length === 0) throw new ClockifyError('config', remoteRefusal('clockify_no_workspace', {}));
  if (active !== undefined) throw new ClockifyError('config', remoteRefusal('clockify_active_workspace_unseen', { seen }));
  throw new ClockifyError('config', remoteRefusal('clockify_workspace_unnamed', { seen }));
}
