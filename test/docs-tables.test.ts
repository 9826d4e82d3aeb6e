// The tool table, the prompts and the limits one call may ask for are what people read before they connect a
// client (docs/tools.md, docs/security.md), and the route labels what an administrator's dashboards and
// log queries name (docs/team-server/monitoring.md); keep them true.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { TOOL_CATALOG, TOOL_NAMES } from '../mcp-server/contract/tool-catalog.ts';
import {
  CALL_DEADLINE_MS,
  FIRST_YEAR,
  LAST_YEAR,
  LEAVE_YEARS_AHEAD,
  MAX_ANSWER_BYTES,
  MAX_ANSWER_BYTES_PER_CALL,
  MAX_ANSWER_OBJECTS,
  MAX_ANSWER_OBJECTS_PER_CALL,
  MAX_CALENDAR_DAYS,
  MAX_LEAVE_DAYS,
  MAX_LEAVE_LIST_YEARS,
  MAX_LIST_DAYS,
  MAX_REPORT_YEARS,
  MAX_REQUESTS_PER_CALL,
} from '../mcp-server/domain/call-limits.ts';
import { DEFAULT_TIMEOUT_MS } from '../mcp-server/providers/remote/json-http.ts';
import { PROMPT_LIST } from '../mcp-server/prompts/index.ts';
import { TOOLS } from '../mcp-server/tools/index.ts';
import { ROUTE_LABELS, ROUTE_TABLE } from '../team-server/metrics/route-labels.ts';

const MB = 1024 * 1024;
const tools = readFileSync(resolve(import.meta.dirname, '../docs/tools.md'), 'utf8');
const security = readFileSync(resolve(import.meta.dirname, '../docs/security.md'), 'utf8');
const monitoring = readFileSync(resolve(import.meta.dirname, '../docs/team-server/monitoring.md'), 'utf8');

it.each(Object.values(TOOLS))('docs/tools.md lists $name as it is', (tool) => {
  const { group, access } = TOOL_CATALOG[tool.name];
  expect(tools).toContain(`| \`${tool.name}\` | ${group} | ${access} | ${tool.description} |`);
});

it('docs/tools.md lists the tools of the registry and no other, in its order', () => {
  const table = tools.slice(tools.indexOf('| tool | group | kind | what it does |'));
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
  expect(rows.map((row) => /^\| `([a-z_]+)` \|/.exec(row)?.[1])).toEqual(TOOL_NAMES);
});

it('states the limits one call may ask for as the engine holds them', () => {
  const limits = [
    `| any day or time a person writes | the years ${FIRST_YEAR} to ${LAST_YEAR} |`,
    `| \`list_time_entries\` | ${MAX_LIST_DAYS} days per call, 500 entries per page |`,
    `| \`time_report\` | ${MAX_REPORT_YEARS === 2 ? 'two' : MAX_REPORT_YEARS} calendar years |`,
    `| \`request_leave\` | ${MAX_LEAVE_DAYS} days per request |`,
    `| \`list_leave_requests\` | ${MAX_LEAVE_LIST_YEARS === 11 ? 'eleven' : MAX_LEAVE_LIST_YEARS} calendar years (this one and ${LEAVE_YEARS_AHEAD === 10 ? 'ten' : LEAVE_YEARS_AHEAD} ahead) |`,
    `| \`absence_calendar\` | ${MAX_CALENDAR_DAYS} days |`,
    `| requests to a remote back end | ${MAX_REQUESTS_PER_CALL} per tool call |`,
    `| what a remote back end answers | ${MAX_ANSWER_BYTES / MB} MB an answer, ${MAX_ANSWER_BYTES_PER_CALL / MB} MB all the answers of a call ` +
      `(and ${MAX_ANSWER_OBJECTS.toLocaleString('en-US')} or ${MAX_ANSWER_OBJECTS_PER_CALL.toLocaleString('en-US')} JSON objects and lists) |`,
    `| time | ${CALL_DEADLINE_MS / 1000} s per tool call (and ${DEFAULT_TIMEOUT_MS / 1000} s per request) |`,
  ];
  for (const line of limits) expect(security).toContain(line);
  expect(TOOLS.list_time_entries.input.shape.limit.unwrap().maxValue).toBe(500);
});

it.each(PROMPT_LIST.map((prompt) => [prompt.name, prompt] as const))('docs/tools.md lists the prompt %s as it is', (_name, prompt) => {
  expect(tools).toContain(`| \`${prompt.name}\` | ${prompt.arguments.map((argument) => argument.name).join(', ')} | ${prompt.description} |`);
});

it('docs/team-server/monitoring.md lists exactly the route labels the metrics and the log use, each with the part that answers it', () => {
  const table = monitoring.slice(monitoring.indexOf('| `route` | answered by | what it is |'));
  // The table's rows: up to the first line that is not one (later tables are not this one).
  const lines = table.split('\n').slice(2);
  const rows = lines.slice(
    0,
    lines.findIndex((line) => !line.startsWith('|')),
  );
  const listed = rows.map((row) =>
    row
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );
  expect(listed.map(([label]) => label)).toEqual(ROUTE_LABELS.map((label) => `\`${label}\``));
  const owners = new Map(ROUTE_TABLE.map((route) => [`\`${route.label}\``, `the ${route.answeredBy}`]));
  for (const [label, answeredBy] of listed) expect(answeredBy, label).toBe(owners.get(label as string) ?? '');
});
