// The team server's image for `npm run bench` (Containerfile): how long the build takes from the built
// bundle, what the image adds over its base (podman image inspect), and how soon a container answers:
// `--version` run to exit, and `serve --dev` run to /readyz, a few times each, then `podman stop`
// (SIGTERM) to exit. The base image is made first where the machine has none
// (scripts/container-base.sh). Without podman the bench fails, saying so: a missing number is not
// a measurement. `node test/bench/container-image.ts` runs it alone.
import './product-pace.ts';
import { randomBytes } from 'node:crypto';
import { freePort } from '../support/team-server.ts';
import { BASE_IMAGE, buildImage, ensureBaseImage, IMAGE, imageSize, podman, podmanOk, requirePodman, waitForOk } from '../deploy/container/podman.ts';
import { round, roundSummary, summarize, type Summary } from './stats.ts';

type Row = (benchmark: string, result: string) => void;

const STARTS = 3;

export interface ContainerImageResults {
  baseImageMadeSeconds: number | null;
  buildSeconds: number;
  imageMb: number;
  addedOverBaseMb: number;
  versionRunMs: Summary;
  startToReadyMs: Summary;
  stopMs: Summary;
}

export async function containerImageBenchmarks(row: Row, progress: (text: string) => void): Promise<ContainerImageResults> {
  requirePodman();
  progress('container image: the base image');
  const baseImageMadeSeconds = ensureBaseImage();
  progress('container image: building');
  const buildSeconds = await buildImage();
  const size = await imageSize(IMAGE);
  const added = size - (await imageSize(BASE_IMAGE));
  const versionRuns: number[] = [];
  const ready: number[] = [];
  const stops: number[] = [];
  for (let index = 0; index < STARTS; index++) {
    progress(`container image: start ${index + 1} of ${STARTS}`);
    let started = performance.now();
    await podmanOk(['run', '--rm', '--read-only', IMAGE, '--version']);
    versionRuns.push(performance.now() - started);
    const name = `punchcard-bench-${randomBytes(4).toString('hex')}`;
    const port = await freePort();
    started = performance.now();
    await podmanOk([
      'run',
      '--detach',
      '--name',
      name,
      '--network',
      'host',
      '--read-only',
      IMAGE,
      'serve',
      '--dev',
      '--data',
      '/var/lib/punchcard/dev',
      '--port',
      String(port),
    ]);
    try {
      await waitForOk(`http://127.0.0.1:${port}/readyz`);
      ready.push(performance.now() - started);
      started = performance.now();
      await podmanOk(['stop', '--time', '30', name]);
      stops.push(performance.now() - started);
    } finally {
      await podman(['rm', '--force', '--volumes', name]);
    }
  }
  const results: ContainerImageResults = {
    baseImageMadeSeconds: baseImageMadeSeconds === null ? null : round(baseImageMadeSeconds, 1),
    buildSeconds: round(buildSeconds, 1),
    imageMb: round(size / 1e6, 1),
    addedOverBaseMb: round(added / 1e6, 1),
    versionRunMs: roundSummary(summarize(versionRuns)),
    startToReadyMs: roundSummary(summarize(ready)),
    stopMs: roundSummary(summarize(stops)),
  };
  row('container image: base image made', baseImageMadeSeconds === null ? 'already on this machine' : `${results.baseImageMadeSeconds} s`);
  row('container image: build from the bundle', `${results.buildSeconds} s`);
  row('container image: size / added over the base', `${results.imageMb} MB / ${results.addedOverBaseMb} MB`);
  row(`container image: --version, run to exit (median of ${STARTS})`, `${round(results.versionRunMs.median, 0)} ms`);
  row(`container image: serve, run to /readyz (median of ${STARTS})`, `${round(results.startToReadyMs.median, 0)} ms`);
  row(`container image: podman stop to exit (median of ${STARTS})`, `${round(results.stopMs.median, 0)} ms`);
  return results;
}

if (import.meta.main) {
  const results = await containerImageBenchmarks(
    (benchmark, result) => console.log(`${benchmark}: ${result}`),
    (text) => process.stderr.write(`[bench] ${text}\n`),
  );
  console.log(JSON.stringify(results, null, 2));
}
