// Keeps the tool catalog honest (docs/decisions.md, "House style: meta-tests and schema
// snapshots"): every tool titled, annotated and described within limits, and the schemas clients
// see committed as snapshots, so a contract change is a visible diff in review. Regenerate on
// purpose with `npx vitest run -u`.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/v4';
import { TOOL_CATALOG, TOOL_NAMES } from '../../../mcp-server/contract/tool-catalog.ts';
import { openDesktopEngine } from '../../../mcp-server/engine/desktop-engine.ts';
import type { Engine } from '../../../mcp-server/engine/engine.ts';
import { TOOLS } from '../../../mcp-server/tools/index.ts';
import {
  ADMIN_GROUP,
  ADMIN_GROUP_BUDGET,
  APPROVALS_GROUP,
  APPROVALS_GROUP_BUDGET,
  EVIDENCE_GROUPS_BUDGET,
  evidenceGroupsChars,
  FIELDS_ARGUMENT_BUDGET,
  fieldsArgumentChars,
  MODEL_FACING_BUDGET,
  MODEL_FACING_BUDGET_WITH_TEAM,
  modelFacingChars,
  wholeListChars,
  withoutEvidenceGroups,
} from '../../support/tool-list-size.ts';

const DESCRIPTION_LIMIT = 120;
/**
 * A guard against output schemas growing unnoticed; the benchmark reports the exact size. Raised from
 * 25,000 when entries learnt to say why they are locked and the catalog its break types, and from
 * 26,000 when they learnt to say they wait in the outbox (`waiting_to_send`): what the window needs,
 * outside what the model reads. Raised from 27,000 when every answer learnt to carry its notices as data
 * (`notices`: a code and its facts, contract/outcomes/notices.ts), about 160 characters a tool. Raised from
 * 30,500 (the list read 31,525) when entries learnt to show their custom fields (`fields`, a free-form object in
 * every entry an answer holds) and list_catalog which fields each project requires (issue 78). Raised from 32,000
 * (the list read 35,753) when answers learnt to name their connection with several trackers (issue 86): `tracker` on
 * every answer and every row, whoami's and time_report's lists of trackers, timer_status's timers: the window and
 * strict clients validate these; the model's share (what it reads) grows by none with one tracker. Raised from
 * 36,500 (the list read 38,889) by working_time (issue 92), whose days, findings and balances the window reads; and
 * from 39,000 (the list read 39,565) when working_time met time_report's `target_groups` (issue 91) in one list;
 * whoami's parts a back end may lack learnt `approvals_workflow` (issue 95: Harvest lists the approvals' status
 * without their workflow), outside what the model reads.
 */
const WHOLE_LIST_LIMIT = 40_000;
/**
 * The same guard with the team group's four tools (off by default), whose outputs the window reads too.
 * Raised from 32,000 when entries learnt to name the AI agent whose time they are (`agent`, issue 54),
 * and from 32,500 with the notices, and from 37,000 (the list read 38,139) with the custom fields, and from 38,500
 * with the trackers' labels, as above; and from 43,000 (the list read 43,213) when time_report learnt to list the
 * connections that share the settings' week with their one target (`target_groups`, issue 91), outside what the model
 * reads; and from 43,500 to 46,500 (the list read 46,319) with working_time, as above; and to 46,800 (the list read
 * 46,649) when working_time's balances learnt why each starts where it does (`since_reason`, issue 92), for the window;
 * and to 47,100 (the list read 46,922) when team_report learnt each person's working-time findings (issue 92).
 */
const WHOLE_LIST_LIMIT_WITH_TEAM = 47_100;

/** JSON Schema keywords that bound a value. */
const LIMIT_KEYWORDS = [
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'enum',
  'const',
  'pattern',
  'format',
  'minItems',
  'maxItems',
];

/**
 * The limits a property schema states, less zod's implicit safe-integer range on every integer: the
 * server enforces it too, but no value a person or a model sends comes near it, so it is not advertised.
 */
function limitsOf(schema: Record<string, unknown> | undefined): Record<string, unknown> {
  const implicit = (key: string, value: unknown) =>
    (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) || (key === 'minimum' && value === Number.MIN_SAFE_INTEGER);
  return Object.fromEntries(Object.entries(schema ?? {}).filter(([key, value]) => LIMIT_KEYWORDS.includes(key) && !implicit(key, value)));
}

