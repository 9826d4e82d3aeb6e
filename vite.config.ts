// One configuration for the whole project (docs/decisions.md, "One build configuration").
// `vite build` builds four environments:
//   client     the settings window (React)         → dist/renderer/
//   main       the Electron main process (ESM)     → dist/main/main.js
//   preload    the window's bridge (CommonJS)      → dist/preload/preload.cjs
//   mcpServer  the engine                          → dist/mcp-server/punchcard-mcp.mjs (+ chunks/)
//   teamServer the team server (team-server/)      → dist/team-server/punchcard-mcp.mjs (+ chunks/)
// The app packs the first four (electron-builder.yml); the team server's image and package take the
// last alone, which holds the engine as well.
// It also holds the Vitest setup.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import type { EnvironmentOptions, Plugin } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';
import { AcrossProjectsSequencer } from './test/support/across-projects-sequencer.ts';
import { PATIENCE_MS } from './test/support/patience.ts';
import type { OpeningManifest } from './mcp-server/stdio/opening.ts';
import { TEAM_SERVER_NODE_FLAGS } from './team-server/node-flags.ts';
import { bundledPackages } from './scripts/sbom/bundled-packages.ts';

const here = (path: string) => resolve(import.meta.dirname, path);
// Parallel work (several checkouts' builds at once) can build elsewhere: PUNCHCARD_OUT=dist-mine.
const out = process.env.PUNCHCARD_OUT ?? 'dist';

