// The git source of a day's evidence: the person's own commits in a range, from the repositories the
// settings name (git-repositories.ts finds them), read by the git executable itself. Only what `git log`
// says of a commit is read (its hash, author address and time, the ref that reached it and its subject):
// never a diff, a file or a commit's body, and never the network. A folder or repository that cannot be
// read is a sentence in `skipped`, never a failure of the whole source.
import { type ExecFileException, execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { normalizeEmail } from '../contract/back-end-accounts.ts';
import { withoutHiddenCharacters } from '../plain-text.ts';
import { EVIDENCE_LIMITS, type EvidenceItem, type SkippedSource, type SourceReading } from './evidence.ts';
import { findRepositories, type Repository } from './git-repositories.ts';
import { ticketIds } from './tickets.ts';

export interface GitEvidenceOptions {
  /** The range, epoch milliseconds: a commit counts when its author time is in [from, to). */
  from: number;
  to: number;
  /** The person's addresses: a commit is theirs when its author address is one of them, in any case. */
  emails: readonly string[];
  /** The git executable; `git` on the PATH by default. */
  git?: string;
  /** Lower limits than EVIDENCE_LIMITS' (a test's); never higher. */
  limits?: { commits?: number; repositories?: number };
  /** How long one git call may take, in milliseconds (10 s by default). */
  timeoutMs?: number;
  /** How long all the repositories may take together (25 s by default: a tool call has 45 s in all, domain/call-limits.ts). */
  totalMs?: number;
  /** The clock that deadline is kept on (Date.now by default; a test's decides when time passes). */
  now?: () => number;
}

/** The commits of the person in the range, from the repositories in `folders`. */
export async function gitEvidence(folders: readonly string[], options: GitEvidenceOptions): Promise<SourceReading> {
  // Compared as the settings keep them (normalizeEmail): a commit by a look-alike address is not the person's.
  const emails = new Set(options.emails.map(normalizeEmail).filter((email) => email !== ''));
  if (emails.size === 0) {
    return skippedOnly('No e-mail address of yours is set in the evidence settings, so no commit can be told to be yours: add the addresses you commit with.');
  }
  const commitLimit = Math.min(options.limits?.commits ?? EVIDENCE_LIMITS.commits, EVIDENCE_LIMITS.commits);
  const repositoryLimit = Math.min(options.limits?.repositories ?? EVIDENCE_LIMITS.repositories, EVIDENCE_LIMITS.repositories);
  const found = findRepositories(folders, repositoryLimit);
  const skipped: SkippedSource[] = found.problems.map((problem) => ({ source: 'git', problem }));
  const git = options.git ?? 'git';
  // Each repository's answer is narrowed to the person's commits in the range as it comes, so what is
  // held at once is four answers of git and the person's own commits, not every repository's history.
  const isTheirs = (commit: Commit) => emails.has(normalizeEmail(commit.email)) && commit.time >= options.from && commit.time < options.to;
  // Fifty repositories that each take git its whole timeout would outlast the tool call: each call gets
  // at most what is left of the whole, and a repository not begun in time is a sentence.
  const now = options.now ?? Date.now;
  const deadline = now() + (options.totalMs ?? GIT_TOTAL_MS);
  const readings = await eachWithin(READERS, found.repositories, async (repository): Promise<Reading> => {
    const left = deadline - now();
    if (left <= 0)
      return { kind: 'problem', problem: `${repository.path} was not read: the repositories before it took all the time one call has; name fewer folders.` };
    const reading = await readRepository(repository, git, options.from, options.to, Math.min(options.timeoutMs ?? GIT_TIMEOUT_MS, left));
    return reading.kind === 'commits' ? { kind: reading.kind, commits: reading.commits.filter(isTheirs) } : reading;
  });

  const noGit = readings.find((reading) => reading.kind === 'no-git');
  if (noGit) {
    const problem =
      noGit.code === 'ENOENT'
        ? `git was not found on this computer (${git}): install git, or turn the git evidence off in the settings.`
        : `git could not be run (${git}: ${noGit.code}): check that it is a program this account may run.`;
    skipped.push({ source: 'git', problem });
    return { items: [], skipped };
  }
  const items: EvidenceItem[] = [];
  // One commit in two repositories (a clone beside its origin, a fork, a bare mirror) is one piece of
  // work: the first repository's is kept, in the stable order of the folders.
  const hashes = new Set<string>();
  let leftOut = 0;
  for (const [index, reading] of readings.entries()) {
    if (reading.kind === 'problem') {
      skipped.push({ source: 'git', problem: reading.problem });
      continue;
    }
    if (reading.kind === 'no-git') continue;
    const repository = found.repositories[index] as Repository;
    for (const commit of reading.commits) {
      if (hashes.has(commit.hash)) continue;
      hashes.add(commit.hash);
      if (items.length < commitLimit) items.push(commitItem(repository.name, commit));
      else leftOut++;
    }
  }
  if (leftOut > 0) {
    skipped.push({
      source: 'git',
      problem: `You made more than ${commitLimit} commits in the range: ${leftOut} were left out (the first repositories' were read); ask for fewer days.`,
    });
  }
  return { items, skipped };
}

/** What `git log` says of one commit. */
export interface Commit {
  hash: string;
  email: string;
  /** Author time, epoch milliseconds. */
  time: number;
  /** The full ref that reached it (`refs/heads/main`), or HEAD for a commit only a detached HEAD reaches. */
  ref: string;
  subject: string;
}

/** The longest subject a draft shows; the whole subject is still matched by rules and past bookings. */
const SUBJECT_CHARACTERS = 200;

/**
 * One commit as evidence. Its subject, its branch and its repository's folder name are someone else's
 * text (a commit pulled from a colleague, a repository cloned from anywhere): they lose controls and
 * hidden characters (plain-text.ts) before anything matches or shows them. The key keeps the folder's
 * name as it is, so a draft's id does not change with the cleaning.
 */
export function commitItem(repository: string, commit: Commit): EvidenceItem {
  const subject = withoutHiddenCharacters(commit.subject).trim();
  const branch = withoutHiddenCharacters(branchName(commit.ref));
  const name = withoutHiddenCharacters(repository).trim() || 'git';
  return {
    source: 'git',
    key: `git:${repository}:${commit.hash}`,
    start: commit.time,
    end: commit.time,
    text: shortened(subject, SUBJECT_CHARACTERS),
    matchTexts: [subject, branch, name].filter((text) => text !== ''),
    tickets: ticketIds(branch, subject),
    group: name,
  };
}

/**
 * The branch as a person names it: `refs/heads/x` and `refs/remotes/origin/x` are both `x` (the work
 * is the same whether pushed or not), a tag its name; a detached HEAD names no branch.
 */
export function branchName(ref: string): string {
  if (ref === 'HEAD') return '';
  const named = /^refs\/(?:heads|tags)\/(.+)$/.exec(ref) ?? /^refs\/(?:prefetch\/)?remotes\/[^/]+\/(.+)$/.exec(ref);
  if (named) return named[1] as string;
  return ref.replace(/^refs\//, '');
}

function shortened(text: string, limit: number): string {
  // By code points, so an emoji at the cut is not split into half a surrogate pair.
  const characters = Array.from(text);
  return characters.length <= limit ? text : `${characters.slice(0, limit - 1).join('')}…`;
}

// One git call reads one repository; four at a time keep a machine's cores for the person's own work.
const READERS = 4;
const GIT_TIMEOUT_MS = 10_000;
/** All the repositories of one call together. */
const GIT_TOTAL_MS = 25_000;
// A month of a busy monorepo's commits by everyone is a few megabytes in this format (100,000 commits of
// short subjects are 11 MB); four such answers at once stay well within an engine's memory.
const GIT_OUTPUT_BYTES = 32 * 1024 * 1024;
// `--since` and `--until` select by committer time, the range is of author time. A commit is committed
// at or after it is written, but a clock may be off: a day before the range is read too. A rebase or
// a cherry-pick commits again, days or weeks later, what was written in the range: a month after it is
// read too. `--until` only filters git's answer; `--since` is what stops git's walk early.
const BEFORE_SLACK_S = 24 * 3600;
const AFTER_SLACK_S = 31 * 24 * 3600;

// Hash, author address, author time (seconds), the ref that reached it, subject: NUL between them, and
// NUL after each commit (-z). A subject holds no NUL, whatever else it holds (`%`, tabs, any script).
const FORMAT = '%H%x00%ae%x00%at%x00%S%x00%s';
const FIELDS = 5;

type Reading = { kind: 'commits'; commits: Commit[] } | { kind: 'problem'; problem: string } | { kind: 'no-git'; code: string };

async function readRepository(repository: Repository, git: string, from: number, to: number, timeoutMs: number): Promise<Reading> {
  const since = Math.floor(from / 1000) - BEFORE_SLACK_S;
  const until = Math.ceil(to / 1000) + AFTER_SLACK_S;
  const args = [
    '--no-pager',
    '--no-optional-locks',
    '-C',
    repository.path,
    // Nothing of the repository's own configuration runs a program: no file-system monitor, no hook,
    // no signature check (gpg for every commit), and the subjects come as UTF-8 whatever it says.
    '-c',
    'core.fsmonitor=false',
    '-c',
    'core.hooksPath=/dev/null',
    '-c',
    'log.showSignature=false',
    '-c',
    'i18n.logOutputEncoding=UTF-8',
    'log',
    // Every ref but those that hold no work of a branch: a stash's commits are work set aside, and
    // notes' commits are notes; a remote's HEAD only repeats one of its branches under no name.
    '--exclude=refs/stash',
    '--exclude=refs/notes/*',
    '--exclude=refs/remotes/*/HEAD',
    '--all',
    '--source',
    '-z',
    '--no-color',
    `--format=${FORMAT}`,
    `--since=@${since}`,
    `--until=@${until}`,
    '--',
  ];
  const { error, stdout, stderr } = await run(git, args, gitEnvironment(repository.path), timeoutMs);
  if (error) {
    // With -C naming the repository, the process's own folder is never missing: ENOENT is git itself.
    if (error.code === 'ENOENT' || error.code === 'EACCES') return { kind: 'no-git', code: error.code };
    if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
      return { kind: 'problem', problem: `git's answer for ${repository.path} was larger than ${GIT_OUTPUT_BYTES / 1024 / 1024} MB: ask for fewer days.` };
    }
    if (error.killed) {
      return { kind: 'problem', problem: `git took longer than ${timeoutMs / 1000} s to read ${repository.path}, so its commits were left out.` };
    }
    const said = firstLine(stderr);
    return { kind: 'problem', problem: `git could not read ${repository.path}: ${said || `it ended with ${error.code ?? error.signal}`}.` };
  }
  const commits = parseLog(stdout);
  if (!commits) return { kind: 'problem', problem: `git's answer for ${repository.path} could not be understood, so its commits were left out.` };
  return { kind: 'commits', commits };
}

/** The commits of `git log -z --format=FORMAT`, or null where the answer is not in that shape. */
export function parseLog(output: string): Commit[] | null {
  if (output === '') return [];
  const fields = output.split('\0');
  // Each commit ends with a NUL, so the last field is the empty text after the last one.
  if (fields.pop() !== '' || fields.length % FIELDS !== 0) return null;
  const commits: Commit[] = [];
  for (let at = 0; at < fields.length; at += FIELDS) {
    const [hash, email, seconds, ref, subject] = fields.slice(at, at + FIELDS) as [string, string, string, string, string];
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(hash) || !/^[0-9]+$/.test(seconds)) return null;
    commits.push({ hash, email, time: Number(seconds) * 1000, ref, subject });
  }
  return commits;
}

