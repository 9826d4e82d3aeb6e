// Punchcard's entry in the official MCP Registry, docs/releasing.md, "The MCP Registry: what a maintainer does once".
// server.json at the repository's root lists the engine's npm package (engine-package/, stdio) and the
// team server's image (Streamable HTTP). The registry takes an entry only when the npm package's
// `mcpName` and the image's label `io.modelcontextprotocol.server.name` both equal its `name`, and with
// GitHub's sign-in only under `io.github.OWNER/`, the repository's owner. This script keeps those
// places together:
//   node scripts/mcp-registry.ts check [--owner OWNER]   the files agree (and name OWNER's namespace)
//   node scripts/mcp-registry.ts namespace OWNER         put OWNER's namespace in every place (once)
//   node scripts/mcp-registry.ts version                 server.json's versions from package.json's
//   node scripts/mcp-registry.ts entry --repository URL [--repository-id ID]
//                                                        print the entry a release publishes
// server.json is checked against the registry's schema, vendored in schemas/mcp-registry/.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Ajv, type ErrorObject } from 'ajv';
import * as ajvFormats from 'ajv-formats';

const ROOT = resolve(import.meta.dirname, '..');
export const SCHEMA_PATH = 'schemas/mcp-registry/server.schema.json';
export const IMAGE_LABEL = 'io.modelcontextprotocol.server.name';
/** The label's own line in the Containerfile: `LABEL io.modelcontextprotocol.server.name="…"`. */
const LABEL_LINE = /^LABEL io\.modelcontextprotocol\.server\.name="([^"\n]*)"$/m;
/** A GitHub account's name: letters, digits and single hyphens inside, at most 39 characters. */
const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
export const IMAGE_REPOSITORY = 'punchcard-server';

export interface Argument {
  type: string;
  name?: string;
  value?: string;
}
export interface RegistryPackage {
  registryType: string;
  identifier: string;
  version?: string;
  transport: { type: string; url?: string };
  environmentVariables?: Array<{ name: string }>;
  runtimeArguments?: Argument[];
}
export interface ServerEntry {
  $schema: string;
  name: string;
  description: string;
  version: string;
  repository?: { url: string; source: string; id?: string };
  packages: RegistryPackage[];
}
export interface EnginePackage {
  name: string;
  version: string;
  mcpName?: string;
  bin?: Record<string, string>;
}

/** The texts this script reads and writes, by their paths from the repository's root. */
export interface RegistryFiles {
  'server.json': string;
  'engine-package/package.json': string;
  Containerfile: string;
  'package.json': string;
}
const FILES: ReadonlyArray<keyof RegistryFiles> = ['server.json', 'engine-package/package.json', 'Containerfile', 'package.json'];

export function readRegistryFiles(root = ROOT): RegistryFiles {
  return Object.fromEntries(FILES.map((path) => [path, readFileSync(join(root, path), 'utf8')])) as unknown as RegistryFiles;
}

/** The name the Containerfile's label gives the image, or null without the label. */
export function imageLabel(containerfile: string): string | null {
  return LABEL_LINE.exec(containerfile)?.[1] ?? null;
}

/** The GitHub owner a name's namespace stands for: `io.github.OWNER/…` → OWNER; null for another kind of namespace. */
export function githubOwnerOf(name: string): string | null {
  return /^io\.github\.([^/]+)\//.exec(name)?.[1] ?? null;
}

let validator: ReturnType<Ajv['compile']> | undefined;
/** Where server.json breaks the registry's schema, one line each (empty: it keeps it). */
export function schemaProblems(entry: unknown, root = ROOT): string[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    // A CommonJS module: its default export is the plugin itself (the types say the module).
    (ajvFormats.default as unknown as (instance: Ajv) => Ajv)(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(join(root, SCHEMA_PATH), 'utf8')) as object);
  }
  if (validator(entry)) return [];
  return (validator.errors ?? []).map(
    (error: ErrorObject) => `server.json${error.instancePath || ''}: ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`,
  );
}