// Native modules cannot be bundled: they load a compiled .node file next to their JavaScript.
const nativeModules = ['@napi-rs/keyring'];
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`), 'node:sqlite'];

const OPENING_MANIFEST = 'virtual:punchcard-opening-manifest';
const APP_PAGES = 'virtual:punchcard-app-pages';

/**
 * The engine answers the opening of a connection (initialize, server/discover, tools/list) before
 * the SDK loads, from answers captured here by asking the SDK itself, in the same build that bundles
 * it (mcp-server/stdio/opening-manifest.ts). Tests get the same module through this plugin.
 */
function openingManifest(): Plugin {
  return {
    name: 'punchcard-opening-manifest',
    resolveId: (id) => (id === OPENING_MANIFEST ? `\0${OPENING_MANIFEST}` : undefined),
    async load(id) {
      if (id !== `\0${OPENING_MANIFEST}`) return undefined;
      // Loaded by Node itself (type stripping), not bundled into this config.
      const source = pathToFileURL(here('mcp-server/stdio/opening-manifest.ts')).href;
      const { captureOpeningManifest } = (await import(/* @vite-ignore */ source)) as { captureOpeningManifest: () => Promise<OpeningManifest> };
      return `export default ${JSON.stringify(await captureOpeningManifest())};`;
    },
  };
}

/**
 * The MCP Apps' pages (renderer/apps): one React bundle, its script and styles handed to the engine
 * as strings, which mcp-server/apps/pages.ts inlines into each app's self-contained page. Built on
 * first use (the engine loads the module only when a client reads a page); tests get the same.
 */
function appPages(pages: AppPagesBuild): Plugin {
  return {
    name: 'punchcard-app-pages',
    resolveId: (id) => (id === APP_PAGES ? `\0${APP_PAGES}` : undefined),
    async load(id) {
      if (id !== `\0${APP_PAGES}`) return undefined;
      const { script, style } = await pages.built();
      return `export default ${JSON.stringify({ script, style })};`;
    },
  };
}

/** The apps' pages, built once on first use; their modules are kept for the list of bundled packages (bundledPackageList). */
interface AppPagesBuild {
  built(): Promise<{ script: string; style: string; moduleIds: string[] }>;
}

function appPagesBuild(): AppPagesBuild {
  let built: Promise<{ script: string; style: string; moduleIds: string[] }> | undefined;
  return { built: () => (built ??= buildAppPages()) };
}

async function buildAppPages(): Promise<{ script: string; style: string; moduleIds: string[] }> {
  const { build } = await import('vite');
  const result = await build({
    configFile: false,
    root: here('renderer/apps'),
    logLevel: 'warn',
    plugins: [react()],
    mode: 'production',
    define: { 'process.env.NODE_ENV': '"production"' },
    // React's production JSX, also where the build runs inside a test (vitest sets NODE_ENV=test, and vite
    // would then emit development JSX calls that the production React bundled here does not have).
    oxc: { jsx: { development: false } },
    build: {
      write: false,
      target: 'chrome120',
      minify: true,
      cssCodeSplit: false,
      modulePreload: false,
      reportCompressedSize: false,
      rolldownOptions: { input: here('renderer/apps/main.tsx') },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Array<{
    output: Array<{ type: string; fileName: string; code?: string; source?: string | Uint8Array; modules?: Record<string, { renderedLength: number }> }>;
  }>;
  const files = outputs.flatMap((entry) => entry.output);
  const scripts = files.filter((file) => file.type === 'chunk');
  if (scripts.length !== 1) throw new Error(`The apps must build into one script; they built into ${scripts.length}.`);
  const style = files
    .filter((file) => file.fileName.endsWith('.css'))
    .map((file) => String(file.source))
    .join('\n');
  return { script: scripts[0]?.code ?? '', style, moduleIds: renderedModules(scripts) };
}

/** The modules whose code a chunk holds: those tree-shaking left nothing of are not shipped. */
function renderedModules(chunks: ReadonlyArray<{ modules?: Record<string, { renderedLength: number }> }>): string[] {
  return chunks.flatMap((chunk) =>
    Object.entries(chunk.modules ?? {})
      .filter(([, module]) => module.renderedLength > 0)
      .map(([id]) => id),
  );
}

/**
 * The npm packages the engine's and the team server's bundles hold code of, written to
 * dist/bundled/ENVIRONMENT.json for their SBOMs (scripts/sbom.ts): their libraries are inlined, so no
 * node_modules folder shows them. The apps' pages count where a bundle holds them. Not shipped: the
 * app (electron-builder.yml), the image and the packages leave dist/bundled/ out.
 */
function bundledPackageList(pages: AppPagesBuild): Plugin {
  return {
    name: 'punchcard-bundled-packages',
    applyToEnvironment: (environment) => environment.name === 'mcpServer' || environment.name === 'teamServer',
    async writeBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      const ids = new Set(renderedModules(chunks));
      if (ids.has(`\0${APP_PAGES}`)) for (const id of (await pages.built()).moduleIds) ids.add(id);
      const folder = here(`${out}/bundled`);
      mkdirSync(folder, { recursive: true });
      const file = this.environment.name === 'mcpServer' ? 'mcp-server.json' : 'team-server.json';
      writeFileSync(resolve(folder, file), `${JSON.stringify(bundledPackages(ids, here('.')), null, 2)}\n`);
    },
  };
}

/**
 * One chunk per stage, holding its modules and everything they import statically that an earlier
 * stage does not. Node pays for every file it loads (resolve, read, look up the compile cache, link), and a
 * client waits for the engine's opening, then for its first call: a file each instead of a dozen.
 */
function stageGroups(stages: ReadonlyArray<{ name: string; modules: readonly string[] }>) {
  type Context = { getModuleInfo(id: string): { importedIds: readonly string[] } | null };
  let owner: Map<string, string> | undefined;
  const ownerOf = (id: string, context: Context) => {
    if (!owner) {
      owner = new Map();
      for (const stage of stages) {
        const queue = [...stage.modules];
        for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
          if (owner.has(next)) continue;
          owner.set(next, stage.name);
          queue.push(...(context.getModuleInfo(next)?.importedIds ?? []));
        }
      }
    }
    return owner.get(id);
  };
  // An earlier stage's group wins a module both reach (higher priority).
  return stages.map((stage, index) => ({
    name: (id: string, context: Context) => (ownerOf(id, context) === stage.name ? stage.name : null),
    priority: stages.length - index,
  }));
}

/**
 * One chunk per back end: a back end's cells each load their code with a dynamic import of their own
 * (mcp-server/providers/grid/cell.ts), which would make a file of each; the tracker loads them all at once, so they
 * are one file, with what the back end's folder holds beside them. What a stage owns (a back end's offers, which the
 * opening reads) stays in the stage: a stage's group has the higher priority.
 */
const BACK_END_GROUP = {
  name: (id: string) => {
    const folder = /[\\/]mcp-server[\\/]providers[\\/]([\w-]+)[\\/]/.exec(id)?.[1];
    return folder === undefined || SHARED_PROVIDER_FOLDERS.has(folder) ? null : `${folder}-tracker`;
  },
  priority: 0,
};
/** The folders of providers/ grouped no further: what every back end shares, and the local timesheet (one import loads it whole). */
const SHARED_PROVIDER_FOLDERS = new Set(['parts', 'grid', 'remote', 'outbox', 'local']);

/** The engine's own modules (mcp-server/), which have no effect when loaded: see nodeBundle's treeshake. */
const ENGINE_MODULES = /[\\/]mcp-server[\\/](?!node_modules[\\/]).*\.ts$/;

/**
 * A Node-side bundle (main process or engine): every dependency inlined so start-up does not walk
 * node_modules (cold start is dominated by module resolution otherwise), except native modules,
 * Node's built-ins and whatever else the runtime provides (`electron` for the main process).
 */
function nodeBundle(options: {
  entry: string;
  outDir: string;
  fileName: string;
  format: 'es' | 'cjs';
  external?: string[];
  banner?: string;
  /** Let dynamic imports become their own files, loaded when first needed. */
  split?: boolean;
  /** With `split`: the stages a process loads one after the other, each into one file (stageGroups). */
  stages?: ReadonlyArray<{ name: string; modules: readonly string[] }>;
  /**
   * Sources a long-running process holds in memory as little as it can: without JSDoc and annotation
   * comments (licences stay), and all ASCII (V8 keeps a source with one character past Latin-1 as
   * two bytes a character; escaped, it is one). Names are kept: stacks in the log stay readable.
   */
  lean?: boolean;
}): EnvironmentOptions {
  const external = [...nativeModules, ...nodeBuiltins, ...(options.external ?? [])];
  return {
    consumer: 'server',
    resolve: { noExternal: true, external },
    build: {
      ssr: options.entry,
      outDir: here(options.outDir),
      emptyOutDir: true,
      target: 'node22',
      minify: false,
      sourcemap: true,
      reportCompressedSize: false,
      rolldownOptions: {
        external,
        // The engine's modules do nothing when loaded but define what they export (no module of
        // mcp-server/ runs code at its top level, or is imported for its effect alone; the entries are
        // always kept). Said so, a module none of whose exports a bundle uses is left out of it: the
        // hosts import the engine through its public entries (mcp-server/for-the-app.ts,
        // for-the-team-server.ts), and what one command does not use stays out of its chunks.
        treeshake: { moduleSideEffects: [{ test: ENGINE_MODULES, external: false, sideEffects: false }] },
        output: {
          entryFileNames: options.fileName,
          // date-holidays' entry is its src/index.js; "holidays" says what the chunk is.
          // The apps' pages (one module of strings) get a name that says what they are, too.
          chunkFileNames: (chunk: { facadeModuleId: string | null }) =>
            chunk.facadeModuleId?.includes('/node_modules/date-holidays/')
              ? 'chunks/holidays-[hash].mjs'
              : chunk.facadeModuleId?.includes(APP_PAGES)
                ? 'chunks/app-pages-[hash].mjs'
                : 'chunks/[name]-[hash].mjs',
          format: options.format,
          ...(options.lean ? { comments: { legal: true, annotation: false, jsdoc: false }, charset: 'ascii' as const } : {}),
          // The back ends' group beside the stages only: a group takes its modules' dependencies along (zod, say), which
          // the stages' groups take first; without stages (the team server's build) it would pull them into a chunk
          // loaded at start, and a long-running server pays nothing for a back end's few files.
          codeSplitting: options.split ? (options.stages ? { groups: [...stageGroups(options.stages), BACK_END_GROUP] } : true) : false,
          // The banner (a shebang) belongs to the entry alone; chunks are never run directly.
          ...(options.banner ? { banner: (chunk: { isEntry: boolean }) => (chunk.isEntry ? (options.banner ?? '') : '') } : {}),
        },
      },
    },
  };
}

/**
 * The administrator's guide (docs/team-server/*.md) in the team server's build, as docs/: the image and
 * the server package copy that folder whole, so the guide the command line's help names
 * (team-server/cli/serve-usage.ts) is beside the program wherever it runs, with no checkout or network.
 */
function teamServerGuide(): Plugin {
  return {
    name: 'punchcard-team-server-guide',
    applyToEnvironment: (environment) => environment.name === 'teamServer',
    generateBundle() {
      for (const page of readdirSync(here('docs/team-server')).filter((name) => name.endsWith('.md')))
        this.emitFile({ type: 'asset', fileName: `docs/${page}`, source: readFileSync(here(`docs/team-server/${page}`), 'utf8') });
    },
  };
}

/**
 * For the bench only (test/bench/stdio-designs.ts): PUNCHCARD_STDIO_DESIGN=sdk builds the engine with
 * stdio served by the SDK's own transport (test/bench/sdk-stdio/serve.ts) instead of the opening, so
 * the two designs can be timed side by side. Never set for a build that ships.
 */
function stdioDesign(): Plugin {
  return {
    name: 'punchcard-stdio-design',
    enforce: 'pre',
    resolveId(source, importer) {
      if (process.env.PUNCHCARD_STDIO_DESIGN !== 'sdk') return null;
      if (source === '../stdio/serve.ts' && importer === here('mcp-server/cli/main.ts')) return here('test/bench/sdk-stdio/serve.ts');
      return null;
    },
  };
}

// The container tests run apart, with `npm run test:deploy` (test/deploy/vitest.config.ts).
const DEPLOY_TESTS = ['test/deploy/container/**', 'test/deploy/host/**'];
/**
 * Tests that spawn the built engine or command line, or the app's engine client over it; the AI
 * clients' own programs against the built engine (test/mcp-server/real-clients/); and the end-to-end
 * files in test/mcp-server/e2e/ that talk MCP to the engine in process against fake back ends
 * (test/support/engine.ts, startInProcessEngine): no build, but servers, deadlines and waits that
 * would take the unit project past its minute.
 */
const INTEGRATION_TESTS = [
  'test/mcp-server/e2e/**/*.test.ts',
  'test/mcp-server/clients/**/*.test.ts',
  'test/mcp-server/real-clients/**/*.test.ts',
  'test/mcp-server/apps/**/*.test.ts',
  'test/mcp-server/credentials/keychain.test.ts',
  'test/mcp-server/policy/app-engine-proof.test.ts',
  'test/main/engine/**/*.test.ts',
  'test/main/packaging/**/*.test.ts',
  'test/main/electron-smoke.test.ts',
  'test/scripts/**/*.test.ts',
  'test/main/app/startup.test.ts',
  'test/main/app/startup-failure.test.ts',
  'test/mcp-server/cli/arguments.test.ts',
  'test/mcp-server/node-version.test.ts',
  'test/team-server/config/secret-files.test.ts',
];
const TEAM_TESTS = [
  'test/team-server/team/**/*.test.ts',
  'test/team-server/organisation/**/*.test.ts',
  'test/team-server/calendar/calendar-grant.test.ts',
  'test/team-server/calendar/calendar-pages.test.ts',
  'test/team-server/store/store-contract.test.ts',
  'test/team-server/admin/**/*.test.ts',
  'test/team-server/metrics/metrics-scrape.test.ts',
  'test/team-server/metrics/monitoring-queries.test.ts',
  'test/team-server/logs/team-log.test.ts',
];
const UI_TESTS = ['test/renderer/**/*.test.ts'];
/**
 * Files that replace a module with vi.mock, or set a global (the window's `window`) before importing the module
 * that reads it: a module another file of the same worker imported first would keep what it found then, so these
 * get a fresh module graph each (the `isolated` project), whatever their kind.
 */
const ISOLATED_TESTS = [
  // Both import the built main process, which starts the app as it loads: a second import in one worker
  // is the first one's module, and starts nothing.
  'test/main/app/startup.test.ts',
  'test/main/app/startup-failure.test.ts',
  'test/mcp-server/clients/no-hard-links.test.ts',
  'test/team-server/team/plain-calls.test.ts',
  'test/renderer/bridge-unwrap.test.ts',
  'test/renderer/store.test.ts',
];

const pages = appPagesBuild();

export default defineConfig({
  root: here('renderer'),
  base: './',
  plugins: [react(), openingManifest(), appPages(pages), stdioDesign(), teamServerGuide(), bundledPackageList(pages)],
  builder: {},
  environments: {
    client: {
      build: {
        outDir: here(`${out}/renderer`),
        emptyOutDir: true,
        target: 'chrome140',
        // The window loads from app://; nothing is fetched at run time, so no preload polyfill.
        modulePreload: false,
        reportCompressedSize: false,
      },
    },
    // The main process loads the holiday data only when a screen asks for regions: a chunk of its own
    // keeps it out of the app's start-up.
    // electron-updater is CommonJS that requires `electron` at run time: it ships in the package's
    // node_modules (a dependency) and main loads it only in a packaged app (main/updates/app-updates.ts).
    main: nodeBundle({
      entry: here('main/index.ts'),
      outDir: `${out}/main`,
      fileName: 'main.js',
      format: 'es',
      external: ['electron', 'electron-updater'],
      split: true,
    }),
    // A sandboxed preload may only require('electron') and a few built-ins, and must be CommonJS.
    preload: {
      ...nodeBundle({ entry: here('main/preload.ts'), outDir: `${out}/preload`, fileName: 'preload.cjs', format: 'cjs', external: ['electron'] }),
    },
    // AI clients run the entry; it loads the opening, and the opening the engine, from chunks
    // beside it (docs/decisions.md, "A small entry, heavy code on demand": it holds only what
    // initialize and tools/list need).
    mcpServer: nodeBundle({
      entry: here('mcp-server/index.ts'),
      outDir: `${out}/mcp-server`,
      fileName: 'punchcard-mcp.mjs',
      format: 'es',
      banner: '#!/usr/bin/env node',
      split: true,
      // The opening; what it checks with zod when a settings or policy file exists; the engine.
      stages: [
        { name: 'opening', modules: [here('mcp-server/cli/main.ts')] },
        { name: 'file-checks', modules: [here('mcp-server/settings/settings-file.ts'), here('mcp-server/contract/policy.ts')] },
        { name: 'engine', modules: [here('mcp-server/stdio/engine-session.ts')] },
      ],
    }),
    // The team server (team-server/, a workspace of its own): the engine's command line with `serve`,
    // `audit` and `admin` added, the engine and everything the team server needs in one folder that the
    // container image and `npm run pack:server` copy whole. Not the app's: electron-builder.yml leaves it out.
    teamServer: nodeBundle({
      entry: here('team-server/index.ts'),
      outDir: `${out}/team-server`,
      fileName: 'punchcard-mcp.mjs',
      format: 'es',
      // `env -S` splits the line, so the flags reach node wherever the file is run as a program.
      banner: `#!/usr/bin/env -S node ${TEAM_SERVER_NODE_FLAGS.join(' ')}`,
      split: true,
      lean: true,
    }),
  },
  test: {
    root: here('.'),
    environment: 'node',
    // Importing the real `electron` package outside Electron tries to download a binary; every test
    // gets the shared fake instead (test/support/electron-mock.ts).
    setupFiles: ['test/support/setup-electron-mock.ts'],
    // Ceilings, not paces: a test, a hook and a poll end as soon as they pass, so these only bound how
    // long a failure takes to be said. They are sized for CI's two cores with two CPU-bound processes
    // beside the suite (test/support/patience.ts), where a window once took over five seconds to
    // draw one state and a poll of ten seconds had been needed already.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    expect: { poll: { timeout: PATIENCE_MS } },
    pool: 'forks',
    // Most test files wait on child processes, back ends' paces and sockets rather than compute: on
    // a two-core machine the default (one worker per core less one) left a core idle. Three at once
    // since the window's tests reuse their pages (test/renderer/harness.ts, windowPool: a third of
    // the CPU a state cost). On the two-core CI machine the whole run took 502 s with two workers,
    // 364 s with three (the cores 71% busy) and 319 s with four (85% busy: too little room left for
    // a slower machine). Before the pages were reused, three overloaded an older two-core machine
    // (load 18) until browser tests ran out of time.
    maxWorkers: 3,
    // Tests marked concurrent (each with its own fake and engine, mostly waiting on a back end's pace)
    // run three at a time within their file.
    maxConcurrency: 3,
    // A project's files together, the waiting projects before the browsers, the longest first within
    // each (test/support/across-projects-sequencer.ts).
    sequence: { sequencer: AcrossProjectsSequencer },
    // `npm run coverage`: how much of the source the unit project runs (V8's own counters, no
    // instrumented build). The summary is printed and kept in coverage/ to compare runs.
    coverage: {
      provider: 'v8',
      include: ['mcp-server/**/*.{ts,tsx}', 'team-server/**/*.ts', 'main/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
    },
    // Projects by what a file needs, so a developer runs the part a change touches (`npm run test:fast` is unit):
    // unit needs no build, browser or database (in-process fakes, a few plain Node children);
    // integration spawns the built engine, the built command line or the app's engine client; team
    // starts team servers (and PostgreSQL and an identity provider); ui drives the built window and
    // apps in Chromium; isolated holds the few files that mock a module. `npm test` runs them all.
    projects: [
      // Unit files share their workers (no fresh module graph per file): 130 s became 53 s here, most
      // of it the import and transform each file paid again. The behaviour suite (test/behaviour/) is
      // one of them: the engine in process over the fakes, no build, a few seconds a file.
      {
        extends: true,
        test: {
          name: 'unit',
          isolate: false,
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...DEPLOY_TESTS, ...INTEGRATION_TESTS, ...TEAM_TESTS, ...UI_TESTS, ...ISOLATED_TESTS],
        },
      },
      // The other three share their workers too: a fresh module graph a file cost each file of the engine's
      // end-to-end tests about half its CPU (30 files: 107 CPU-seconds isolated, 53 shared) on a machine
      // where the whole run is bound by its two cores. What a file starts (servers, engines, browsers) it stops.
      {
        extends: true,
        test: { name: 'integration', isolate: false, include: INTEGRATION_TESTS, exclude: [...configDefaults.exclude, ...ISOLATED_TESTS] },
      },
      { extends: true, test: { name: 'team', isolate: false, include: TEAM_TESTS, exclude: [...configDefaults.exclude, ...ISOLATED_TESTS] } },
      { extends: true, test: { name: 'ui', isolate: false, include: UI_TESTS, exclude: [...configDefaults.exclude, ...ISOLATED_TESTS] } },
      { extends: true, test: { name: 'isolated', include: ISOLATED_TESTS } },
    ],
  },
});
