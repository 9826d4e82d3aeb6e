// Loaded into a team server under the bench with BENCH_TEAM_ALLOCATIONS=1 (node --import): counts the bytes
// the process allocated on V8's heap since it started, and writes the count to BENCH_ALLOCATIONS_FILE each
// time it is sent SIGUSR2, so the bench can divide the bytes a load allocated by its calls. V8 keeps no such
// count itself: what was allocated between two collections is the heap used before the second less the
// heap used after the first (GCProfiler gives both for each collection), and since the last collection,
// the heap used now less after it. Objects allocated and freed within one collection's own work are not
// seen; for a call's garbage, which dies young, that is a floor within a few per cent.
import { writeFileSync } from 'node:fs';
import { GCProfiler, getHeapStatistics } from 'node:v8';

const file = process.env.BENCH_ALLOCATIONS_FILE;
if (file) {
  let profiler = new GCProfiler();
  profiler.start();
  let betweenCollections = 0;
  let usedAfterLast = getHeapStatistics().used_heap_size;
  process.on('SIGUSR2', () => {
    const statistics = profiler.stop()?.statistics ?? [];
    for (const collection of statistics) {
      betweenCollections += collection.beforeGC.heapStatistics.usedHeapSize - usedAfterLast;
      usedAfterLast = collection.afterGC.heapStatistics.usedHeapSize;
    }
    profiler = new GCProfiler();
    profiler.start();
    writeFileSync(file, String(betweenCollections + getHeapStatistics().used_heap_size - usedAfterLast));
  });
}
