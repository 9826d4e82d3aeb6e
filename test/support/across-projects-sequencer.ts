// The order test files start in. Every project but `isolated` shares its workers (isolate: false in
// vite.config.ts), and Vitest hands a finished worker the next file only when that file is of the same
// project; otherwise the worker ends and the next file pays a fresh one and its module graph again. So
// a project's files run together: first the files that wait on processes and sockets (integration,
// team), while the deployment suite runs beside them (scripts/test-all.ts) and takes the CPU they leave;
// then the browser files, the CPU-bound part, once podman has done: its networks no longer come and go
// under Chromium, and the browsers have both cores; then the unit project's many quick files, which fill
// the end of the run.
//
// Within a project the longest file goes first, so that none of them is still running alone at the end.
// How long a file takes comes from file-durations.json, measured in a whole run and committed, never
// from Vitest's own record of the last run: a fresh clone (CI) has none, and a run of part of a file
// records that part. Once, a file run with a filter was recorded at 45 s, and the next whole run started
// the accessibility sweep (400 s) last among the browser files, alone at the end for six minutes. A file
// the table does not know yet (a new one) goes first in its project: it may be long, and a short one
// at the start costs nothing. `node scripts/file-durations.ts` writes the table again after a whole run.
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The projects in the order they run; a project not named here runs after these. */
export const PROJECT_ORDER = ['isolated', 'integration', 'team', 'ui', 'unit'];

/** Seconds a file took in a whole run, by project and by path from the repository's root. */
export type FileDurations = Record<string, Record<string, number>>;

export const DURATIONS_FILE = join(import.meta.dirname, 'file-durations.json');

export interface FileToOrder {
  project: string;
  /** From the repository's root. */
  path: string;
  /** Its size in bytes: the order among files the table does not know. */
  size: number;
}

/** The files in the order they start: by project, then the unknown by size and the known by duration, the largest first. */
export function orderFiles<T extends FileToOrder>(files: readonly T[], durations: FileDurations): T[] {
  const rank = (file: T) => {
    const at = PROJECT_ORDER.indexOf(file.project);
    return at === -1 ? PROJECT_ORDER.length : at;
  };
  const known = (file: T) => durations[file.project]?.[file.path];
  return [...files].sort((a, b) => {
    const [durationA, durationB] = [known(a), known(b)];
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    if (durationA === undefined || durationB === undefined) {
      if (durationA !== durationB) return durationA === undefined ? -1 : 1;
      return b.size - a.size;
    }
    return durationB - durationA;
  });
}

export function readDurations(file = DURATIONS_FILE): FileDurations {
  return JSON.parse(readFileSync(file, 'utf8')) as FileDurations;
}

export class AcrossProjectsSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const described = await Promise.all(
      files.map(async (file) => ({ file, project: file.project.name, path: relative(root, file.moduleId), size: (await stat(file.moduleId)).size })),
    );
    return orderFiles(described, readDurations()).map((entry) => entry.file);
  }
}
