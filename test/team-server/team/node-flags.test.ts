// The team server's Node flags (team-server/node-flags.ts) hold however `serve` is started: carried by
// its program's shebang (what the systemd unit and npx run) and the container image's entry point, and
// where a launcher did not carry them (`node punchcard-mcp.mjs serve`, the guide's first command), by
// the program starting itself again with them, in place; where it cannot, it sets what V8 takes
// while running and says the rest in its log. A flag that fell off would leave that launch with V8's
// default young generation, or its old generation free to grow to four times what a full collection
// leaves, and its memory where the bench no longer looks.
import { type ChildProcess, spawn, type SpawnOptions, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { environmentStartedAgain, TEAM_SERVER_ENVIRONMENT, TEAM_SERVER_NODE_FLAGS } from '../../../team-server/node-flags.ts';
import { parse } from 'yaml';
import { TEAM_SERVER_BUNDLE } from '../../support/engine.ts';
import { freePort } from '../../support/team-server.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const scratch = mkdtempSync(join(tmpdir(), 'punchcard-node-flags-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the team server's Node flags", () => {
  it("are in the built program's shebang, and node starts with them when the line is run as the kernel runs it", () => {
    const shebang = readFileSync(TEAM_SERVER_BUNDLE, 'utf8').split('\n', 1)[0] as string;
    expect(shebang).toBe(`#!/usr/bin/env -S node ${TEAM_SERVER_NODE_FLAGS.join(' ')}`);
    // The kernel hands everything after the interpreter to it as one argument; env -S splits it.
    const [interpreter, words] = [shebang.slice(2).split(' ', 1)[0] as string, shebang.slice(2).split(' ').slice(1).join(' ')];
    const probe = join(scratch, 'exec-argv.mjs');
    writeFileSync(probe, 'process.stderr.write(`execArgv ${JSON.stringify(process.execArgv)}\\n`);\n');
    const run = spawnSync(interpreter, [words, TEAM_SERVER_BUNDLE, '--version'], {
      encoding: 'utf8',
      env: { PATH: `${resolve(process.execPath, '..')}:${process.env.PATH ?? ''}`, NODE_OPTIONS: `--import=${probe}` },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^punchcard-mcp \d+\.\d+\.\d+\n$/);
    expect(JSON.parse(/execArgv (.*)/.exec(run.stderr)?.[1] ?? 'null')).toEqual([...TEAM_SERVER_NODE_FLAGS]);
  });

  it('hold the old generation to one and a half times what a full collection leaves, under garbage that outlives the young generation', () => {
    // V8 decides after each full collection how far the old generation may grow before the next: up to
    // four times what survived where the heap may reach 2 GB (the default on a machine of 8 GB or more,
    // pinned here with --max-old-space-size so the machine running the test does not decide), and it
    // goes to four when garbage reaches the old generation faster than it marks, as it does under
    // the bench's load. V8 prints each decision with --trace-gc-verbose ("factor 4.0 based on ...").
    const probe = join(scratch, 'old-generation.mjs');
    writeFileSync(
      probe,
      [
        "import { setFlagsFromString } from 'node:v8';",
        "setFlagsFromString('--trace-gc-verbose');",
        // Arrays kept for a while and then dropped: they outlive the young generation and die old, at about
        // 400 MB in all, which takes several full collections.
        'const kept = new Array(4096);',
        'for (let i = 0; i < 100_000; i++) kept[i % kept.length] = new Array(512).fill(i);',
        "setFlagsFromString('--no-trace-gc-verbose');",
      ].join('\n'),
    );
    const shebang = readFileSync(TEAM_SERVER_BUNDLE, 'utf8').split('\n', 1)[0] as string;
    const [interpreter, words] = [shebang.slice(2).split(' ', 1)[0] as string, shebang.slice(2).split(' ').slice(1).join(' ')];
    const run = spawnSync(interpreter, [words, TEAM_SERVER_BUNDLE, '--version'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { PATH: `${resolve(process.execPath, '..')}:${process.env.PATH ?? ''}`, NODE_OPTIONS: `--max-old-space-size=4096 --import=${probe}` },
    });
    expect(run.status, run.stderr).toBe(0);
    const factors = [...run.stdout.matchAll(/\] factor (\d+(?:\.\d+)?) based on/g)].map((match) => Number(match[1]));
    expect(factors.length, run.stdout.slice(-2000)).toBeGreaterThan(0);
    expect(Math.max(...factors)).toBeLessThanOrEqual(1.5);
  });

  it("are on the container image's entry point, before the program", () => {
    const entrypoint = /^ENTRYPOINT (.*)$/m.exec(readFileSync(join(ROOT, 'Containerfile'), 'utf8'))?.[1];
    expect(JSON.parse(entrypoint ?? 'null')).toEqual(['node', ...TEAM_SERVER_NODE_FLAGS, '/opt/punchcard/punchcard-mcp.mjs']);
  });

  it('reach the systemd unit through the program it runs, not through a node of its own', () => {
    const execStart = /^ExecStart=(.*)$/m.exec(readFileSync(join(ROOT, 'deploy/systemd/punchcard-server.service'), 'utf8'))?.[1];
    expect(execStart).toMatch(/^\/usr\/local\/bin\/punchcard-mcp serve /);
  });

  describe('when serve is started by a command that does not carry them', { timeout: 180_000 }, () => {
    it('are on the command line of the process that serves, the one node started, and V8 holds them there', async () => {
      const served = await serve(process.execPath, [TEAM_SERVER_BUNDLE]);
      // Node started without them, then the same process started again with them, once.
      expect(served.starts).toEqual([[], [...TEAM_SERVER_NODE_FLAGS]]);
      expect(served.commandLine).toEqual([process.execPath, ...TEAM_SERVER_NODE_FLAGS, TEAM_SERVER_BUNDLE, ...served.serveArgs]);
      // Two semi-spaces of 8 MB; V8 counts a page or two beyond them under a busy machine's load
      // (17.75 MB once in the whole suite), against its own 64 MB without the flag.
      expect(served.heap.newSpaceMb).toBeLessThanOrEqual(24);
      expect(served.heap.factors.length, served.stdout.slice(-2000)).toBeGreaterThan(0);
      expect(Math.max(...served.heap.factors)).toBeLessThanOrEqual(1.5);
      // SIGTERM reached the server itself: it finished and ended with its own code.
      expect(served.exit).toEqual({ code: 0, signal: null });
      expect(served.stderr).not.toMatch(/Running without/);
      // Started again with the launchers' environment too, which the command by hand lacked.
      expect([...served.stdout.matchAll(/^probe-arenas (.*)$/gm)].map((match) => match[1])).toEqual(['glibc', TEAM_SERVER_ENVIRONMENT.MALLOC_ARENA_MAX]);
    });

    it("keep node's own value of a flag the command gives, and add only the other", async () => {
      const served = await serve(process.execPath, ['--max-semi-space-size=4', TEAM_SERVER_BUNDLE]);
      expect(served.starts).toEqual([['--max-semi-space-size=4'], ['--max-semi-space-size=4', '--heap-growing-percent=50']]);
      // Two semi-spaces of node's own 4 MB, and under load a page or two beyond them (9 MB once in the whole
      // suite): well below the two of 8 MB (16 MB and more) the server's own flag would have given.
      expect(served.heap.newSpaceMb).toBeLessThanOrEqual(12);
      expect(Math.max(...served.heap.factors)).toBeLessThanOrEqual(1.5);
      expect(served.exit).toEqual({ code: 0, signal: null });
    });

    it("answer a start it refuses with the server's own words and exit code", () => {
      const probe = writeProbe();
      const run = spawnSync(process.execPath, [TEAM_SERVER_BUNDLE, 'serve', '--config', join(scratch, 'no-such-server.json')], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: `--import=${probe}` },
      });
      expect(startsOf(run.stdout)).toEqual([[], [...TEAM_SERVER_NODE_FLAGS]]);
      expect(run.stderr).toMatch(/no-such-server\.json/);
      expect(run.status).toBe(1);
    });

    it('set what V8 takes while running, and say the rest at start, where the process cannot start again', async () => {
      // A channel to the parent process is a descriptor a process started again in place would lose.
      const served = await serve(process.execPath, [TEAM_SERVER_BUNDLE], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
      expect(served.starts).toEqual([[]]);
      expect(Math.max(...served.heap.factors)).toBeLessThanOrEqual(1.5);
      // The log of `serve --dev` is written for a person at a terminal.
      const warning = served.stderr.split('\n').find((line) => line.includes('Running without'));
      expect(warning, served.stderr).toMatch(/\bWARN\b/);
      expect(warning).toContain('Running without --max-semi-space-size=8: node was started with a channel to its parent process');
      expect(warning).toContain(`node ${TEAM_SERVER_NODE_FLAGS.join(' ')} ${TEAM_SERVER_BUNDLE} serve`);
      expect(served.exit).toEqual({ code: 0, signal: null });
    });
  });

  it("are on the command line of the process that serves when its shebang starts it, which starts no second time with the launchers' environment", {
    timeout: 180_000,
  }, async () => {
    const shebang = readFileSync(TEAM_SERVER_BUNDLE, 'utf8').split('\n', 1)[0] as string;
    const [interpreter, words] = [shebang.slice(2).split(' ', 1)[0] as string, shebang.slice(2).split(' ').slice(1).join(' ')];
    const served = await serve(interpreter, [words, TEAM_SERVER_BUNDLE], { env: { ...TEAM_SERVER_ENVIRONMENT } });
    expect(served.starts).toEqual([[...TEAM_SERVER_NODE_FLAGS]]);
    expect(served.commandLine.slice(1)).toEqual([...TEAM_SERVER_NODE_FLAGS, TEAM_SERVER_BUNDLE, ...served.serveArgs]);
    expect(Math.max(...served.heap.factors)).toBeLessThanOrEqual(1.5);
    expect(served.exit).toEqual({ code: 0, signal: null });
  });

  it('start the npm bin once more for the environment a shebang cannot set, with the same flags', { timeout: 180_000 }, async () => {
    const shebang = readFileSync(TEAM_SERVER_BUNDLE, 'utf8').split('\n', 1)[0] as string;
    const [interpreter, words] = [shebang.slice(2).split(' ', 1)[0] as string, shebang.slice(2).split(' ').slice(1).join(' ')];
    const served = await serve(interpreter, [words, TEAM_SERVER_BUNDLE]);
    expect(served.starts).toEqual([[...TEAM_SERVER_NODE_FLAGS], [...TEAM_SERVER_NODE_FLAGS]]);
    expect([...served.stdout.matchAll(/^probe-arenas (.*)$/gm)].map((match) => match[1])).toEqual(['glibc', TEAM_SERVER_ENVIRONMENT.MALLOC_ARENA_MAX]);
    expect(served.exit).toEqual({ code: 0, signal: null });
  });
});