interface ListedTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

const groupOf = (name: string): string => TOOL_CATALOG[name as keyof typeof TOOL_CATALOG].group;

let engine: Engine;
let client: Client;
let listed: ListedTool[];
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-registry-'));
  // Every tool, breaks too, which the local timesheet does not serve: the catalog is what is tested.
  engine = await openDesktopEngine({ userDataDir: dir, allTools: true, listEveryTool: true, now: () => Date.parse('2026-11-18T08:00:00Z'), log: () => {} });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await engine.createServer().connect(serverTransport);
  client = new Client({ name: 'registry-test', version: '1' });
  await client.connect(clientTransport);
  listed = (await client.listTools()).tools as ListedTool[];
});
afterAll(async () => {
  await client?.close();
  engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the tool registry', () => {
  it('has one tool per catalog entry, keyed by its own name, listed in registry order', () => {
    for (const [key, tool] of Object.entries(TOOLS)) expect(tool.name).toBe(key);
    expect(Object.keys(TOOLS)).toEqual(TOOL_NAMES);
    expect(listed.map((tool) => tool.name)).toEqual(TOOL_NAMES);
  });

  it.each(TOOL_NAMES)('%s is handled under its own definition, group and access included', (name) => {
    const { group, access, capability, title } = TOOL_CATALOG[name];
    expect(TOOLS[name]).toEqual(expect.objectContaining({ name, group, access, capability, title }));
  });

  it.each(TOOL_NAMES)('%s is titled, described briefly and completely annotated', (name) => {
    const tool = listed.find((candidate) => candidate.name === name) as ListedTool;
    expect(tool.title?.length).toBeGreaterThan(3);
    expect(tool.description?.length).toBeLessThanOrEqual(DESCRIPTION_LIMIT);
    expect(tool.description).toMatch(/^[A-Z].*\.$/);
    expect(Object.keys(tool.annotations ?? {}).sort()).toEqual(['destructiveHint', 'idempotentHint', 'openWorldHint', 'readOnlyHint']);
    expect(tool.annotations?.openWorldHint).toBe(false);
  });

  it.each(TOOL_NAMES)('%s declares the access its catalog entry says', (name) => {
    const { access } = TOOL_CATALOG[name];
    const { annotations } = TOOLS[name];
    expect(annotations.readOnlyHint).toBe(access === 'read');
    if (access !== 'change') expect(annotations.destructiveHint).toBe(false);
  });

  it.each(TOOL_NAMES)('%s has object schemas without unions, with snake_case fields', (name) => {
    const tool = listed.find((candidate) => candidate.name === name) as ListedTool;
    expect(tool.inputSchema.type).toBe('object');
    expect(tool.outputSchema?.type).toBe('object');
    const inputText = JSON.stringify(tool.inputSchema);
    expect(inputText).not.toMatch(/"(anyOf|oneOf|allOf)"/);
    for (const field of Object.keys((tool.inputSchema.properties ?? {}) as object)) expect(field).toMatch(/^[a-z][a-z_]*$/);
  });

  // What zod validates is the truth; the advertised schema is derived from it and trimmed. A trim
  // that dropped a limit (as maxLength once was) would let a validating client send what is refused.
  it.each(TOOL_NAMES)('%s advertises a closed input schema with exactly the limits zod enforces', (name) => {
    const advertised = (listed.find((candidate) => candidate.name === name) as ListedTool).inputSchema;
    const enforced = z.toJSONSchema(TOOLS[name].input, { io: 'input', target: 'draft-2020-12' }) as {
      properties?: Record<string, Record<string, unknown>>;
      required?: string[];
    };
    expect(advertised.additionalProperties).toBe(false);
    expect(advertised.required).toEqual(enforced.required);
    const properties = (advertised.properties ?? {}) as Record<string, Record<string, unknown>>;
    expect(Object.keys(properties)).toEqual(Object.keys(enforced.properties ?? {}));
    for (const [field, schema] of Object.entries(enforced.properties ?? {})) {
      expect(limitsOf(properties[field]), `${name}.${field}`).toEqual(limitsOf(schema));
    }
  });

  it.each(TOOL_NAMES)('%s is exercised by at least one end-to-end test', (name) => {
    const e2e = resolve(import.meta.dirname, '../e2e');
    const sources = readdirSync(e2e)
      .map((file) => readFileSync(join(e2e, file), 'utf8'))
      .join('\n');
    expect(sources).toContain(`'${name}'`);
  });

  it('keeps what the model reads within budget, every tool of every back end together', () => {
    // The evidence and agents groups, and the admin group, are measured on their own (test/support/tool-list-size.ts).
    const everyday = withoutEvidenceGroups(listed, groupOf).filter((tool) => groupOf(tool.name) !== ADMIN_GROUP && groupOf(tool.name) !== APPROVALS_GROUP);
    const withoutTeam = everyday.filter((tool) => groupOf(tool.name) !== 'team');
    expect(modelFacingChars(withoutTeam)).toBeLessThanOrEqual(MODEL_FACING_BUDGET);
    // The team group, off by default, may take the whole list up to its own budget.
    expect(modelFacingChars(everyday)).toBeLessThanOrEqual(MODEL_FACING_BUDGET_WITH_TEAM);
    expect(evidenceGroupsChars(listed, groupOf)).toBeLessThanOrEqual(EVIDENCE_GROUPS_BUDGET);
    expect(wholeListChars(withoutTeam)).toBeLessThanOrEqual(WHOLE_LIST_LIMIT);
    expect(wholeListChars(everyday)).toBeLessThanOrEqual(WHOLE_LIST_LIMIT_WITH_TEAM);
  });

  it('keeps the fields argument of the tools that write entries within the 300 characters issue 78 allowed it', () => {
    const added = fieldsArgumentChars(listed);
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThanOrEqual(FIELDS_ARGUMENT_BUDGET);
  });

  it('keeps what the model reads of the admin group within its own budget', () => {
    const admin = listed.filter((tool) => groupOf(tool.name) === ADMIN_GROUP);
    expect(admin.map((tool) => tool.name).sort()).toEqual([
      'correct_time_entries',
      'list_invoices',
      'manage_people',
      'manage_rates',
      'manage_tags',
      'manage_teams',
      'update_catalog_item',
    ]);
    expect(modelFacingChars(admin)).toBeLessThanOrEqual(ADMIN_GROUP_BUDGET);
  });

  it('keeps what the model reads of the approvals group within its own budget', () => {
    const approvals = listed.filter((tool) => groupOf(tool.name) === APPROVALS_GROUP);
    expect(approvals.map((tool) => tool.name)).toEqual(['submit_timesheet', 'withdraw_timesheet', 'list_timesheet_approvals', 'decide_timesheet']);
    expect(modelFacingChars(approvals)).toBeLessThanOrEqual(APPROVALS_GROUP_BUDGET);
  });

  it('measures what the evidence and agents groups add: their tools and the argument they brought to time_report', () => {
    const agents = listed.filter((tool) => groupOf(tool.name) === 'agents');
    const evidence = listed.filter((tool) => groupOf(tool.name) === 'evidence');
    const report = listed.filter((tool) => tool.name === 'time_report');
    expect(evidenceGroupsChars(listed, groupOf)).toBe(
      evidenceGroupsChars(agents, groupOf) + evidenceGroupsChars(evidence, groupOf) + evidenceGroupsChars(report, groupOf),
    );
    expect(evidenceGroupsChars(evidence, groupOf)).toBe(modelFacingChars(evidence));
    expect(evidenceGroupsChars(agents, groupOf)).toBe(modelFacingChars(agents));
    expect(evidenceGroupsChars(report, groupOf)).toBeGreaterThan(0);
  });

  it('advertises no empty schema, which a strict client (the MCP Inspector with --strict) flags as constraining nothing', () => {
    const empties: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (typeof value !== 'object' || value === null) return;
      for (const [key, child] of Object.entries(value)) {
        if (key === 'additionalProperties' && typeof child === 'object' && child !== null && Object.keys(child).length === 0) empties.push(path);
        walk(child, `${path}.${key}`);
      }
    };
    for (const tool of listed) walk(tool, tool.name);
    expect(empties).toEqual([]);
  });

  it.each(TOOL_NAMES)('%s matches its committed schema snapshot', async (name) => {
    const tool = listed.find((candidate) => candidate.name === name);
    await expect(`${JSON.stringify(tool, null, 2)}\n`).toMatchFileSnapshot(`./__toolsnaps__/${name}.json`);
  });
});
