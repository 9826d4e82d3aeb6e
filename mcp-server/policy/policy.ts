// The organisation's policy as the engine and the app apply it (docs/policy.md). No
// file means no restrictions and costs one stat; a file is validated with the zod schema in
// contract/policy.ts, loaded only then. A file that cannot be read or does not validate fails
// closed: AI clients get `whoami` only, and it names the file and the problem.
import { existsSync, lstatSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, win32, posix } from 'node:path';
import { backEndAt, backEndOf, sameBackEnd, type BackEndProfile } from '../contract/back-ends.ts';
import type { CatalogedTool, ToolPolicyOptions } from '../contract/tool-policy.ts';
import { readSmallTextFile } from '../small-text-file.ts';
import type { Settings } from '../contract/settings.ts';
import type { WorkingTimeRules } from '../contract/working-time.ts';

/**
 * For tests only: a second policy file that applies on top of the system one. It can only narrow
 * what the system file allows (both apply), so an entry that sets it cannot widen anything.
 */
export const POLICY_FILE_VARIABLE = 'PUNCHCARD_POLICY_FILE';

/**
 * Where administrators put the file: a system folder an ordinary user cannot write. Never found
 * through an environment variable: a client's entry sets the server's variables, and %ProgramData%
 * pointed at an empty folder would be no policy at all. On Windows the folder is ProgramData on the
 * system drive: C:, and the drive Windows keeps the person's profile on where that differs (read from
 * the account, not from a variable). Every file found applies, and each can only narrow.
 */
export function systemPolicyPaths(platform: NodeJS.Platform = process.platform, profileFolder: () => string = accountHomeFolder): string[] {
  if (platform === 'darwin') return ['/Library/Application Support/Punchcard/policy.json'];
  if (platform !== 'win32') return ['/etc/punchcard/policy.json'];
  const drives = new Set(['C:']);
  const profileDrive = /^([A-Za-z]:)\\/.exec(profileFolder())?.[1];
  if (profileDrive) drives.add(profileDrive.toUpperCase());
  return [...drives].map((drive) => win32.join(`${drive}\\`, 'ProgramData', 'Punchcard', 'policy.json'));
}

/** The home folder as the operating system's account records it (Windows: the token's profile), not $HOME. */
function accountHomeFolder(): string {
  try {
    return userInfo().homedir;
  } catch {
    return '';
  }
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
  fixedProvider: BackEndProfile | null;
  /** Client ids that may be registered; null: any. */
  clientsAllowed: readonly string[] | null;
  /** The organisation's team server's MCP endpoint (https://…/mcp), or null: shown on the Connect screen. */
  teamServer: string | null;
  /** The working-time rules the organisation sets for everyone, winning over the person's; null: the person's own. */
  workingTimeRules: WorkingTimeRules | null;
  /** The desktop app's updates: off, or kept at one release (`pinned`); a policy that cannot be used turns them off too. */
  updates: { enabled: boolean; pinned: string | null };
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
  teamServer: null,
  workingTimeRules: null,
  updates: { enabled: true, pinned: null },
};

export function policyPaths(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const override = env[POLICY_FILE_VARIABLE];
  return [...systemPolicyPaths(platform), ...(override ? [(platform === 'win32' ? win32 : posix).resolve(override)] : [])];
}

/** Reads and combines the policy files (each one's rules apply, so two only ever narrow). */
export async function loadPolicy(paths: readonly string[]): Promise<Policy> {
  const texts: Array<{ path: string; text: string }> = [];
  for (const path of paths) {
    const read = readSmallTextFile(path);
    if ('text' in read) texts.push({ path, text: read.text });
    else if ('problem' in read) return failClosed(paths, `${path}: ${read.problem}`);
    else {
      // Nothing to read, but a link there (or in place of its folder) is a file someone meant to
      // deploy: a link to nothing cannot count as "no policy".
      const link = danglingLink(path);
      if (link) return failClosed(paths, `${path}: ${link} is a symbolic link to something that does not exist`);
    }
  }
  if (texts.length === 0) return NO_POLICY;
  const { parsePolicyFile, teamServerEndpoint } = await import('../contract/policy.ts');
  let policy: Policy = { ...NO_POLICY, sources: texts.map((each) => each.path) };
  for (const { path, text } of texts) {
    const parsed = parsePolicyFile(text);
    if (!parsed.ok) return failClosed(policy.sources, `${path}: ${parsed.problem}`);
    const { ai, providers, clients, teamServer, updates, workingTime } = parsed.policy;
    if (policy.fixedProvider && providers.fixed && JSON.stringify(policy.fixedProvider) !== JSON.stringify(providers.fixed)) {
      return failClosed(policy.sources, `${path}: providers.fixed differs from the one in ${policy.sources[0]}`);
    }
    if (policy.workingTimeRules && workingTime && policy.workingTimeRules !== workingTime.rules) {
      return failClosed(policy.sources, `${path}: workingTime.rules is "${workingTime.rules}", but ${policy.sources[0]} sets "${policy.workingTimeRules}"`);
    }
    if (policy.updates.pinned && updates.version && policy.updates.pinned !== updates.version) {
      return failClosed(policy.sources, `${path}: updates.version is ${updates.version}, but ${policy.sources[0]} keeps Punchcard at ${policy.updates.pinned}`);
    }
    policy = {
      ...policy,
      aiEnabled: policy.aiEnabled && ai.enabled,
      readOnly: policy.readOnly || ai.readOnly,
      deniedTools: new Set([...policy.deniedTools, ...ai.deniedTools]),
      deniedGroups: new Set([...policy.deniedGroups, ...ai.deniedGroups]),
      providersAllowed: narrow(policy.providersAllowed, providers.allowed),
      fixedProvider: policy.fixedProvider ?? providers.fixed ?? null,
      clientsAllowed: narrow(policy.clientsAllowed, clients.allowed),
      // Only shown to the person, never contacted by the app: the first file that names one (the
      // system's, before an override) decides.
      teamServer: policy.teamServer ?? (teamServer ? teamServerEndpoint(teamServer.url) : null),
      workingTimeRules: policy.workingTimeRules ?? workingTime?.rules ?? null,
      // Off anywhere is off; a version named in two files must be the same one (checked above).
      updates: { enabled: policy.updates.enabled && updates.enabled, pinned: policy.updates.pinned ?? updates.version ?? null },
    };
  }
  return policy;
}

