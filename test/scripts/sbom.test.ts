// The SBOMs a release ships (scripts/sbom.ts, `npm run sbom -- --out DIR`; docs/releasing.md, "SBOMs"):
// one CycloneDX 1.6 file per shipped thing, valid against CycloneDX's own schema; every package whose
// code the build put into a bundle is there (checked against the bundles' source maps), with its
// licence; nothing is there that neither a bundle holds nor `npm install` of the package brings, so no
// development tool. The image's part that needs the image itself (Debian's packages, Node) is read by
// scripts/sbom/image-probe.mjs, run here on a file tree laid out like an image; the deploy suite runs
// it on the built image (test/deploy/container/image-sbom.test.ts). Needs the build (`npm test` builds).
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageFolderOf } from '../../scripts/sbom/bundled-packages.ts';
import { baseDigestOf, BUNDLED_PROPERTY, type Bom, type Component, type ImageContents, imageBom, licenceOf, readInputs } from '../../scripts/sbom.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const DIST = join(ROOT, process.env.PUNCHCARD_OUT ?? 'dist');
const APP = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const LOCK = (JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> })
  .packages;
const PROBE = join(ROOT, 'scripts/sbom/image-probe.mjs');
const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

let out: string;
let boms: Record<'engine' | 'server' | 'image', Bom>;
let written: string[];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'punchcard-sbom-'));
  // As the release runs it.
  await run('npm', ['run', '--silent', 'sbom', '--', '--out', out], { cwd: ROOT, timeout: 60_000 });
  written = readdirSync(out).sort();
  const read = (file: string) => JSON.parse(readFileSync(join(out, file), 'utf8')) as Bom;
  boms = {
    engine: read(`punchcard-mcp-${APP.version}.cdx.json`),
    server: read(`punchcard-server-${APP.version}.cdx.json`),
    image: read(`punchcard-server-image-${APP.version}.cdx.json`),
  };
}, 90_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

const nameOf = (component: Component) => (component.group ? `${component.group}/${component.name}` : component.name);
const isBundled = (component: Component) => component.properties?.some((property) => property.name === BUNDLED_PROPERTY && property.value === 'true') ?? false;

/** The npm packages a build's source maps say its chunks hold code of, by name. */
function packagesInSourceMaps(folder: string): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.map'))) {
    const map = JSON.parse(readFileSync(join(folder, file), 'utf8')) as { sources: string[] };
    for (const source of map.sources) {
      const package_ = packageFolderOf(source);
      if (package_) names.add(package_.slice(package_.lastIndexOf('node_modules/') + 'node_modules/'.length));
    }
  }
  return names;
}

