// Writes test/support/file-durations.json, the seconds each test file took, from Vitest's record of the
// run just made: run it right after a whole `npm test` (a run of part of the suite, or of part of a
// file, records only that part). The sequencer starts the longest files of a project first
// (test/support/across-projects-sequencer.ts), and a file the table lacks before all of them: so every
// file is in it, to a tenth of a second.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DURATIONS_FILE, type FileDurations, PROJECT_ORDER } from '../test/support/across-projects-sequencer.ts';

interface VitestResults {
  projects: Record<string, { files: Record<string, { duration?: number; failed?: boolean }> }>;
}

/**
 * The table from Vitest's results: seconds to a tenth, sorted by project and path; a file with no duration
 * (skipped) is left out, and so are projects the sequencer does not order (the deployment suite's).
 */
export function durationsFrom(results: VitestResults): FileDurations {
  const table: FileDurations = {};
  for (const project of Object.keys(results.projects)
    .filter((name) => PROJECT_ORDER.includes(name))
    .sort()) {
    const files = results.projects[project]?.files ?? {};
    const kept = Object.keys(files)
      .sort()
      .flatMap((path) => {
        const duration = files[path]?.duration;
        return duration === undefined ? [] : [[path, Math.round(duration / 100) / 10] as const];
      });
    if (kept.length > 0) table[project] = Object.fromEntries(kept);
  }
  return table;
}

if (import.meta.main) {
  // One folder per Vitest config: the main suite's is the one whose record has the unit project.
  const cache = join(import.meta.dirname, '..', 'node_modules', '.vite', 'vitest');
  const records = readdirSync(cache)
    .map((folder) => join(cache, folder, 'results.json'))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as VitestResults)
    .filter((results) => results.projects.unit !== undefined);
  if (records.length !== 1) throw new Error(`Expected one record of the main suite's results under ${cache}, found ${records.length}: run npm test first.`);
  const table = durationsFrom(records[0] as VitestResults);
  writeFileSync(DURATIONS_FILE, `${JSON.stringify(table, null, 2)}\n`);
  const count = Object.values(table).reduce((sum, files) => sum + Object.keys(files).length, 0);
  console.log(`${count} files in ${DURATIONS_FILE}`);
}