/** The path or its folder, when it is a symbolic link that leads nowhere. */
function danglingLink(path: string): string | undefined {
  for (const candidate of [path, dirname(path)]) {
    try {
      if (lstatSync(candidate).isSymbolicLink() && !existsSync(candidate)) return candidate;
    } catch {
      // Not there at all.
    }
  }
  return undefined;
}

function narrow(current: readonly string[] | null, next: readonly string[] | undefined): readonly string[] | null {
  if (!next) return current;
  return current ? current.filter((item) => next.includes(item)) : [...next];
}

function failClosed(sources: readonly string[], problem: string): Policy {
  // An organisation that rolls out versions itself must not get one because its file has a typo.
  return { ...NO_POLICY, sources: [...sources], problem, aiEnabled: false, updates: { enabled: false, pinned: null } };
}

/** The back end to use: the organisation's fixed one, or the person's. */
export function effectiveProfile(policy: Policy, profile: BackEndProfile): BackEndProfile {
  return policy.fixedProvider ?? profile;
}

/**
 * Why AI clients get `whoami` and nothing else, or null when the policy lets them have tools. The
 * same sentence goes to stderr, into whoami, and to the app.
 */
export function aiGate(policy: Policy, profile: BackEndProfile): string | null {
  if (policy.problem) return `The organisation's policy cannot be used (${policy.problem}), so AI access to Punchcard is off until it is fixed.`;
  if (!policy.aiEnabled) return 'Your organisation has turned AI access to Punchcard off.';
  if (!isProviderAllowed(policy, profile)) return providerRefusal(profile);
  return null;
}

export function isProviderAllowed(policy: Policy, profile: BackEndProfile): boolean {
  return policy.providersAllowed === null || policy.providersAllowed.includes(profile.type);
}

export function providerRefusal(profile: BackEndProfile): string {
  // A remote back end by the name a policy file gives it ("the kimai back end").
  const backEnd = backEndOf(profile.type);
  return `Your organisation's policy does not allow ${backEnd.remote ? `the ${backEnd.type}` : backEnd.inSentence} back end, so Punchcard does not contact it.`;
}

/**
 * Why the policy forbids contacting this back end, by any path (a tool, a connection test, the
 * app's Test button), or null: a type it does not allow, or anything but the back end it fixes. The
 * fixed back end is the same one when its type and address are; its TLS options are the policy's.
 */
export function profileRefusal(policy: Policy, profile: BackEndProfile): string | null {
  const fixed = policy.fixedProvider;
  if (fixed && !sameBackEnd(fixed, profile)) {
    return `Your organisation's policy fixes the back end to ${backEndAt(fixed)}, so Punchcard does not contact ${backEndAt(profile)}.`;
  }
  return isProviderAllowed(policy, profile) ? null : providerRefusal(profile);
}

/** Whether the policy lets AI clients have this tool (the settings may narrow further). */
export function policyAllowsTool(policy: Policy, tool: CatalogedTool): boolean {
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
export function organisationRules(policy: Policy, profile: BackEndProfile): NonNullable<ToolPolicyOptions['organisation']> {
  return {
    whoamiOnly: aiGate(policy, profile) !== null,
    allows: (tool) => policyAllowsTool(policy, tool),
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
    teamServer: policy.teamServer,
    workingTime: { rules: policy.workingTimeRules },
    updates: policy.updates,
  };
}

/** The settings as the policy leaves them: its working-time rules win over the person's; the same object where it sets none. */
export function settingsUnderPolicy(policy: Policy, settings: Settings): Settings {
  const rules = policy.workingTimeRules;
  if (rules === null || settings.workingTime.rules === rules) return settings;
  return { ...settings, workingTime: { ...settings.workingTime, rules } };
}
