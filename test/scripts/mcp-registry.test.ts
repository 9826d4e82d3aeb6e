// Punchcard's entry in the MCP Registry (server.json, scripts/mcp-registry.ts, docs/releasing.md): valid
// against the registry's published schema (vendored in schemas/mcp-registry/, checked against its
// recorded checksum), naming the engine's npm package and the team server's image by the names they
// carry (the package's mcpName, the Containerfile's label), at the repository's version; and the
// script's changes (the namespace, the version, the entry a release publishes) keep it so.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACK_END_TYPES, BACK_ENDS, secondTokenVariable, tokenVariable } from '../../mcp-server/contract/back-ends.ts';
import { CONFIG_VARIABLES, SERVICE_URL_VARIABLES } from '../../mcp-server/cli/arguments.ts';
import {
  imageLabel,
  readRegistryFiles,
  registryProblems,
  type RegistryFiles,
  releaseEntry,
  schemaProblems,
  SCHEMA_PATH,
  type ServerEntry,
  withNamespace,
  withVersion,
} from '../../scripts/mcp-registry.ts';

const ROOT = join(import.meta.dirname, '../..');
const files = readRegistryFiles();
const entry = JSON.parse(files['server.json']) as ServerEntry;
const npm = entry.packages.find((found) => found.registryType === 'npm');
const oci = entry.packages.find((found) => found.registryType === 'oci');

/** The files with one of them changed by `edit` (parsed JSON for the JSON ones). */
function changed(path: keyof RegistryFiles, edit: (value: Record<string, unknown>) => void): RegistryFiles {
  const value = JSON.parse(files[path]) as Record<string, unknown>;
  edit(value);
  return { ...files, [path]: JSON.stringify(value) };
}

describe('the vendored schema', () => {
  it('is the published file byte for byte, as its README records it', () => {
    const readme = readFileSync(join(ROOT, 'schemas/mcp-registry/README.md'), 'utf8');
    const recorded = /SHA-256 \| `([0-9a-f]{64})`/.exec(readme)?.[1];
    expect(
      createHash('sha256')
        .update(readFileSync(join(ROOT, SCHEMA_PATH)))
        .digest('hex'),
    ).toBe(recorded);
    const schema = JSON.parse(readFileSync(join(ROOT, SCHEMA_PATH), 'utf8')) as { $id: string };
    expect(readme).toContain(schema.$id);
    expect(entry.$schema).toBe(schema.$id);
  });
});

