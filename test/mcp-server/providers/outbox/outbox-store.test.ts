// The outbox file: private, migrated once, a newer one refused and left alone; rows in order, claimed
// by one engine at a time, taken over from an engine that is gone, settled by their owner only, told
// until marked told; and what reads last answered, kept per back end.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { noticeOf } from '../../../../mcp-server/contract/outcomes/notices.ts';
import { type KeptOutcome, OUTBOX_MIGRATIONS, OutboxStore } from '../../../../mcp-server/providers/outbox/outbox-store.ts';

const folders: string[] = [];
const stores: OutboxStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function file(): string {
  const folder = mkdtempSync(join(tmpdir(), 'punchcard-outbox-'));
  folders.push(folder);
  return join(folder, 'data', 'outbox.db');
}

function store(path: string, options: Partial<ConstructorParameters<typeof OutboxStore>[0]> = {}): OutboxStore {
  let now = Date.parse('2026-05-04T09:00:00Z');
  const opened = new OutboxStore({ path, backEnd: 'kimai https://kimai.example.com', now: () => now++, log: () => {}, ...options });
  stores.push(opened);
  return opened;
}

const clockIn = { kind: 'clock_in' as const, origin: 'ai' as const, payload: { start: 1 }, happenedAt: 1 };
/** An outcome in words alone, as rows of earlier versions hold them. */
const said = (words: string) => noticeOf('kept_write_said', { words }) as KeptOutcome;