/** The image a name's owner publishes for a version: ghcr.io/owner/punchcard-server:VERSION (GHCR takes lower case only). */
export function imageFor(owner: string, version: string): string {
  return `ghcr.io/${owner.toLowerCase()}/${IMAGE_REPOSITORY}:${version}`;
}

/**
 * Why the files do not make one entry the registry would take, each in a sentence (empty: they do). With
 * `owner`, the namespace must also be that GitHub account's, as signing in from its repository's
 * workflow grants.
 */
export function registryProblems(files: RegistryFiles, owner?: string): string[] {
  const problems: string[] = [];
  const entry = JSON.parse(files['server.json']) as ServerEntry;
  const engine = JSON.parse(files['engine-package/package.json']) as EnginePackage;
  const app = JSON.parse(files['package.json']) as { version: string };
  problems.push(...schemaProblems(entry));
  const npm = entry.packages?.filter((found) => found.registryType === 'npm') ?? [];
  const oci = entry.packages?.filter((found) => found.registryType === 'oci') ?? [];
  if (npm.length !== 1 || oci.length !== 1) problems.push(`server.json lists ${npm.length} npm and ${oci.length} OCI packages; it lists one of each.`);
  if (engine.mcpName !== entry.name)
    problems.push(`engine-package/package.json's mcpName is ${JSON.stringify(engine.mcpName)}, not server.json's name ${JSON.stringify(entry.name)}.`);
  const label = imageLabel(files.Containerfile);
  if (label !== entry.name)
    problems.push(`The Containerfile's label ${IMAGE_LABEL} is ${JSON.stringify(label)}, not server.json's name ${JSON.stringify(entry.name)}.`);
  for (const [what, version] of [
    ['server.json', entry.version],
    ['engine-package/package.json', engine.version],
    ["server.json's npm package", npm[0]?.version],
  ] as const)
    if (version !== app.version) problems.push(`${what} has version ${JSON.stringify(version)}, not package.json's ${app.version}.`);
  if (npm[0] && npm[0].identifier !== engine.name)
    problems.push(`server.json's npm package is ${npm[0].identifier}, not the engine package's name ${engine.name}.`);
  if (npm[0] && npm[0].transport.type !== 'stdio') problems.push(`server.json's npm package speaks ${npm[0].transport.type}; the engine speaks stdio.`);
  if (!engine.bin || !Object.keys(engine.bin).includes(engine.name))
    problems.push(`engine-package/package.json has no command named ${engine.name}, which npx runs.`);
  const namespaceOwner = githubOwnerOf(entry.name);
  if (namespaceOwner === null) problems.push(`server.json's name ${entry.name} is not under io.github.OWNER/, the namespace the release signs in for.`);
  else if (oci[0] && oci[0].identifier !== imageFor(namespaceOwner, app.version))
    problems.push(`server.json's image is ${oci[0].identifier}, not ${imageFor(namespaceOwner, app.version)}, where the release pushes it.`);
  if (owner !== undefined && namespaceOwner !== null && namespaceOwner.toLowerCase() !== owner.toLowerCase())
    problems.push(
      `server.json's name is under io.github.${namespaceOwner}/, but this repository belongs to ${owner}, whose namespace the release signs in for: ` +
        `run \`node scripts/mcp-registry.ts namespace ${owner}\` once and commit (docs/releasing.md).`,
    );
  return problems;
}

/** The files with `owner`'s namespace everywhere the name goes, and the image under owner's name. */
export function withNamespace(files: RegistryFiles, owner: string): RegistryFiles {
  if (!GITHUB_OWNER.test(owner)) throw new Error(`${JSON.stringify(owner)} is not a GitHub account's name (letters, digits and single hyphens, up to 39).`);
  const entry = JSON.parse(files['server.json']) as ServerEntry;
  const engine = JSON.parse(files['engine-package/package.json']) as EnginePackage;
  const server = entry.name.slice(entry.name.indexOf('/') + 1);
  const name = `io.github.${owner}/${server}`;
  entry.name = name;
  for (const found of entry.packages)
    if (found.registryType === 'oci') found.identifier = imageFor(owner, found.identifier.slice(found.identifier.lastIndexOf(':') + 1));
  engine.mcpName = name;
  if (imageLabel(files.Containerfile) === null) throw new Error(`The Containerfile has no line LABEL ${IMAGE_LABEL}="…" to set.`);
  return {
    ...files,
    'server.json': json(entry),
    'engine-package/package.json': json(engine),
    Containerfile: files.Containerfile.replace(LABEL_LINE, `LABEL ${IMAGE_LABEL}="${name}"`),
  };
}

