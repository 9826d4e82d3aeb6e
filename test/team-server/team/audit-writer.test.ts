// The audit log keeps the record of every write before its answer leaves: in the store while it
// answers (the records of calls answered together in one round trip), else in a spool on the instance's own volume, in order,
// written to the store when it answers again, each record once; a spool a killed process left is
// taken over by the next process on the folder, one in use never. Where the spool cannot be written
// (a folder that cannot be made, a disk that refuses to grow the file) records wait in memory, which
// is said and never thrown. The store is the real SQLite one, made to be away (refusing as PostgreSQL
// does when it is down) or held by another program; a killed process is a real one, killed with SIGKILL.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AuditRecord, type Store, StoreUnavailable } from '../../../team-server/store/store.ts';
import { openStore } from '../../../team-server/store/open-store.ts';
import { auditSpoolFolder } from '../../../team-server/team/audit-spool.ts';
import { AuditWriter } from '../../../team-server/team/audit-writer.ts';
import { ManualTimers } from '../../support/manual-timers.ts';
import { startPostgres, type TestPostgres } from '../../support/postgres.ts';

let folder: string;
let spool: string;
let store: Store;
let away = false;
const said: string[] = [];
let givenUp = 0;
const children: ChildProcess[] = [];

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'punchcard-audit-'));
  spool = join(folder, 'audit-spool');
  store = await openStore({ store: `sqlite:${join(folder, 'server.db')}` }, { now: Date.now, env: {} });
  away = false;
  said.length = 0;
  givenUp = 0;
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The store, refusing audit records while `away`, as the PostgreSQL store does when the database is down. */
function flaky(): Store {
  return new Proxy(store, {
    get: (target, name) =>
      (name === 'appendAudit' || name === 'appendAudits') && away
        ? () => Promise.reject(new StoreUnavailable('The PostgreSQL store does not answer (connect ECONNREFUSED 127.0.0.1:5432).'))
        : boundTo(target, name),
  });
}

function writerOn(target: Store, options: { timers?: ManualTimers; maxSpooled?: number; spoolFolder?: string } = {}): AuditWriter {
  return new AuditWriter(target, (message) => said.push(message), {
    spoolFolder: options.spoolFolder ?? spool,
    timers: options.timers ?? new ManualTimers(),
    givenUp: (count) => (givenUp += count),
    ...(options.maxSpooled ? { maxSpooled: options.maxSpooled } : {}),
  });
}

let sequence = 0;
const record = (tool: string): AuditRecord => ({
  id: `record-${++sequence}`,
  at: Date.parse('2026-11-18T08:00:00Z') + sequence,
  personId: 'p1',
  person: 'Ada',
  clientId: 'c',
  clientName: 'Claude',
  tool,
  outcome: 'done',
  change: {},
});

const tools = async () => (await store.readAudit({ limit: 100_000 })).map((entry) => entry.tool);
const spoolFilesIn = (path: string) => (existsSync(path) ? readdirSync(path).filter((name) => name.endsWith('.db')) : []);

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

