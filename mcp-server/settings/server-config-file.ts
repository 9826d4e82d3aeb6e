// Reads the team server's configuration (`serve --config FILE`): a small regular file read as
// config.json and the policy are, JSON with no key written twice, validated by the schema in
// contract/server-config.ts. Every refusal names the file and the key, so an administrator can fix
// it from the one line the server prints before it exits.
import { parseTree } from 'jsonc-parser';
import { findDuplicateKey } from '../contract/duplicate-keys.ts';
import { type ServerConfig, ServerConfigSchema } from '../contract/server-config.ts';
import { readSmallTextFile } from './settings-source.ts';

export type ServerConfigRead = { ok: true; config: ServerConfig } | { ok: false; problem: string };

export function readServerConfigFile(path: string): ServerConfigRead {
  const read = readSmallTextFile(path);
  if ('missing' in read) return { ok: false, problem: `${path} does not exist. Write the server's configuration there (docs/team-server/README.md).` };
  if ('problem' in read) return { ok: false, problem: `${path} cannot be used: ${read.problem}.` };
  return serverConfigFromText(read.text, path);
}

export function serverConfigFromText(text: string, path: string): ServerConfigRead {
  const json = text.replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { ok: false, problem: `${path} is not valid JSON: ${(error as Error).message}.` };
  }
  const tree = parseTree(json);
  const duplicate = tree && findDuplicateKey(json, tree);
  if (duplicate)
    return {
      ok: false,
      problem: `${path}, line ${duplicate.line}, column ${duplicate.column}: the key "${duplicate.key}" appears twice in one object; keep one.`,
    };
  const parsed = ServerConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `"${keyPath(issue.path)}": ${describeIssue(issue)}`);
    return { ok: false, problem: `${path} cannot be used: ${problems.join('; ')}.` };
  }
  return { ok: true, config: parsed.data };
}

function keyPath(path: readonly PropertyKey[]): string {
  return path.length === 0
    ? '(the file)'
    : path
        .map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))
        .join('.')
        .replace(/\.\[/g, '[');
}

/** Zod's words where they already say what is expected; plainer ones for the common cases. */
function describeIssue(issue: { code: string; message: string; keys?: readonly string[] }): string {
  if (issue.code === 'unrecognized_keys')
    return `${issue.keys?.map((key) => `"${key}"`).join(', ')} ${issue.keys && issue.keys.length > 1 ? 'are not keys' : 'is not a key'} this version knows (check the spelling)`;
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'is required';
  return issue.message;
}
