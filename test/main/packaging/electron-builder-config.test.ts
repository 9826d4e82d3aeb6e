// electron-builder.yml checked without packaging anything (docs/electron.md, "Packaging"): against
// electron-builder's own JSON schema, for the security settings it must keep, and against what
// `vite build` actually produces — package.json, the build config, main's paths and the packaging
// rules must all name the same files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, matchesGlob, relative, resolve } from 'node:path';
import { Ajv } from 'ajv';
import type * as NodeModuleCollector from 'app-builder-lib/out/node-module-collector/index.js';
import type * as TempFile from 'temp-file';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPaths } from '../../../main/windows/paths.ts';
import { resolveAppRequest } from '../../../main/windows/protocol.ts';
import viteConfig from '../../../vite.config.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
const schema = require('app-builder-lib/scheme.json') as object;
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };

type Config = Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
  extraResources: Array<{ from: string; to: string; filter?: string[] }>;
  electronFuses: Record<string, boolean>;
  mac: Record<string, unknown> & { extendInfo: Record<string, unknown> };
  linux: Record<string, unknown>;
  nsis: Record<string, unknown>;
  msi: Record<string, unknown>;
  win: Record<string, unknown>;
};

const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

function errorsOf(candidate: unknown): string[] {
  return validate(candidate)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

/** Whether electron-builder's `asarUnpack` patterns leave a packed file beside the archive. */
function unpacked(path: string): boolean {
  return config.asarUnpack.some((pattern) => matchesGlob(path, pattern));
}

/** Whether electron-builder's `files` patterns put a project file into the package. */
function packaged(path: string): boolean {
  const positive = config.files.filter((pattern) => !pattern.startsWith('!'));
  const negative = config.files.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
  return positive.some((pattern) => matchesGlob(path, pattern)) && !negative.some((pattern) => matchesGlob(path, pattern));
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema', () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('fails that schema when a key is misspelled (so the check above can fail)', () => {
    const misspelled = structuredClone(config);
    misspelled.mac = { ...config.mac, hardendRuntime: true };
    expect(errorsOf(misspelled).join('\n')).toMatch(/hardendRuntime/);
    const topLevel: Record<string, unknown> = { ...structuredClone(config), electronFuse: {} };
    expect(errorsOf(topLevel)).not.toEqual([]);
    const badFuse = structuredClone(config);
    badFuse.electronFuses = { ...config.electronFuses, runAsNodes: true };
    expect(errorsOf(badFuse)).not.toEqual([]);
  });

  it('names the app', () => {
    expect(config).toMatchObject({ appId: 'app.punchcard.desktop', productName: 'Punchcard', executableName: 'punchcard' });
    expect(String(config.executableName)).not.toMatch(/\s/);
  });

  it('keeps Node mode for AI clients and hardens every other fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs an asar with the keychain library’s addon unpacked, for every platform, and never rebuilds it', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
    // The keychain's native library, and electron-updater, which main loads from node_modules (vite.config.ts).
    expect(Object.keys(packageJson.dependencies).sort()).toEqual(['@napi-rs/keyring', 'electron-updater']);
    // The library loads its addon from one platform package per system; napi-rs names the file
    // <binaryName>.<platform>.node.
    const keyring = require('@napi-rs/keyring/package.json') as { optionalDependencies: Record<string, string>; napi: { binaryName: string } };
    const platforms = Object.keys(keyring.optionalDependencies);
    expect(platforms).toEqual(
      expect.arrayContaining(
        ['darwin-arm64', 'darwin-x64', 'win32-x64-msvc', 'win32-arm64-msvc', 'linux-x64-gnu', 'linux-arm64-gnu'].map(
          (platform) => `@napi-rs/keyring-${platform}`,
        ),
      ),
    );
    for (const name of platforms) {
      const addon = `node_modules/${name}/${keyring.napi.binaryName}.${name.slice('@napi-rs/keyring-'.length)}.node`;
      expect(unpacked(addon), addon).toBe(true);
      // The naming holds where it can be seen: the platform package npm installed here.
      if (existsSync(join(ROOT, 'node_modules', name))) expect(existsSync(join(ROOT, addon)), addon).toBe(true);
    }
    // Only the addon needs a real file; the JavaScript that loads it stays in the archive.
    expect(unpacked('node_modules/@napi-rs/keyring/index.js')).toBe(false);
  });

  it('publishes to GitHub Releases with the update information, under names GitHub keeps as they are', () => {
    expect(config.publish).toEqual([{ provider: 'github', releaseType: 'release' }]);
    // GitHub turns spaces in an uploaded file's name into dots; latest*.yml must name the file as published.
    const names = ['mac', 'nsis', 'msi'].map((key) => (config[key] as { artifactName?: string }).artifactName);
    for (const name of names) expect(name).toMatch(/^[\w.${}-]+$/);
    expect(names).toEqual(['Punchcard-${version}-mac-${arch}.${ext}', 'Punchcard-Setup-${version}.${ext}', 'Punchcard-${version}-${arch}.${ext}']);
  });

  it('builds an MSI for managed installs: every user, no desktop shortcut, a fixed upgrade code; NSIS keeps the person’s data', () => {
    expect(config.win).toMatchObject({ target: ['nsis', 'msi'] });
    expect(config.msi).toMatchObject({
      perMachine: true,
      createDesktopShortcut: false,
      runAfterFinish: false,
      upgradeCode: '43FDA27C-A18E-4DE5-8FA5-748B24ECBD4E',
    });
    expect(config.nsis).toMatchObject({ deleteAppDataOnUninstall: false });
  });

  it('packs the keychain library with this machine’s platform package, and every native file in the package is unpacked', async () => {
    // electron-builder's own collector of the production node_modules (it asks npm), as packaging runs it.
    const { getCollectorByPackageManager, PM } = require('app-builder-lib/out/node-module-collector/index.js') as typeof NodeModuleCollector;
    const { TmpDir } = require('temp-file') as typeof TempFile;
    const temporary = new TmpDir();
    try {
      const { nodeModules } = await getCollectorByPackageManager(PM.NPM, ROOT, temporary).getNodeModules({ packageName: 'punchcard' });
      const names = nodeModules.map((module) => module.name);
      expect(names).toContain('@napi-rs/keyring');
      expect(names.filter((name) => name.startsWith('@napi-rs/keyring-'))).toHaveLength(1);
      const nativeFiles = nodeModules
        .flatMap((module) =>
          readdirSync(module.dir, { recursive: true, encoding: 'utf8' }).map((file) => relative(ROOT, join(module.dir, file)).split('\\').join('/')),
        )
        .filter((file) => file.endsWith('.node'));
      expect(nativeFiles).toHaveLength(1);
      // The team server is a workspace of the repository (team-server/): npm lists it beside the app's
      // dependencies, and its libraries are bundled into its own build, never the app's node_modules.
      for (const name of ['@punchcard/team-server', 'koa', 'oidc-provider', 'pg', 'pino', 'prom-client']) expect(names, name).not.toContain(name);
      for (const file of nativeFiles) expect(unpacked(file), file).toBe(true);
    } finally {
      await temporary.cleanup();
    }
  }, 60_000);

  it('is a menu-bar app on macOS, hardened for notarization', () => {
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.category).toBe('public.app-category.productivity');
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
  });

  it('installs per user on Windows and builds a deb with a maintainer on Linux', () => {
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false });
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    // electron-builder's default package dependencies stand: the keychain's addon needs no system library.
    expect(config.deb).not.toHaveProperty('depends');
    expect(config.rpm).toBeUndefined();
    expect(config.linux.maintainer).toMatch(/<[^@\s>]+@[^@\s>]+>/);
    expect(config.linux.category).toBe('Utility');
  });

  it('ships the icons it names, where main looks for them', () => {
    for (const key of ['mac', 'win', 'linux'] as const) {
      const icon = (config[key] as { icon?: string }).icon;
      expect(icon && existsSync(join(ROOT, icon)), `${key}.icon`).toBe(true);
    }
    const resources = '/opt/Punchcard/resources';
    const installed = appPaths({ mainDir: `${resources}/app.asar/dist/main`, isPackaged: true, resourcesPath: resources });
    const targets = config.extraResources.map((resource) => {
      expect(existsSync(join(ROOT, resource.from)), resource.from).toBe(true);
      return join(resources, resource.to);
    });
    expect(targets).toContain(installed.trayIcons);
    expect(targets).toContain(installed.appIcon);
    expect(targets).toContain(installed.extensionBundle);
    const development = appPaths({ mainDir: join(ROOT, 'dist', 'main'), isPackaged: false, resourcesPath: '' });
    expect(existsSync(join(development.trayIcons, 'trayTemplate.png'))).toBe(true);
    expect(existsSync(development.appIcon)).toBe(true);
    expect(existsSync(development.extensionBundle)).toBe(true);
    // Inside the archive the system could not hand it to Claude Desktop.
    expect(packaged('dist/punchcard.mcpb')).toBe(false);
  });
});

