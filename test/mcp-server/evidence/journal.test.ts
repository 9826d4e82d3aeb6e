// The evidence journal: when the person was active at the computer and when an AI client used
// Punchcard, kept in one SQLite file in the data folder that the app and every engine write. Spans
// and stretches are merged as the issue describes, read by range and bounded, swept after 90 days,
// and a file that cannot be used (read-only, not a database, a planted link) is a sentence, never a
// failure of the call or the app.
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, linkSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ACTIVITY_MERGE_MS,
  AI_STRETCH_GAP_MS,
  EVIDENCE_JOURNAL_FILE,
  EvidenceJournal,
  evidenceJournalOf,
  JOURNAL_KEPT_MS,
  JOURNAL_PRUNE_EVERY_MS,
  JOURNAL_READ_LIMIT,
} from '../../../mcp-server/evidence/journal.ts';
import { holdExclusiveLock } from '../../support/exclusive-lock.ts';

const run = promisify(execFile);
const READ_ONLY_SCRIPT = join(import.meta.dirname, 'journal-read-only.script.ts');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Monday 2 March 2026, 09:00 UTC: the journals here run on a clock of their own. */
const T = Date.parse('2026-03-02T09:00:00Z');
/** A minute of today, for journals on the wall clock, which sweep what ended 90 days before it. */
const RECENT = Math.floor(Date.now() / MINUTE) * MINUTE;

const folders: string[] = [];
const journals: EvidenceJournal[] = [];
afterEach(() => {
  for (const journal of journals.splice(0)) journal.close();
  for (const folder of folders.splice(0)) {
    chmodSync(folder, 0o700);
    rmSync(folder, { recursive: true, force: true });
  }
});

/**
 * Node where the ordinary account may run it: the set-up on a fresh machine installs Node in a folder
 * only root may enter, so it is linked (or, on another file system, copied) into one of its own.
 */
function nodeForNobody(): string {
  const folder = mkdtempSync(join(tmpdir(), 'punchcard-node-'));
  folders.push(folder);
  chmodSync(folder, 0o755);
  const node = join(folder, 'node');
  try {
    linkSync(process.execPath, node);
  } catch {
    copyFileSync(process.execPath, node);
    chmodSync(node, 0o755);
  }
  return node;
}

function dataFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'punchcard-journal-'));
  folders.push(folder);
  return folder;
}

/** A journal as one process keeps it; `logged` collects what it says, `clock` is its wall clock. */
function journalOn(folder: string, clock: { now: number } = { now: T }) {
  const logged: string[] = [];
  const journal = new EvidenceJournal(folder, { log: (message) => logged.push(message), now: () => clock.now });
  journals.push(journal);
  return { journal, logged, clock };
}

const spans = async (journal: EvidenceJournal, from = T - DAY, to = T + DAY) =>
  (await journal.activityEvidence(from, to)).items.map((item) => [item.start - T, item.end - T].map((ms) => ms / MINUTE));

describe('active spans', () => {
  it('grows one span from reports a minute apart, and starts another after a pause longer than two minutes', async () => {
    const { journal, logged } = journalOn(dataFolder());
    for (let minute = 0; minute < 5; minute++) await journal.recordActive(T + minute * MINUTE, T + (minute + 1) * MINUTE);
    expect(await spans(journal)).toEqual([[0, 5]]);
    // Two minutes after the end still extends it; a moment more starts a new span.
    await journal.recordActive(T + 5 * MINUTE + ACTIVITY_MERGE_MS, T + 8 * MINUTE);
    await journal.recordActive(T + 8 * MINUTE + ACTIVITY_MERGE_MS + 1_000, T + 12 * MINUTE);
    expect(await spans(journal)).toEqual([
      [0, 8],
      [10 + 1 / 60, 12],
    ]);
    // A report that reaches both joins them into one.
    await journal.recordActive(T + 9 * MINUTE, T + 10 * MINUTE);
    expect(await spans(journal)).toEqual([[0, 12]]);
    expect(logged).toEqual([]);
  });

  it('gives each span as evidence named by its start, with no text to match and nothing about what was on the screen', async () => {
    const { journal } = journalOn(dataFolder());
    await journal.recordActive(T, T + 30 * MINUTE);
    expect(await journal.activityEvidence(T, T + HOUR)).toEqual({
      items: [{ source: 'activity', key: `activity:${T}`, start: T, end: T + 30 * MINUTE, text: 'Active at the computer', matchTexts: [], tickets: [] }],
      skipped: [],
    });
  });
});

