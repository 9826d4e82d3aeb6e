// Reads the team server's configuration (`serve --config FILE`): a small regular file read as
// config.json and the policy are, JSON with no key written twice, validated by the schema in
// server-config.ts. Every refusal names the file and the key, what was found there and what
// is expected, with an example (contract/issue-words.ts), so an administrator can fix it from the one
// line the server prints before it exits.
import { parseTree } from 'jsonc-parser';
import { findDuplicateKey } from '../../mcp-server/contract/duplicate-keys.ts';
import { issueWords } from '../../mcp-server/contract/issue-words.ts';
import { type ServerConfig, ServerConfigSchema } from './server-config.ts';
import { readSmallTextFile } from '../../mcp-server/for-the-team-server.ts';

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
    const problems = parsed.error.issues.map((issue) => issueWords(ServerConfigSchema, raw, issue));
    return { ok: false, problem: `${path} cannot be used: ${problems.join('; ')}.` };
  }
  return { ok: true, config: parsed.data };
}