/**
 * Loaded into every node process of a start (NODE_OPTIONS=--import): says each start's Node options on
 * stdout, and on SIGUSR2, in the process then serving, makes garbage that outlives the young generation
 * and says what V8 did with it: the young generation's largest size, and each growing factor it chose
 * after a full collection (--trace-gc-verbose: "factor 4.0 based on ..."), which it prints on stdout.
 */
function writeProbe(): string {
  const probe = join(scratch, 'probe.mjs');
  writeFileSync(
    probe,
    [
      "import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';",
      'process.stdout.write(`probe-start ${JSON.stringify(process.execArgv)}\\n`);',
      'process.stdout.write(`probe-arenas ${process.env.MALLOC_ARENA_MAX ?? "glibc"}\\n`);',
      "process.on('SIGUSR2', () => {",
      "  const newSpace = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;",
      "  setFlagsFromString('--trace-gc-verbose');",
      '  const kept = new Array(4096);',
      '  let largest = 0;',
      '  for (let i = 0; i < 300_000; i++) {',
      '    kept[i % kept.length] = new Array(512).fill(i);',
      '    if (i % 1000 === 0) largest = Math.max(largest, newSpace());',
      '  }',
      "  setFlagsFromString('--no-trace-gc-verbose');",
      '  process.stdout.write(`probe-end ${JSON.stringify({ newSpaceMb: largest / 2 ** 20 })}\\n`);',
      '});',
    ].join('\n'),
  );
  return probe;
}

