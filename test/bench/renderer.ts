// The settings window's size and speed (docs/decisions.md, "Benchmarks measure, tests assert"): the
// gzipped JavaScript it loads, and how long a cold window takes from navigation start to the Status
// screen showing its data, in Debian's Chromium against the fake bridge over loopback HTTP (the
// app's IPC is faster, so this is an upper bound). Targets are reported, never enforced.
//
// `runRendererBench(row, progress)` is what test/bench/run.ts calls; `node test/bench/renderer.ts`
// runs it alone and prints a table. Uses $PUNCHCARD_UI_DIST or dist/renderer.
import './product-pace.ts';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { startBridgeServer } from '../renderer/bridge-server.ts';
import { createFakeBridge } from '../renderer/fake-bridge.ts';
import { launchChromium, openWindow, rendererDist, serveRenderer, firstDataTime } from '../renderer/harness.ts';
import { describeTiming, roundSummary, summarize, type Summary } from './stats.ts';

const COLD_LOADS = 15;
export const RENDERER_TARGETS = { jsGzipKb: 200, firstDataMedianMs: 300 };
/** Cold loads of the Timesheet with a week of about 200 entries. */
const BUSY_LOADS = 8;

export interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface RendererBenchResults {
  dist: string;
  js: AssetSize[];
  jsGzipBytes: number;
  css: AssetSize[];
  cssGzipBytes: number;
  /** Navigation start → the Status screen's data rendered (the app's `punchcard:first-data` mark). */
  firstData: Summary;
  /** Navigation start → first contentful paint (the shell), for scale. */
  firstContentfulPaint: Summary;
  /** Navigation start → the Timesheet showing a week of about 200 entries. */
  busyWeekFirstData: Summary;
  /** A click on "Previous week" → that week shown, and back: the bridge calls it cost. */
  weekSwitch: { renderMs: Summary; callsPerSwitch: number };
  targets: typeof RENDERER_TARGETS;
  met: { size: boolean; firstData: boolean };
}

type Row = (benchmark: string, result: string, target?: { text: string; met: boolean }) => void;

