// `npm run sbom -- --out DIR [--image REF [--engine docker|podman]]`: a CycloneDX SBOM (JSON, spec 1.6) for
// each thing a release ships (docs/releasing.md, "SBOMs"), one file each in DIR:
//   punchcard-mcp-VERSION.cdx.json            the engine's npm package (engine-package/)
//   punchcard-server-VERSION.cdx.json         the team server's package (scripts/pack-server.ts)
//   punchcard-server-image-VERSION.cdx.json   the team server's image (Containerfile)
// Both programs are bundled whole, so their npm libraries ship inside the chunks, not in node_modules:
// the components are the packages the build lists as bundled (dist/bundled/*.json, vite.config.ts), each
// with the licence, version and checksum package-lock.json records, and the engine's one runtime
// dependency (the keychain library and its platform addons). Nothing the build did not put in a bundle
// is listed, so no development tool can be. The image's SBOM adds the base image, with a package URL:
// with --image, by the digest the engine's inspect of the base gives, and what the built image holds
// (Node, the Debian packages with the licences their copyright files name, the npm packages of the base;
// scripts/sbom/image-probe.mjs); without it, the base image by its name and tag alone.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SPDX } from '@cyclonedx/cyclonedx-library';
import type { BundledPackage } from './sbom/bundled-packages.ts';

const ROOT = resolve(import.meta.dirname, '..');
export const SPEC_VERSION = '1.6';
/** The property CycloneDX's npm taxonomy gives a package whose files ship inside another's. */
export const BUNDLED_PROPERTY = 'cdx:npm:package:bundled';
/** The Containerfile's base (its `ARG BASE`), named in the image's SBOM when the image itself is not read. */
const BASE_ARGUMENT = /^ARG BASE=(\S+)$/m;

export type Licence = { license: { id: string } | { name: string } } | { expression: string };

export interface Component {
  type: 'application' | 'library' | 'container' | 'platform' | 'operating-system';
  'bom-ref': string;
  group?: string;
  name: string;
  version: string;
  scope?: 'required' | 'optional';
  purl?: string;
  licenses?: Licence[];
  hashes?: Array<{ alg: 'SHA-512' | 'SHA-256'; content: string }>;
  properties?: Array<{ name: string; value: string }>;
  description?: string;
}

export interface Bom {
  bomFormat: 'CycloneDX';
  specVersion: string;
  serialNumber: string;
  version: 1;
  metadata: { timestamp: string; tools: { components: Component[] }; component: Component; properties?: Array<{ name: string; value: string }> };
  components: Component[];
  dependencies: Array<{ ref: string; dependsOn: string[] }>;
}

/** package-lock.json's entry for an installed package, as far as an SBOM reads it. */
interface LockEntry {
  name?: string;
  version?: string;
  license?: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}
type Lock = Record<string, LockEntry>;

/** What the image holds besides our bundle, as scripts/sbom/image-probe.mjs prints it. */
export interface ImageContents {
  node: { version: string; path: string };
  os: { id: string; versionId: string; name: string };
  debian: Array<{ name: string; version: string; architecture: string; licences: string[] | null }>;
  npm: Array<{ name: string; version: string; license: string | null; path: string }>;
  /** The base image's digest (`sha256:…`), where the engine's inspect of it gave one (readImage adds it; the probe cannot see it). */
  baseDigest?: string;
}

/** A licence as package.json or a lock file writes it, in CycloneDX's terms: an SPDX id, an SPDX expression, or a name. */
export function licenceOf(text: string | undefined | null): Licence[] {
  const value = text?.trim();
  if (!value) return [];
  if (SPDX.isSupportedSpdxId(value)) return [{ license: { id: value } }];
  const fixed = SPDX.fixupSpdxId(value);
  if (fixed) return [{ license: { id: fixed } }];
  if (/\s(AND|OR|WITH)\s/.test(value)) return [{ expression: value }];
  return [{ license: { name: value } }];
}