/** server.json with package.json's version for itself, the npm package and the image's tag. */
export function withVersion(files: RegistryFiles): RegistryFiles {
  const { version } = JSON.parse(files['package.json']) as { version: string };
  const entry = JSON.parse(files['server.json']) as ServerEntry;
  entry.version = version;
  for (const found of entry.packages) {
    if (found.registryType === 'npm') found.version = version;
    if (found.registryType === 'oci') found.identifier = found.identifier.replace(/:[^/:]+$/, `:${version}`);
  }
  return { ...files, 'server.json': json(entry) };
}

/** The entry a release publishes: server.json with the repository it was built from (the registry shows it). */
export function releaseEntry(files: RegistryFiles, repository: { url: string; id?: string }): ServerEntry {
  if (!/^https:\/\/github\.com\/[^/\s]+\/[^/\s]+$/.test(repository.url)) throw new Error(`${repository.url} is not a GitHub repository's address.`);
  const entry = JSON.parse(files['server.json']) as ServerEntry;
  return { ...entry, repository: { url: repository.url, source: 'github', ...(repository.id ? { id: repository.id } : {}) } };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function writeRegistryFiles(files: RegistryFiles, before: RegistryFiles, root = ROOT): string[] {
  const changed = FILES.filter((path) => files[path] !== before[path]);
  for (const path of changed) writeFileSync(join(root, path), files[path]);
  return changed;
}

export const USAGE = `Usage: node scripts/mcp-registry.ts COMMAND

  check [--owner OWNER]     server.json keeps the registry's schema and agrees with engine-package/package.json
                            (mcpName, name, version), the Containerfile's label and package.json's version;
                            with --owner, its namespace is io.github.OWNER
  namespace OWNER           put io.github.OWNER/ in server.json, the engine package's mcpName and the
                            Containerfile's label, and ghcr.io/owner/ in the image's name
  version                   set server.json's versions (its own, the npm package's, the image's tag) to package.json's
  entry --repository URL [--repository-id ID]
                            print server.json as a release publishes it, with the repository it came from`;

if (import.meta.main) {
  try {
    const { positionals, values } = parseArgs({
      allowPositionals: true,
      options: { owner: { type: 'string' }, repository: { type: 'string' }, 'repository-id': { type: 'string' }, help: { type: 'boolean' } },
    });
    const [command, argument] = positionals;
    const files = readRegistryFiles();
    if (values.help || command === undefined) console.log(USAGE);
    else if (command === 'check') {
      const problems = registryProblems(files, values.owner);
      if (problems.length > 0) {
        console.error(problems.join('\n'));
        process.exitCode = 1;
      } else {
        const entry = JSON.parse(files['server.json']) as ServerEntry;
        console.error(`server.json, engine-package/package.json and the Containerfile agree: ${entry.name} ${entry.version}.`);
      }
    } else if (command === 'namespace') {
      if (!argument) throw new Error(`namespace needs the GitHub owner's name.\n\n${USAGE}`);
      const changed = writeRegistryFiles(withNamespace(files, argument), files);
      console.error(changed.length > 0 ? `Changed ${changed.join(', ')}.` : 'Nothing to change.');
    } else if (command === 'version') {
      const changed = writeRegistryFiles(withVersion(files), files);
      console.error(changed.length > 0 ? `Changed ${changed.join(', ')}.` : 'Nothing to change.');
    } else if (command === 'entry') {
      if (!values.repository) throw new Error(`entry needs --repository URL.\n\n${USAGE}`);
      process.stdout.write(json(releaseEntry(files, { url: values.repository, ...(values['repository-id'] ? { id: values['repository-id'] } : {}) })));
    } else throw new Error(`Unknown command ${command}.\n\n${USAGE}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