describe('server.json', () => {
  it('keeps the registry’s schema, and the schema refuses what the registry refuses (so the check can fail)', () => {
    expect(schemaProblems(entry)).toEqual([]);
    expect(schemaProblems({ ...entry, description: 'x'.repeat(101) }).join('\n')).toMatch(/description.*must NOT have more than 100 characters/);
    expect(schemaProblems({ ...entry, name: 'punchcard' }).join('\n')).toMatch(/\/name.*pattern/);
    expect(schemaProblems({ ...entry, packages: [{ ...npm, version: 'latest' }] }).join('\n')).toMatch(/packages\/0\/version/);
  });

  it('agrees with the engine package, the Containerfile and package.json', () => {
    expect(registryProblems(files)).toEqual([]);
    const engine = JSON.parse(files['engine-package/package.json']) as { name: string; mcpName: string; version: string };
    const app = JSON.parse(files['package.json']) as { version: string };
    expect(engine.mcpName).toBe(entry.name);
    expect(npm?.identifier).toBe(engine.name);
    expect([entry.version, npm?.version, engine.version]).toEqual([app.version, app.version, app.version]);
    expect(oci?.identifier).toMatch(new RegExp(`^ghcr\\.io/[a-z0-9-]+/punchcard-server:${app.version.replaceAll('.', '\\.')}$`));
  });

  it('names the image by the label the Containerfile gives it', () => {
    expect(imageLabel(files.Containerfile)).toBe(entry.name);
    expect(imageLabel('FROM x\nLABEL org.opencontainers.image.title="y"\n')).toBeNull();
  });

  it('finds each way the files can disagree', () => {
    const problems = (candidate: RegistryFiles, owner?: string) => registryProblems(candidate, owner).join('\n');
    expect(problems(changed('engine-package/package.json', (value) => (value.mcpName = 'io.github.someone/punchcard')))).toMatch(/mcpName/);
    expect(problems({ ...files, Containerfile: files.Containerfile.replace(entry.name, 'io.github.someone/punchcard') })).toMatch(/label/);
    expect(problems({ ...files, Containerfile: files.Containerfile.replace(/^LABEL io\.modelcontextprotocol.*$/m, '') })).toMatch(/label .* is null/);
    expect(problems(changed('package.json', (value) => (value.version = '9.9.9')))).toMatch(/not package\.json's 9\.9\.9/);
    expect(problems(changed('engine-package/package.json', (value) => (value.name = 'another-name')))).toMatch(/not the engine package's name/);
    expect(problems(changed('engine-package/package.json', (value) => delete value.bin))).toMatch(/no command named/);
    expect(
      problems(
        changed('server.json', (value) => {
          const packages = value.packages as Array<{ registryType: string; identifier: string }>;
          for (const found of packages) if (found.registryType === 'oci') found.identifier = found.identifier.replace('ghcr.io/', 'docker.io/');
        }),
      ),
    ).toMatch(/where the release pushes it/);
    expect(problems(files, 'someone-else')).toMatch(/belongs to someone-else.*namespace someone-else/);
  });

  it('offers the engine’s variables, by the names the engine reads', () => {
    // A back end's second secret (Tempo's Jira API token) and its own API's host beside its site (Tempo's) too.
    const seconds = BACK_ENDS.flatMap((backEnd) => secondTokenVariable(backEnd.type) ?? []);
    const read = new Set<string>([
      ...Object.values(CONFIG_VARIABLES),
      ...Object.values(SERVICE_URL_VARIABLES),
      ...BACK_ENDS.filter((backEnd) => backEnd.secret !== null).map((b) => tokenVariable(b.type)),
      ...seconds,
    ]);
    const offered = npm?.environmentVariables ?? [];
    expect(offered.length).toBeGreaterThan(4);
    for (const variable of offered) expect(read, variable.name).toContain(variable.name);
    const provider = offered.find((variable) => variable.name === CONFIG_VARIABLES.provider) as { choices?: string[] } | undefined;
    expect(provider?.choices).toEqual([...BACK_END_TYPES]);
    // Every secret variable is offered and marked secret, a second secret's too.
    for (const backEnd of BACK_ENDS.filter((b) => b.secret !== null))
      expect(
        offered.find((variable) => variable.name === tokenVariable(backEnd.type)),
        backEnd.type,
      ).toMatchObject({ isSecret: true });
    expect(seconds.length).toBeGreaterThan(0);
    for (const second of seconds)
      expect(
        offered.find((variable) => variable.name === second),
        second,
      ).toMatchObject({ isSecret: true });
    for (const service of Object.values(SERVICE_URL_VARIABLES)) expect(offered.map((variable) => variable.name)).toContain(service);
  });

  it('runs the image as its Containerfile expects: the port, the state volume and the config’s path', () => {
    const containerfile = files.Containerfile;
    const values = (oci?.runtimeArguments ?? []).map((argument) => `${argument.name} ${argument.value}`);
    expect(containerfile).toContain('EXPOSE 8787');
    expect(values).toContain('--publish 127.0.0.1:8787:8787');
    expect(containerfile).toContain('VOLUME /var/lib/punchcard');
    expect(values).toContain('--volume punchcard:/var/lib/punchcard');
    expect(containerfile).toContain('CMD ["serve", "--config", "/etc/punchcard/server.json"]');
    expect(values).toContain('--volume {config}:/etc/punchcard/server.json:ro');
    expect(oci?.transport).toEqual({ type: 'streamable-http', url: 'http://localhost:8787/mcp' });
  });
});

describe('node scripts/mcp-registry.ts', () => {
  it('namespace OWNER puts the owner’s namespace in every place, and the files then agree for that owner', () => {
    const moved = withNamespace(files, 'Acme-Co');
    expect(registryProblems(moved, 'acme-co')).toEqual([]);
    const movedEntry = JSON.parse(moved['server.json']) as ServerEntry;
    expect(movedEntry.name).toBe('io.github.Acme-Co/punchcard');
    expect(JSON.parse(moved['engine-package/package.json']).mcpName).toBe('io.github.Acme-Co/punchcard');
    expect(imageLabel(moved.Containerfile)).toBe('io.github.Acme-Co/punchcard');
    // GHCR names are lower case.
    expect(movedEntry.packages.find((found) => found.registryType === 'oci')?.identifier).toMatch(/^ghcr\.io\/acme-co\/punchcard-server:/);
    // Only the label's line changed in the Containerfile.
    expect(moved.Containerfile.split('\n').filter((line, index) => line !== files.Containerfile.split('\n')[index])).toHaveLength(1);
    expect(() => withNamespace(files, 'not/an owner')).toThrow(/not a GitHub account's name/);
    expect(() => withNamespace(files, '-acme')).toThrow(/not a GitHub account's name/);
  });

  it('version carries package.json’s version into server.json, its npm package and the image’s tag', () => {
    const bumped = changed('package.json', (value) => (value.version = '1.2.0'));
    const moved = changed('engine-package/package.json', (value) => (value.version = '1.2.0'));
    const both = { ...bumped, 'engine-package/package.json': moved['engine-package/package.json'] };
    expect(registryProblems(both).join('\n')).toMatch(/not package\.json's 1\.2\.0/);
    const synced = withVersion(both);
    expect(registryProblems(synced)).toEqual([]);
    expect((JSON.parse(synced['server.json']) as ServerEntry).packages.find((found) => found.registryType === 'oci')?.identifier).toMatch(/:1\.2\.0$/);
  });

  it('entry adds the repository a release is built from, and stays valid', () => {
    const published = releaseEntry(files, { url: 'https://github.com/acme/punchcard', id: '123456' });
    expect(published.repository).toEqual({ url: 'https://github.com/acme/punchcard', source: 'github', id: '123456' });
    expect(schemaProblems(published)).toEqual([]);
    expect(() => releaseEntry(files, { url: 'https://example.com/acme/punchcard' })).toThrow(/not a GitHub repository/);
  });
});
