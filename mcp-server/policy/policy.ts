// The organisation's policy as the engine and the app apply it (README, "For administrators"). No
// file means no restrictions and costs one stat; a file is validated with the zod schema in
// contract/policy.ts, loaded only then. A file that cannot be read or does not validate fails
// closed: AI clients get `whoami` only, and it names the file and the problem.
import { win32, posix } from 'node:path';
import type { ProviderProfile } from '../contract/settings.ts';
import { TOOL_CATALOG, type ToolAccess, type ToolGroup, type ToolName } from '../contract/tool-catalog.ts';
import type { ToolPolicyOptions } from '../contract/tool-policy.ts';
import { readSmallTextFile } from '../settings/settings-source.ts';

/**
 * For tests only: a second policy file that applies on top of the system one. It can only narrow
 * what the system file allows (both apply), so an entry that sets it cannot widen anything.
 */
export const POLICY_FILE_VARIABLE = 'PUNCHCARD_POLICY_FILE';

/** Where administrators put the file: a system folder an ordinary user cannot write. */
export function systemPolicyPath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return win32.join(env.ProgramData || env.PROGRAMDATA || 'C:\\ProgramData', 'Punchcard', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Punchcard/policy.json';
  return '/etc/punchcard/policy.json';
}

export interface Policy {
  /** The files that apply (none: no restrictions). */
  sources: string[];
  /** Why the policy could not be used; AI clients then get `whoami` only. */
  problem: string | null;
  aiEnabled: boolean;
  readOnly: boolean;
  deniedTools: ReadonlySet<string>;
  deniedGroups: ReadonlySet<string>;
  /** Back-end types that may be contacted; null: any. */
  providersAllowed: readonly string[] | null;
  /** The back end every person of the organisation uses, replacing their own choice. */
  fixedProvider: ProviderProfile | null;
  /** Client ids that may be registered; null: any. */
  clientsAllowed: readonly string[] | null;
}

export const NO_POLICY: Policy = {
  sources: [],
  problem: null,
  aiEnabled: true,
  readOnly: false,
  deniedTools: new Set(),
  deniedGroups: new Set(),
  providersAllowed: null,
  fixedProvider: null,
  clientsAllowed: null,
};

export function policyPaths(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const override = env[POLICY_FILE_VARIABLE];
  return [systemPolicyPath(platform, env), ...(override ? [(platform === 'win32' ? win32 : posix).resolve(override)] : [])];
}

/** Reads and combines the policy files (each one's rules apply, so two only ever narrow). */
export async function loadPolicy(paths: readonly string[]): Promise<Policy> {
  const texts: Array<{ path: string; text: string }> = [];
  for (const path of paths) {
    const read = readSmallTextFile(path);
    if (typeof read === 'string') texts.push({ path, text: read });
    else if ('problem' in read) return failClosed(paths, `${path}: ${read.problem}`);
  }
  if (texts.length === 0) return NO_POLICY;
  const { parsePolicyFile } = await import('../contract/policy.ts');
  let policy: Policy = { ...NO_POLICY, sources: texts.map((each) => each.path) };
  for (const { path, text } of texts) {
    const parsed = parsePolicyFile(text);
    if (!parsed.ok) return failClosed(policy.sources, `${path}: ${parsed.problem}`);
    const { ai, providers, clients } = parsed.policy;
    if (policy.fixedProvider && providers.fixed && JSON.stringify(policy.fixedProvider) !== JSON.stringify(providers.fixed)) {
      return failClosed(policy.sources, `${path}: providers.fixed differs from the one in ${policy.sources[0]}`);
    }
    policy = {
      ...policy,
      aiEnabled: policy.aiEnabled && ai.enabled,
      readOnly: policy.readOnly || ai.readOnly,
      deniedTools: new Set([...policy.deniedTools, ...ai.deniedTools]),
      deniedGroups: new Set([...policy.deniedGroups, ...ai.deniedGroups]),
      providersAllowed: narrow(policy.providersAllowed, providers.allowed),
      fixedProvider: policy.fixedProvider ?? (providers.fixed as ProviderProfile | undefined) ?? null,
      clientsAllowed: narrow(policy.clientsAllowed, clients.allowed),
    };
  }
  return policy;
}

