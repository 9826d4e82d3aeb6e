// What the team server's image holds besides our bundle, read inside the image by its own Node
// (scripts/sbom.ts runs `IMAGE` with this file on stdin: `node --input-type=module -`), so that nothing
// but Node is needed in the image: the Debian packages dpkg installed (/var/lib/dpkg/status) with the
// licences their machine-readable copyright files name, the npm packages that came with the base image
// (npm itself, and what else sits in a global node_modules or /opt), and Node's version. Prints one JSON
// object. `--root DIR` reads a file tree laid out like an image instead (the tests'). Plain JavaScript:
// it runs on the image's Node with no build step.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const rootAt = process.argv.indexOf('--root');
const root = rootAt > 0 ? process.argv[rootAt + 1] : '/';
const at = (path) => join(root, path);
// An image holds a few hundred packages; this many means something is wrong, not a bigger image.
const MAX_PACKAGES = 20_000;

/** The stanzas of a Debian control file (dpkg's status), as maps of field to first-line value. */
function stanzas(text) {
  return text
    .split(/\n\s*\n/)
    .map((block) => {
      const fields = new Map();
      for (const line of block.split('\n')) {
        const match = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
        if (match) fields.set(match[1], match[2].trim());
      }
      return fields;
    })
    .filter((fields) => fields.size > 0);
}

/** The licence names a DEP-5 (machine-readable) copyright file gives, in order, each once; null when the file is missing or free text. */
function copyrightLicences(text) {
  if (text === null || !/^Format:\s*\S/.test(text)) return null;
  const names = [];
  for (const match of text.matchAll(/^License:[ \t]*(\S[^\n]*)$/gm)) {
    const name = match[1].trim();
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function debianPackages() {
  const status = readText(at('var/lib/dpkg/status'));
  if (status === null) return [];
  return stanzas(status)
    .filter((fields) => /\binstalled$/.test(fields.get('Status') ?? '') && fields.has('Package') && fields.has('Version'))
    .map((fields) => {
      const name = fields.get('Package');
      return {
        name,
        version: fields.get('Version'),
        architecture: fields.get('Architecture') ?? '',
        licences: copyrightLicences(readText(at(`usr/share/doc/${name}/copyright`))),
      };
    })
    .slice(0, MAX_PACKAGES);
}

/** Every package folder (one with a package.json naming it) under a node_modules folder, and the folder itself where it is one. */
function npmPackages() {
  const found = [];
  const visit = (folder, depth) => {
    if (found.length >= MAX_PACKAGES || depth > 12) return;
    const manifest = readText(join(folder, 'package.json'));
    if (manifest !== null) {
      try {
        const { name, version, license } = JSON.parse(manifest);
        if (typeof name === 'string' && typeof version === 'string')
          found.push({ name, version, license: typeof license === 'string' ? license : null, path: `/${relative(root, folder)}` });
      } catch {
        // Not a package's manifest (a test fixture in a package, say): not a package of its own.
      }
    }
    const modules = join(folder, 'node_modules');
    if (!existsSync(modules)) return;
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith('.')) continue;
      const path = join(modules, entry);
      if (!statSync(path).isDirectory()) continue;
      if (entry.startsWith('@')) for (const scoped of readdirSync(path)) visit(join(path, scoped), depth + 1);
      else visit(path, depth + 1);
    }
  };
  // npm's global packages (npm, corepack), and what a base image puts in /opt (the official image's yarn).
  const globals = at('usr/local/lib/node_modules');
  if (existsSync(globals)) {
    for (const entry of readdirSync(globals)) {
      const path = join(globals, entry);
      if (entry.startsWith('@')) for (const scoped of readdirSync(path)) visit(join(path, scoped), 0);
      else if (!entry.startsWith('.')) visit(path, 0);
    }
  }
  const opt = at('opt');
  if (existsSync(opt)) for (const entry of readdirSync(opt)) if (existsSync(join(opt, entry, 'package.json'))) visit(join(opt, entry), 0);
  return found;
}

function osRelease() {
  const fields = {};
  for (const line of (readText(at('etc/os-release')) ?? readText(at('usr/lib/os-release')) ?? '').split('\n')) {
    const match = /^([A-Z_]+)=("?)(.*)\2$/.exec(line);
    if (match) fields[match[1]] = match[3];
  }
  return { id: fields.ID ?? '', versionId: fields.VERSION_ID ?? '', name: fields.PRETTY_NAME ?? '' };
}

process.stdout.write(
  `${JSON.stringify({ node: { version: process.version.replace(/^v/, ''), path: process.execPath }, os: osRelease(), debian: debianPackages(), npm: npmPackages() })}\n`,
);