describe('the audit log while the store answers', () => {
  it('has the record in the store when the call is told it was kept, for calls at once too', async () => {
    const writer = writerOn(store);
    // The store is slow for a moment (another program holds it): the calls wait for their records.
    const lock = lockStore();
    setTimeout(lock.release, 300);
    await Promise.all([writer.append(record('clock_in')), writer.append(record('log_time'))]);
    expect((await tools()).sort()).toEqual(['clock_in', 'log_time']);
    await writer.append(record('clock_out'));
    expect(await tools()).toContain('clock_out');
    expect(said).toEqual([]);
    expect(spoolFilesIn(spool)).toEqual([]);
    await writer.close();
  });

  it('writes the records of calls answered together in one round trip, each call told only once its own is in', async () => {
    const batches: number[] = [];
    const counted = new Proxy(store, {
      get: (target, name: keyof Store) =>
        name === 'appendAudits'
          ? (records: AuditRecord[]) => {
              batches.push(records.length);
              return target.appendAudits(records);
            }
          : boundTo(target, name),
    });
    const writer = writerOn(counted);
    const seen: string[] = [];
    // Fifty calls answered at once, as a busy instance answers them.
    const calls = Array.from({ length: 50 }, (_, index) => record(`call-${index}`));
    await Promise.all(
      calls.map(async (each) => {
        await writer.append(each);
        // Told once its record is in the store, never before.
        const inStore = (await store.readAudit({ limit: 100_000 })).some((entry) => entry.id === each.id);
        if (inStore) seen.push(each.tool);
      }),
    );
    expect(seen.sort()).toEqual(calls.map((each) => each.tool).sort());
    // All fifty answered in one turn of the event loop, so in one transaction: one round trip, not fifty
    // (and not the first alone: a record waits for the turn's end before it is written).
    expect(batches).toEqual([50]);
    expect(await tools()).toEqual(calls.map((each) => each.tool));
    await writer.close();
  });

  it('gives up only the record the store refuses for itself when it came in a batch with others', async () => {
    const writer = writerOn(store);
    const lock = lockStore();
    const first = writer.append(record('first'));
    // While the first waits for the lock, three more gather, one of them broken.
    const gathered = [writer.append(record('second')), writer.append({ ...record('broken'), tool: null as unknown as string }), writer.append(record('third'))];
    setTimeout(lock.release, 100);
    await Promise.all([first, ...gathered]);
    expect(await tools()).toEqual(['first', 'second', 'third']);
    expect(givenUp).toBe(1);
    expect(said).toEqual([expect.stringMatching(/^An audit record could not be written and is given up: NOT NULL constraint failed: audit\.tool/)]);
    await writer.close();
  });

  it('gives up a record the store refuses for itself, says so and counts it, and the call goes on', async () => {
    const writer = writerOn(store);
    await writer.append({ ...record('broken'), tool: null as unknown as string });
    await writer.append(record('log_time'));
    expect(await tools()).toEqual(['log_time']);
    expect(said).toEqual([expect.stringMatching(/^An audit record could not be written and is given up: NOT NULL constraint failed: audit\.tool/)]);
    expect(givenUp).toBe(1);
    await writer.close();
  });
});

