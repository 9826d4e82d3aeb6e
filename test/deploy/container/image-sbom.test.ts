// The image's SBOM as the release makes it (scripts/sbom.ts with --image; docs/releasing.md, "SBOMs"):
// read from the built image by its own Node, it lists what the image holds, compared here with what
// the image's own tools say: Node's version, every Debian package dpkg installed (with the licences of
// the machine-readable copyright files the image keeps), the npm packages the base brings, and the
// team server's bundled packages; the base image by the digest podman's inspect gives it; the image
// carries the MCP Registry's label with server.json's name.
// Built under a tag of its own, so it never replaces the image the other container tests run.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bom, writeSboms } from '../../../scripts/sbom.ts';
import { APP_VERSION, BASE_IMAGE, buildImage, ensureBaseImage, podman, podmanOk, ROOT } from './podman.ts';

const TAG = 'localhost/punchcard-server:sbom-test';
const REGISTRY_NAME = (JSON.parse(readFileSync(join(ROOT, 'server.json'), 'utf8')) as { name: string }).name;

let out: string;
let bom: Bom;

/** A command's output inside the image, through its shell. */
const inImage = (script: string) => podmanOk(['run', '--rm', '--network', 'none', '--entrypoint', 'sh', TAG, '-c', script]);

beforeAll(async () => {
  ensureBaseImage();
  await buildImage(TAG);
  out = mkdtempSync(join(tmpdir(), 'punchcard-image-sbom-'));
  writeSboms({ outDir: out, image: { ref: TAG, engine: 'podman' } });
  bom = JSON.parse(readFileSync(join(out, `punchcard-server-image-${APP_VERSION}.cdx.json`), 'utf8')) as Bom;
}, 900_000);

afterAll(async () => {
  if (out) rmSync(out, { recursive: true, force: true });
  await podman(['image', 'rm', '--force', TAG]);
});

describe('the image’s SBOM, read from the image', () => {
  it('is valid CycloneDX 1.6, for an image labelled with the registry entry’s name', async () => {
    expect(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(JSON.stringify(bom))).toBeNull();
    const labels = JSON.parse(await podmanOk(['image', 'inspect', TAG, '--format', '{{json .Config.Labels}}'])) as Record<string, string>;
    expect(labels['io.modelcontextprotocol.server.name']).toBe(REGISTRY_NAME);
    expect(bom.metadata.properties).toBeUndefined();
  });

  it('names the base image by the digest podman’s inspect gives it, as an OCI package URL', async () => {
    const digests = JSON.parse(await podmanOk(['image', 'inspect', '--format', '{{json .RepoDigests}}', BASE_IMAGE])) as string[];
    const digest = digests.find((name) => name.startsWith('docker.io/library/node@sha256:'))?.split('@')[1];
    expect(digest, digests.join(', ')).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(bom.components.find((component) => component['bom-ref'] === BASE_IMAGE)).toMatchObject({
      type: 'container',
      purl: `pkg:oci/node@${encodeURIComponent(digest as string)}?repository_url=docker.io/library/node&tag=24-bookworm-slim`,
    });
  });

  it('names the image’s Node at the version the image runs', async () => {
    const version = (await podmanOk(['run', '--rm', '--entrypoint', 'node', TAG, '--version'])).trim().replace(/^v/, '');
    expect(bom.components.find((component) => component.type === 'platform' && component.name === 'node')?.version).toBe(version);
  });

  it('lists every Debian package dpkg installed, at its version, with the licences its machine-readable copyright file names', async () => {
    const installed = (await inImage('dpkg-query -W -f \'${db:Status-Status} ${Package} ${Version}\\n\' | awk \'$1 == "installed" { print $2 " " $3 }\''))
      .trim()
      .split('\n')
      .sort();
    expect(installed.length).toBeGreaterThan(50);
    const listed = bom.components.filter((component) => component.purl?.startsWith('pkg:deb/'));
    expect(listed.map((component) => `${component.name} ${component.version}`).sort()).toEqual(installed);
    const machineReadable = (
      await inImage('for f in /usr/share/doc/*/copyright; do head -n 1 "$f" | grep -q "^Format:" && basename "$(dirname "$f")"; done; true')
    )
      .trim()
      .split('\n')
      .filter(Boolean);
    for (const name of machineReadable) {
      const component = listed.find((found) => found.name === name);
      if (component) expect(component.licenses?.length, name).toBeGreaterThan(0);
    }
  });

  it('lists the npm packages the base image brings, and the team server’s own', async () => {
    const globals = (await inImage('ls /usr/local/lib/node_modules 2>/dev/null; true')).trim().split('\n').filter(Boolean);
    const npm = bom.components.filter((component) => component.properties?.some((property) => property.name === 'punchcard:image-path'));
    for (const name of globals)
      expect(
        npm.map((component) => (component.group ? `${component.group}/${component.name}` : component.name)),
        name,
      ).toContain(name);
    for (const name of ['punchcard-server', 'koa', 'pg'])
      expect(
        bom.components.some((component) => component.name === name),
        name,
      ).toBe(true);
  });
});
