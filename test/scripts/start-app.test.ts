// `npm start` hands Electron the project folder, so Electron reads package.json: the main script,
// and the app's name "Punchcard" (productName), which names its data folder (~/.config/Punchcard)
// and its single-instance lock. Given the bare script it would call itself "Electron". The
// Electron binary cannot be downloaded here: a stand-in records how it was started.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const folder = mkdtempSync(join(tmpdir(), 'punchcard-start-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

it('starts Electron with the project folder, whose package.json names the app Punchcard and its main script', () => {
  const record = join(folder, 'started.json');
  const standIn = join(folder, 'electron');
  writeFileSync(
    standIn,
    `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args: process.argv.slice(2), runAsNode: process.env.ELECTRON_RUN_AS_NODE ?? null }));\n`,
  );
  chmodSync(standIn, 0o755);
  execFileSync(process.execPath, [join(root, 'scripts', 'start-app.ts'), '--inspect-tray'], {
    env: { PATH: process.env.PATH ?? '', HOME: folder, ELECTRON_OVERRIDE_DIST_PATH: folder, ELECTRON_RUN_AS_NODE: '1' },
  });
  const started = JSON.parse(readFileSync(record, 'utf8')) as { args: string[]; runAsNode: string | null };
  expect(started).toEqual({ args: [root, '--inspect-tray'], runAsNode: null });
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { productName?: string; main?: string };
  expect(manifest.productName).toBe('Punchcard');
  expect(manifest.main).toBe('dist/main/main.js');
});
