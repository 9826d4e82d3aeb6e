// The order test files start in, across the four projects (vite.config.ts). Vitest's own sequencer
// runs a project's files only after the previous project's, by name: integration and team (mostly
// waiting on processes and sockets) then ui (Chromium, the CPU), so two workers left a core idle for
// fifteen minutes and then queued on it. This one orders every file as that sequencer orders one
// project's: the longest last time first, or without a record (a fresh clone, as in CI) the largest
// first. Browser files and process files then share the two workers, as they did before the projects.
// The unit files, which share their workers (isolate: false), go last.
import { stat } from 'node:fs/promises';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export class AcrossProjectsSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const recorded = new Map(files.map((file) => [file, cache.getTestSpecificationResult(file)?.duration]));
    const allRecorded = files.every((file) => recorded.get(file) !== undefined);
    const sizes = new Map(await Promise.all(files.map(async (file) => [file, allRecorded ? 0 : (await stat(file.moduleId)).size] as const)));
    const weight = (file: TestSpecification) => (allRecorded ? (recorded.get(file) as number) : (sizes.get(file) as number));
    const shared = (file: TestSpecification) => (file.project.config.isolate === false ? 1 : 0);
    return [...files].sort((a, b) => shared(a) - shared(b) || weight(b) - weight(a));
  }
}