function narrow(current: readonly string[] | null, next: readonly string[] | undefined): readonly string[] | null {
  if (!next) return current;
  return current ? current.filter((item) => next.includes(item)) : [...next];
}

function failClosed(sources: readonly string[], problem: string): Policy {
  return { ...NO_POLICY, sources: [...sources], problem, aiEnabled: false };
}

/** The back end to use: the organisation's fixed one, or the person's. */
export function effectiveProfile(policy: Policy, profile: ProviderProfile): ProviderProfile {
  return policy.fixedProvider ?? profile;
}

/**
 * Why AI clients get `whoami` and nothing else, or null when the policy lets them have tools. The
 * same sentence goes to stderr, into whoami, and to the app.
 */
export function aiGate(policy: Policy, profile: ProviderProfile): string | null {
  if (policy.problem) return `The organisation's policy cannot be used (${policy.problem}), so AI access to Punchcard is off until it is fixed.`;
  if (!policy.aiEnabled) return 'Your organisation has turned AI access to Punchcard off.';
  if (!isProviderAllowed(policy, profile)) return providerRefusal(profile);
  return null;
}

export function isProviderAllowed(policy: Policy, profile: ProviderProfile): boolean {
  return policy.providersAllowed === null || policy.providersAllowed.includes(profile.type);
}

export function providerRefusal(profile: ProviderProfile): string {
  return `Your organisation's policy does not allow the ${profile.type === 'local' ? 'local timesheet' : profile.type} back end, so Punchcard does not contact it.`;
}

/** Whether the policy lets AI clients have this tool (the settings may narrow further). */
export function policyAllowsTool(policy: Policy, tool: { name: ToolName; group: ToolGroup; access: ToolAccess }): boolean {
  if (policy.readOnly && tool.access !== 'read') return false;
  return !policy.deniedTools.has(tool.name) && !policy.deniedGroups.has(tool.group);
}

/** Why the policy refuses registering this client, or null when it may be registered. */
export function clientRefusal(policy: Policy, clientId: string): string | null {
  if (policy.problem) return `The organisation's policy cannot be used (${policy.problem}), so Punchcard registers no AI client until it is fixed.`;
  if (policy.clientsAllowed === null || policy.clientsAllowed.includes(clientId)) return null;
  const allowed = policy.clientsAllowed.length > 0 ? ` It allows: ${policy.clientsAllowed.join(', ')}.` : ' It allows none.';
  return `Your organisation's policy does not allow registering Punchcard with ${clientId}.${allowed}`;
}

/** True when the policy restricts anything at all. */
export function isRestrictive(policy: Policy): boolean {
  return policy.sources.length > 0;
}

/** The policy as tool offering reads it, for AI clients on this back end. */
export function organisationRules(policy: Policy, profile: ProviderProfile): NonNullable<ToolPolicyOptions['organisation']> {
  return {
    whoamiOnly: aiGate(policy, profile) !== null,
    allows: (name) => policyAllowsTool(policy, { name, ...TOOL_CATALOG[name] }),
  };
}

/** The effective policy as plain data: what `punchcard-mcp policy` prints and the app shows. */
export function describePolicy(policy: Policy) {
  return {
    files: policy.sources,
    problem: policy.problem,
    ai: {
      enabled: policy.aiEnabled,
      readOnly: policy.readOnly,
      deniedTools: [...policy.deniedTools].sort(),
      deniedGroups: [...policy.deniedGroups].sort(),
    },
    providers: { allowed: policy.providersAllowed, fixed: policy.fixedProvider },
    clients: { allowed: policy.clientsAllowed },
  };
}
