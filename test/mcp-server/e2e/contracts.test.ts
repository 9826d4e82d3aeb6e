// The tool contracts as a client sees them, over the built server in both protocol eras: unknown
// argument keys are refused and change nothing; every advertised input schema is closed and carries
// the limits the server enforces (checked by sending one character more); and every result a real
// session produces validates against the advertised output schema (Ajv, JSON Schema 2020-12).
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineHandle, type Era, makeUserDataDir, startEngine, textOf } from '../../support/engine.ts';

const NOW = '2026-11-18T15:00:00+01:00';
const EVERY_TOOL = {
  timezone: 'Europe/Berlin',
  holidays: { country: 'DE', state: 'BY' },
  tools: { enabled: { update_time_entry: true, delete_time_entry: true, archive_catalog_item: true, cancel_leave_request: true } },
};

interface ListedTool {
  name: string;
  inputSchema: { properties?: Record<string, { type?: string; maxLength?: number; enum?: unknown[] }>; additionalProperties?: unknown };
  outputSchema: object;
}

/** A session that calls every tool, with the arguments that reach every branch of the results. */
const SESSION: Array<[string, Record<string, unknown>]> = [
  ['whoami', {}],
  ['create_catalog_item', { kind: 'customer', name: 'Acme' }],
  ['create_catalog_item', { kind: 'project', name: 'Website', parent: 'Acme' }],
  ['create_catalog_item', { kind: 'activity', name: 'Design', parent: 'Website' }],
  ['list_catalog', {}],
  ['timer_status', {}],
  ['clock_in', { project: 'Website', activity: 'Design', start: '13:00' }],
  ['timer_status', {}],
  ['clock_in', { project: 'website', description: 'review', switch: true }],
  ['clock_out', { note: 'done' }],
  ['log_time', { date: 'yesterday', duration: '1h30m', project: 'Website' }],
  ['log_time', { start: '08:00', end: '09:15' }],
  ['list_time_entries', { limit: 2 }],
  ['update_time_entry', { id: 1, description: 'changed' }],
  ['delete_time_entry', { id: 2 }],
  ['time_report', {}],
  ['time_report', { group_by: 'project' }],
  ['time_report', { group_by: 'activity', project: 'Website' }],
  ['request_leave', { type: 'vacation', first_day: '2026-12-28', last_day: '2027-01-05', first_day_part: 'afternoon' }],
  ['request_leave', { type: 'sick', first_day: 'today' }],
  ['list_leave_requests', {}],
  ['leave_balance', {}],
  ['absence_calendar', { from: '2026-12-21', to: '2027-01-08' }],
  ['cancel_leave_request', { id: 2 }],
  ['list_leave_requests', { include_cancelled: true }],
  ['archive_catalog_item', { kind: 'activity', id: 1 }],
];

describe.each<Era>(['legacy', 'modern'])('tool contracts, %s era', (era) => {
  let engine: EngineHandle;
  let tools: ListedTool[];
  beforeAll(async () => {
    engine = await startEngine({ era, userDataDir: makeUserDataDir(EVERY_TOOL), env: { PUNCHCARD_NOW: NOW } });
    tools = (await engine.client.listTools()).tools as unknown as ListedTool[];
  });
  afterAll(async () => engine?.close());

  it('refuses unknown argument keys, names the accepted ones, and records nothing', async () => {
    const typo = await engine.call('clock_in', { projct: 'Website', strat: '08:00' });
    expect(typo.isError).toBe(true);
    expect(textOf(typo)).toContain('Unknown arguments "projct", "strat": clock_in takes project, activity, description, start, switch. Nothing was done.');
    expect((await engine.call('timer_status')).structuredContent).toMatchObject({ running: null });
    const none = await engine.call('whoami', { verbose: true });
    expect(textOf(none)).toContain('Unknown argument "verbose": whoami takes no arguments.');
  });

  it('advertises closed input schemas that carry every string limit', () => {
    expect(tools).toHaveLength(17);
    for (const tool of tools) {
      expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
      for (const [field, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        if (schema.type === 'string' && !schema.enum) expect(schema.maxLength, `${tool.name}.${field}`).toBeGreaterThan(0);
      }
    }
  });

  it('enforces exactly the advertised string limits: one character more is refused for that field', async () => {
    for (const tool of tools) {
      for (const [field, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        if (schema.maxLength === undefined) continue;
        const result = await engine.call(tool.name, { [field]: 'x'.repeat(schema.maxLength + 1) });
        expect(result.isError, `${tool.name}.${field}`).toBe(true);
        expect(textOf(result), `${tool.name}.${field}`).toContain(`${field}: Too big`);
      }
    }
  });

  it('returns results that validate against the advertised output schemas, for every tool', async () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    const validators = new Map(tools.map((tool) => [tool.name, ajv.compile(tool.outputSchema)]));
    const called = new Set<string>();
    for (const [name, args] of SESSION) {
      const result = await engine.call(name, args);
      expect(result.isError, `${name} ${JSON.stringify(args)}: ${textOf(result)}`).toBeFalsy();
      const validate = validators.get(name);
      expect(validate?.(result.structuredContent), `${name}: ${JSON.stringify(validate?.errors)}`).toBe(true);
      called.add(name);
    }
    expect([...called].sort()).toEqual(tools.map((tool) => tool.name).sort());
  });

  it('lists this year’s and upcoming leave by default: in November, January is there', async () => {
    const listed = (await engine.call('list_leave_requests')).structuredContent as { requests: Array<{ first_day: string; last_day: string }> };
    expect(listed.requests.some((request) => request.last_day.startsWith('2027-'))).toBe(true);
  });
});
