// `npm test`: everything CI checks, in two stages of commands that run side by side.
//   1. the build, which the main suite's integration, team and ui projects run;
//   2. the main suite (vite.config.ts's projects), the deployment suite (test/deploy/), lint and the type
//      check. The main suite is bound by the CPU on a two-core machine, but not all the way through:
//      where it waits on servers and back ends, a core is idle for minutes. The deployment suite waits
//      on podman, containers and systemd far more than it computes; lint and the type check run at a
//      low priority (argv below), so they take mostly the CPU the suite leaves: before, they ran beside
//      the build in a stage of their own and every run waited 80 s for them.
// A stage starts once the one before passed. The main suite prints as it goes; what the others print
// is kept and printed whole when they end, so no two outputs interleave. The end says each command's
// time and result, and the exit code is the first failure's.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Command {
  name: string;
  /** The program and its arguments. */
  run: readonly string[];
  /** Its output goes straight to this terminal (one command a stage at most); the others' is kept and printed when it ends. */
  live?: boolean;
  /** Runs at a low priority (`nice -n 10`): it takes the CPU the others of its stage leave. */
  yields?: boolean;
}

export interface Finished {
  name: string;
  code: number;
  seconds: number;
}

export interface Io {
  /** Runs a command to its end; `output` is null for a live one, else where its output goes. */
  execute(command: Command, output: string | null): Promise<number>;
  print(text: string): void;
  now(): number;
  /** Where a kept output goes, by the command's name. */
  outputFile(name: string): string;
  read(file: string): string;
}

/** Runs the stages one after the other, each stage's commands at once; stops after a stage that failed. */
export async function runStages(stages: readonly (readonly Command[])[], io: Io): Promise<{ finished: Finished[]; code: number }> {
  const finished: Finished[] = [];
  for (const stage of stages) {
    const results = await Promise.all(
      stage.map(async (command) => {
        const started = io.now();
        const output = command.live ? null : io.outputFile(command.name);
        const code = await io.execute(command, output);
        const result = { name: command.name, code, seconds: (io.now() - started) / 1000 };
        if (output !== null) io.print(`\n──── ${command.name} (${verdict(result)}) ────\n${io.read(output)}`);
        return result;
      }),
    );
    finished.push(...results);
    if (results.some((result) => result.code !== 0)) break;
  }
  io.print(`\n${summary(finished)}\n`);
  return { finished, code: finished.find((result) => result.code !== 0)?.code ?? 0 };
}

function verdict(result: Finished): string {
  return `${result.code === 0 ? 'passed' : `failed with ${result.code}`} in ${Math.round(result.seconds)} s`;
}

/** One line a command, as the log's last words. */
export function summary(finished: readonly Finished[]): string {
  const width = Math.max(...finished.map((result) => result.name.length));
  return ['npm test:', ...finished.map((result) => `  ${result.name.padEnd(width)}  ${verdict(result)}`)].join('\n');
}

const VITEST = join('node_modules', '.bin', 'vitest');

/** What `npm test` runs (package.json). */
export const STAGES: readonly (readonly Command[])[] = [
  [{ name: 'build', run: ['npm', 'run', '--silent', 'build'] }],
  [
    { name: 'main suite', run: [VITEST, 'run'], live: true },
    { name: 'deployment suite', run: [VITEST, 'run', '--config', 'test/deploy/vitest.config.ts'] },
    { name: 'lint', run: ['npm', 'run', '--silent', 'lint'], yields: true },
    { name: 'typecheck', run: ['npm', 'run', '--silent', 'typecheck'], yields: true },
  ],
];

/**
 * The program and arguments a command runs as: a yielding one under `nice -n 10`, which its children
 * inherit. Linux's idle class (`chrt --idle`) was tried instead: lint and the type check then ran until
 * the browsers' phase, and two whole runs took 1,914 s and about 2,000 s against 1,737 s at nice 10, with
 * some 440 more CPU-seconds, so they stay at 10.
 */
export function argv(command: Command): readonly string[] {
  return command.yields ? ['nice', '-n', '10', ...command.run] : command.run;
}

/** The commands as child processes; a kept output is written to test-output/. */
export function processIo(root: string): Io {
  const children = new Set<ReturnType<typeof spawn>>();
  // Ctrl-C reaches every child of the terminal's group anyway; a plain SIGTERM to this one is passed on.
  process.once('SIGTERM', () => {
    for (const child of children) child.kill('SIGTERM');
  });
  return {
    execute: (command, output) =>
      new Promise((done) => {
        const [program, ...args] = argv(command) as [string, ...string[]];
        const file = output === null ? null : createWriteStream(output);
        const child = spawn(program, args, { cwd: root, stdio: file === null ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
        children.add(child);
        child.stdout?.pipe(file as NodeJS.WritableStream, { end: false });
        child.stderr?.pipe(file as NodeJS.WritableStream, { end: false });
        let ended = false;
        const end = (code: number) => {
          if (ended) return;
          ended = true;
          children.delete(child);
          if (file === null) return done(code);
          file.end(() => done(code));
        };
        child.once('error', (error) => {
          file?.write(`${command.name} could not start: ${error.message}\n`);
          end(127);
        });
        child.once('close', (code, signal) => end(code ?? (signal ? 128 : 1)));
      }),
    print: (text) => process.stdout.write(text),
    now: () => performance.now(),
    outputFile: (name) => {
      const folder = join(root, 'test-output');
      mkdirSync(folder, { recursive: true });
      return join(folder, `${name.replaceAll(' ', '-')}.log`);
    },
    read: (file) => readFileSync(file, 'utf8'),
  };
}

if (import.meta.main) {
  const { code } = await runStages(STAGES, processIo(join(import.meta.dirname, '..')));
  process.exitCode = code;
}
