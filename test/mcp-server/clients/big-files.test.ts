// Claude Code keeps every project's history in ~/.claude.json, and people who use it daily have
// files of 65 to 100 MB. Registration must take them as Claude Code itself does: a 100 MB file
// registers and unregisters byte-exactly over the built CLI, within a bounded heap. Other clients'
// files keep their own, smaller limit. (How long this takes is measured by `npm run bench`.)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_BUNDLE } from '../../support/engine.ts';
import { claudeCodeHistory } from '../../support/big-config.ts';

const NODE = realpathSync(process.execPath);
/**
 * The heap the CLI gets here: less than three times the file, so a registrar that built a parse tree
 * of the whole file (gigabytes at this size) or kept many copies of it dies instead of passing.
 */
const HEAP_MB = 384;

let home: string;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function cli(...args: string[]) {
  const result = spawnSync(NODE, [`--max-old-space-size=${HEAP_MB}`, SERVER_BUNDLE, ...args], {
    env: { PATH: '/usr/bin:/bin', HOME: home },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return result;
}

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'punchcard-big-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('a 100 MB ~/.claude.json', () => {
  it('registers and unregisters byte-exactly, with every other server and project kept', () => {
    const path = join(home, '.claude.json');
    const original = claudeCodeHistory(100 * 1024 * 1024);
    writeFileSync(path, original);
    expect(statSync(path).size).toBeGreaterThanOrEqual(100 * 1024 * 1024);

    const registered = cli('register', 'claude-code');
    expect(registered.stderr).toBe('');
    expect(registered.status).toBe(0);
    expect(registered.stdout).toContain('Registered Punchcard with Claude Code.');
    const after = readFileSync(path);
    const config = JSON.parse(after.toString('utf8')) as { mcpServers: Record<string, { command: string }>; projects: Record<string, unknown> };
    expect(Object.keys(config.mcpServers)).toEqual(['github', 'punchcard']);
    expect(config.mcpServers.punchcard?.command).toBe(NODE);
    expect(Object.keys(config.projects).length).toBe(Object.keys((JSON.parse(original.toString('utf8')) as typeof config).projects).length);

    const unregistered = cli('unregister', 'claude-code');
    expect(unregistered.status).toBe(0);
    expect(sha256(readFileSync(path))).toBe(sha256(original));
  }, 240_000);
});

describe('limits per client', () => {
  it("refuses a 20 MB Claude Desktop file in words and leaves it as it was, where Claude Code's may be larger", () => {
    const folder = join(home, '.config', 'Claude');
    mkdirSync(folder, { recursive: true });
    const path = join(folder, 'claude_desktop_config.json');
    const original = Buffer.from(`{"mcpServers": {}, "padding": "${'x'.repeat(20 * 1024 * 1024)}"}\n`);
    writeFileSync(path, original);
    const result = cli('register', 'claude-desktop');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      `${path} is 20 MB, more than the 16 MB this client's settings file can sensibly be, so Punchcard does not read it. It was left untouched.`,
    );
    expect(readFileSync(path).equals(original)).toBe(true);
  }, 60_000);
});
