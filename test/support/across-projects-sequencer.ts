// The order test files start in. Every project but `isolated` shares its workers (isolate: false in
// vite.config.ts), and Vitest hands a finished worker the next file only when that file is of the same
// project; otherwise the worker ends and the next file pays a fresh one and its module graph again. So
// a project's files run together: first the files that wait on processes and sockets (integration,
// team), while the deployment suite runs beside them (scripts/test-all.ts) and takes the CPU they leave;
// then the browser files, the CPU-bound part, once podman has done: its networks no longer come and go
// under Chromium, and the browsers have both cores; then the unit project's many quick files, which fill
// the end of the run. Within a project the longest last time goes first, or without a record (a fresh
// clone, as in CI) the largest.
import { stat } from 'node:fs/promises';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The projects in the order they run; a project not named here runs after these. */
const PROJECT_ORDER = ['isolated', 'integration', 'team', 'ui', 'unit'];

export class AcrossProjectsSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const recorded = new Map(files.map((file) => [file, cache.getTestSpecificationResult(file)?.duration]));
    const allRecorded = files.every((file) => recorded.get(file) !== undefined);
    const sizes = new Map(await Promise.all(files.map(async (file) => [file, allRecorded ? 0 : (await stat(file.moduleId)).size] as const)));
    const weight = (file: TestSpecification) => (allRecorded ? (recorded.get(file) as number) : (sizes.get(file) as number));
    const rank = (file: TestSpecification) => {
      const at = PROJECT_ORDER.indexOf(file.project.name);
      return at === -1 ? PROJECT_ORDER.length : at;
    };
    return [...files].sort((a, b) => rank(a) - rank(b) || weight(b) - weight(a));
  }
}
