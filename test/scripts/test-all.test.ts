// `npm test`'s runner (scripts/test-all.ts): stages one after the other, each stage's commands at once,
// nothing after a stage that failed, a kept output printed whole, and the first failure's exit code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { argv, type Command, type Io, processIo, runStages, STAGES, summary } from '../../scripts/test-all.ts';
import { getPriority } from 'node:os';

/** An Io whose commands end when the test says, with the codes it gives: what ran, and in what order, is recorded. */
function scriptedIo(codes: Record<string, number>) {
  const events: string[] = [];
  const printed: string[] = [];
  const pending = new Map<string, () => void>();
  let clock = 0;
  const io: Io = {
    execute: (command) =>
      new Promise((done) => {
        events.push(`start ${command.name}`);
        pending.set(command.name, () => {
          events.push(`end ${command.name}`);
          done(codes[command.name] ?? 0);
        });
      }),
    print: (text) => printed.push(text),
    now: () => (clock += 1_000),
    outputFile: (name) => `out/${name}`,
    read: (file) => `(what ${file} said)`,
  };
  /** Ends a running command, once everything before it had its turn. */
  const finish = async (name: string) => {
    await new Promise((resolve) => setImmediate(resolve));
    const end = pending.get(name);
    if (!end) throw new Error(`${name} is not running; ran: ${events.join(', ')}`);
    pending.delete(name);
    end();
  };
  return { io, events, printed, finish };
}

const cmd = (name: string, live = false): Command => ({ name, run: ['true'], ...(live ? { live } : {}) });

describe('runStages', () => {
  it("starts a stage's commands together, and the next stage only when all of them passed", async () => {
    const { io, events, finish } = scriptedIo({});
    const run = runStages([[cmd('lint'), cmd('build')], [cmd('suite', true)]], io);
    await finish('build');
    await finish('lint');
    await finish('suite');
    expect((await run).code).toBe(0);
    expect(events).toEqual(['start lint', 'start build', 'end build', 'end lint', 'start suite', 'end suite']);
  });

  it('runs nothing after a stage that failed, and exits with the first failure', async () => {
    const { io, events, printed, finish } = scriptedIo({ typecheck: 2, lint: 1 });
    const run = runStages([[cmd('lint'), cmd('typecheck')], [cmd('suite', true)]], io);
    await finish('lint');
    await finish('typecheck');
    const { code, finished } = await run;
    expect(code).toBe(1);
    expect(events).not.toContain('start suite');
    expect(finished.map((result) => [result.name, result.code])).toEqual([
      ['lint', 1],
      ['typecheck', 2],
    ]);
    expect(printed.at(-1)).toMatch(/lint\s+failed with 1 in \d+ s\n\s+typecheck\s+failed with 2 in \d+ s/);
  });

  it('prints a kept output whole when its command ends, and a live one not at all', async () => {
    const { io, printed, finish } = scriptedIo({});
    const run = runStages([[cmd('suite', true), cmd('deploy')]], io);
    await finish('deploy');
    await finish('suite');
    await run;
    expect(printed.filter((text) => text.includes('(what'))).toEqual([
      expect.stringMatching(/^\n──── deploy \(passed in \d+ s\) ────\n\(what out\/deploy said\)$/),
    ]);
  });
});

describe('summary', () => {
  it('says each command, its result and its time, aligned', () => {
    expect(
      summary([
        { name: 'lint', code: 0, seconds: 18.6 },
        { name: 'main suite', code: 1, seconds: 512.2 },
      ]),
    ).toBe('npm test:\n  lint        passed in 19 s\n  main suite  failed with 1 in 512 s');
  });
});

describe('the commands npm test runs', () => {
  it('are the build, then both suites, the main one live, with lint and the type check yielding beside them', () => {
    expect(STAGES.map((stage) => stage.map((command) => [command.name, command.live === true, command.yields === true]))).toEqual([
      [['build', false, false]],
      [
        ['main suite', true, false],
        ['deployment suite', false, false],
        ['lint', false, true],
        ['typecheck', false, true],
      ],
    ]);
    expect(STAGES[1]?.[1]?.run).toContain('test/deploy/vitest.config.ts');
  });
});

describe('processIo', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('runs a yielding command ten steps nicer than itself, and the rest as nice as itself', async () => {
    const root = mkdtempSync(join(tmpdir(), 'punchcard-test-all-'));
    folders.push(root);
    const io = processIo(root);
    const printNice = [process.execPath, '-e', 'console.log(require("node:os").getPriority())'];
    const yielding = io.outputFile('yielding');
    expect(await io.execute({ name: 'yielding', run: printNice, yields: true }, yielding)).toBe(0);
    const plain = io.outputFile('plain');
    expect(await io.execute({ name: 'plain', run: printNice }, plain)).toBe(0);
    const own = getPriority();
    expect(Number(io.read(plain).trim())).toBe(own);
    expect(Number(io.read(yielding).trim())).toBe(Math.min(own + 10, 19));
    expect(argv({ name: 'lint', run: ['npm', 'run', 'lint'], yields: true })).toEqual(['nice', '-n', '10', 'npm', 'run', 'lint']);
  });

  it("keeps a child's output and stderr in its file, and gives its exit code; a program that does not exist is 127", async () => {
    const root = mkdtempSync(join(tmpdir(), 'punchcard-test-all-'));
    folders.push(root);
    const io = processIo(root);
    const file = io.outputFile('a command');
    expect(file).toBe(join(root, 'test-output', 'a-command.log'));
    const code = await io.execute({ name: 'a command', run: [process.execPath, '-e', 'console.log("out"); console.error("err"); process.exit(3)'] }, file);
    expect(code).toBe(3);
    expect(io.read(file).split('\n').sort()).toEqual(['', 'err', 'out']);
    const missing = io.outputFile('missing');
    expect(await io.execute({ name: 'missing', run: [join(root, 'no-such-program')] }, missing)).toBe(127);
    expect(io.read(missing)).toMatch(/^missing could not start: .*ENOENT/);
  });
});
