// The git source of the day from evidence, on repositories made with git here: commits at set times by
// the person and by a colleague, on branches named after tickets, in folders one, two and three levels
// deep, beside a folder that holds none and one that does not exist. Only the person's commits whose
// author time is in the range come back, each once, with the same key on every call.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { branchName, gitEnvironment, gitEvidence, parseLog } from '../../../mcp-server/evidence/git.ts';
import type { EvidenceItem } from '../../../mcp-server/evidence/evidence.ts';
import { ticketIds } from '../../../mcp-server/evidence/tickets.ts';

const ME = 'Me@Example.org';
const COLLEAGUE = 'colleague@example.org';
const DAY = Date.UTC(2024, 2, 12); // Tuesday 12 March 2024, 00:00 UTC
const HOUR = 3600_000;
const range = { from: DAY, to: DAY + 24 * HOUR, emails: ['me@example.org'] };

let root: string;
let home: string;

// Git as a person runs it, with a configuration of the test's own (no signing, no hooks of this machine).
function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...base, HOME: home, GIT_CONFIG_NOSYSTEM: '1', ...env } }).trim();
}

function repository(path: string): string {
  mkdirSync(path, { recursive: true });
  git(path, ['init', '-q', '-b', 'main']);
  return path;
}

interface Made {
  at: number;
  subject: string;
  email?: string;
  /** When it was committed, where not when it was written (a rebase commits again later). */
  committedAt?: number;
}

/** An empty commit at the time given, by the person unless told; its hash. */
function commit(repo: string, made: Made): string {
  const date = (ms: number) => `@${ms / 1000} +0000`;
  git(repo, ['commit', '-q', '--allow-empty', '--allow-empty-message', '-m', made.subject], {
    GIT_AUTHOR_NAME: 'Someone',
    GIT_AUTHOR_EMAIL: made.email ?? ME,
    GIT_AUTHOR_DATE: date(made.at),
    GIT_COMMITTER_NAME: 'Someone',
    GIT_COMMITTER_EMAIL: made.email ?? ME,
    GIT_COMMITTER_DATE: date(made.committedAt ?? made.at),
  });
  return git(repo, ['rev-parse', 'HEAD']);
}