/** The Node options of each start the probe saw, in order. */
function startsOf(stdout: string): string[][] {
  return [...stdout.matchAll(/^probe-start (.*)$/gm)].map((match) => JSON.parse(match[1] as string) as string[]);
}

interface Served {
  serveArgs: string[];
  starts: string[][];
  /** /proc's command line of the process the test started, while it served. */
  commandLine: string[];
  heap: { newSpaceMb: number; factors: number[] };
  exit: { code: number | null; signal: NodeJS.Signals | null };
  stdout: string;
  stderr: string;
}

/** `command args… serve --dev` on a free port until it listens; the probe's garbage made there; then SIGTERM. */
async function serve(command: string, args: readonly string[], options: Pick<SpawnOptions, 'stdio'> & { env?: Record<string, string> } = {}): Promise<Served> {
  const probe = writeProbe();
  const data = mkdtempSync(join(scratch, 'serve-'));
  const serveArgs = ['serve', '--dev', '--data', data, '--port', String(await freePort())];
  const child: ChildProcess = spawn(command, [...args, ...serveArgs], {
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
    env: {
      ...options.env,
      PATH: `${resolve(process.execPath, '..')}:${process.env.PATH ?? ''}`,
      HOME: data,
      // The heap's limit pinned, so the machine running the test does not decide V8's growing factor.
      NODE_OPTIONS: `--max-old-space-size=4096 --import=${probe}`,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<Served['exit']>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  try {
    await until(
      () => /listening on/.test(stderr),
      () => `it did not listen:\n${stderr}`,
    );
    const commandLine = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
    child.kill('SIGUSR2');
    await until(
      () => /^probe-end /m.test(stdout),
      () => `the probe did not end:\n${stderr}`,
    );
    const end = JSON.parse(/^probe-end (.*)$/m.exec(stdout)?.[1] ?? 'null') as { newSpaceMb: number };
    const factors = [...stdout.matchAll(/\] factor (\d+(?:\.\d+)?) based on/g)].map((match) => Number(match[1]));
    child.kill('SIGTERM');
    return { serveArgs, starts: startsOf(stdout), commandLine, heap: { newSpaceMb: end.newSpaceMb, factors }, exit: await exit, stdout, stderr };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

async function until(done: () => boolean, failure: () => string): Promise<void> {
  for (const started = Date.now(); !done(); await new Promise((resolve) => setTimeout(resolve, 50)))
    if (Date.now() - started > 60_000) throw new Error(failure());
}

describe("the team server's environment (MALLOC_ARENA_MAX)", () => {
  const expected = Object.entries(TEAM_SERVER_ENVIRONMENT);

  it('is added to the environment serve starts again with, where it names no value of its own', () => {
    expect(environmentStartedAgain({ PATH: '/bin', HOME: undefined })).toEqual({ ...TEAM_SERVER_ENVIRONMENT, PATH: '/bin' });
    expect(environmentStartedAgain({ MALLOC_ARENA_MAX: '4' }).MALLOC_ARENA_MAX).toBe('4');
  });

  it("is in the container image's environment", () => {
    // ENV's lines, continued with a backslash, as NAME=value pairs.
    const env = [...readFileSync(join(ROOT, 'Containerfile'), 'utf8').matchAll(/^ENV ((?:.*\\\n)*.*)$/gm)].flatMap((match) =>
      (match[1] as string).split(/\s*\\\n\s*|\s+/).filter(Boolean),
    );
    for (const [name, value] of expected) expect(env).toContain(`${name}=${value}`);
  });

  it("is in the systemd unit's environment", () => {
    const unit = readFileSync(join(ROOT, 'deploy/systemd/punchcard-server.service'), 'utf8');
    const env = [...unit.matchAll(/^Environment=(.*)$/gm)].flatMap((match) => (match[1] as string).split(/\s+/));
    for (const [name, value] of expected) expect(env).toContain(`${name}=${value}`);
  });

  it("is in compose's environment for the server, whichever image it runs", () => {
    const compose = parse(readFileSync(join(ROOT, 'deploy/compose.yaml'), 'utf8')) as { services: { server: { environment: Record<string, string> } } };
    for (const [name, value] of expected) expect(compose.services.server.environment[name]).toBe(value);
  });
});
