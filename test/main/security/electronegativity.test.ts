// Electronegativity (docs/electron.md, "Testing without the binary") over the source of main/ and
// renderer/ — not dist/, whose bundles would be scanned too — with an allow-list of reviewed
// findings. A new finding fails the test, and so does an allow-list entry that no longer matches
// anything (it would hide a future one). It runs offline: the checker's attempts to fetch
// translations fail quietly, and the one check that downloads Electron's release list
// (AvailableSecurityFixesGlobalCheck) is left out, because its answer would depend on the network
// rather than on this code (`-e` fixes the version instead).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const SCANNED = ['main', 'renderer'];

interface AllowList {
  electronVersion: string;
  findings: Array<{ check: string; file: string; reason: string }>;
}

interface Finding {
  check: string;
  file: string;
  line: number;
  severity: string;
  description: string;
  sample: string;
}

interface Scan {
  findings: Finding[];
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
  atomicChecks: number;
  globalChecks: number;
}

const allowList = JSON.parse(readFileSync(join(import.meta.dirname, 'electronegativity-allowlist.json'), 'utf8')) as AllowList;

// Runs in a child process: the checker installs globals, logs to stdout and leaves a retrying
// network request behind that crashes its process after the answer is in.
const RUNNER = `
const run = require('@doyensec/electronegativity');
const { writeFileSync } = require('node:fs');
const [input, output, version] = process.argv.slice(1);
run({
  input, isRelative: true, isVerbose: false, customScan: [], parserPlugins: [],
  excludeFromScan: ['availablesecurityfixesglobalcheck'], electronVersionOverride: version,
}, false).then((result) => {
  writeFileSync(output, JSON.stringify({
    atomicChecks: result.atomicChecks,
    globalChecks: result.globalChecks,
    errors: result.errors,
    findings: result.issues.map((issue) => ({
      check: issue.id,
      file: String(issue.file).split('\\\\').join('/'),
      line: issue.location.line,
      severity: issue.severity && issue.severity.name,
      description: issue.description,
      sample: issue.sample === undefined ? '' : String(issue.sample).slice(0, 120),
    })),
  }));
  process.exit(0);
}, (error) => { console.error(error); process.exit(1); });
`;

function electronegativity(input: string): Scan {
  const output = join(input, '..', `${Date.now()}-electronegativity.json`);
  const child = spawnSync(process.execPath, ['-e', RUNNER, input, output, allowList.electronVersion], {
    cwd: ROOT,
    env: { ...process.env, LANG: 'en-US' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (child.status !== 0) throw new Error(`electronegativity failed (${child.status ?? child.signal}):\n${child.stdout}\n${child.stderr}`);
  return JSON.parse(readFileSync(output, 'utf8')) as Scan;
}

const keyOf = (entry: { check: string; file: string }) => `${entry.check} ${entry.file}`;

describe('electronegativity', () => {
  let work: string;
  let scan: Scan;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'punchcard-electronegativity-'));
    // Only the two source folders, as they are in the checkout: the paths in findings read
    // main/… and renderer/… and nothing else in the repository is scanned.
    const source = join(work, 'source');
    for (const folder of SCANNED) {
      cpSync(join(ROOT, folder), join(source, folder), { recursive: true, filter: (path) => !/[\\/](node_modules|dist[^\\/]*)$/.test(path) });
    }
    scan = electronegativity(source);
  }, 150_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('reads every file it scans', () => {
    expect(scan.atomicChecks).toBeGreaterThan(20);
    expect(scan.globalChecks).toBeGreaterThan(3);
    const unreadable = scan.errors.filter((error) => !error.tolerable).map((error) => `${error.file}: ${error.message}`);
    expect(unreadable, 'files the checker could not parse (their findings would be missed)').toEqual([]);
  });

  it('finds nothing that is not in the reviewed allow-list', () => {
    const allowed = new Set(allowList.findings.map(keyOf));
    const unexpected = scan.findings
      .filter((finding) => !allowed.has(keyOf(finding)))
      .map(
        (finding) =>
          `${finding.check} (${finding.severity}) ${finding.file}:${finding.line} — ${finding.description}${finding.sample ? ` — ${finding.sample}` : ''}`,
      );
    expect(
      unexpected,
      'New Electronegativity findings: fix them, or review them and add them to test/main/security/electronegativity-allowlist.json with a reason',
    ).toEqual([]);
  });

  it('has no stale allow-list entries', () => {
    const found = new Set(scan.findings.map(keyOf));
    const stale = allowList.findings.filter((entry) => !found.has(keyOf(entry))).map(keyOf);
    expect(stale, 'Allow-list entries that match no finding any more: remove them').toEqual([]);
  });

  it('gives a reason for every allowed finding, once', () => {
    for (const entry of allowList.findings) expect(entry.reason.trim().length, keyOf(entry)).toBeGreaterThan(20);
    const keys = allowList.findings.map(keyOf);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('would catch an unsafe window (so the checks above can fail)', () => {
    const bad = join(work, 'bad', 'main');
    mkdirSync(bad, { recursive: true });
    writeFileSync(
      join(bad, 'window.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'export const window = new BrowserWindow({ webPreferences: { contextIsolation: false, nodeIntegration: true, sandbox: false } });',
        "window.loadURL('http://example.com/');",
      ].join('\n'),
    );
    const checks = new Set(electronegativity(join(work, 'bad')).findings.map((finding) => finding.check));
    for (const check of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']) {
      expect(checks, check).toContain(check);
    }
  }, 150_000);
});
