// The pure core of *Add connection* (AddConnection.tsx): the name it suggests (from the workspace, the
// host or the back end, in the name rule, different from every name taken), the workspaces of a
// Clockify key as ticks each with its own name, the names' problems as the form shows them by field,
// and the request for main. The rule and the words are the contract's, so main says the same.
import type { BackEndChoice, WorkspaceChoice } from '../../../window-contract/account.ts';
import { connectionNameSentence } from '../../../mcp-server/contract/connection-names.ts';
import { suggestedConnectionName } from '../../../mcp-server/contract/connections.ts';
import { fieldOf } from '../../../mcp-server/contract/back-end-descriptor.ts';
import { inputOf, problemsOf, type AccountInput, type Chosen, type Errors, type FormState } from './account-form.ts';
import type { WeekHours } from '../../../mcp-server/contract/connections.ts';
import { weekOf, weekProblems, type WeekDraft } from './connection-week.ts';
import type { Day } from './preferences-form.ts';

/** Parts of a host that say nothing about whose tracker it is. */
const GENERIC_LABELS = new Set([
  'www',
  'api',
  'app',
  'my',
  'kimai',
  'clockify',
  'clockodo',
  'calamari',
  'harvestapp',
  'toggl',
  'atlassian',
  'tempo',
  'track',
  'com',
  'net',
  'org',
  'io',
  'de',
  'example',
]);

/** What a connection is best called by: its workspace, else the host's telling part, else the back end's type. */
export function nameSourceOf(form: FormState, choice: BackEndChoice | undefined): string {
  if (form.workspace.trim()) return form.workspace.trim();
  const url = form.url.trim();
  if (url && url !== fieldOf(choice ?? { fields: [] }, 'url')?.default) {
    try {
      const labels = new URL(url).hostname.split('.').filter((label) => !GENERIC_LABELS.has(label) && !/^\d+$/.test(label));
      if (labels[0]) return labels[0];
    } catch {
      // Not an address yet: the type stands in.
    }
  }
  return form.type;
}

/** The name the form starts with, until the person types one. */
export function suggestedNameFor(form: FormState, choice: BackEndChoice | undefined, taken: readonly string[]): string {
  return suggestedConnectionName(nameSourceOf(form, choice), taken);
}

/** A workspace of the key, ticked or not, with the connection's name for it. */
export interface WorkspacePick {
  workspace: WorkspaceChoice;
  ticked: boolean;
  name: string;
}

/**
 * The key's workspaces as ticks: the one the form names (by id or name) ticked, each named after its
 * workspace, no two alike and none taken.
 */
export function picksOf(workspaces: readonly WorkspaceChoice[], named: string, taken: readonly string[]): WorkspacePick[] {
  const wanted = named.trim().toLowerCase();
  const used = [...taken];
  return workspaces.map((workspace) => {
    const name = suggestedConnectionName(workspace.name, used);
    used.push(name);
    return { workspace, name, ticked: wanted !== '' && (workspace.id.toLowerCase() === wanted || workspace.name.trim().toLowerCase() === wanted) };
  });
}

/** Each name's problem among those taken and the others being added (the later of two alike is flagged). */
export function namesProblems(names: readonly string[], taken: readonly string[]): Array<string | undefined> {
  return names.map((name, index) => connectionNameSentence(name, [...taken, ...names.slice(0, index)]));
}

/** What addConnections takes: one connection, or one per ticked workspace, sharing the key typed. */
export function addRequest(
  form: FormState,
  choice: BackEndChoice | undefined,
  names: readonly string[],
  workspaces?: readonly WorkspaceChoice[],
  workWeek?: WeekHours,
): {
  connections: Array<{ name: string; provider: AccountInput['provider']; workWeek?: WeekHours }>;
  token?: string;
  secondToken?: string;
} {
  const { provider, token, secondToken } = inputOf(form, choice);
  const week = workWeek ? { workWeek } : {};
  const connections = workspaces
    ? workspaces.map((workspace, index) => ({ name: names[index] as string, provider: { ...provider, workspace: workspace.id }, ...week }))
    : [{ name: names[0] as string, provider, ...week }];
  return { connections, ...(token ? { token } : {}), ...(secondToken ? { secondToken } : {}) };
}

/** The form's problems by field: the back end's fields, the name, the workspaces (none ticked), the days of its own week. */
export type AddErrors = Errors & { name?: string; workspaces?: string; week?: Partial<Record<Day, string>> };

/**
 * Everything *Add* checks before sending: the back end's fields, the name (or each ticked workspace's
 * name, by workspace id), and that a workspace is ticked; the request where nothing is wrong.
 */
export function checkAdd(
  form: FormState,
  chosen: Chosen,
  picks: readonly WorkspacePick[] | null,
  name: string,
  taken: readonly string[],
  ownWeek: WeekDraft | null = null,
): { errors: AddErrors; pickErrors: Record<string, string | undefined>; request?: ReturnType<typeof addRequest>; names: string[] } {
  const errors: AddErrors = problemsOf(form, chosen, true);
  const ticked = picks?.filter((pick) => pick.ticked) ?? null;
  const names = ticked ? ticked.map((pick) => pick.name.trim()) : [name.trim()];
  const problems = namesProblems(names, taken);
  const pickErrors = ticked ? Object.fromEntries(ticked.map((pick, index) => [pick.workspace.id, problems[index]])) : {};
  if (ticked?.length === 0) errors.workspaces = 'Tick at least one workspace.';
  if (!ticked && problems[0]) errors.name = problems[0];
  // A week of its own, where the person asked for one (a back end that keeps no targets).
  const weekErrors = ownWeek ? weekProblems(ownWeek) : {};
  if (Object.keys(weekErrors).length > 0) errors.week = weekErrors;
  if (Object.values(errors).some(Boolean) || problems.some(Boolean)) return { errors, pickErrors, names };
  const week = ownWeek ? (weekOf(ownWeek) ?? undefined) : undefined;
  return {
    errors,
    pickErrors,
    names,
    request: addRequest(
      form,
      chosen.choice,
      names,
      ticked?.map((pick) => pick.workspace),
      week,
    ),
  };
}
