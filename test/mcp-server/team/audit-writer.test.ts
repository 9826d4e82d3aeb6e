// The audit log keeps the record of a write done while the store was away: records wait in order and
// are written when it answers again; a long outage gives up the oldest past a bound, and says so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type AuditRecord, type Store, StoreUnavailable } from '../../../mcp-server/store/store.ts';
import { AuditWriter } from '../../../mcp-server/team/audit-writer.ts';

let folder: string;
let store: Store;
let away = false;
const said: string[] = [];

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'punchcard-audit-'));
  store = await openStore({ store: `sqlite:${join(folder, 'server.db')}` }, { now: Date.now, env: {} });
  away = false;
  said.length = 0;
});
afterEach(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The store, refusing audit records while `away`, as a database that stopped answering does. */
function flaky(): Store {
  return new Proxy(store, {
    get: (target, name) =>
      name === 'appendAudit' && away ? () => Promise.reject(new StoreUnavailable('The PostgreSQL store does not answer (connect ECONNREFUSED 127.0.0.1:5432).')) : boundTo(target, name),
  });
}

const record = (tool: string, at: number): AuditRecord => ({ at, personId: 'p1', person: 'Ada', clientId: 'c', clientName: 'Claude', tool, outcome: 'done', change: {} });

describe('the audit log while the store is away', () => {
  it('keeps the records in order and writes them when the store answers again', async () => {
    const writer = new AuditWriter(flaky(), (message) => said.push(message));
    writer.append(record('clock_in', 1));
    await writer.flush();
    away = true;
    writer.append(record('log_time', 2));
    writer.append(record('clock_out', 3));
    await writer.flush();
    expect(writer.waiting).toBe(2);
    expect(said.join('\n')).toMatch(/The audit log could not be written \(The PostgreSQL store does not answer .*\); 2 record\(s\) wait and are written when the store answers\./);
    away = false;
    await writer.flush();
    expect(writer.waiting).toBe(0);
    expect((await store.readAudit({ limit: 10 })).map((entry) => entry.tool)).toEqual(['clock_in', 'log_time', 'clock_out']);
    expect(said.at(-1)).toBe('The audit log is written again.');
    await writer.close();
  });

  it('gives up the oldest past its bound, and says how many', async () => {
    const writer = new AuditWriter(flaky(), (message) => said.push(message));
    away = true;
    for (let index = 0; index < 10_003; index++) writer.append(record(`tool_${index}`, index));
    await writer.flush();
    expect(writer.waiting).toBe(10_000);
    away = false;
    await writer.flush();
    const written = await store.readAudit({ limit: 20_000 });
    expect(written).toHaveLength(10_000);
    expect(written[0]?.tool).toBe('tool_3');
    expect(said.at(-1)).toBe('The audit log is written again; 3 record(s) were given up while the store was away.');
    await writer.close();
  });
});

/** The store's own member, its methods bound to it (they use the store's private fields). */
function boundTo(target: Store, name: string | symbol): unknown {
  const value: unknown = Reflect.get(target, name, target);
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
}
