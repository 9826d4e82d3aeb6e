// The organisation's policy file (docs/policy.md): what AI clients may use, which back
// ends may be contacted, which clients may be registered. One schema for the engine, the app and the
// `punchcard-mcp policy` command. Keys this version does not know are refused, so a typo in a
// deployed file fails closed instead of silently allowing what it meant to forbid.
import { parseTree } from 'jsonc-parser';
import * as z from 'zod/v4';
import { findDuplicateKey } from './duplicate-keys.ts';
import { issueExpectation } from './issue-words.ts';
import { CLIENT_IDS } from './client-ids.ts';
import { TOOL_GROUPS, TOOL_NAMES } from './tool-catalog.ts';
import { BACK_END_TYPES, BACK_ENDS, type BackEndProfile } from './back-ends.ts';
import { fieldSchemas } from './settings.ts';
import { WORKING_TIME_RULES } from './working-time.ts';

/** A release's version as the app's updates name it: semantic versioning, without a leading "v". */
export const UPDATE_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

export const PROVIDER_TYPES = BACK_END_TYPES;

/**
 * A back end an organisation can fix for every account on the machine: one whose profile names nobody
 * in particular (`policyMayFix`). Clockodo's and Calamari's profiles name the person, and Clockify's key
 * is the person's own (with their workspace), so an organisation allows them (`providers.allowed`) and
 * each person enters their own. The address is taken as written (an administrator's file is not
 * normalised), and the other fields as in config.json.
 */
const FixedProviderSchema = z.discriminatedUnion(
  'type',
  BACK_ENDS.filter((backEnd) => backEnd.policyMayFix).map((backEnd) =>
    z.strictObject(
      Object.assign(
        { type: z.literal(backEnd.type) },
        ...backEnd.fields.map((field) => (field.kind === 'url' ? { url: z.url({ protocol: /^https?$/ }) } : fieldSchemas(backEnd, field))),
      ),
    ),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

export const PolicyFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  ai: z
    .strictObject({
      enabled: z.boolean().default(true),
      readOnly: z.boolean().default(false),
      deniedTools: z.array(z.enum(TOOL_NAMES)).default([]),
      deniedGroups: z.array(z.enum(TOOL_GROUPS)).default([]),
    })
    .default({ enabled: true, readOnly: false, deniedTools: [], deniedGroups: [] }),
  providers: z
    .strictObject({
      allowed: z.array(z.enum(PROVIDER_TYPES)).min(1).optional(),
      fixed: (FixedProviderSchema as unknown as z.ZodType<BackEndProfile>).optional(),
    })
    .default({}),
  clients: z.strictObject({ allowed: z.array(z.enum(CLIENT_IDS)).optional() }).default({}),
  /**
   * The organisation's team server (docs/team-server/README.md): its public address, as its
   * `public_url`. The Connect screen shows it with how to add it to the web and phone clients.
   */
  teamServer: z.strictObject({ url: z.url({ protocol: /^https$/ }) }).optional(),
  /**
   * The working-time rules for everyone the policy covers (docs/working-time.md): they win over the
   * person's own `workingTime.rules`, as the policy's other keys win over the settings.
   */
  workingTime: z.strictObject({ rules: z.enum(WORKING_TIME_RULES) }).optional(),
  /**
   * The desktop app's own updates (docs/installing.md), for organisations that roll out versions
   * themselves: `enabled: false` turns them off, `version` keeps every machine at that release (an
   * app never moves to another one, and never downgrades).
   */
  updates: z
    .strictObject({
      enabled: z.boolean().default(true),
      version: z.string().regex(UPDATE_VERSION, 'a release version such as 1.4.2').optional(),
    })
    .default({ enabled: true }),
});
export type PolicyFile = z.infer<typeof PolicyFileSchema>;

/** The file's rules, or the problems that make it unusable (each with the key it is about). */
export function parsePolicyFile(text: string): { ok: true; policy: PolicyFile } | { ok: false; problem: string } {
  const json = text.replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { ok: false, problem: `it is not valid JSON (${(error as Error).message})` };
  }
  // `"readOnly": true, "readOnly": false` would be read as false: a file that says both is refused.
  const tree = parseTree(json);
  const duplicate = tree && findDuplicateKey(json, tree);
  if (duplicate) return { ok: false, problem: `line ${duplicate.line}, column ${duplicate.column}: the key "${duplicate.key}" appears twice in one object` };
  const parsed = PolicyFileSchema.safeParse(raw);
  if (!parsed.success) {
    // What is expected at each key in the words the settings and the team server's config use (issue-words.ts), never zod's own.
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.');
      const words = issueExpectation(PolicyFileSchema, raw, issue);
      return issue.code === 'unrecognized_keys' && key === '' ? words : `${key || '(the file)'}: ${words}`;
    });
    return { ok: false, problem: problems.join('; ') };
  }
  const teamServerProblem = parsed.data.teamServer && originProblem(parsed.data.teamServer.url);
  if (teamServerProblem) return { ok: false, problem: `teamServer.url: ${teamServerProblem}` };
  const { providers } = parsed.data;
  if (providers.fixed && providers.allowed && !providers.allowed.includes(providers.fixed.type)) {
    return { ok: false, problem: `providers.fixed is ${providers.fixed.type}, which providers.allowed does not allow` };
  }
  return { ok: true, policy: parsed.data };
}

/**
 * Why an address is not a server's origin as a person would type it into a client, or null: the
 * team server serves MCP at /mcp of its origin, so a path, query, fragment or user would be added to
 * every client's setting wrongly (and a user part could carry a password into the screen).
 */
function originProblem(url: string): string | null {
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return 'an address with a user or password in it is not taken; give only https://host';
  if (parsed.pathname !== '/' || parsed.search || parsed.hash)
    return `give only the server's address (${parsed.origin}), without a path, query or fragment: its MCP endpoint is ${parsed.origin}/mcp`;
  return null;
}

/** Where a team server at `origin` (a policy's `teamServer.url`) serves MCP: what a person adds to a client. */
export function teamServerEndpoint(origin: string): string {
  return `${new URL(origin).origin}/mcp`;
}