describe('AI stretches', () => {
  it('keeps a stretch per client while its calls come within fifteen minutes, and a new one after a longer pause', async () => {
    const { journal } = journalOn(dataFolder());
    await journal.recordAiCall('claude-code', T);
    await journal.recordAiCall('cursor', T + 5 * MINUTE);
    await journal.recordAiCall('claude-code', T + 10 * MINUTE);
    await journal.recordAiCall('claude-code', T + 10 * MINUTE + AI_STRETCH_GAP_MS);
    await journal.recordAiCall('cursor', T + 5 * MINUTE + AI_STRETCH_GAP_MS + 1);
    await journal.recordAiCall('claude-code', T + 10 * MINUTE + 2 * AI_STRETCH_GAP_MS + 1);
    const reading = await journal.aiEvidence(T, T + DAY);
    expect(reading.skipped).toEqual([]);
    expect(reading.items.map((item) => [item.key, item.text, item.matchTexts, (item.start - T) / MINUTE, (item.end - T) / MINUTE])).toEqual([
      [`ai:claude-code:${T}`, 'claude-code', ['claude-code'], 0, 25],
      [`ai:cursor:${T + 5 * MINUTE}`, 'cursor', ['cursor'], 5, 5],
      [`ai:cursor:${T + 20 * MINUTE + 1}`, 'cursor', ['cursor'], 20 + 1 / MINUTE, 20 + 1 / MINUTE],
      [`ai:claude-code:${T + 40 * MINUTE + 1}`, 'claude-code', ['claude-code'], 40 + 1 / MINUTE, 40 + 1 / MINUTE],
    ]);
    expect(reading.items.every((item) => item.source === 'ai' && item.tickets.length === 0)).toBe(true);
  });

  it('keeps a name with quotes and SQL in it as it is, and records nothing for an empty name', async () => {
    const { journal, logged } = journalOn(dataFolder());
    const name = "x'); DROP TABLE ai_stretches; --";
    await journal.recordAiCall(name, T);
    await journal.recordAiCall('', T);
    await journal.recordAiCall('cursor', Number.NaN);
    // A fraction of a millisecond (performance.timeOrigin + performance.now()) is dropped.
    await journal.recordAiCall('zed', T + 0.5);
    expect((await journal.aiEvidence(T, T + HOUR)).items.map((item) => [item.text, item.start])).toEqual([
      [name, T],
      ['zed', T],
    ]);
    expect(logged).toEqual([
      "The evidence journal was handed an AI call at 1772442000000 without the client's name; nothing was recorded.",
      'The evidence journal was handed an AI call by cursor at NaN, which is not a moment in time; nothing was recorded.',
    ]);
  });
});

