// `punchcard-mcp policy`: the organisation's policy as it applies on this machine, and the files it
// came from, so an administrator can check a deployment and a person can see why a tool is missing.
import { describePolicy, loadPolicy, policyPaths } from '../policy/policy.ts';
import { readFlags } from '../command-flags.ts';

export const POLICY_USAGE = `Usage: punchcard-mcp policy [--json]

The organisation's policy as it applies on this machine (AI access, the tools never offered, the back
ends and AI clients allowed) and the files it came from. Exit 0, or 1 when a policy file cannot be used.

  --json   the same as one JSON document, for programs`;

/** The policy's answer on stdout; a command given wrongly on stderr with the usage (exit 2). */
export async function runPolicyCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const { read, problem } = readFlags(argv, { switches: ['json', 'help'], short: { h: 'help' } }, (argument) => `Unknown option for policy: ${argument}.`);
  if (read.switches.has('help')) return (out(`${POLICY_USAGE}\n`), 0);
  if (problem) {
    err(`${problem}\n\n${POLICY_USAGE}\n`);
    return 2;
  }
  const json = read.switches.has('json');
  const paths = policyPaths(env);
  const policy = await loadPolicy(paths);
  const described = describePolicy(policy);
  if (json) {
    out(`${JSON.stringify(described, null, 2)}\n`);
    return policy.problem ? 1 : 0;
  }
  if (described.files.length === 0) {
    out(`No policy file (looked for ${paths.join(' and ')}): no restrictions.\n`);
    return 0;
  }
  const lines = [`Policy from ${described.files.join(' and ')}:`];
  if (policy.problem) lines.push(`  It cannot be used: ${policy.problem}`, '  AI clients get whoami only, and no client can be registered, until it is fixed.');
  else {
    lines.push(`  AI access: ${!policy.aiEnabled ? 'off (AI clients get whoami only)' : policy.readOnly ? 'on, read-only tools only' : 'on'}`);
    lines.push(`  Tools never offered: ${described.ai.deniedTools.join(', ') || 'none'}; groups: ${described.ai.deniedGroups.join(', ') || 'none'}`);
    lines.push(
      `  Back ends allowed: ${described.providers.allowed?.join(', ') ?? 'any'}${described.providers.fixed ? `; fixed: ${JSON.stringify(described.providers.fixed)}` : ''}`,
    );
    lines.push(`  AI clients that may be registered: ${described.clients.allowed?.join(', ') ?? 'any'}`);
    if (described.teamServer) lines.push(`  Team server shown on the Connect screen: ${described.teamServer}`);
  }
  out(`${lines.join('\n')}\n`);
  return policy.problem ? 1 : 0;
}