/** `pkg:npm/%40scope/name@1.0.0`. */
export function npmPurl(name: string, version: string): string {
  const [scope, bare] = name.startsWith('@') ? (name.split('/') as [string, string]) : [undefined, name];
  return `pkg:npm/${scope ? `${encodeURIComponent(scope)}/` : ''}${encodeURIComponent(bare)}@${encodeURIComponent(version)}`;
}

/** An npm lock's integrity (`sha512-BASE64`) as CycloneDX's hash (hex). */
function hashesOf(integrity: string | undefined): Component['hashes'] {
  const match = /^sha512-([A-Za-z0-9+/=]+)$/.exec(integrity?.split(/\s+/)[0] ?? '');
  return match ? [{ alg: 'SHA-512', content: Buffer.from(match[1] as string, 'base64').toString('hex') }] : undefined;
}

function npmComponent(name: string, version: string, entry: LockEntry | undefined, extra: Partial<Component> = {}): Component {
  const purl = npmPurl(name, version);
  const [group, bare] = name.startsWith('@') ? (name.split('/') as [string, string]) : [undefined, name];
  const licenses = licenceOf(entry?.license);
  const hashes = hashesOf(entry?.integrity);
  return {
    type: 'library',
    'bom-ref': purl,
    ...(group ? { group } : {}),
    name: bare,
    version,
    scope: 'required',
    purl,
    ...(licenses.length > 0 ? { licenses } : {}),
    ...(hashes ? { hashes } : {}),
    ...extra,
  };
}

/** The bundled packages as components, marked bundled; their licence and checksum from the lock. */
export function bundledComponents(bundled: readonly BundledPackage[], lock: Lock): Component[] {
  return bundled.map((found) => {
    const entry = lock[found.path];
    if (!entry) throw new Error(`package-lock.json has no ${found.path}, which the build bundled: run npm ci, then build again.`);
    return npmComponent(found.name, found.version, entry, { properties: [{ name: BUNDLED_PROPERTY, value: 'true' }] });
  });
}

/** Where npm installed `name` for the package at `from` (its own node_modules first, then each folder above). */
function installedPath(lock: Lock, from: string, name: string): string | undefined {
  for (let base = from; ; base = base.includes('/node_modules/') ? base.slice(0, base.lastIndexOf('/node_modules/')) : '') {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (lock[candidate]) return candidate;
    if (base === '') return undefined;
  }
}

/**
 * A package's runtime dependencies and theirs, from the lock: what `npm install` of it brings. An optional
 * dependency (the keychain's addon for each platform, of which npm installs the machine's one) is listed
 * with scope `optional`.
 */
export function runtimeComponents(dependencies: Record<string, string>, lock: Lock): Component[] {
  const found = new Map<string, Component>();
  const visit = (from: string, names: Record<string, string>, optional: boolean) => {
    for (const name of Object.keys(names)) {
      const path = installedPath(lock, from, name);
      const entry = path ? lock[path] : undefined;
      if (!path || !entry?.version) {
        if (optional) continue;
        throw new Error(`package-lock.json does not lock ${name}, a runtime dependency: run npm install.`);
      }
      if (found.has(path)) continue;
      found.set(path, npmComponent(entry.name ?? name, entry.version, entry, optional ? { scope: 'optional' } : {}));
      visit(path, entry.dependencies ?? {}, optional);
      visit(path, entry.optionalDependencies ?? {}, true);
    }
  };
  visit('', dependencies, false);
  return [...found.values()];
}

