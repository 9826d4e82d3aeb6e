// The audit log keeps the record of a write done while the store was away: records wait in order and
// are written when it answers again; a long outage gives up the oldest past a bound, and says so.
// Records arriving while one is being written (slowly, another program holding the SQLite file) are
// written after it, each once, and none is given up in its place.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuditRecord, type Store, StoreUnavailable } from '../../../team-server/store/store.ts';
import { openStore } from '../../../team-server/store/open-store.ts';
import { AuditWriter } from '../../../team-server/team/audit-writer.ts';

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
      name === 'appendAudit' && away
        ? () => Promise.reject(new StoreUnavailable('The PostgreSQL store does not answer (connect ECONNREFUSED 127.0.0.1:5432).'))
        : boundTo(target, name),
  });
}

const record = (tool: string, at: number): AuditRecord => ({
  at,
  personId: 'p1',
  person: 'Ada',
  clientId: 'c',
  clientName: 'Claude',
  tool,
  outcome: 'done',
  change: {},
});

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
    expect(said.join('\n')).toMatch(
      /The audit log could not be written \(The PostgreSQL store does not answer .*\); 2 record\(s\) wait and are written when the store answers\./,
    );
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

describe('the audit log while a write is slow', () => {
  /** Another program (a backup, an sqlite3 session) in a write transaction on the store's file: the store's writes wait. */
  function lockStore(): { release: () => void } {
    const other = new DatabaseSync(join(folder, 'server.db'));
    other.exec('BEGIN IMMEDIATE');
    return {
      release: () => {
        other.exec('ROLLBACK');
        other.close();
      },
    };
  }
  /** Until the writer has taken the first record and waits on the store. */
  const writing = () => new Promise((resolve) => setImmediate(resolve));

  it('writes the records arriving meanwhile after the one being written, in order, each once', async () => {
    const writer = new AuditWriter(store, (message) => said.push(message));
    const lock = lockStore();
    try {
      writer.append(record('clock_in', 1));
      await writing();
      for (const [index, tool] of ['log_time', 'clock_out', 'edit_time_entry', 'delete_time_entry'].entries()) writer.append(record(tool, index + 2));
      expect(writer.waiting).toBe(5);
    } finally {
      lock.release();
    }
    await writer.flush();
    expect(writer.waiting).toBe(0);
    expect((await store.readAudit({ limit: 10 })).map((entry) => entry.tool)).toEqual([
      'clock_in',
      'log_time',
      'clock_out',
      'edit_time_entry',
      'delete_time_entry',
    ]);
    expect(said).toEqual([]);
    await writer.close();
  });

  it('gives up only the record the store refuses, not one that arrived while it was being written, however many arrived', async () => {
    const writer = new AuditWriter(store, (message) => said.push(message));
    const lock = lockStore();
    try {
      // A record the store refuses for itself (its tool missing), once the lock lets it try.
      writer.append({ ...record('broken', 0), tool: null as unknown as string });
      await writing();
      for (let index = 1; index <= 10_000; index++) writer.append(record(`tool_${index}`, index));
    } finally {
      lock.release();
    }
    await writer.flush();
    expect(writer.waiting).toBe(0);
    const written = await store.readAudit({ limit: 20_000 });
    expect(written).toHaveLength(10_000);
    expect([written[0]?.tool, written.at(-1)?.tool]).toEqual(['tool_1', 'tool_10000']);
    expect(said).toEqual([expect.stringMatching(/^An audit record could not be written and is given up: NOT NULL constraint failed: audit\.tool/)]);
    await writer.close();
  });

  it('keeps the record being written in front when the lock outlasts the wait, and writes it first when the store lets go', { timeout: 20_000 }, async () => {
    const writer = new AuditWriter(store, (message) => said.push(message));
    const lock = lockStore();
    try {
      writer.append(record('clock_in', 1));
      await writing();
      writer.append(record('log_time', 2));
      writer.append(record('clock_out', 3));
      await writer.flush();
      expect(writer.waiting).toBe(3);
      expect(said).toEqual([
        expect.stringMatching(
          /^The audit log could not be written \(Another program has held .*server\.db locked for 5 s .*\); 3 record\(s\) wait and are written when the store answers\.$/,
        ),
      ]);
    } finally {
      lock.release();
    }
    await writer.flush();
    expect((await store.readAudit({ limit: 10 })).map((entry) => entry.tool)).toEqual(['clock_in', 'log_time', 'clock_out']);
    expect(said.at(-1)).toBe('The audit log is written again.');
    await writer.close();
  });
});

/** The store's own member, its methods bound to it (they use the store's private fields). */
function boundTo(target: Store, name: string | symbol): unknown {
  const value: unknown = Reflect.get(target, name, target);
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
}
