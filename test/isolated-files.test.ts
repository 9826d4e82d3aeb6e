// Every project but `isolated` shares a module graph between the files of a worker (isolate: false in
// vite.config.ts). A file that replaces a module (vi.mock) or imports the built main process, which
// starts the app as it loads, works alone and fails beside another file that did so first: which
// files share a worker changes from run to run, so the failure comes and goes. This holds every such
// file to the isolated project, where each file gets a module graph of its own.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function testFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
  });
}

/** The paths vite.config.ts lists in ISOLATED_TESTS. */
function isolatedFiles(): string[] {
  const config = readFileSync(join(ROOT, 'vite.config.ts'), 'utf8');
  const list = /const ISOLATED_TESTS = \[([\s\S]*?)\];/.exec(config)?.[1];
  if (list === undefined) throw new Error('vite.config.ts has no ISOLATED_TESTS list.');
  return [...list.matchAll(/'([^']+\.test\.ts)'/g)].flatMap((match) => (match[1] === undefined ? [] : [match[1]]));
}

/** A file whose modules another file of its worker would see changed, or would have started already. */
const NEEDS_ITS_OWN_GRAPH = [/\bvi\.(?:do)?[mM]ock\(/, /\bimport\(MAIN_BUNDLE\)/];

it('runs every file that mocks a module or imports the built main process in the isolated project', () => {
  const needing = testFiles(join(ROOT, 'test')).filter((file) => {
    const source = readFileSync(join(ROOT, file), 'utf8');
    return NEEDS_ITS_OWN_GRAPH.some((pattern) => pattern.test(source));
  });
  const isolated = isolatedFiles();
  // The guard names the patterns itself. The isolated list holds more (files that set a global before
  // an import reads it), and every name in it is a file that exists.
  const own = relative(ROOT, import.meta.filename);
  expect(needing.filter((file) => file !== own && !isolated.includes(file))).toEqual([]);
  expect(isolated.filter((file) => !testFiles(join(ROOT, 'test')).includes(file))).toEqual([]);
});
