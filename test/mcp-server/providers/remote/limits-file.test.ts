// The limits file: Punchcard's processes on one computer count a back end's organisation-wide limit
// together in the data folder. Real processes take turns at the shared pace, so no second holds more
// than the limit whoever sent; a file that cannot be used, or another program's lock held too long,
// leaves the process counting on its own and says so, and the person's request still goes out.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS_FILE, LimitsFile, sharedPacer } from '../../../../mcp-server/providers/remote/limits-file.ts';

const run = promisify(execFile);
const TAKE_TURNS = join(import.meta.dirname, 'take-turns.ts');
const KEY = 'calamari:https://acme.calamari.io/api:second';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/**
 * A data folder of the test's own, in memory where the system has a memory file system: what is tested is how the
 * processes share the file, and a disk slowed by other work beside the tests (a commit's sync past the lock's wait)
 * would make a process count on its own, which its log then says (and the tests hold stderr empty).
 */
function dataFolder(): string {
  const folder = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'punchcard-limits-'));
  folders.push(folder);
  return folder;
}

/** The most requests any window of `windowMs` holds, of times from every process together. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.max(...sorted.map((start) => sorted.filter((at) => at >= start && at < start + windowMs).length));
}

describe('the limits file', () => {
  it('keeps one pace for processes that share a data folder: three processes of eight requests, never more than five in any window', async () => {
    const folder = dataFolder();
    const processes = Array.from({ length: 3 }, () => run(process.execPath, [TAKE_TURNS, folder, '8', '5', '300']));
    const answers = await Promise.all(processes);
    for (const answer of answers) expect(answer.stderr).toBe('');
    const times = answers.flatMap((answer) => JSON.parse(answer.stdout) as number[]);
    expect(times).toHaveLength(24);
    expect(busiestWindow(times, 300)).toBeLessThanOrEqual(5);
  });

  it('lets processes on different data folders each keep their own pace (the file is the data folder’s)', async () => {
    const [first, second] = [dataFolder(), dataFolder()];
    const answers = await Promise.all([first, second].map((folder) => run(process.execPath, [TAKE_TURNS, folder, '5', '5', '60000'])));
    // Both went at once: ten requests in a window that a shared file would have held to five.
    expect(
      busiestWindow(
        answers.flatMap((answer) => JSON.parse(answer.stdout) as number[]),
        60_000,
      ),
    ).toBe(10);
  });

  it('counts a turn from when its request really went out', async () => {
    const folder = dataFolder();
    let clock = 1_000_000;
    const file = new LimitsFile(folder, (message) => expect.unreachable(message));
    const pace = sharedPacer(file, KEY, 1, 1_000, () => clock);
    const goesOut = await pace();
    // It waited for a socket for 900 ms: the next may go a second after that, not after the turn.
    clock += 900;
    goesOut();
    await new Promise((resolve) => setTimeout(resolve, 50));
    clock += 200;
    expect(await file.takeTurn(KEY, 1, 1_000, clock)).toEqual({ waitMs: 800 });
    file.close();
  });

  it('holds every process back while a turn it counts has not gone out yet, and gives up on one after a minute', async () => {
    const file = new LimitsFile(dataFolder(), (message) => expect.unreachable(message));
    expect(await file.takeTurn(KEY, 1, 1_000, 100_000)).toHaveProperty('id');
    // Still waiting for its socket five seconds on: its window has not begun, so nobody goes yet.
    expect(await file.takeTurn(KEY, 1, 1_000, 105_000)).toEqual({ waitMs: 20 });
    // Never marked sent (its process ended): counted as sent a minute after it was taken.
    expect(await file.takeTurn(KEY, 1, 1_000, 160_500)).toEqual({ waitMs: 500 });
    expect(await file.takeTurn(KEY, 1, 1_000, 161_000)).toHaveProperty('id');
    file.close();
  });

  it('forgets turns ahead of the clock by more than a window (the clock was set back)', async () => {
    const file = new LimitsFile(dataFolder(), (message) => expect.unreachable(message));
    const taken = await file.takeTurn(KEY, 1, 1_000, 50_000);
    if (!('id' in taken)) throw new Error('no turn');
    await file.markSent(taken.id, 50_000);
    expect(await file.takeTurn(KEY, 1, 1_000, 50_500)).toEqual({ waitMs: 500 });
    expect(await file.takeTurn(KEY, 1, 1_000, 10_000)).toHaveProperty('id');
    file.close();
  });

  it("is the person's alone", async () => {
    if (process.platform === 'win32') return;
    const folder = dataFolder();
    const file = new LimitsFile(join(folder, 'data'), (message) => expect.unreachable(message));
    await file.hit('calamari:x:hour', 0);
    expect(statSync(join(folder, 'data')).mode & 0o777).toBe(0o700);
    expect(statSync(join(folder, 'data', LIMITS_FILE)).mode & 0o777).toBe(0o600);
    file.close();
  });

  it('counts on its own where the file cannot be used, says so once, and still lets the request out', async () => {
    const folder = dataFolder();
    // A data folder that is a file: nothing can be created in it.
    const notAFolder = join(folder, 'punchcard');
    writeFileSync(notAFolder, 'not a folder');
    const said: string[] = [];
    const file = new LimitsFile(notAFolder, (message) => said.push(message));
    expect(await file.hit('calamari:x:hour', 0)).toBe(1);
    expect(await file.hit('calamari:x:hour', 0)).toBe(2);
    const pace = sharedPacer(file, KEY, 2, 60_000);
    await pace();
    await pace();
    expect(await file.takeTurn(KEY, 2, 60_000, Date.now())).toHaveProperty('waitMs');
    expect(said).toEqual([
      expect.stringMatching(
        new RegExp(
          `^The request limits file ${notAFolder}/limits\\.db cannot be used \\(.*\\), so this process counts the back end's limit on its own; Punchcard's other processes on this computer may then be refused for it \\(429\\)\\.$`,
        ),
      ),
    ]);
  });

  it('counts a request here alone while another program holds the file past the wait, then goes back to the file', async () => {
    const folder = dataFolder();
    mkdirSync(folder, { recursive: true });
    const logged: string[] = [];
    const file = new LimitsFile(folder, (message) => logged.push(message));
    // This hour's window: an old one is swept when the file is opened again.
    const hour = Date.now() - (Date.now() % 3_600_000);
    await file.hit('calamari:x:hour', hour);
    file.close();
    const path = join(folder, LIMITS_FILE);
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const { DatabaseSync } = require('node:sqlite');
         const db = new DatabaseSync(${JSON.stringify(path)});
         db.exec('BEGIN IMMEDIATE; UPDATE counters SET count = count');
         process.stdout.write('locked\\n');
         process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });`,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    // Waited out for two seconds, then counted in this process alone: the request is not held up for good.
    expect(await file.hit('calamari:x:hour', hour)).toBe(1);
    // Said once, so a person who sees a 429 knows why the processes did not count together.
    expect(logged).toEqual([
      `The request limits file ${join(folder, LIMITS_FILE)} stayed locked by another process for more than 2 s, so this process counted a request on its own; Punchcard's other processes on this computer may then be refused for it (429).`,
    ]);
    holder.stdin.write('go\n');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(await file.hit('calamari:x:hour', hour)).toBe(2);
    expect(logged).toHaveLength(1);
    file.close();
    const db = new DatabaseSync(path, { readOnly: true });
    expect(db.prepare('SELECT count FROM counters').get()).toEqual({ count: 2 });
    db.close();
  });
});