describe('the audit log while the store is away', () => {
  it('keeps the records in a spool on disk before the calls go on, writes them in order when the store answers, then writes directly again', async () => {
    const timers = new ManualTimers();
    const writer = writerOn(flaky(), { timers });
    away = true;
    for (const tool of ['clock_in', 'log_time', 'clock_out']) await writer.append(record(tool));
    expect(writer.waiting).toEqual({ spooled: 3, inMemory: 0 });
    const [file] = spoolFilesIn(spool);
    expect(file).toMatch(/^audit-\d{13}-\d+-[0-9a-f]{6}\.db$/);
    // Private, as the store's files are.
    expect(statSync(spool).mode & 0o777).toBe(0o700);
    expect(statSync(join(spool, file as string)).mode & 0o777).toBe(0o600);
    expect(await tools()).toEqual([]);
    expect(said).toEqual([
      'The audit log could not be written (The PostgreSQL store does not answer (connect ECONNREFUSED 127.0.0.1:5432).); records wait and are written when the store answers.',
      `Audit records wait in ${join(spool, file as string)} until the store answers.`,
    ]);
    // Back: a record arriving now still goes behind those that wait, and the round due writes all of them.
    away = false;
    await writer.append(record('start_break'));
    expect(await tools()).toEqual([]);
    expect(timers.pending).toEqual([2_000]);
    timers.advance(2_000);
    await writer.drain();
    expect(await tools()).toEqual(['clock_in', 'log_time', 'clock_out', 'start_break']);
    expect(writer.waiting).toEqual({ spooled: 0, inMemory: 0 });
    expect(spoolFilesIn(spool)).toEqual([]);
    expect(said.at(-1)).toBe('The audit log is written again: every record that waited is in the store.');
    await writer.append(record('end_break'));
    expect((await tools()).at(-1)).toBe('end_break');
    await writer.close();
  });

  it('tries again every 2 s while the store stays away, and keeps each record once however often it was tried', async () => {
    const timers = new ManualTimers();
    const writer = writerOn(flaky(), { timers });
    away = true;
    await writer.append(record('clock_in'));
    for (let round = 0; round < 5; round++) {
      expect(timers.pending).toEqual([2_000]);
      timers.advance(2_000);
      await writer.drain();
    }
    expect(writer.waiting.spooled).toBe(1);
    away = false;
    timers.advance(2_000);
    await writer.drain();
    expect(await tools()).toEqual(['clock_in']);
    await writer.close();
  });

  it('leaves what the store did not take in the spool when it stops, and the next process on the folder writes it', async () => {
    const first = writerOn(flaky());
    away = true;
    await first.append(record('clock_in'));
    await first.append(record('clock_out'));
    await first.close();
    expect(said.at(-1)).toBe(`2 audit record(s) wait in ${spool}: the next instance started on this folder writes them to the store.`);
    expect(spoolFilesIn(spool)).toHaveLength(1);
    away = false;
    const next = writerOn(store);
    next.start();
    await next.drain();
    expect(await tools()).toEqual(['clock_in', 'clock_out']);
    expect(spoolFilesIn(spool)).toEqual([]);
    await next.close();
  });

  it('gives up the oldest past its bound, says how many when the store is back, and counts them', async () => {
    const timers = new ManualTimers();
    const writer = writerOn(flaky(), { timers, maxSpooled: 5 });
    away = true;
    for (let index = 1; index <= 8; index++) await writer.append(record(`tool_${index}`));
    expect(writer.waiting.spooled).toBe(5);
    expect(givenUp).toBe(3);
    away = false;
    timers.advance(2_000);
    await writer.drain();
    expect(await tools()).toEqual(['tool_4', 'tool_5', 'tool_6', 'tool_7', 'tool_8']);
    expect(said.at(-1)).toBe('The audit log is written again: every record that waited is in the store; 3 record(s) were given up while the store was away.');
    await writer.close();
  });

  it('gives up a waiting record the store refuses for itself, and writes the others in order', async () => {
    const timers = new ManualTimers();
    const writer = writerOn(flaky(), { timers });
    away = true;
    await writer.append(record('clock_in'));
    await writer.append({ ...record('broken'), tool: null as unknown as string });
    await writer.append(record('clock_out'));
    away = false;
    timers.advance(2_000);
    await writer.drain();
    expect(await tools()).toEqual(['clock_in', 'clock_out']);
    expect(said).toContainEqual(expect.stringMatching(/^An audit record could not be written and is given up: NOT NULL constraint failed: audit\.tool/));
    expect(givenUp).toBe(1);
    await writer.close();
  });

  it('keeps records the SQLite store cannot take while another program holds it past its wait, and writes them once it lets go', {
    timeout: 20_000,
  }, async () => {
    const timers = new ManualTimers();
    const writer = writerOn(store, { timers });
    const lock = lockStore();
    try {
      await writer.append(record('clock_in'));
      await writer.append(record('log_time'));
      expect(writer.waiting.spooled).toBe(2);
      expect(said[0]).toMatch(
        /^The audit log could not be written \(Another program has held .*server\.db locked for 5 s .*\); records wait and are written when the store answers\.$/,
      );
    } finally {
      lock.release();
    }
    timers.advance(2_000);
    await writer.drain();
    expect(await tools()).toEqual(['clock_in', 'log_time']);
    await writer.close();
  });
});

describe('on PostgreSQL', () => {
  let postgres: TestPostgres;
  let pgStore: Store;
  beforeAll(async () => {
    postgres = await startPostgres();
    pgStore = await openStore(
      { store: postgres.url, postgres: { password_env: 'PASSWORD', tls: 'disable', pool_size: 4 } },
      { now: Date.now, env: { PASSWORD: postgres.password } },
    );
  }, 60_000);
  afterAll(async () => {
    await pgStore?.close();
    postgres?.remove();
  });

  /** The database's sessions from now on read-only (or writable again), as a standby's are until it is promoted; the store's open ones end. */
  function readOnly(on: boolean): void {
    postgres.psql(`ALTER DATABASE punchcard ${on ? 'SET default_transaction_read_only = on' : 'RESET default_transaction_read_only'}`, 'postgres');
    postgres.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'punchcard' AND pid <> pg_backend_pid()", 'postgres');
  }
  const pgTools = async () => (await pgStore.readAudit({ limit: 100 })).map((entry) => entry.tool);

  it('waits out a database that takes no writes (a failover not finished), gives up only a record it refuses for itself, and writes the rest when it takes them', async () => {
    const timers = new ManualTimers();
    const writer = writerOn(pgStore, { timers });
    readOnly(true);
    try {
      await writer.append(record('clock_in'));
      await writer.append({ ...record('broken'), tool: null as unknown as string });
      await writer.append(record('log_time'));
      expect(writer.waiting.spooled).toBe(3);
      // Rounds while it still takes no writes: nothing is given up ("cannot execute INSERT in a read-only transaction" is the database's, not the record's).
      for (let round = 0; round < 3; round++) {
        timers.advance(2_000);
        await writer.drain();
      }
      expect(writer.waiting.spooled).toBe(3);
      expect(givenUp).toBe(0);
    } finally {
      readOnly(false);
    }
    // The first round may meet a session that ended with the change: the next takes them.
    for (let round = 0; round < 5 && writer.waiting.spooled > 0; round++) {
      timers.advance(2_000);
      await writer.drain();
    }
    expect(await pgTools()).toEqual(['clock_in', 'log_time']);
    expect(givenUp).toBe(1);
    expect(said).toContainEqual(expect.stringMatching(/^An audit record could not be written and is given up: null value in column "tool"/));
    await writer.close();
  });
});