describe('OutboxStore', () => {
  it('keeps rows in order in a private file in a private folder, migrated once', async () => {
    const path = file();
    const outbox = store(path);
    const first = await outbox.add(clockIn);
    const second = await outbox.add({ ...clockIn, kind: 'clock_out' });
    expect(second).toBeGreaterThan(first);
    expect((await outbox.open()).map((row) => [row.seq, row.kind, row.state])).toEqual([
      [first, 'clock_in', 'queued'],
      [second, 'clock_out', 'queued'],
    ]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    const db = new DatabaseSync(path);
    expect((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(OUTBOX_MIGRATIONS.length);
    expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    db.close();
    // A second engine opens the same file without migrating again.
    expect((await store(path).open()).length).toBe(2);
  });

  it('refuses a file a newer Punchcard migrated, in words, and leaves it as it was', async () => {
    const path = file();
    await store(path).add(clockIn);
    stores.pop()?.close();
    const db = new DatabaseSync(path);
    db.exec(`PRAGMA user_version = ${OUTBOX_MIGRATIONS.length + 1}`);
    db.close();
    const before = readFileSync(path);
    const newer = OUTBOX_MIGRATIONS.length + 1;
    await expect(store(path).open()).rejects.toThrow(
      `written by a newer Punchcard (outbox schema ${newer}; this one reads up to ${newer - 1}). Punchcard has not changed it.`,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('takes over a file the first schema wrote: its rows keep their state and can be decided', async () => {
    const path = file();
    mkdirSync(join(path, '..'), { recursive: true });
    const old = new DatabaseSync(path);
    old.exec(OUTBOX_MIGRATIONS[0] as string);
    old.exec('PRAGMA user_version = 1');
    old
      .prepare(
        "INSERT INTO outbox (back_end, kind, origin, payload, happened_at, state, outcome) VALUES ('kimai https://kimai.example.com', 'log_time', 'ai', '{}', 1, 'needs_decision', 'Overlaps.')",
      )
      .run();
    old.close();
    const outbox = store(path);
    expect((await outbox.awaitingDecision(10)).map((row) => [row.kind, row.outcome, row.dismissedAt])).toEqual([['log_time', said('Overlaps.'), null]]);
    expect(await outbox.dismiss(1)).toBe(true);
    expect(await outbox.dismiss(1)).toBe(false);
    expect(await outbox.awaitingDecision(10)).toEqual([]);
    expect(await outbox.requeue(1, {})).toBe(false);
    expect((await outbox.row(1))?.dismissedAt).toEqual(expect.any(Number));
  });

  it('stores what came of a row as its code and facts, and reads rows other versions settled: in words (earlier), by a code it does not know (newer)', async () => {
    const path = file();
    const outbox = store(path);
    const seq = await outbox.add(clockIn);
    await outbox.claimNext();
    const write = { kind: 'clock_in', project: 'Website', activity: null, start: '2026-05-04T09:02:00+02:00' } as const;
    const outcome = noticeOf('kept_clock_in_sent', { service: 'Kimai', write, started: write.start, already: false }) as KeptOutcome;
    await outbox.settle(seq, { state: 'sent', remoteId: 9, outcome });
    const db = new DatabaseSync(path);
    expect(JSON.parse((db.prepare('SELECT outcome FROM outbox WHERE seq = ?').get(seq) as { outcome: string }).outcome)).toEqual(outcome);
    const insert = db.prepare(
      "INSERT INTO outbox (back_end, kind, origin, payload, happened_at, state, outcome) VALUES ('kimai https://kimai.example.com', 'log_time', 'ai', '{}', 1, 'sent', ?)",
    );
    insert.run('Logged 1 h on Website, 07:00–08:00 (#5).');
    insert.run('{"code":"kept_entry_merged","facts":{"entry":5}}');
    insert.run('{"code":"kept_entry_sent","facts":[]}');
    // The column stays TEXT and the schema as it was: no migration, so an earlier Punchcard still opens the file.
    expect((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(OUTBOX_MIGRATIONS.length);
    db.close();
    expect((await outbox.untold()).map((row) => row.outcome)).toEqual([
      outcome,
      said('Logged 1 h on Website, 07:00–08:00 (#5).'),
      noticeOf('kept_outcome_unknown', { code: 'kept_entry_merged' }),
      said('{"code":"kept_entry_sent","facts":[]}'),
    ]);
  });

  it('lets one engine claim the first row; another that still runs holds it, so the next engine waits its turn', async () => {
    const path = file();
    // Each engine tells the app only what it settled itself (contract/outbox-signal.ts).
    const signalled: string[] = [];
    const first = store(path, { onSettled: () => signalled.push('first') });
    const second = store(path, { processAlive: () => true, onSettled: () => signalled.push('second') });
    await first.add(clockIn);
    await first.add({ ...clockIn, kind: 'log_time' });
    const claim = await first.claimNext();
    expect(claim).toMatchObject({ kind: 'clock_in', state: 'sending', attempts: 1 });
    expect(await second.claimNext()).toBe('busy');
    expect(await second.settle((claim as { seq: number }).seq, { state: 'sent', remoteId: 9, outcome: said('x') })).toBe(false);
    expect(signalled).toEqual([]);
    expect(await first.settle((claim as { seq: number }).seq, { state: 'sent', remoteId: 9, outcome: said('Clocked in.') })).toBe(true);
    expect(signalled).toEqual(['first']);
    expect(await second.claimNext()).toMatchObject({ kind: 'log_time', attempts: 1 });
  });

  it('takes a row over from an engine whose process is gone, or whose lease ran out', async () => {
    const path = file();
    const gone = store(path);
    await gone.add(clockIn);
    expect(await gone.claimNext()).not.toBe('busy');
    expect(await store(path, { processAlive: () => false }).claimNext()).toMatchObject({ attempts: 2 });
    const late = store(path, { processAlive: () => true, now: () => Date.parse('2026-05-04T10:00:00Z') });
    expect(await late.claimNext()).toMatchObject({ attempts: 3 });
  });

  it('puts a row released after a refused connection back in the queue, and records one that may have gone out as being sent, free to claim', async () => {
    const path = file();
    const outbox = store(path);
    const seq = await outbox.add(clockIn);
    await outbox.claimNext();
    await outbox.release(seq, false);
    expect((await outbox.open()).map((row) => row.state)).toEqual(['queued']);
    await outbox.claimNext();
    await outbox.release(seq, true);
    expect((await outbox.open()).map((row) => row.state)).toEqual(['sending']);
    expect(await store(path, { processAlive: () => true }).claimNext()).toMatchObject({ seq, attempts: 3 });
  });

  it('counts a try only where the release says it counts', async () => {
    const outbox = store(file());
    const seq = await outbox.add(clockIn);
    expect(await outbox.claimNext()).toMatchObject({ attempts: 1 });
    await outbox.release(seq, false, false);
    expect(await outbox.claimNext()).toMatchObject({ attempts: 1 });
    await outbox.release(seq, false);
    expect(await outbox.claimNext()).toMatchObject({ attempts: 2 });
  });

  it('hands a settled row to be told until it is marked told, and then no more', async () => {
    const outbox = store(file());
    const seq = await outbox.add(clockIn);
    await outbox.claimNext();
    await outbox.settle(seq, { state: 'needs_decision', outcome: said('A timer runs.') });
    expect((await outbox.untold()).map((row) => [row.state, row.outcome])).toEqual([['needs_decision', said('A timer runs.')]]);
    expect((await outbox.untold()).map((row) => row.seq)).toEqual([seq]);
    await outbox.markTold([seq]);
    expect(await outbox.untold()).toEqual([]);
    expect(await outbox.open()).toEqual([]);
  });

  it('keeps rows and remembered reads apart per back end and account', async () => {
    const path = file();
    const kimai = store(path);
    const other = store(path, { backEnd: 'kimai https://other.example.com' });
    await kimai.add(clockIn);
    await kimai.remember('running', { id: 1 });
    expect(await other.open()).toEqual([]);
    expect(await other.recall('running')).toBeUndefined();
    expect(await kimai.recall('running')).toMatchObject({ value: { id: 1 } });
  });

  it('keeps the newest remembered reads and leaves out one too large to keep', async () => {
    const outbox = store(file());
    for (let key = 0; key < 70; key++) await outbox.remember(`entries:${key}`, [key]);
    expect(await outbox.recall('entries:0')).toBeUndefined();
    expect(await outbox.recall('entries:69')).toMatchObject({ value: [69] });
    await outbox.remember('catalog', 'x'.repeat(2_100_000));
    expect(await outbox.recall('catalog')).toBeUndefined();
  });
});