const hashes: Record<string, string> = {};
let code: string;
let app: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'punchcard-git-'));
  home = join(root, 'home');
  mkdirSync(home);
  code = join(root, 'code');

  // code/app: a repository one level down.
  app = repository(join(code, 'app'));
  hashes.before = commit(app, { at: DAY - 1000, subject: 'Late the day before' });
  hashes.morning = commit(app, { at: DAY + 9 * HOUR, subject: 'Start the importer' });
  hashes.colleague = commit(app, { at: DAY + 9.5 * HOUR, subject: 'Their work', email: COLLEAGUE });
  git(app, ['checkout', '-q', '-b', 'feature/ABC-123-importer']);
  hashes.feature = commit(app, { at: DAY + 10 * HOUR, subject: 'Fix #42 in the importer' });
  hashes.odd = commit(app, { at: DAY + 11 * HOUR, subject: 'Tabs\tand ü, 😀, 100% %s %x00 %H %n%%' });
  // Written in the range, committed again by a rebase three days after it.
  hashes.rebased = commit(app, { at: DAY + 12 * HOUR, committedAt: DAY + 4 * 24 * HOUR, subject: 'Rebased later' });
  hashes.long = commit(app, { at: DAY + 13 * HOUR, subject: `Long ${'x'.repeat(300)}` });
  hashes.controls = commit(app, { at: DAY + 14 * HOUR, subject: 'Colour \u001b[31mred\u001b[0m' });
  hashes.midnight = commit(app, { at: DAY + 24 * HOUR, subject: 'Exactly at the end of the range' });
  git(app, ['checkout', '-q', 'main']);
  // A branch only a remote holds: pushed from another computer.
  git(app, ['checkout', '-q', '-b', 'tmp']);
  hashes.remote = commit(app, { at: DAY + 15 * HOUR, subject: 'Rounding' });
  git(app, ['update-ref', 'refs/remotes/origin/fix/PAY-7-rounding', hashes.remote]);
  // A remote's HEAD names one of its branches again (as a clone leaves it), under no branch's name.
  git(app, ['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/fix/PAY-7-rounding']);
  git(app, ['checkout', '-q', 'main']);
  git(app, ['branch', '-q', '-D', 'tmp']);
  // Work set aside in a stash is not a commit of a branch.
  writeFileSync(join(app, 'file.txt'), 'draft');
  git(app, ['add', 'file.txt']);
  git(app, ['stash', '-q'], {
    GIT_AUTHOR_NAME: 'Someone',
    GIT_COMMITTER_NAME: 'Someone',
    GIT_AUTHOR_EMAIL: ME,
    GIT_COMMITTER_EMAIL: ME,
    GIT_AUTHOR_DATE: `@${(DAY + 16 * HOUR) / 1000} +0000`,
    GIT_COMMITTER_DATE: `@${(DAY + 16 * HOUR) / 1000} +0000`,
  });

  // code/client/portal: two levels down.
  const portal = repository(join(code, 'client', 'portal'));
  hashes.portal = commit(portal, { at: DAY + 8 * HOUR, subject: 'Portal login' });
  // code/deep/a/b: three levels down, not read; nor hidden folders, nor node_modules.
  hashes.deep = commit(repository(join(code, 'deep', 'a', 'b')), { at: DAY + 8 * HOUR, subject: 'Too deep' });
  hashes.hidden = commit(repository(join(code, '.hidden')), { at: DAY + 8 * HOUR, subject: 'Hidden' });
  hashes.vendored = commit(repository(join(code, 'node_modules', 'lib')), { at: DAY + 8 * HOUR, subject: 'Vendored' });

  // notes: a folder with files and folders, no repository.
  mkdirSync(join(root, 'notes', 'sub'), { recursive: true });
  writeFileSync(join(root, 'notes', 'todo.txt'), 'nothing');
}, 60_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const byKey = (items: EvidenceItem[]) => Object.fromEntries(items.map((item) => [item.key, item]));