describe('a spool another process left', () => {
  it('is taken over by the next process on the folder after a kill -9, and written in order, each record once', async () => {
    const child = await keepingProcess(5);
    const kept = child.kept;
    expect(child.waiting).toEqual({ spooled: 5, inMemory: 0 });
    await killed(child.process);
    // A drain killed after writing the first two and before deleting them from the spool: they are sent again.
    for (const early of kept.slice(0, 2)) await store.appendAudit(early);
    const next = writerOn(store);
    next.start();
    await next.drain();
    const written = await store.readAudit({ limit: 100 });
    expect(written.map((entry) => entry.id)).toEqual(kept.map((entry) => entry.id));
    expect(said).toContainEqual(
      expect.stringMatching(/^5 audit record\(s\) another process left in .*audit-\d{13}-\d+-[0-9a-f]{6}\.db are written to the store\.$/),
    );
    expect(spoolFilesIn(spool)).toEqual([]);
    await next.close();
  });

  it('is never taken while its process is alive, in another process or in this one', async () => {
    const child = await keepingProcess(3);
    const timers = new ManualTimers();
    const own = writerOn(flaky(), { timers });
    away = true;
    await own.append(record('clock_in'));
    away = false;
    // A second instance starting on the same folder (as two on one host with one data_dir).
    const other = writerOn(store);
    other.start();
    expect(other.adoptLeftSpools()).toBe(0);
    await other.drain();
    expect(await tools()).toEqual([]);
    expect(spoolFilesIn(spool)).toHaveLength(2);
    // Its owner writes its own once the store answers; the living process's stays its own.
    timers.advance(2_000);
    await own.drain();
    expect(await tools()).toEqual(['clock_in']);
    expect(spoolFilesIn(spool)).toHaveLength(1);
    await killed(child.process);
    expect(other.adoptLeftSpools()).toBe(3);
    await other.drain();
    expect((await store.readAudit({ limit: 100 })).slice(1).map((entry) => entry.id)).toEqual(child.kept.map((entry) => entry.id));
    await own.close();
    await other.close();
  });
});