describe('npm run sbom -- --out DIR', () => {
  it('writes one CycloneDX file per shipped thing, each valid against CycloneDX 1.6', async () => {
    expect(written).toEqual([
      `punchcard-mcp-${APP.version}.cdx.json`,
      `punchcard-server-${APP.version}.cdx.json`,
      `punchcard-server-image-${APP.version}.cdx.json`,
    ]);
    for (const file of written) expect(await validator.validate(readFileSync(join(out, file), 'utf8')), file).toBeNull();
    // The validator refuses a broken document (so the check above can fail).
    const broken = structuredClone(boms.engine) as unknown as { components: Array<{ type: string }> };
    (broken.components[0] as { type: string }).type = 'libary';
    expect(await validator.validate(JSON.stringify(broken))).not.toBeNull();
  });

  it('names what it describes: the npm packages and the image, at the version', () => {
    expect(boms.engine.metadata.component).toMatchObject({
      type: 'application',
      name: 'punchcard-mcp',
      version: APP.version,
      purl: `pkg:npm/punchcard-mcp@${APP.version}`,
    });
    expect(boms.server.metadata.component).toMatchObject({ type: 'application', name: 'punchcard-server', version: APP.version });
    const image = (
      JSON.parse(readFileSync(join(ROOT, 'server.json'), 'utf8')) as { packages: Array<{ registryType: string; identifier: string }> }
    ).packages.find((found) => found.registryType === 'oci')?.identifier;
    expect(`${boms.image.metadata.component.name}:${boms.image.metadata.component.version}`).toBe(image);
    expect(boms.image.metadata.component.type).toBe('container');
  });

  it('lists every package the engine’s bundle holds code of, and its runtime dependency, each with a licence', () => {
    const components = boms.engine.components;
    const bundled = new Set(components.filter(isBundled).map(nameOf));
    // Complete: every package in the bundle's source maps is a bundled component (the apps' pages add React, which has no map).
    const mapped = packagesInSourceMaps(join(DIST, 'mcp-server'));
    expect(mapped.size).toBeGreaterThan(5);
    for (const name of mapped) expect(bundled, name).toContain(name);
    for (const name of ['@modelcontextprotocol/server', 'zod', 'date-holidays', 'react-dom']) expect(bundled, name).toContain(name);
    // The keychain library is installed beside the bundle, not in it; npm installs one platform's addon.
    const keyring = components.find((component) => nameOf(component) === '@napi-rs/keyring');
    expect(keyring).toMatchObject({ scope: 'required', version: expect.any(String) });
    expect(isBundled(keyring as Component)).toBe(false);
    expect(components.find((component) => nameOf(component) === '@napi-rs/keyring-linux-x64-gnu')).toMatchObject({ scope: 'optional' });
    for (const component of components) {
      expect(component.licenses?.length, nameOf(component)).toBeGreaterThan(0);
      expect(component.purl, nameOf(component)).toMatch(/^pkg:npm\//);
      expect(component.hashes?.[0]?.alg, nameOf(component)).toBe('SHA-512');
    }
  });

  it('lists nothing a development install alone has: every component is in a bundle or a runtime dependency npm installs', () => {
    for (const [name, bom] of [
      ['engine', boms.engine],
      ['server', boms.server],
    ] as const) {
      for (const component of bom.components) {
        if (isBundled(component)) continue;
        // Not bundled: then it is what `npm install` of the package brings, which the lock does not mark as development-only.
        const path = `node_modules/${nameOf(component)}`;
        expect(LOCK[path], `${name}: ${path}`).toBeDefined();
        expect(LOCK[path]?.dev, `${name}: ${path} is a development dependency`).not.toBe(true);
      }
      const names = bom.components.map(nameOf);
      for (const tool of [
        'vite',
        'vitest',
        'typescript',
        'eslint',
        'electron',
        'electron-builder',
        '@biomejs/biome',
        'playwright-core',
        '@cyclonedx/cyclonedx-library',
      ])
        expect(names, `${name}: ${tool}`).not.toContain(tool);
    }
  });

  it('lists every package the team server’s bundle holds code of, each with a licence, and nothing else', () => {
    const components = boms.server.components;
    expect(components.every(isBundled)).toBe(true);
    const names = new Set(components.map(nameOf));
    for (const name of packagesInSourceMaps(join(DIST, 'team-server'))) expect(names, name).toContain(name);
    for (const name of ['koa', 'oidc-provider', 'pg', 'pino', 'prom-client', '@modelcontextprotocol/server']) expect(names, name).toContain(name);
    // The team server never loads the keychain (scripts/pack-server.ts ships no dependency).
    expect(names).not.toContain('@napi-rs/keyring');
    for (const component of components) expect(component.licenses?.length, nameOf(component)).toBeGreaterThan(0);
  });

  it('holds the team server’s components in the image’s, and names the base image where the image was not read', () => {
    const server = boms.server.metadata.component['bom-ref'];
    const refs = new Set(boms.image.components.map((component) => component['bom-ref']));
    expect(refs).toContain(server);
    for (const component of boms.server.components) expect(refs, component['bom-ref']).toContain(component['bom-ref']);
    expect(boms.image.dependencies.find((dependency) => dependency.ref === server)?.dependsOn.length).toBe(boms.server.components.length);
    const base = /^ARG BASE=(\S+)$/m.exec(readFileSync(join(ROOT, 'Containerfile'), 'utf8'))?.[1];
    expect(base).toBe('docker.io/library/node:24-bookworm-slim');
    // Without the image, no digest is known: the base is named by its tag, as Docker Hub's image (the purl spec's docker type).
    expect(boms.image.components.find((component) => component.type === 'container')).toMatchObject({
      'bom-ref': base,
      name: 'docker.io/library/node',
      version: '24-bookworm-slim',
      purl: 'pkg:docker/library/node@24-bookworm-slim',
    });
    expect(boms.image.metadata.properties).toEqual([{ name: 'punchcard:base-image-contents', value: 'not listed: made without --image' }]);
  });

  it('reads licences as SPDX ids, expressions, or names', () => {
    expect(licenceOf('MIT')).toEqual([{ license: { id: 'MIT' } }]);
    expect(licenceOf('mit')).toEqual([{ license: { id: 'MIT' } }]);
    expect(licenceOf('(ISC AND CC-BY-3.0)')).toEqual([{ expression: '(ISC AND CC-BY-3.0)' }]);
    expect(licenceOf('SEE LICENSE IN THE PACKAGE')).toEqual([{ license: { name: 'SEE LICENSE IN THE PACKAGE' } }]);
    expect(licenceOf(undefined)).toEqual([]);
  });
});

describe('the image probe (scripts/sbom/image-probe.mjs)', () => {
  let tree: string;
  let contents: ImageContents;

  beforeAll(() => {
    tree = mkdtempSync(join(tmpdir(), 'punchcard-image-tree-'));
    const file = (path: string, text: string) => {
      mkdirSync(join(tree, path, '..'), { recursive: true });
      writeFileSync(join(tree, path), text);
    };
    file(
      'var/lib/dpkg/status',
      [
        'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.36-9+deb12u10\nDescription: GNU C Library\n multi-line\n',
        'Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1:1.2.13.dfsg-1\n',
        'Package: gone\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 1.0\n',
      ].join('\n'),
    );
    file(
      'usr/share/doc/libc6/copyright',
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nCopyright: someone\nLicense: LGPL-2.1+\n text\n\nFiles: debian/*\nLicense: GPL-2+\n\nFiles: x\nLicense: LGPL-2.1+\n',
    );
    file('usr/share/doc/zlib1g/copyright', 'This is free text, not machine-readable.\nLicense: Zlib\n');
    file('usr/local/lib/node_modules/npm/package.json', JSON.stringify({ name: 'npm', version: '11.0.0', license: 'Artistic-2.0' }));
    file('usr/local/lib/node_modules/npm/node_modules/semver/package.json', JSON.stringify({ name: 'semver', version: '7.7.0', license: 'ISC' }));
    file(
      'usr/local/lib/node_modules/npm/node_modules/@npmcli/arborist/package.json',
      JSON.stringify({ name: '@npmcli/arborist', version: '9.0.0', license: 'ISC' }),
    );
    file('opt/yarn-v1.22.22/package.json', JSON.stringify({ name: 'yarn', version: '1.22.22', license: 'BSD-2-Clause' }));
    file('etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n');
    const probe = spawnSync(process.execPath, [PROBE, '--root', tree], { encoding: 'utf8' });
    expect(probe.status, probe.stderr).toBe(0);
    contents = JSON.parse(probe.stdout) as ImageContents;
  });

  afterAll(() => rmSync(tree, { recursive: true, force: true }));

  it('reads the installed Debian packages, with the licences a machine-readable copyright file names', () => {
    expect(contents.debian).toEqual([
      { name: 'libc6', version: '2.36-9+deb12u10', architecture: 'amd64', licences: ['LGPL-2.1+', 'GPL-2+'] },
      // Free text is not read for a licence: the file's words are no sure name.
      { name: 'zlib1g', version: '1:1.2.13.dfsg-1', architecture: 'amd64', licences: null },
    ]);
    expect(contents.os).toEqual({ id: 'debian', versionId: '12', name: 'Debian GNU/Linux 12 (bookworm)' });
    expect(contents.node.version).toBe(process.version.slice(1));
  });

  it('reads the npm packages the base image brings, nested ones too', () => {
    expect(contents.npm.map((found) => `${found.name}@${found.version} ${found.license} ${found.path}`).sort()).toEqual([
      '@npmcli/arborist@9.0.0 ISC /usr/local/lib/node_modules/npm/node_modules/@npmcli/arborist',
      'npm@11.0.0 Artistic-2.0 /usr/local/lib/node_modules/npm',
      'semver@7.7.0 ISC /usr/local/lib/node_modules/npm/node_modules/semver',
      'yarn@1.22.22 BSD-2-Clause /opt/yarn-v1.22.22',
    ]);
  });

  it('puts them in the image’s SBOM as Debian and npm components, beside Node and the team server', async () => {
    const bom = imageBom(readInputs(ROOT, process.env.PUNCHCARD_OUT ?? 'dist'), contents);
    expect(await validator.validate(JSON.stringify(bom))).toBeNull();
    const libc = bom.components.find((component) => component.name === 'libc6');
    expect(libc).toMatchObject({
      purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u10?arch=amd64&distro=debian-12',
      licenses: [{ license: { name: 'LGPL-2.1+' } }, { license: { name: 'GPL-2+' } }],
    });
    expect(bom.components.find((component) => component.name === 'zlib1g')?.licenses).toBeUndefined();
    expect(bom.components.find((component) => component.name === 'node')).toMatchObject({ type: 'platform', version: process.version.slice(1) });
    expect(bom.components.find((component) => component.name === 'npm')).toMatchObject({ licenses: [{ license: { id: 'Artistic-2.0' } }] });
    expect(bom.components.some((component) => component.name === 'punchcard-server')).toBe(true);
    expect(bom.metadata.properties).toBeUndefined();
  });

  it("names the base image by the digest the engine's inspect of it gives, as an OCI package URL with its repository and tag", async () => {
    const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
    const bom = imageBom(readInputs(ROOT, process.env.PUNCHCARD_OUT ?? 'dist'), { ...contents, baseDigest: digest });
    expect(await validator.validate(JSON.stringify(bom))).toBeNull();
    expect(bom.components.filter((component) => component.type === 'container')).toEqual([
      expect.objectContaining({
        'bom-ref': 'docker.io/library/node:24-bookworm-slim',
        name: 'docker.io/library/node',
        version: '24-bookworm-slim',
        purl: `pkg:oci/node@sha256%3A${'0123456789abcdef'.repeat(4)}?repository_url=docker.io/library/node&tag=24-bookworm-slim`,
      }),
    ]);
    // Where the inspect gives none (a base made on the machine and never pushed), the tag names it.
    expect(imageBom(readInputs(ROOT, process.env.PUNCHCARD_OUT ?? 'dist'), contents).components.find((component) => component.type === 'container')?.purl).toBe(
      'pkg:docker/library/node@24-bookworm-slim',
    );
  });

  it("takes the digest of the base's own repository from the inspect's RepoDigests, as Docker and podman write them", () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const other = `sha256:${'b'.repeat(64)}`;
    const base = 'docker.io/library/node:24-bookworm-slim';
    // `docker image inspect --format '{{json .RepoDigests}}'`: Docker Hub's official images by their short name.
    expect(baseDigestOf(base, [`node@${digest}`])).toBe(digest);
    // podman's: the whole name, and the same image pushed elsewhere too.
    expect(baseDigestOf(base, [`registry.example.com/mirror/node@${other}`, `docker.io/library/node@${digest}`])).toBe(digest);
    expect(baseDigestOf('ghcr.io/acme/node:24', [`docker.io/library/node@${digest}`, `ghcr.io/acme/node@${other}`])).toBe(other);
    // Another repository's digest is not this image's, and a base named by its digest is that digest.
    expect(baseDigestOf(base, [`docker.io/someone/node@${other}`])).toBeUndefined();
    expect(baseDigestOf(base, [])).toBeUndefined();
    expect(baseDigestOf(`docker.io/library/node@${digest}`, [])).toBe(digest);
  });
});