describe('reading a range', () => {
  it('gives what overlaps [from, to), whole: not what ends at from nor what starts at to', async () => {
    const { journal } = journalOn(dataFolder());
    await journal.recordActive(T - 2 * HOUR, T);
    await journal.recordActive(T + 10 * MINUTE, T + 20 * MINUTE);
    await journal.recordActive(T + 50 * MINUTE, T + 2 * HOUR);
    await journal.recordActive(T + 3 * HOUR, T + 3 * HOUR + 5 * MINUTE);
    expect(await spans(journal, T, T + HOUR)).toEqual([
      [10, 20],
      [50, 120],
    ]);
    expect(await spans(journal, T + 2 * HOUR, T + 3 * HOUR)).toEqual([]);
    expect(await spans(journal, T - HOUR, T + 15 * MINUTE)).toEqual([
      [-120, 0],
      [10, 20],
    ]);
    // A stretch of a single call counts in the range it stands in.
    await journal.recordAiCall('claude-code', T + 5 * HOUR);
    expect((await journal.aiEvidence(T + 5 * HOUR, T + 6 * HOUR)).items).toHaveLength(1);
    expect((await journal.aiEvidence(T + 4 * HOUR, T + 5 * HOUR)).items).toHaveLength(0);
  });

  it('reads nothing and says nothing where nothing was recorded yet, and leaves no file behind', async () => {
    const folder = dataFolder();
    const { journal } = journalOn(folder);
    expect(await journal.activityEvidence(T, T + DAY)).toEqual({ items: [], skipped: [] });
    expect(await journal.aiEvidence(T, T + DAY)).toEqual({ items: [], skipped: [] });
    expect(existsSync(join(folder, EVIDENCE_JOURNAL_FILE))).toBe(false);
  });

  it(`reads at most ${JOURNAL_READ_LIMIT} rows, and says to ask for fewer days beyond`, async () => {
    const { journal } = journalOn(dataFolder());
    // Spans three minutes apart never merge.
    for (let index = 0; index <= JOURNAL_READ_LIMIT; index++) await journal.recordActive(T + index * 3 * MINUTE, T + index * 3 * MINUTE + 1_000);
    const end = T + (JOURNAL_READ_LIMIT + 1) * 3 * MINUTE;
    expect(await journal.activityEvidence(T, end)).toEqual({
      items: [],
      skipped: [
        {
          source: 'activity',
          problem: 'The evidence journal holds more than 5,000 active spans in the range asked, more than one call reads; ask for fewer days.',
        },
      ],
    });
    expect((await journal.activityEvidence(T + 3 * MINUTE, end)).items).toHaveLength(JOURNAL_READ_LIMIT);
  });
});

describe('retention', () => {
  it('sweeps what ended more than 90 days ago with a write, at most once an hour in a process', async () => {
    const folder = dataFolder();
    const { journal, clock } = journalOn(folder);
    await journal.recordActive(T, T + MINUTE);
    await journal.recordAiCall('claude-code', T);
    // Another process, its clock set to long ago, writes a span already past keeping.
    const { journal: other } = journalOn(folder, { now: T - 200 * DAY });
    await other.recordActive(T - 100 * DAY, T - 100 * DAY + MINUTE);
    // Within the hour of its last sweep this process leaves it.
    clock.now = T + JOURNAL_PRUNE_EVERY_MS - 1;
    await journal.recordActive(T + 10 * MINUTE, T + 11 * MINUTE);
    expect(await spans(journal, T - 101 * DAY, T + DAY)).toHaveLength(3);
    // After an hour it is swept; the rest, younger than 90 days, stays.
    clock.now = T + JOURNAL_PRUNE_EVERY_MS;
    await journal.recordActive(T + 20 * MINUTE, T + 21 * MINUTE);
    expect(await spans(journal, T - 101 * DAY, T + DAY)).toEqual([
      [0, 1],
      [10, 11],
      [20, 21],
    ]);
    // 90 days on, what ended before then goes too: spans and stretches alike.
    clock.now = T + MINUTE + JOURNAL_KEPT_MS + 1;
    await journal.recordAiCall('cursor', clock.now);
    expect(await spans(journal, T - DAY, clock.now + DAY)).toEqual([
      [10, 11],
      [20, 21],
    ]);
    expect((await journal.aiEvidence(T - DAY, clock.now + DAY)).items.map((item) => item.text)).toEqual(['cursor']);
  });
});

