// The team server's Node flags (team-server/node-flags.ts) reach node on every way it is launched: its
// program's shebang (what the systemd unit and npx run), and the container image's entry point. A flag
// that fell off one of them would leave that launch with V8's default young generation, or its old
// generation free to grow to four times what a full collection leaves, and its memory where the bench
// no longer looks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEAM_SERVER_ENVIRONMENT, TEAM_SERVER_NODE_FLAGS } from '../../../team-server/node-flags.ts';
import { parse } from 'yaml';
import { TEAM_SERVER_BUNDLE } from '../../support/engine.ts';

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

  it('hold the old generation to twice what a full collection leaves, under garbage that outlives the young generation', () => {
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
    expect(Math.max(...factors)).toBeLessThanOrEqual(2);
  });

  it("are on the container image's entry point, before the program", () => {
    const entrypoint = /^ENTRYPOINT (.*)$/m.exec(readFileSync(join(ROOT, 'Containerfile'), 'utf8'))?.[1];
    expect(JSON.parse(entrypoint ?? 'null')).toEqual(['node', ...TEAM_SERVER_NODE_FLAGS, '/opt/punchcard/punchcard-mcp.mjs']);
  });

  it('reach the systemd unit through the program it runs, not through a node of its own', () => {
    const execStart = /^ExecStart=(.*)$/m.exec(readFileSync(join(ROOT, 'deploy/systemd/punchcard-server.service'), 'utf8'))?.[1];
    expect(execStart).toMatch(/^\/usr\/local\/bin\/punchcard-mcp serve /);
  });
});

describe("the team server's environment (MALLOC_ARENA_MAX)", () => {
  const expected = Object.entries(TEAM_SERVER_ENVIRONMENT);

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