/** One CycloneDX document: `root` and its components, on which it depends directly. */
export function bom(root: Component, components: readonly Component[], properties: Array<{ name: string; value: string }> = []): Bom {
  const unique = [...new Map(components.map((component) => [component['bom-ref'], component])).values()];
  return {
    bomFormat: 'CycloneDX',
    specVersion: SPEC_VERSION,
    serialNumber: `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: new Date().toISOString(),
      tools: { components: [{ type: 'application', 'bom-ref': 'punchcard-sbom', name: 'scripts/sbom.ts', version: root.version }] },
      component: root,
      ...(properties.length > 0 ? { properties } : {}),
    },
    components: unique,
    dependencies: [{ ref: root['bom-ref'], dependsOn: unique.map((component) => component['bom-ref']) }],
  };
}

export interface Inputs {
  version: string;
  lock: Lock;
  engine: { name: string; dependencies: Record<string, string> };
  engineBundled: BundledPackage[];
  serverBundled: BundledPackage[];
  /** The image's name without its tag, from server.json's OCI package: ghcr.io/owner/punchcard-server. */
  imageName: string;
  baseImage: string;
}

export function readInputs(root: string, out: string): Inputs {
  const json = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;
  const bundledList = (name: string) => {
    const path = join(root, out, 'bundled', `${name}.json`);
    if (!existsSync(path)) throw new Error(`${path} is missing: build first (npx vite build writes it).`);
    return JSON.parse(readFileSync(path, 'utf8')) as BundledPackage[];
  };
  const app = json<{ version: string }>('package.json');
  const engine = json<{ name: string; dependencies?: Record<string, string> }>('engine-package/package.json');
  const entry = json<{ packages?: Array<{ registryType: string; identifier: string }> }>('server.json');
  const image = entry.packages?.find((found) => found.registryType === 'oci')?.identifier;
  if (!image) throw new Error('server.json names no OCI image.');
  const base = BASE_ARGUMENT.exec(readFileSync(join(root, 'Containerfile'), 'utf8'))?.[1];
  if (!base) throw new Error('The Containerfile names no base image (ARG BASE=…).');
  return {
    version: app.version,
    lock: json<{ packages: Lock }>('package-lock.json').packages,
    engine: { name: engine.name, dependencies: engine.dependencies ?? {} },
    engineBundled: bundledList('mcp-server'),
    serverBundled: bundledList('team-server'),
    imageName: image.replace(/:[^/:]+$/, ''),
    baseImage: base,
  };
}

const MIT: Licence[] = [{ license: { id: 'MIT' } }];

export function engineBom(inputs: Inputs): Bom {
  const root = npmComponent(inputs.engine.name, inputs.version, undefined, { type: 'application', licenses: MIT });
  return bom(root, [...bundledComponents(inputs.engineBundled, inputs.lock), ...runtimeComponents(inputs.engine.dependencies, inputs.lock)]);
}

export function serverBom(inputs: Inputs): Bom {
  const root = npmComponent('punchcard-server', inputs.version, undefined, { type: 'application', licenses: MIT });
  return bom(root, bundledComponents(inputs.serverBundled, inputs.lock));
}

/** An image reference taken apart as Docker reads one: `node:24` is docker.io/library/node at the tag 24. */
interface ImageReference {
  registry: string;
  /** The repository inside the registry: library/node. */
  path: string;
  tag?: string;
  digest?: string;
}

const DOCKER_HUB = 'docker.io';

function imageReference(text: string): ImageReference {
  const [named, digest] = text.split('@') as [string, string | undefined];
  const [, name, tag] = /^(.*?)(?::([^/:]+))?$/.exec(named) as unknown as [string, string, string | undefined];
  const parts = name.split('/');
  // The first part is a registry where it looks like a host (a dot, a port, or localhost); else Docker Hub's.
  const hasRegistry = parts.length > 1 && (/[.:]/.test(parts[0] as string) || parts[0] === 'localhost');
  const registry = hasRegistry ? (parts.shift() as string) : DOCKER_HUB;
  // Docker Hub's official images live under library/.
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  return { registry, path: parts.join('/'), ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/**
 * The digest of `base` among the RepoDigests an engine's inspect of it lists (`name@sha256:…`; Docker
 * writes Docker Hub's images by their short name, podman by the whole): the one of the base's own
 * repository, as the same image pushed elsewhere has another name. A base named by its digest is that.
 */
export function baseDigestOf(base: string, repoDigests: readonly string[]): string | undefined {
  const wanted = imageReference(base);
  if (wanted.digest) return wanted.digest;
  return repoDigests.map(imageReference).find((found) => found.digest && found.registry === wanted.registry && found.path === wanted.path)?.digest;
}

/** A qualifier's value in a package URL: percent-encoded, with the slashes and colons the spec's examples keep. */
const qualifier = (value: string) => encodeURIComponent(value).replaceAll('%2F', '/').replaceAll('%3A', ':');

/**
 * The base image's package URL: with a digest, the purl spec's `oci` type (the digest its version,
 * where it was found its repository_url, and the tag it was taken by); without one, its `docker` type
 * at the tag, which can move. Qualifiers in the spec's canonical order, by key.
 */
function baseImagePurl(reference: ImageReference, digest: string | undefined): string {
  const segments = reference.path.split('/');
  const name = (segments.pop() as string).toLowerCase();
  if (digest) {
    const qualifiers = [
      `repository_url=${qualifier(`${reference.registry}/${reference.path}`)}`,
      ...(reference.tag ? [`tag=${qualifier(reference.tag)}`] : []),
    ];
    return `pkg:oci/${encodeURIComponent(name)}@${encodeURIComponent(digest)}?${qualifiers.join('&')}`;
  }
  const namespace = segments.map(encodeURIComponent).join('/');
  const where = reference.registry === DOCKER_HUB ? '' : `?repository_url=${qualifier(reference.registry)}`;
  return `pkg:docker/${namespace ? `${namespace}/` : ''}${encodeURIComponent(name)}@${encodeURIComponent(reference.tag ?? 'latest')}${where}`;
}

/** The base image as a component, named as the Containerfile names it. */
function baseImageComponent(base: string, digest: string | undefined, description: string): Component {
  const reference = imageReference(base);
  return {
    type: 'container',
    'bom-ref': base,
    name: `${reference.registry}/${reference.path}`,
    version: reference.tag ?? reference.digest ?? 'latest',
    purl: baseImagePurl(reference, digest ?? reference.digest),
    description,
  };
}

/** The image's components beyond the team server: from the image itself, or the base image by name. */
function baseComponents(inputs: Inputs, contents: ImageContents | null): { components: Component[]; properties: Array<{ name: string; value: string }> } {
  if (!contents) {
    return {
      components: [
        baseImageComponent(
          inputs.baseImage,
          undefined,
          'The base image; its own packages are listed when the SBOM is made from the built image (npm run sbom -- --image REF).',
        ),
      ],
      properties: [{ name: 'punchcard:base-image-contents', value: 'not listed: made without --image' }],
    };
  }
  const base = baseImageComponent(inputs.baseImage, contents.baseDigest, 'The base image; what it brings is listed beside it, read from the built image.');
  const distro = `${contents.os.id}-${contents.os.versionId}`;
  const debian = contents.debian.map((found): Component => {
    const purl = `pkg:deb/${encodeURIComponent(contents.os.id || 'debian')}/${encodeURIComponent(found.name)}@${encodeURIComponent(found.version)}?arch=${encodeURIComponent(found.architecture)}&distro=${encodeURIComponent(distro)}`;
    return {
      type: 'library',
      'bom-ref': purl,
      name: found.name,
      version: found.version,
      purl,
      // Debian's short names (GPL-2+, BSD-3-clause), as its machine-readable copyright file says them.
      ...(found.licences && found.licences.length > 0 ? { licenses: found.licences.map((name) => ({ license: { name } })) } : {}),
    };
  });
  const npm = contents.npm.map((found) =>
    npmComponent(
      found.name,
      found.version,
      { license: found.license ?? undefined },
      { 'bom-ref': `${npmPurl(found.name, found.version)}#${found.path}`, properties: [{ name: 'punchcard:image-path', value: found.path }] },
    ),
  );
  const node: Component = {
    type: 'platform',
    'bom-ref': `node@${contents.node.version}`,
    name: 'node',
    version: contents.node.version,
    // Node.js is published under the MIT licence (its LICENSE file lists what it bundles under theirs).
    licenses: MIT,
    properties: [{ name: 'punchcard:image-path', value: contents.node.path }],
  };
  const os: Component = {
    type: 'operating-system',
    'bom-ref': `os:${distro}`,
    name: contents.os.id,
    version: contents.os.versionId,
    description: contents.os.name,
  };
  return { components: [base, os, node, ...debian, ...npm], properties: [] };
}

