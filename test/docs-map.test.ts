// docs/architecture.md is the map a newcomer reads in ten minutes, and the pages it links hold the
// details (docs/internals/, the recipes). A map grows by accretion, a sentence at a time, until nobody
// reads it: this holds it to its size, to table cells a reader takes in at a glance, and to linking
// every detail page. And the developer pages name the tree as it is: a file they cite in backticks is
// a file the repository has, so a move or a rename that leaves a page behind fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const DOCS = join(ROOT, 'docs');
const MAP = join(ROOT, 'docs/architecture.md');
const INTERNALS = join(DOCS, 'internals');

/** The most lines the map may have, and the most characters one of its table cells may hold. */
const MAP_LINES = 250;
const MAP_CELL = 400;

/** The pages written for whoever changes the code, whose file names must match the tree. */
function developerPages(): string[] {
  const internals = readdirSync(INTERNALS)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(INTERNALS, name));
  return [MAP, join(ROOT, 'docs/adding-a-tool.md'), join(ROOT, 'docs/adding-a-back-end.md'), join(ROOT, 'docs/development.md'), ...internals];
}

/** Every cell of every table row, as written between its pipes. */
function tableCells(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .flatMap((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split(' | '),
    )
    .map((cell) => cell.trim());
}

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', 'dist', 'release', 'test-output', 'coverage']);

function repositoryFiles(folder: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(folder)) {
    if (SKIPPED_FOLDERS.has(name)) continue;
    const path = join(folder, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) files.push(...repositoryFiles(path));
    else if (stat?.isFile()) files.push(relative(ROOT, path).split('\\').join('/'));
  }
  return files;
}

/** The repository's own top-level folders: a path that starts with one is cited from the root. */
const TOP_FOLDERS = ['mcp-server', 'team-server', 'main', 'renderer', 'test', 'scripts', 'docs', 'build'];
/** A file path in backticks: a folder, a slash, a name with an extension. */
const CITED_FILE = /`((?:[\w.-]+\/)+[\w.-]+\.(?:ts|tsx|md|json|yml|css|html))`/g;
/** A pattern rather than a file: `providers/<name>/api.ts`, `docs/team-server/*.md`, `{timer,week}`. */
const PATTERN = /[<>*{}…]/;

/**
 * The cited files a text names that the tree does not have. A path from a top-level folder must be
 * that file; any other (`engine/run-tool.ts`, said beside the folder it is in) must end some file's path.
 */
function missingFiles(text: string, files: readonly string[]): string[] {
  const missing: string[] = [];
  for (const [, path] of text.matchAll(CITED_FILE) as IterableIterator<[string, string]>) {
    if (PATTERN.test(path)) continue;
    const fromRoot = TOP_FOLDERS.some((folder) => path.startsWith(`${folder}/`));
    const found = fromRoot ? files.includes(path) : files.some((file) => file === path || file.endsWith(`/${path}`));
    if (!found) missing.push(path);
  }
  return missing;
}

describe('the map', () => {
  const map = readFileSync(MAP, 'utf8');

  it(`stays a map: at most ${MAP_LINES} lines, no table cell over ${MAP_CELL} characters`, () => {
    expect(map.split('\n').length).toBeLessThanOrEqual(MAP_LINES);
    const long = tableCells(map).filter((cell) => cell.length > MAP_CELL);
    expect(long.map((cell) => `${cell.length} characters: ${cell.slice(0, 80)}…`)).toEqual([]);
  });

  it('links every page of the details', () => {
    const pages = readdirSync(INTERNALS).filter((name) => name.endsWith('.md'));
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) expect(map, page).toContain(`](internals/${page})`);
    for (const recipe of ['docs/adding-a-tool.md', 'docs/adding-a-back-end.md']) expect(map, recipe).toContain(`](${recipe.replace('docs/', '')})`);
  });
});

describe('the developer pages', () => {
  const files = repositoryFiles(ROOT);

  it('find a renamed or missing file, and let through the tree as it is and patterns', () => {
    expect(missingFiles('`mcp-server/engine/no-such-module.ts`', files)).toEqual(['mcp-server/engine/no-such-module.ts']);
    expect(missingFiles('`engine/no-such-module.ts`', files)).toEqual(['engine/no-such-module.ts']);
    // A path from the root is that file, not any file its end matches.
    expect(missingFiles('`main/run-tool.ts`', files)).toEqual(['main/run-tool.ts']);
    expect(missingFiles('`mcp-server/engine/run-tool.ts`, `engine/run-tool.ts`', files)).toEqual([]);
    expect(missingFiles('`providers/<name>/api.ts`, `docs/team-server/*.md`', files)).toEqual([]);
  });

  it('cite only files the repository has', () => {
    const problems = developerPages().flatMap((page) =>
      missingFiles(readFileSync(page, 'utf8'), files).map((path) => `${relative(ROOT, page)} cites ${path}, which the repository does not have`),
    );
    expect(problems).toEqual([]);
  });
});