function firstLine(text: string): string {
  const line = withoutHiddenCharacters(text.trim().split('\n')[0] ?? '').trim();
  return line.replace(/^(fatal|error): /, '').replace(/\.$/, '');
}

// Git's own variables that an engine started under git (from a hook, an alias, a rebase's exec) would
// inherit: they name another repository (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE…), carry its `-c`
// settings (GIT_CONFIG_PARAMETERS) or write traces into the stderr whose first line is reported
// (GIT_TRACE). Kept: where git is installed and which configuration files the person chose.
const KEPT_GIT_VARIABLES = new Set(['GIT_EXEC_PATH', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_NOSYSTEM']);

/** The environment of a git call: nothing can prompt, page, fetch, or look above the repository. */
export function gitEnvironment(repository: string, inherited: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(inherited)) {
    if (!name.toUpperCase().startsWith('GIT_') || KEPT_GIT_VARIABLES.has(name.toUpperCase())) environment[name] = value;
  }
  return {
    ...environment,
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    // A partial clone fetches a missing object when asked for it; git log's format needs none, and here
    // no git call may reach the network even so (git 2.45 and later honour it).
    GIT_NO_LAZY_FETCH: '1',
    // A folder whose .git is broken would otherwise be read as the repository above it.
    GIT_CEILING_DIRECTORIES: dirname(repository),
  };
}

function run(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeout: number,
): Promise<{ error: ExecFileException | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout, killSignal: 'SIGKILL', maxBuffer: GIT_OUTPUT_BYTES, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) =>
      resolve({ error, stdout, stderr }),
    );
  });
}

/** `work` on each item, at most `width` at once; the answers in the items' order. */
async function eachWithin<T, R>(width: number, items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const answers: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      answers[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return answers;
}

function skippedOnly(problem: string): SourceReading {
  return { items: [], skipped: [{ source: 'git', problem }] };
}