describe('the file', () => {
  it('is shared by processes: two journals on one file extend each other’s spans and stretches', async () => {
    const folder = dataFolder();
    const { journal: app } = journalOn(folder);
    const { journal: engine } = journalOn(folder);
    const { journal: secondEngine } = journalOn(folder);
    await Promise.all([
      ...Array.from({ length: 10 }, (_, minute) => (minute % 2 ? app : engine).recordActive(T + minute * MINUTE, T + (minute + 1) * MINUTE)),
      ...Array.from({ length: 10 }, (_, minute) => (minute % 2 ? engine : secondEngine).recordAiCall('claude-code', T + minute * MINUTE)),
    ]);
    for (const reader of [app, engine, secondEngine]) {
      expect(await spans(reader)).toEqual([[0, 10]]);
      expect((await reader.aiEvidence(T, T + HOUR)).items.map((item) => [item.start, item.end])).toEqual([[T, T + 9 * MINUTE]]);
    }
  });

  it('is the person’s alone, and holds instants and client names only', async () => {
    const folder = dataFolder();
    const { journal } = journalOn(folder);
    await journal.recordActive(T, T + MINUTE);
    await journal.recordAiCall('claude-code', T);
    const path = join(folder, EVIDENCE_JOURNAL_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    journal.close();
    const db = new DatabaseSync(path, { readOnly: true });
    const columns = db
      .prepare("SELECT m.name AS tab, p.name AS col, p.type FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY 1, p.cid")
      .all();
    db.close();
    expect(columns.map((row) => `${row.tab}.${row.col} ${row.type}`)).toEqual([
      'active_spans.start_at INTEGER',
      'active_spans.end_at INTEGER',
      'ai_stretches.client TEXT',
      'ai_stretches.first_at INTEGER',
      'ai_stretches.last_at INTEGER',
    ]);
  });

  it('leaves a file that is not a database as it is: a sentence for each source on read, one warning on write', async () => {
    const folder = dataFolder();
    const path = join(folder, EVIDENCE_JOURNAL_FILE);
    writeFileSync(path, 'my notes, not a journal\n'.repeat(10));
    const { journal, logged } = journalOn(folder);
    await journal.recordActive(T, T + MINUTE);
    await journal.recordAiCall('claude-code', T);
    const problem = `${path} is not a SQLite database, so it is not Punchcard's evidence journal. Punchcard left it as it is and keeps no evidence journal there: move it elsewhere, and Punchcard starts a new journal in its place.`;
    expect(logged).toEqual([
      `${problem} Until then Punchcard does not record your activity at the computer, and this is said only once; everything else works as before.`,
    ]);
    expect(await journal.activityEvidence(T, T + HOUR)).toEqual({ items: [], skipped: [{ source: 'activity', problem }] });
    expect(await journal.aiEvidence(T, T + HOUR)).toEqual({ items: [], skipped: [{ source: 'ai', problem }] });
    expect(readFileSync(path, 'utf8')).toBe('my notes, not a journal\n'.repeat(10));
  });

  it('leaves another application’s database as it is', async () => {
    const folder = dataFolder();
    const path = join(folder, EVIDENCE_JOURNAL_FILE);
    const other = new DatabaseSync(path);
    other.exec('CREATE TABLE recipes (name TEXT)');
    other.close();
    const before = readFileSync(path);
    const { journal, logged } = journalOn(folder);
    await journal.recordActive(T, T + MINUTE);
    expect(logged).toEqual([expect.stringMatching(/is another application's SQLite database \(tables: recipes\)\. Punchcard left it as it is/)]);
    expect((await journal.activityEvidence(T, T + HOUR)).skipped).toEqual([{ source: 'activity', problem: expect.stringContaining('(tables: recipes)') }]);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a link planted where the journal goes, and writes nothing where it points', async () => {
    const folder = dataFolder();
    const elsewhere = join(dataFolder(), 'target.db');
    const path = join(folder, EVIDENCE_JOURNAL_FILE);
    symlinkSync(elsewhere, path);
    const { journal, logged } = journalOn(folder);
    await journal.recordActive(T, T + MINUTE);
    await journal.recordAiCall('claude-code', T);
    const problem = `${path} is a link, where Punchcard keeps its evidence journal. Punchcard left it as it is and keeps no evidence journal there: move it elsewhere, and Punchcard starts a new journal in its place.`;
    expect(logged).toEqual([
      `${problem} Until then Punchcard does not record your activity at the computer, and this is said only once; everything else works as before.`,
    ]);
    expect(await journal.aiEvidence(T, T + HOUR)).toEqual({ items: [], skipped: [{ source: 'ai', problem }] });
    expect(existsSync(elsewhere)).toBe(false);
    expect(existsSync(`${elsewhere}-wal`)).toBe(false);
  });

  it('refuses a link planted where its -wal goes', async () => {
    const folder = dataFolder();
    const elsewhere = join(dataFolder(), 'target-wal');
    const path = join(folder, EVIDENCE_JOURNAL_FILE);
    symlinkSync(elsewhere, `${path}-wal`);
    const { journal, logged } = journalOn(folder);
    await journal.recordActive(T, T + MINUTE);
    expect(logged).toEqual([expect.stringContaining(`${path}-wal is a link, where Punchcard keeps its evidence journal.`)]);
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('in a folder that turns read-only, reads what it holds and says once that it cannot record', async () => {
    const folder = dataFolder();
    // Root writes in any folder: an ordinary account sees it read-only.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(folder, 65534, 65534);
    const node = asRoot ? nodeForNobody() : process.execPath;
    const { stdout, stderr } = await run(node, [READ_ONLY_SCRIPT, folder, String(RECENT)], asRoot ? { uid: 65534, gid: 65534 } : {});
    expect(stderr).toBe('');
    const { logged, activity, ai } = JSON.parse(stdout);
    expect(logged).toEqual([
      `The evidence journal ${join(folder, EVIDENCE_JOURNAL_FILE)} cannot be written: the file or its folder ${folder} is read-only to your user. Give your user write access to both. ` +
        'Until then Punchcard does not record your activity at the computer, and this is said only once; everything else works as before.',
    ]);
    expect(activity).toEqual({ items: [expect.objectContaining({ start: RECENT, end: RECENT + MINUTE })], skipped: [] });
    expect(ai).toEqual({ items: [expect.objectContaining({ key: `ai:claude-code:${RECENT}`, end: RECENT })], skipped: [] });
  });

  it('waits out another program’s lock for a while, then says so: once on write, as a skipped source on read', async () => {
    const folder = dataFolder();
    const { journal: before } = journalOn(folder);
    await before.recordActive(T, T + MINUTE);
    before.close();
    const path = join(folder, EVIDENCE_JOURNAL_FILE);
    // A backup tool or an open sqlite3 session holding the file, readers shut out too.
    const holder = holdExclusiveLock(path, 'UPDATE active_spans SET end_at = end_at');
    await holder.locked;
    const { journal, logged } = journalOn(folder);
    await journal.recordActive(T + MINUTE, T + 2 * MINUTE);
    const locked = (seconds: number) =>
      `Another program has held ${path} locked for ${seconds} s (a backup or sync tool, or an open sqlite3 session), so the evidence journal could not be used. ` +
      'Nothing was changed. Try again once that program lets go of the file.';
    expect(logged).toEqual([
      `${locked(2)} Until then Punchcard does not record your activity at the computer, and this is said only once; everything else works as before.`,
    ]);
    expect(await journal.activityEvidence(T, T + HOUR)).toEqual({ items: [], skipped: [{ source: 'activity', problem: locked(3) }] });
    await holder.release();
    // Once the program lets go, the journal is used again.
    await journal.recordActive(T + 2 * MINUTE, T + 3 * MINUTE);
    expect(await spans(journal)).toEqual([[0, 3]]);
  });

  it('is a sentence, not a failure, where the data folder cannot be made', async () => {
    const notAFolder = join(dataFolder(), 'file');
    writeFileSync(notAFolder, '');
    const { journal, logged } = journalOn(notAFolder);
    await expect(journal.recordAiCall('claude-code', T)).resolves.toBeUndefined();
    expect(logged).toEqual([
      expect.stringMatching(/^The evidence journal .*file\/evidence-journal\.db cannot be written \(.*\)\. .* when AI clients use Punchcard/),
    ]);
    expect(await journal.aiEvidence(T, T + HOUR)).toEqual({
      items: [],
      skipped: [
        { source: 'ai', problem: expect.stringMatching(/^The evidence journal .*file\/evidence-journal\.db cannot be read \(ENOTDIR: not a directory/) },
      ],
    });
  });
});

describe('evidenceJournalOf', () => {
  it('records through one journal per data folder in the process', async () => {
    const folder = dataFolder();
    await evidenceJournalOf(folder).recordAiCall('claude-code', RECENT);
    await evidenceJournalOf(`${folder}/`).recordAiCall('claude-code', RECENT + 5 * MINUTE);
    const journal = evidenceJournalOf(folder);
    journals.push(journal);
    expect(journal).toBe(evidenceJournalOf(join(folder, '.')));
    expect((await journal.aiEvidence(RECENT, RECENT + HOUR)).items.map((item) => [item.start, item.end])).toEqual([[RECENT, RECENT + 5 * MINUTE]]);
  });
});
