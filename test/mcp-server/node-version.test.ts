// A Node too old for the engine (node:sqlite unflagged came with 22.13) is said in words on stderr,
// where clients log a server, and the entry ends before it loads anything; the version check itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINIMUM_NODE, nodeTooOld } from '../../mcp-server/node-version.ts';
import { SERVER_BUNDLE } from '../support/engine.ts';

describe('the Node the engine runs on', () => {
  it.each(['22.13.0', '22.20.1', '23.0.0', '24.11.1', '30.0.0'])('%s is new enough', (version) => {
    expect(nodeTooOld(version)).toBeUndefined();
  });

  it.each(['22.12.0', '22.5.1', '20.18.0', '18.20.4'])('%s is refused in words', (version) => {
    expect(nodeTooOld(version)).toMatch(
      new RegExp(`^Punchcard needs Node\\.js ${MINIMUM_NODE.replace(/\./g, '\\.')} or later .*started with Node\\.js ${version.replace(/\./g, '\\.')}\\.`),
    );
  });

  it('the built entry says so and exits 1 under an older Node, writing nothing on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-old-node-'));
    try {
      // Node 20.18 as Claude Desktop's built-in Node once was: the reported version is what the entry reads.
      const pretend = join(dir, 'pretend-node-20.mjs');
      writeFileSync(pretend, "Object.defineProperty(process.versions, 'node', { value: '20.18.0' });\n");
      const run = spawnSync(process.execPath, ['--import', pretend, SERVER_BUNDLE, '--user-data', dir], {
        encoding: 'utf8',
        input: '',
        env: { PATH: process.env.PATH ?? '', HOME: dir },
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('Punchcard needs Node.js 22.13.0 or later (it keeps the timesheet with node:sqlite); it was started with Node.js 20.18.0.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