/** Gzip level 9 sizes of the built window's assets with the given extension. */
export function assetSizes(dist: string, extension: '.js' | '.css'): AssetSize[] {
  const folder = join(dist, 'assets');
  return readdirSync(folder)
    .filter((file) => file.endsWith(extension))
    .sort()
    .map((file) => {
      const body = readFileSync(join(folder, file));
      return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: constants.Z_BEST_COMPRESSION }).length };
    });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function runRendererBench(row: Row = () => {}, progress: (text: string) => void = () => {}): Promise<RendererBenchResults> {
  const dist = rendererDist();
  const js = assetSizes(dist, '.js');
  const css = assetSizes(dist, '.css');
  if (js.length === 0) throw new Error(`${dist}/assets holds no JavaScript: is it a renderer build?`);
  const jsGzipBytes = js.reduce((sum, asset) => sum + asset.gzipBytes, 0);
  const cssGzipBytes = css.reduce((sum, asset) => sum + asset.gzipBytes, 0);
  const sizeMet = jsGzipBytes <= RENDERER_TARGETS.jsGzipKb * 1024;
  row(
    'Settings window JavaScript, gzip -9',
    `${kb(jsGzipBytes)} (${kb(js.reduce((sum, asset) => sum + asset.bytes, 0))} raw, ${js.length} file${js.length === 1 ? '' : 's'})`,
    {
      text: `≤ ${RENDERER_TARGETS.jsGzipKb} KB`,
      met: sizeMet,
    },
  );
  row('  its stylesheet, gzip -9', kb(cssGzipBytes));

  progress(`settings window: ${COLD_LOADS} cold loads in Chromium (+1 unmeasured)`);
  const fake = createFakeBridge();
  const bridge = await startBridgeServer(fake);
  const server = await serveRenderer(dist, { bridge: bridge.url });
  const browser = await launchChromium();
  const firstData: number[] = [];
  const paint: number[] = [];
  try {
    for (let run = -1; run < COLD_LOADS; run++) {
      // A new context each time: empty cache, fresh page, as when the window opens.
      const window = await openWindow(browser, { url: server.url, token: bridge.token, hash: 'status' });
      try {
        const ms = await firstDataTime(window.page);
        const fcp = await window.page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN);
        if (window.problems.all.length > 0) throw new Error(`The window reported problems: ${window.problems.all.join('; ')}`);
        if (run < 0) continue;
        firstData.push(ms);
        if (Number.isFinite(fcp)) paint.push(fcp);
      } finally {
        await window.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
    await bridge.close();
  }
  progress(`timesheet: ${BUSY_LOADS} cold loads of a week of about 200 entries`);
  const busy = await measureBusyWeek();
  row('Timesheet cold load, a week of about 200 entries → rendered', describeTiming(busy.firstData, 'load'));
  row(
    '  switching week → the other week rendered',
    `${describeTiming(busy.switchMs, 'turn')}; ${busy.callsPerSwitch} bridge call per new week, none for a week seen`,
  );
  const firstDataSummary = summarize(firstData);
  const paintSummary = summarize(paint.length > 0 ? paint : [Number.NaN]);
  const firstDataMet = firstDataSummary.median <= RENDERER_TARGETS.firstDataMedianMs;
  row('Settings window cold load → Status data rendered (Chromium)', describeTiming(firstDataSummary, 'load'), {
    text: `median ≤ ${RENDERER_TARGETS.firstDataMedianMs} ms`,
    met: firstDataMet,
  });
  row('  first contentful paint (the shell)', describeTiming(paintSummary, 'load'));
  return {
    dist,
    js,
    jsGzipBytes,
    css,
    cssGzipBytes,
    firstData: roundSummary(firstDataSummary),
    firstContentfulPaint: roundSummary(paintSummary),
    busyWeekFirstData: roundSummary(busy.firstData),
    weekSwitch: { renderMs: roundSummary(busy.switchMs), callsPerSwitch: busy.callsPerSwitch },
    targets: RENDERER_TARGETS,
    met: { size: sizeMet, firstData: firstDataMet },
  };
}

/** The Timesheet with a busy week: cold loads, then week switches, each timed from the click to the new week's rows. */
async function measureBusyWeek(): Promise<{ firstData: Summary; switchMs: Summary; callsPerSwitch: number }> {
  // The fake's week is this computer's week: the window opens on the week of its own today.
  const fake = createFakeBridge({ busyWeek: 'whole', now: Date.now() });
  const bridge = await startBridgeServer(fake);
  const server = await serveRenderer(rendererDist(), { bridge: bridge.url });
  const browser = await launchChromium();
  const loads: number[] = [];
  const switches: number[] = [];
  let callsPerSwitch = 0;
  try {
    for (let run = -1; run < BUSY_LOADS; run++) {
      const window = await openWindow(browser, { url: server.url, token: bridge.token, hash: 'timesheet' });
      try {
        const ms = await firstDataTime(window.page);
        if (window.problems.all.length > 0) throw new Error(`The window reported problems: ${window.problems.all.join('; ')}`);
        if (run >= 0) loads.push(ms);
        if (run !== BUSY_LOADS - 1) continue;
        // The last window: back a week and forward again, a few times.
        const sheet = window.page.locator('section.screen-timesheet');
        for (let turn = 0; turn < 6; turn++) {
          const before = fake.calls.filter((call) => call.name === 'getTimesheet').length;
          const shown = await sheet.locator('.period').innerText();
          const started = await window.page.evaluate(() => performance.now());
          await sheet.getByRole('button', { name: turn % 2 === 0 ? 'Previous week' : 'Next week' }).click();
          // The other week's title and its days: the earlier week is empty in the fake, this one full.
          await window.page.waitForFunction((before) => document.querySelector('section.screen-timesheet .period')?.textContent !== before, shown);
          await sheet
            .locator(turn % 2 === 0 ? '.empty-day' : 'li.entry')
            .first()
            .waitFor();
          switches.push((await window.page.evaluate(() => performance.now())) - started);
          if (turn === 0) callsPerSwitch = fake.calls.filter((call) => call.name === 'getTimesheet').length - before;
        }
      } finally {
        await window.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
    await bridge.close();
  }
  return { firstData: summarize(loads), switchMs: summarize(switches), callsPerSwitch };
}

if (import.meta.main) {
  const rows: Array<{ benchmark: string; result: string; target: string; met: string }> = [];
  const results = await runRendererBench(
    (benchmark, result, target) => rows.push({ benchmark, result, target: target?.text ?? '', met: target ? (target.met ? 'yes' : 'NO') : '' }),
    (text) => process.stderr.write(`[bench] ${text}\n`),
  );
  const width = (key: 'benchmark' | 'result' | 'target') => Math.max(key.length, ...rows.map((entry) => entry[key].length));
  const line = (entry: (typeof rows)[number]) =>
    [entry.benchmark.padEnd(width('benchmark')), entry.result.padEnd(width('result')), entry.target.padEnd(width('target')), entry.met].join('  ').trimEnd();
  console.log(line({ benchmark: 'Benchmark', result: 'Result', target: 'Target', met: 'Met' }));
  for (const entry of rows) console.log(line(entry));
  const output = resolve(import.meta.dirname, '../../test-output/bench-renderer.json');
  mkdirSync(resolve(output, '..'), { recursive: true });
  writeFileSync(output, `${JSON.stringify({ generatedAt: new Date().toISOString(), ...results }, null, 2)}\n`);
  console.log(`\nJSON: ${output}`);
}
