// deploy/systemd/punchcard-server.service as systemd reads it: `systemd-analyze verify` finds nothing
// wrong with it (its ExecStart pointed at a program that exists here, as after `npm install -g`), and
// `systemd-analyze security` rates it "OK" or better. Runs with `npm run test:deploy`; without
// systemd-analyze it fails, saying so.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const UNIT = join(import.meta.dirname, '../../../deploy/systemd/punchcard-server.service');

let work: string;
let unit: string;

beforeAll(() => {
  if (spawnSync('systemd-analyze', ['--version']).status !== 0)
    throw new Error('systemd-analyze is not installed (Debian: apt-get install systemd); this test does not skip.');
  work = mkdtempSync(join(tmpdir(), 'punchcard-systemd-'));
  unit = join(work, 'punchcard-server.service');
  // This Node stands in for /usr/local/bin/punchcard-mcp, which `npm install -g` makes.
  writeFileSync(unit, readFileSync(UNIT, 'utf8').replace('/usr/local/bin/punchcard-mcp', process.execPath));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the systemd unit', () => {
  it('passes systemd-analyze verify without a word', async () => {
    const verified = await run('systemd-analyze', ['verify', unit]);
    expect(verified.stderr.trim()).toBe('');
  });

  it('is rated OK or better by systemd-analyze security', async () => {
    const { stdout } = await run('systemd-analyze', ['security', '--offline=true', unit]);
    const exposure = /Overall exposure level for punchcard-server\.service: ([\d.]+) (\w+)/.exec(stdout);
    expect(exposure, stdout).not.toBeNull();
    expect(Number(exposure?.[1])).toBeLessThanOrEqual(2);
    expect(['SAFE', 'OK']).toContain(exposure?.[2]);
  });
});