describe('gitEvidence', () => {
  it('takes a commit by the person\'s address in any ASCII case, never one by a look-alike (U+212A KELVIN SIGN lower-cases to "k")', async () => {
    const folder = join(root, 'look-alike');
    const repo = repository(join(folder, 'kit'));
    const theirs = commit(repo, { at: DAY + 9 * HOUR, subject: 'Mine', email: 'KIM@example.org' });
    commit(repo, { at: DAY + 10 * HOUR, subject: 'Not mine', email: '\u212Aim@example.org' });
    const reading = await gitEvidence([folder], { ...range, emails: ['kim@example.org'] });
    expect(reading.items.map((item) => item.key)).toEqual([`git:kit:${theirs}`]);
  });

  it("reads the person's commits in the range from repositories one and two levels down, and nothing deeper", async () => {
    const reading = await gitEvidence([code], range);
    expect(reading.skipped).toEqual([]);
    expect(reading.items.map((item) => item.key).sort()).toEqual(
      [
        `git:app:${hashes.morning}`,
        `git:app:${hashes.feature}`,
        `git:app:${hashes.odd}`,
        `git:app:${hashes.rebased}`,
        `git:app:${hashes.long}`,
        `git:app:${hashes.controls}`,
        `git:app:${hashes.remote}`,
        `git:portal:${hashes.portal}`,
      ].sort(),
    );
    const morning = byKey(reading.items)[`git:app:${hashes.morning}`];
    expect(morning).toEqual({
      source: 'git',
      key: `git:app:${hashes.morning}`,
      start: DAY + 9 * HOUR,
      end: DAY + 9 * HOUR,
      text: 'Start the importer',
      matchTexts: ['Start the importer', 'main', 'app'],
      tickets: [],
      group: 'app',
    });
    expect(byKey(reading.items)[`git:portal:${hashes.portal}`]?.group).toBe('portal');
  });

  it('finds ticket ids in the branch and the subject, and names a branch without refs/heads or the remote', async () => {
    const items = byKey((await gitEvidence([app], range)).items);
    const feature = items[`git:app:${hashes.feature}`];
    expect(feature?.matchTexts).toEqual(['Fix #42 in the importer', 'feature/ABC-123-importer', 'app']);
    expect(feature?.tickets).toEqual(['ABC-123', '#42']);
    const remote = items[`git:app:${hashes.remote}`];
    expect(remote?.matchTexts).toEqual(['Rounding', 'fix/PAY-7-rounding', 'app']);
    expect(remote?.tickets).toEqual(['PAY-7']);
  });

  it('keeps a subject with tabs, any script and % signs as written, cuts a long one and drops terminal controls', async () => {
    const items = byKey((await gitEvidence([app], range)).items);
    expect(items[`git:app:${hashes.odd}`]?.text).toBe('Tabs\tand ü, 😀, 100% %s %x00 %H %n%%');
    const long = items[`git:app:${hashes.long}`];
    expect(Array.from(long?.text ?? '')).toHaveLength(200);
    expect(long?.text.endsWith('x…')).toBe(true);
    expect(long?.matchTexts[0]).toBe(`Long ${'x'.repeat(300)}`);
    expect(items[`git:app:${hashes.controls}`]?.text).toBe('Colour [31mred[0m');
  });

  it('drops bidi controls and zero-width characters from a subject, a branch and a repository’s name', async () => {
    const folder = join(root, 'hidden-chars');
    const hiddenRepository = repository(join(folder, 'sh\u200Bop\u202E'));
    git(hiddenRepository, ['checkout', '-q', '-b', 'feature/SHOP\u2066-7-basket']);
    const hash = commit(hiddenRepository, { at: DAY + 9 * HOUR, subject: 'Fix \u202Eexe.txt\u202C and \u200Bdelete\u2060 all\uFEFF' });
    try {
      const [item] = (await gitEvidence([folder], range)).items;
      expect(item).toMatchObject({
        key: `git:sh\u200Bop\u202E:${hash}`,
        text: 'Fix exe.txt and delete all',
        matchTexts: ['Fix exe.txt and delete all', 'feature/SHOP-7-basket', 'shop'],
        tickets: ['SHOP-7'],
        group: 'shop',
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('leaves out commits before the range, at its end, by others, and a stash', async () => {
    const reading = await gitEvidence([app], range);
    const keys = reading.items.map((item) => item.key);
    for (const left of [hashes.before, hashes.midnight, hashes.colleague]) expect(keys).not.toContain(`git:app:${left}`);
    expect(reading.items.filter((item) => /^(WIP|index) on/.test(item.text))).toEqual([]);
    expect(reading.items.every((item) => item.start >= range.from && item.start < range.to)).toBe(true);
  });

  it('finds a commit by its author time though it was committed days later', async () => {
    const keys = (await gitEvidence([app], range)).items.map((item) => item.key);
    expect(keys).toContain(`git:app:${hashes.rebased}`);
  });

  it("reads a colleague's commits only for the colleague, whatever the case of the address", async () => {
    const reading = await gitEvidence([app], { ...range, emails: ['  COLLEAGUE@Example.ORG '] });
    expect(reading.items.map((item) => item.key)).toEqual([`git:app:${hashes.colleague}`]);
  });

  it('gives the same keys for the same commits on every call and whatever the range', async () => {
    const day = (await gitEvidence([app], range)).items.map((item) => item.key).sort();
    const again = (await gitEvidence([app], range)).items.map((item) => item.key).sort();
    const week = (await gitEvidence([app], { ...range, from: DAY - 3 * 24 * HOUR, to: DAY + 4 * 24 * HOUR })).items.map((item) => item.key);
    expect(again).toEqual(day);
    expect(week).toEqual(expect.arrayContaining(day));
    expect(week).toContain(`git:app:${hashes.before}`);
    expect(week).toContain(`git:app:${hashes.midnight}`);
  });

  it('reads a commit once, though branches, clones and folders named twice reach it', async () => {
    const clones = join(root, 'clones');
    git(root, ['clone', '-q', app, join(clones, 'app-copy')]);
    const reading = await gitEvidence([app, code, clones], range);
    const keys = reading.items.map((item) => item.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((key) => key.endsWith(hashes.feature as string))).toEqual([`git:app:${hashes.feature}`]);
    expect(reading.items).toHaveLength(8);
    rmSync(clones, { recursive: true, force: true });
  });

  it('says so, in a sentence naming it, of a folder without a repository and of a missing folder, and reads the rest', async () => {
    const notes = join(root, 'notes');
    const missing = join(root, 'gone');
    const reading = await gitEvidence([notes, missing, app, 'relative/code'], range);
    expect(reading.items.length).toBeGreaterThan(0);
    expect(reading.skipped).toEqual([
      { source: 'git', problem: expect.stringContaining(`${notes} holds no git repository`) },
      { source: 'git', problem: expect.stringContaining(`The git folder ${missing} does not exist`) },
      { source: 'git', problem: expect.stringContaining('"relative/code" is not a full path') },
    ]);
  });

  it('stops at the commit limit and says how many were left out', async () => {
    const reading = await gitEvidence([code], { ...range, limits: { commits: 3 } });
    expect(reading.items).toHaveLength(3);
    expect(reading.skipped).toEqual([{ source: 'git', problem: expect.stringMatching(/more than 3 commits in the range: 5 were left out.*fewer days/) }]);
    // The stable order: the first repository (app) before the second (client/portal).
    expect(reading.items.every((item) => item.group === 'app')).toBe(true);
  });

  it('reads the first repositories by name at the repository limit and says how to narrow', async () => {
    const reading = await gitEvidence([code], { ...range, limits: { repositories: 1 } });
    expect(new Set(reading.items.map((item) => item.group))).toEqual(new Set(['app']));
    expect(reading.skipped).toEqual([{ source: 'git', problem: expect.stringMatching(/more than 1 repositories.*name fewer folders/) }]);
  });

  it("says git's own first line for a repository git refuses, and reads the others", async () => {
    const broken = repository(join(root, 'broken', 'corrupt'));
    commit(broken, { at: DAY + 9 * HOUR, subject: 'Fine' });
    writeFileSync(join(broken, '.git', 'refs', 'heads', 'lost'), `${'1234567890'.repeat(4)}\n`);
    const reading = await gitEvidence([join(root, 'broken'), app], range);
    expect(reading.skipped).toEqual([{ source: 'git', problem: `git could not read ${broken}: bad object refs/heads/lost.` }]);
    expect(reading.items.length).toBeGreaterThan(0);
    rmSync(join(root, 'broken'), { recursive: true, force: true });
  });

  it('never reads the repository above a folder whose .git is broken', async () => {
    const inner = join(app, 'inner');
    mkdirSync(join(inner, '.git'), { recursive: true });
    try {
      const reading = await gitEvidence([inner], range);
      expect(reading.items).toEqual([]);
      expect(reading.skipped).toEqual([{ source: 'git', problem: expect.stringContaining(`git could not read ${inner}: not a git repository`) }]);
    } finally {
      rmSync(inner, { recursive: true, force: true });
    }
  });

  describe('links in a folder the settings name', () => {
    // The person named folders, not what links in them point to: a link below a named folder that leads
    // out of it (to a colleague's checkout, a mounted disk, another account's home) is not followed.
    let linked: string;
    let outside: string;
    let hashOutside: string;
    let hashOwn: string;
    beforeAll(() => {
      linked = join(root, 'linked');
      outside = join(root, 'outside');
      hashOwn = commit(repository(join(linked, 'own')), { at: DAY + 9 * HOUR, subject: 'Own work' });
      hashOutside = commit(repository(join(outside, 'secret')), { at: DAY + 10 * HOUR, subject: 'Work elsewhere' });
      commit(repository(join(outside, 'more', 'other')), { at: DAY + 11 * HOUR, subject: 'More work elsewhere' });
      // One level down a link to a repository outside, two levels down a link to a folder outside, and a
      // link within the folder to its own repository.
      symlinkSync(join(outside, 'secret'), join(linked, 'elsewhere'));
      mkdirSync(join(linked, 'client'));
      symlinkSync(join(outside, 'more'), join(linked, 'client', 'mounted'));
      symlinkSync(join(linked, 'own'), join(linked, 'same-as-own'));
      symlinkSync(linked, join(root, 'named-link'));
    });
    afterAll(() => {
      for (const folder of [linked, outside, join(root, 'named-link')]) rmSync(folder, { recursive: true, force: true });
    });

    it('does not follow a link that leads out of the folder, and says which it left', async () => {
      const reading = await gitEvidence([linked], range);
      expect(reading.items.map((item) => item.key)).toEqual([`git:own:${hashOwn}`]);
      expect(reading.skipped).toEqual([
        {
          source: 'git',
          problem:
            `2 links in the git folder ${linked} lead out of it (client/mounted, elsewhere), and Punchcard follows no link out of a folder you named: ` +
            'name the repositories themselves in the settings to read them.',
        },
      ]);
    });

    it('reads a folder the settings name that is itself a link, and a repository outside named in the settings', async () => {
      const reading = await gitEvidence([join(root, 'named-link'), join(outside, 'secret')], range);
      expect(reading.skipped.map((item) => item.problem)).toEqual([expect.stringMatching(/^2 links in the git folder .*named-link lead out of it/)]);
      expect(reading.items.map((item) => item.key)).toEqual([`git:own:${hashOwn}`, `git:secret:${hashOutside}`]);
    });
  });

  describe('with GIT_DIR set by a git that started the engine', () => {
    let saved: string | undefined;
    afterEach(() => {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    });

    it('reads the folder named, not the inherited repository', async () => {
      saved = process.env.GIT_DIR;
      process.env.GIT_DIR = join(code, 'client', 'portal', '.git');
      const reading = await gitEvidence([app], range);
      expect(reading.items.map((item) => item.group)).not.toContain('portal');
      expect(reading.items.map((item) => item.key)).toContain(`git:app:${hashes.morning}`);
    });
  });

  it('is one sentence where git is not installed', async () => {
    const reading = await gitEvidence([code, join(root, 'notes')], { ...range, git: join(root, 'no-such-git') });
    expect(reading.items).toEqual([]);
    expect(reading.skipped).toContainEqual({ source: 'git', problem: expect.stringContaining('git was not found on this computer') });
    expect(reading.skipped.filter((skipped) => skipped.problem.includes('not found'))).toHaveLength(1);
  });

  it('says so where the git named cannot be run', async () => {
    const notAProgram = join(root, 'not-a-program');
    writeFileSync(notAProgram, 'plain text');
    chmodSync(notAProgram, 0o644);
    const reading = await gitEvidence([app], { ...range, git: notAProgram });
    expect(reading.items).toEqual([]);
    expect(reading.skipped).toEqual([
      { source: 'git', problem: `git could not be run (${notAProgram}: EACCES): check that it is a program this account may run.` },
    ]);
  });

  it('reads a folder written from the home folder (~)', async () => {
    const saved = process.env.HOME;
    process.env.HOME = code;
    try {
      const reading = await gitEvidence(['~/app'], range);
      expect(reading.skipped).toEqual([]);
      expect(reading.items.map((item) => item.key)).toContain(`git:app:${hashes.morning}`);
    } finally {
      process.env.HOME = saved;
    }
  });

  it('leaves out a repository git takes too long to read', async () => {
    const slowGit = join(root, 'slow-git');
    writeFileSync(slowGit, '#!/bin/sh\nexec sleep 30\n');
    chmodSync(slowGit, 0o755);
    const reading = await gitEvidence([app], { ...range, git: slowGit, timeoutMs: 200 });
    expect(reading.items).toEqual([]);
    expect(reading.skipped).toEqual([{ source: 'git', problem: `git took longer than 0.2 s to read ${app}, so its commits were left out.` }]);
  });

  it('gives all the repositories of a call one deadline, and names those it left unread', async () => {
    const slowGit = join(root, 'slow-git-total');
    writeFileSync(slowGit, '#!/bin/sh\nexec sleep 30\n');
    chmodSync(slowGit, 0o755);
    const many = [app, app, app, app, app, app].map((_, index) => join(root, `many-${index}`));
    for (const folder of many) {
      mkdirSync(join(folder, '.git'), { recursive: true });
    }
    // The call's clock is the test's: it reads 100 ms later each time it is read, so the deadline is
    // set at 0 and the repositories begin at 100, 200, 300 ms and so on, however fast this machine
    // starts git. Four are begun at once; the fourth finds the 350 ms spent, and so do the two after.
    let reads = 0;
    const now = () => DAY + 100 * reads++;
    const reading = await gitEvidence(many, { ...range, git: slowGit, timeoutMs: 10_000, totalMs: 350, now });
    expect(reading.items).toEqual([]);
    expect(reading.skipped.map((item) => item.problem)).toEqual([
      // Each git call had what was left of the whole, not its own 10 s.
      ...['0.25', '0.15', '0.05'].map((seconds, index) => `git took longer than ${seconds} s to read ${many[index]}, so its commits were left out.`),
      ...many.slice(3).map((folder) => `${folder} was not read: the repositories before it took all the time one call has; name fewer folders.`),
    ]);
  });

  it('asks for the addresses when none is set, rather than reading nothing in silence', async () => {
    const reading = await gitEvidence([code], { ...range, emails: [' '] });
    expect(reading.items).toEqual([]);
    expect(reading.skipped).toEqual([{ source: 'git', problem: expect.stringContaining('No e-mail address of yours') }]);
  });
});

describe('ticketIds', () => {
  it('finds keys and issue numbers as written, each once, in order', () => {
    expect(ticketIds('feature/ABC-123-importer', 'ABC-123: Fix #42 and A1B2-9, see #42')).toEqual(['ABC-123', '#42', 'A1B2-9']);
    expect(ticketIds('bugfix/PAY-7_rounding')).toEqual(['PAY-7']);
  });

  it('leaves out what only looks like one', () => {
    expect(ticketIds('abc-123 A-1 1AB-2 XABCDEFGHIJK-1 ABC-12x C#1 a#2 ABC-')).toEqual([]);
  });
});

describe('branchName', () => {
  it('shortens local, remote and tag refs, and names no branch for a detached HEAD', () => {
    expect(branchName('refs/heads/feature/ABC-1-x')).toBe('feature/ABC-1-x');
    expect(branchName('refs/remotes/origin/fix/y')).toBe('fix/y');
    expect(branchName('refs/prefetch/remotes/origin/main')).toBe('main');
    expect(branchName('refs/tags/v1.2')).toBe('v1.2');
    expect(branchName('refs/pull/7/head')).toBe('pull/7/head');
    expect(branchName('HEAD')).toBe('');
  });
});

describe('parseLog', () => {
  it('refuses an answer out of shape rather than misreading it', () => {
    const hash = 'a'.repeat(40);
    expect(parseLog(`${hash}\0me@x\x001700000000\0refs/heads/main\0Subject\0`)).toEqual([
      { hash, email: 'me@x', time: 1_700_000_000_000, ref: 'refs/heads/main', subject: 'Subject' },
    ]);
    expect(parseLog(`${hash}\0me@x\x001700000000\0refs/heads/main\0Sub\0ject\0`)).toBeNull();
    expect(parseLog(`nothash\0me@x\x001700000000\0refs/heads/main\0Subject\0`)).toBeNull();
  });
});

describe('gitEnvironment', () => {
  it('drops what names another repository, keeps the configuration files, and can neither prompt nor page', () => {
    const env = gitEnvironment('/code/app', { PATH: '/bin', GIT_DIR: '/x/.git', GIT_CONFIG_PARAMETERS: "'a.b'='c'", GIT_TRACE: '1', GIT_CONFIG_GLOBAL: '/g' });
    expect(env).toEqual({
      PATH: '/bin',
      GIT_CONFIG_GLOBAL: '/g',
      GIT_TERMINAL_PROMPT: '0',
      GIT_PAGER: 'cat',
      PAGER: 'cat',
      GIT_NO_LAZY_FETCH: '1',
      GIT_CEILING_DIRECTORIES: '/code',
    });
  });
});