describe('a spool that cannot be written', () => {
  it('is said at start and at the first record, never thrown: records wait in memory, in order, and are written when the store answers', async () => {
    // Where the folder should be there is a file: nothing can be made there.
    writeFileSync(spool, 'not a folder');
    const timers = new ManualTimers();
    const writer = writerOn(flaky(), { timers });
    writer.start();
    expect(said).toEqual([
      expect.stringMatching(/^Warning: audit records cannot wait in .*audit-spool \(.*\): .* Set data_dir to a folder on this instance's own volume\.$/),
    ]);
    away = true;
    for (const tool of ['clock_in', 'log_time', 'clock_out']) await writer.append(record(tool));
    expect(writer.waiting).toEqual({ spooled: 0, inMemory: 3 });
    expect(said.filter((line) => line.startsWith('Audit records cannot be kept'))).toEqual([
      expect.stringMatching(
        /^Audit records cannot be kept in .*audit-spool \(.*\): they wait in this process's memory, 1 now, and are lost if it stops before the store answers\.$/,
      ),
    ]);
    away = false;
    timers.advance(2_000);
    await writer.drain();
    expect(await tools()).toEqual(['clock_in', 'log_time', 'clock_out']);
    expect(writer.waiting).toEqual({ spooled: 0, inMemory: 0 });
    await writer.close();
  });

  it('on a disk that refuses to grow the file midway: said once, every call goes on, and what was spooled survives a kill -9', async () => {
    // The kernel refuses to let a file of the process grow past 64 blocks (ulimit -f), as a full disk refuses.
    const child = await keepingProcess(40, { padding: 2_000, fileBlocks: 64 });
    expect(child.kept).toHaveLength(40);
    const { spooled, inMemory } = child.waiting;
    expect(spooled).toBeGreaterThan(0);
    expect(inMemory).toBeGreaterThan(0);
    expect(spooled + inMemory).toBe(40);
    expect(child.said.filter((line) => line.startsWith('Audit records cannot be kept'))).toEqual([
      expect.stringMatching(
        /^Audit records cannot be kept in .*audit-spool \((disk I\/O error|database or disk is full)\): they wait in this process's memory, 1 now,/,
      ),
    ]);
    await killed(child.process);
    const next = writerOn(store);
    next.start();
    await next.drain();
    expect((await store.readAudit({ limit: 100 })).map((entry) => entry.id)).toEqual(child.kept.slice(0, spooled).map((entry) => entry.id));
    await next.close();
  });
});

describe('the spool folder', () => {
  it('is audit-spool in data_dir, beside the SQLite store, or in the home folder on PostgreSQL without data_dir', () => {
    expect(auditSpoolFolder({ data_dir: '/srv/punchcard', store: 'postgres://db/punchcard' }, () => '/home/x')).toBe('/srv/punchcard/audit-spool');
    expect(auditSpoolFolder({ store: 'sqlite:/var/lib/punchcard/server.db' }, () => '/home/x')).toBe('/var/lib/punchcard/audit-spool');
    // An account without a home folder (a systemd unit's dynamic user with no HOME) needs none where the config names a folder.
    const noHome = () => {
      throw new Error('uv_os_homedir returned ENOENT (no such file or directory)');
    };
    expect(auditSpoolFolder({ store: 'sqlite:/var/lib/punchcard/server.db' }, noHome)).toBe('/var/lib/punchcard/audit-spool');
    expect(() => auditSpoolFolder({ store: 'postgres://db/punchcard' }, noHome)).toThrow(/^data_dir: audit records need a folder of this instance/);
    expect(auditSpoolFolder({ store: 'postgres://db/punchcard' }, () => '/var/lib/punchcard')).toBe('/var/lib/punchcard/.punchcard-server/audit-spool');
  });
});

interface KeepingProcess {
  process: ChildProcess;
  kept: AuditRecord[];
  said: string[];
  waiting: { spooled: number; inMemory: number };
}

/** test/support/audit-writer-process.ts with the store away, once it kept `count` records; `fileBlocks` limits its files' size (ulimit -f). */
async function keepingProcess(count: number, options: { padding?: number; fileBlocks?: number } = {}): Promise<KeepingProcess> {
  const script = join(import.meta.dirname, '../../support/audit-writer-process.ts');
  const command = [process.execPath, script, spool, String(count), String(options.padding ?? 0)].map((part) => `'${part}'`).join(' ');
  const child = spawn('sh', ['-c', `${options.fileBlocks ? `ulimit -f ${options.fileBlocks} && ` : ''}exec ${command}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const result: KeepingProcess = { process: child, kept: [], said: [], waiting: { spooled: -1, inMemory: -1 } };
  let buffer = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`The keeping process ended (${code}) before it kept everything:\n${stderr}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
        const line = JSON.parse(buffer.slice(0, end)) as { kept?: AuditRecord; said?: string; waiting?: KeepingProcess['waiting'] };
        buffer = buffer.slice(end + 1);
        if (line.kept) result.kept.push(line.kept);
        if (line.said) result.said.push(line.said);
        if (line.waiting) {
          result.waiting = line.waiting;
          resolve();
        }
      }
    });
  });
  return result;
}

async function killed(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** The store's own member, its methods bound to it (they use the store's private fields). */
function boundTo(target: Store, name: string | symbol): unknown {
  const value: unknown = Reflect.get(target, name, target);
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
}
