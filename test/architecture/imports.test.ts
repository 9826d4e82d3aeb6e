// The import graph of the code, read as the compiler reads it (every import, types included): no module reaches back
// to itself through others, nor a top-level folder through the others; the window's contract stands below the window
// and main; the engine's layers point down (docs/architecture.md, "The three programs and their layers"); and inside
// providers/ a back end reaches no other back end and a capability no other capability (docs/internals/back-ends.md).
// A refactor that would make one of these true no longer fails here, by name.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const PROGRAMS = ['mcp-server', 'team-server', 'main', 'renderer', 'window-contract'];

/** Every source file of the programs, repository-relative. */
function sourceFiles(): string[] {
  return PROGRAMS.flatMap((folder) =>
    readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
      .filter((entry) => !entry.parentPath.includes('node_modules'))
      .map((entry) => relative(ROOT, join(entry.parentPath, entry.name))),
  );
}

const FILES = sourceFiles();
const KNOWN = new Set(FILES);

/** What each file imports of the others (relative specifiers to a file; `import type` and `import()` too). */
const IMPORTS: ReadonlyMap<string, readonly string[]> = new Map(
  FILES.map((file) => {
    const found = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true).importedFiles;
    const targets = found
      .map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => relative(ROOT, resolve(ROOT, dirname(file), name)))
      .filter((target) => KNOWN.has(target));
    return [file, [...new Set(targets)]];
  }),
);

/** The strongly connected groups of more than one module (Tarjan's algorithm), each a cycle or several. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) as number, low.get(to) as number));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node) as number, index.get(to) as number));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      group.push(member);
      if (member === node) break;
    }
    if (group.length > 1) groups.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return groups;
}

/** The graph with each module put in the group `groupOf` names (undefined: left out), edges inside a group dropped. */
function grouped(groupOf: (file: string) => string | undefined): Map<string, string[]> {
  const graph = new Map<string, Set<string>>();
  for (const [file, targets] of IMPORTS) {
    const from = groupOf(file);
    if (from === undefined) continue;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const target of targets) {
      const to = groupOf(target);
      if (to !== undefined && to !== from) edges.add(to);
    }
  }
  return new Map([...graph].map(([node, edges]) => [node, [...edges]]));
}

/** Every import from a file `from` matches to a file `to` matches, as "file => target". */
function importsBetween(from: (file: string) => boolean, to: (target: string, file: string) => boolean): string[] {
  return [...IMPORTS].flatMap(([file, targets]) => (from(file) ? targets.filter((target) => to(target, file)).map((target) => `${file} => ${target}`) : []));
}

/** The engine's first-level folder (or file) a module is in: `tools`, `providers`, `index.ts`, … */
function engineLayer(file: string): string | undefined {
  return file.startsWith('mcp-server/') ? (file.split('/')[1] as string) : undefined;
}

describe('the import graph', () => {
  it('has no cycle: no module reaches back to itself through others', () => {
    expect(cycles(IMPORTS)).toEqual([]);
  });

  it('has no cycle between the top-level folders (main, the window, their contract, the engine, the team server)', () => {
    expect(cycles(grouped((file) => file.split('/')[0]))).toEqual([]);
  });

  it('the window\'s contract imports neither the window nor main: both import it (docs/decisions.md, "One IPC contract")', () => {
    expect(
      importsBetween(
        (file) => file.startsWith('window-contract/'),
        (target) => /^(renderer|main|team-server)\//.test(target),
      ),
    ).toEqual([]);
  });

  it("has no cycle between the engine's folders", () => {
    expect(cycles(grouped(engineLayer))).toEqual([]);
  });

  it.each([
    ['domain/', ['contract', 'domain']],
    ['contract/', ['contract']],
    ['providers/', ['providers', 'contract', 'domain', 'clock.ts', 'log.ts', 'private-files.ts', 'small-text-file.ts', 'credentials']],
    ['apps/', ['apps', 'contract']],
    ['policy/', ['policy', 'contract', 'settings', 'log.ts', 'small-text-file.ts']],
    ['settings/', ['settings', 'contract', 'log.ts', 'private-files.ts', 'small-text-file.ts']],
  ])('mcp-server/%s imports only what is below it', (folder, allowed) => {
    const upward = importsBetween(
      (file) => file.startsWith(`mcp-server/${folder}`),
      (target) => target.startsWith('mcp-server/') && !allowed.includes(engineLayer(target) as string),
    );
    expect(upward).toEqual([]);
  });
});

describe('inside providers/', () => {
  const BACK_END = /^mcp-server\/providers\/(calamari|clockify|clockodo|kimai|local|toggl|harvest)\//;
  const backEndOf = (file: string) => BACK_END.exec(file)?.[1];

  it('a back end reaches no other back end', () => {
    expect(
      importsBetween(
        (file) => backEndOf(file) !== undefined,
        (target, file) => backEndOf(target) !== undefined && backEndOf(target) !== backEndOf(file),
      ),
    ).toEqual([]);
  });

  it("a capability reaches no other capability: what they share is the back end's root (docs/internals/back-ends.md)", () => {
    const cellOf = (file: string) => /^mcp-server\/providers\/(\w+)\/([\w-]+)\//.exec(file);
    const crossing = importsBetween(
      (file) => cellOf(file) !== null,
      (target, file) => {
        const [from, to] = [cellOf(file), cellOf(target)];
        return to !== null && from !== null && from[1] === to[1] && from[2] !== to[2];
      },
    );
    expect(crossing).toEqual([]);
  });

  it("a back end's root reaches into its capabilities only through their index.ts, to list them (cells.ts)", () => {
    const reaching = importsBetween(
      (file) => /^mcp-server\/providers\/\w+\/[\w-]+\.ts$/.test(file),
      (target, file) => target.startsWith(file.slice(0, file.lastIndexOf('/') + 1)) && /^mcp-server\/providers\/\w+\/[\w-]+\//.test(target),
    );
    expect(reaching.filter((edge) => !/\/cells\.ts => mcp-server\/providers\/\w+\/[\w-]+\/index\.ts$/.test(edge))).toEqual([]);
  });

  // Kimai's is the largest: the person its organisation account acts for must be held to all their own token would be,
  // in three files of its own (acting.ts, acting-holds.ts, acting-shared.ts).
  it("keeps a back end's root to what its capabilities share: about a dozen files", () => {
    const roots = new Map<string, number>();
    for (const file of FILES) {
      const root = /^mcp-server\/providers\/(\w+)\/[\w-]+\.ts$/.exec(file)?.[1];
      if (root && root !== 'remote' && root !== 'outbox' && root !== 'parts' && root !== 'grid') roots.set(root, (roots.get(root) ?? 0) + 1);
    }
    expect(roots.size).toBeGreaterThan(4);
    for (const [backEnd, count] of roots) expect(count, backEnd).toBeLessThanOrEqual(15);
  });

  it("the root's table of back ends alone reaches into a back end's folder, and only its engine side", () => {
    const reaching = importsBetween(
      (file) => /^mcp-server\/providers\/[^/]+\.ts$/.test(file),
      (target) => backEndOf(target) !== undefined,
    );
    expect(
      reaching.every((edge) => /^mcp-server\/providers\/back-ends\.ts => mcp-server\/providers\/\w+\/back-end\.ts$/.test(edge)),
      reaching.join('\n'),
    ).toBe(true);
  });
});