describe('the build and the package agree', () => {
  // Where vite.config.ts puts each bundle, read from the config itself, relative to the build root.
  const environments = viteConfig.environments ?? {};
  const distRoot = join(ROOT, 'dist');
  const outputOf = (name: string, fileName?: string) => {
    const build = environments[name]?.build;
    const outDir = build?.outDir;
    if (!outDir) throw new Error(`vite.config.ts has no outDir for ${name}`);
    const output = build.rolldownOptions?.output;
    const entry = fileName ?? (output && !Array.isArray(output) && typeof output.entryFileNames === 'string' ? output.entryFileNames : undefined);
    if (!entry) throw new Error(`vite.config.ts has no entry file name for ${name}`);
    return relative(distRoot, join(outDir, entry)).split('\\').join('/');
  };
  const layout = {
    main: outputOf('main'),
    preload: outputOf('preload'),
    renderer: outputOf('client', 'index.html'),
    engine: outputOf('mcpServer'),
  };
  let out: string;

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'punchcard-build-'));
    const build = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: ROOT,
      env: { ...process.env, PUNCHCARD_OUT: out },
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  }, 150_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('lays dist/ out as main, package.json and electron-builder expect', () => {
    expect(layout).toEqual({
      main: 'main/main.js',
      preload: 'preload/preload.cjs',
      renderer: 'renderer/index.html',
      engine: 'mcp-server/punchcard-mcp.mjs',
    });
    expect(packageJson.main).toBe(`dist/${layout.main}`);
  });

  it('leaves out of main only what the package ships: electron and the dependencies in node_modules', () => {
    const main = readFileSync(join(out, layout.main), 'utf8');
    // Static imports begin a line of the bundle; dynamic ones are import("…") calls.
    const statics = [...main.matchAll(/^import\b[^;]*?from\s*"([^"]+)"/gm)].map((match) => match[1] as string);
    const dynamics = [...main.matchAll(/\bimport\("([^"]+)"\)/g)].map((match) => match[1] as string);
    const bare = new Set([...statics, ...dynamics].filter((name) => !name.startsWith('.')));
    const outside = [...bare].filter((name) => name !== 'electron' && !name.startsWith('node:') && !builtinModules.includes(name));
    expect(outside.sort()).toEqual(expect.arrayContaining(['electron-updater']));
    for (const name of outside) expect(Object.keys(packageJson.dependencies), name).toContain(name);
  });

  it('produces every file at those paths', () => {
    for (const path of Object.values(layout)) expect(existsSync(join(out, path)), path).toBe(true);
  });

  it('packs them all, without source maps', () => {
    for (const path of Object.values(layout)) {
      expect(packaged(`dist/${path}`), path).toBe(true);
      expect(existsSync(join(out, `${path}.map`)) ? packaged(`dist/${path}.map`) : false, `${path}.map`).toBe(false);
    }
    expect(packaged('package.json')).toBe(true);
    // The lists of bundled packages feed the SBOMs (scripts/sbom.ts); the app does not need them.
    expect(existsSync(join(out, 'bundled', 'mcp-server.json'))).toBe(true);
    expect(packaged('dist/bundled/mcp-server.json')).toBe(false);
    expect(packaged('main/index.ts')).toBe(false);
    expect(packaged('dist-electron-check/main/main.js')).toBe(false);
  });

  it('never packs the team server: not its build, and nothing of it inside the engine the app runs', () => {
    const teamEntry = outputOf('teamServer');
    expect(teamEntry).toBe('team-server/punchcard-mcp.mjs');
    expect(existsSync(join(out, teamEntry))).toBe(true);
    expect(packaged(`dist/${teamEntry}`)).toBe(false);
    // The engine's files hold none of the team server's code or libraries: a chunk of it there would
    // ship in the app unused (the team server is team-server/, a workspace the engine never imports).
    const engineFiles = readdirSync(join(out, 'mcp-server'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.mjs'));
    expect(engineFiles.length).toBeGreaterThan(5);
    const marks = ['oidc-provider', 'startTeamServer', 'prom-client', 'PUNCHCARD_DEV_SERVER_KEY'];
    for (const file of engineFiles) {
      const text = readFileSync(join(out, 'mcp-server', file), 'utf8');
      for (const mark of marks) expect(text.includes(mark), `${mark} in mcp-server/${file}`).toBe(false);
    }
    // …while the team server's build holds them (so the check above can fail).
    const teamText = readdirSync(join(out, 'team-server', 'chunks'))
      .filter((file) => file.endsWith('.mjs'))
      .map((file) => readFileSync(join(out, 'team-server', 'chunks', file), 'utf8'))
      .join('\n');
    for (const mark of marks) expect(teamText.includes(mark), mark).toBe(true);
  });

  it('starts the team server’s command line without its commands’ code: no config schema until one is asked for', () => {
    // What every start loads: the entry, the chunks it imports at its top level, and their static imports.
    const chunks = join(out, 'team-server', 'chunks');
    const entry = readFileSync(join(out, 'team-server', 'punchcard-mcp.mjs'), 'utf8');
    const atStart = [...entry.matchAll(/import\("\.\/chunks\/([^"]+)"\)/g)].map((match) => match[1] as string);
    expect(atStart.some((file) => file.startsWith('team-commands-'))).toBe(true);
    const loaded = new Set<string>();
    for (let next = atStart.pop(); next !== undefined; next = atStart.pop()) {
      if (loaded.has(next)) continue;
      loaded.add(next);
      const text = readFileSync(join(chunks, next), 'utf8');
      atStart.push(...[...text.matchAll(/^import\b[^;]*?from\s*"\.\/([^"]+)"/gm)].map((match) => match[1] as string));
    }
    const zod = readdirSync(chunks).filter((file) => file.endsWith('.mjs') && readFileSync(join(chunks, file), 'utf8').includes('// node_modules/zod/'));
    expect(zod.length).toBeGreaterThan(0);
    expect([...loaded].filter((file) => zod.includes(file))).toEqual([]);
  });

  it('is where main looks for the preload, the window and the engine', () => {
    const paths = appPaths({ mainDir: join(out, 'main'), isPackaged: false, resourcesPath: '' });
    expect(relative(out, paths.preload).split('\\').join('/')).toBe(layout.preload);
    expect(relative(out, paths.engineScript).split('\\').join('/')).toBe(layout.engine);
    expect(relative(out, join(paths.rendererRoot, 'index.html')).split('\\').join('/')).toBe(layout.renderer);
  });

  it('serves the window’s page and everything it loads through app://', () => {
    const root = join(out, 'renderer');
    const html = readFileSync(join(root, 'index.html'), 'utf8');
    // Everything the page loads from its own origin (data: URLs need no file).
    const references = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)]
      .map((match) => match[1] as string)
      .filter((reference) => new URL(reference, 'app://punchcard/index.html').protocol === 'app:');
    expect(references.some((reference) => reference.endsWith('.js'))).toBe(true);
    for (const reference of references) {
      const url = new URL(reference, 'app://punchcard/index.html').href;
      const target = resolveAppRequest(url, root);
      expect(target.ok && existsSync(target.path), `${reference} → ${url}`).toBe(true);
    }
  });
});
