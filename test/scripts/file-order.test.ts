// The order test files start in (test/support/across-projects-sequencer.ts) and the table of durations it
// reads (scripts/file-durations.ts): a project's files together in the projects' order, the longest first,
// and a file the table lacks before the rest of its project; the table made from Vitest's record.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { durationsFrom } from '../../scripts/file-durations.ts';
import { orderFiles, readDurations } from '../support/across-projects-sequencer.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('orderFiles', () => {
  it('runs the projects in their order, each project longest first, with a file the table lacks at its start', () => {
    const files = [
      { project: 'unit', path: 'test/a.test.ts', size: 10 },
      { project: 'ui', path: 'test/renderer/small-but-long.test.ts', size: 100 },
      { project: 'ui', path: 'test/renderer/large-but-quick.test.ts', size: 90_000 },
      { project: 'ui', path: 'test/renderer/new.test.ts', size: 50 },
      { project: 'ui', path: 'test/renderer/new-and-larger.test.ts', size: 500 },
      { project: 'integration', path: 'test/e2e.test.ts', size: 1 },
      { project: 'elsewhere', path: 'test/x.test.ts', size: 1 },
    ];
    const durations = { ui: { 'test/renderer/small-but-long.test.ts': 406, 'test/renderer/large-but-quick.test.ts': 2.5 }, unit: { 'test/a.test.ts': 0.1 } };
    expect(orderFiles(files, durations).map((file) => `${file.project} ${file.path}`)).toEqual([
      'integration test/e2e.test.ts',
      'ui test/renderer/new-and-larger.test.ts',
      'ui test/renderer/new.test.ts',
      'ui test/renderer/small-but-long.test.ts',
      'ui test/renderer/large-but-quick.test.ts',
      'unit test/a.test.ts',
      'elsewhere test/x.test.ts',
    ]);
  });
});

describe('the table of durations', () => {
  it("is made from Vitest's record: seconds to a tenth, skipped files and projects the sequencer does not order left out", () => {
    const results = {
      projects: {
        unit: { files: { 'test/b.test.ts': { duration: 1_234.5 }, 'test/a.test.ts': { duration: 40 }, 'test/skipped.test.ts': {} } },
        '': { files: { 'test/deploy/container/compose.test.ts': { duration: 191_000 } } },
        ui: { files: { 'test/renderer/ui-accessibility.test.ts': { duration: 406_172 } } },
      },
    };
    expect(durationsFrom(results)).toEqual({ ui: { 'test/renderer/ui-accessibility.test.ts': 406.2 }, unit: { 'test/a.test.ts': 0, 'test/b.test.ts': 1.2 } });
  });

  it('as committed, names files that exist, and gives the longest files their measured place', () => {
    const table = readDurations();
    const missing = Object.values(table).flatMap((files) => Object.keys(files).filter((path) => !existsSync(join(ROOT, path))));
    expect(missing).toEqual([]);
    // The accessibility sweep is the longest browser file by far: it must never start late again.
    const ui = Object.entries(table.ui ?? {}).sort((a, b) => b[1] - a[1]);
    expect(ui[0]?.[0]).toBe('test/renderer/ui-accessibility.test.ts');
  });
});
