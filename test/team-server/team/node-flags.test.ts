// The team server's Node flags (team-server/node-flags.ts) reach node on every way it is launched: its
// program's shebang (what the systemd unit and npx run), and the container image's entry point. A flag
// that fell off one of them would leave that launch with V8's default young generation, and its memory
// where the bench no longer looks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEAM_SERVER_NODE_FLAGS } from '../../../team-server/node-flags.ts';
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

  it("are on the container image's entry point, before the program", () => {
    const entrypoint = /^ENTRYPOINT (.*)$/m.exec(readFileSync(join(ROOT, 'Containerfile'), 'utf8'))?.[1];
    expect(JSON.parse(entrypoint ?? 'null')).toEqual(['node', ...TEAM_SERVER_NODE_FLAGS, '/opt/punchcard/punchcard-mcp.mjs']);
  });

  it('reach the systemd unit through the program it runs, not through a node of its own', () => {
    const execStart = /^ExecStart=(.*)$/m.exec(readFileSync(join(ROOT, 'deploy/systemd/punchcard-server.service'), 'utf8'))?.[1];
    expect(execStart).toMatch(/^\/usr\/local\/bin\/punchcard-mcp serve /);
  });
});
