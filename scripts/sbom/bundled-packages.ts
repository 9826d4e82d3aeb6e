// Which npm packages a bundle holds code of (docs/releasing.md, "SBOMs"). The engine and the team server
// are bundled whole (vite.config.ts, nodeBundle), so their npm packages ship inside their chunks rather
// than in a node_modules folder: the build lists them, from the modules each chunk rendered, into
// dist/bundled/ENVIRONMENT.json, and scripts/sbom.ts reads that list. Pure but for reading package.json.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface BundledPackage {
  name: string;
  version: string;
  /** The package's folder from the repository's root, as package-lock.json names it: node_modules/zod. */
  path: string;
}

/** The folder of the npm package a module id is in (the deepest node_modules/NAME or node_modules/@SCOPE/NAME), or null. */
export function packageFolderOf(id: string): string | null {
  const normal = id.replace(/^\0/, '').split(sep).join('/');
  const at = normal.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const rest = normal.slice(at + '/node_modules/'.length).split('/');
  const name = rest[0]?.startsWith('@') ? rest.slice(0, 2).join('/') : rest[0];
  if (!name || (name.startsWith('@') && !name.includes('/'))) return null;
  return `${normal.slice(0, at)}/node_modules/${name}`;
}

/** The packages the modules come from, each once, sorted by path; modules outside node_modules (ours) are left out. */
export function bundledPackages(moduleIds: Iterable<string>, root: string): BundledPackage[] {
  const folders = new Set<string>();
  for (const id of moduleIds) {
    const folder = packageFolderOf(id);
    if (folder) folders.add(folder);
  }
  const found: BundledPackage[] = [];
  for (const folder of folders) {
    const manifest = join(folder, 'package.json');
    if (!existsSync(manifest)) throw new Error(`${manifest} is missing: a bundled module's package cannot be named.`);
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (!name || !version) throw new Error(`${manifest} names no package and version.`);
    found.push({ name, version, path: relative(root, folder).split(sep).join('/') });
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}