export function imageBom(inputs: Inputs, contents: ImageContents | null): Bom {
  const server = serverBom(inputs);
  const root: Component = {
    type: 'container',
    'bom-ref': `${inputs.imageName}:${inputs.version}`,
    name: inputs.imageName,
    version: inputs.version,
    licenses: MIT,
  };
  const base = baseComponents(inputs, contents);
  const document = bom(root, [server.metadata.component, ...server.components, ...base.components], base.properties);
  // The team server's libraries are its own, inside the image: the server depends on them.
  document.dependencies.push({ ref: server.metadata.component['bom-ref'], dependsOn: server.components.map((component) => component['bom-ref']) });
  return document;
}

/**
 * Runs the probe inside the image with its own Node (no shell or tool of the image needed), and asks
 * the engine for the digest of the base it was built from (`base`, as the Containerfile names it).
 */
export function readImage(image: string, engine: string, base: string): ImageContents {
  const probe = readFileSync(join(import.meta.dirname, 'sbom', 'image-probe.mjs'), 'utf8');
  const run = spawnSync(engine, ['run', '--rm', '-i', '--network', 'none', '--entrypoint', 'node', image, '--input-type=module', '-'], {
    input: probe,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`${engine} could not read ${image} (${run.status ?? run.error?.message ?? run.signal}):\n${run.stderr}`);
  const contents = JSON.parse(run.stdout) as ImageContents;
  const digest = baseDigestOf(base, repoDigests(base, engine));
  return digest ? { ...contents, baseDigest: digest } : contents;
}

/** The RepoDigests the engine's inspect of `image` lists; none where it has no such image (the SBOM then names the base by its tag). */
function repoDigests(image: string, engine: string): string[] {
  const run = spawnSync(engine, ['image', 'inspect', '--format', '{{json .RepoDigests}}', image], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) return [];
  try {
    const listed = JSON.parse(run.stdout) as unknown;
    return Array.isArray(listed) ? listed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

export interface SbomOptions {
  outDir: string;
  root?: string;
  /** The build's folder (dist; PUNCHCARD_OUT). */
  build?: string;
  image?: { ref: string; engine: string };
}

/** Writes the three SBOMs; answers their paths. */
export function writeSboms(options: SbomOptions): string[] {
  const root = options.root ?? ROOT;
  const inputs = readInputs(root, options.build ?? process.env.PUNCHCARD_OUT ?? 'dist');
  const contents = options.image ? readImage(options.image.ref, options.image.engine, inputs.baseImage) : null;
  mkdirSync(options.outDir, { recursive: true });
  const documents: Array<[string, Bom]> = [
    [`${inputs.engine.name}-${inputs.version}.cdx.json`, engineBom(inputs)],
    [`punchcard-server-${inputs.version}.cdx.json`, serverBom(inputs)],
    [`punchcard-server-image-${inputs.version}.cdx.json`, imageBom(inputs, contents)],
  ];
  return documents.map(([file, document]) => {
    const path = join(options.outDir, file);
    writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
    return path;
  });
}

export const USAGE = `Usage: npm run sbom -- --out DIR [--image REF [--engine docker|podman]]

Writes a CycloneDX SBOM (JSON) for the engine's npm package, the team server's package and the team
server's image into DIR, from the build (npx vite build first) and package-lock.json.
  --image REF     read the built image REF for the image's SBOM: Node, the Debian packages and their
                  licences, the base image's npm packages (default: the base image is named only)
  --engine NAME   the container engine that runs REF (default: docker)`;

if (import.meta.main) {
  try {
    const { values } = parseArgs({ options: { out: { type: 'string' }, image: { type: 'string' }, engine: { type: 'string' }, help: { type: 'boolean' } } });
    if (values.help) console.log(USAGE);
    else {
      if (!values.out) throw new Error(`--out DIR is required.\n\n${USAGE}`);
      const written = writeSboms({ outDir: resolve(values.out), ...(values.image ? { image: { ref: values.image, engine: values.engine ?? 'docker' } } : {}) });
      for (const path of written) console.error(`Wrote ${path}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
