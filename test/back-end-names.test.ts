// A back end is its folder, its descriptor and its line in the table (docs/decisions.md, "Back ends as
// descriptors"): the rest of the program reads the table instead of naming back ends. This holds the
// source to that: a back end's type, written as a string, appears in at most four source files outside
// its folder (its descriptor is one of them).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACK_END_TYPES } from '../mcp-server/contract/back-ends.ts';

const ROOT = join(import.meta.dirname, '..');
const SOURCE_FOLDERS = ['mcp-server', 'main', 'renderer/src', 'scripts'];

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

const FILES = SOURCE_FOLDERS.flatMap(sourceFiles).map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));

describe('back ends named outside their folders', () => {
  it.each(BACK_END_TYPES)('%s is named as a string in at most four source files outside its folder under providers/', (type) => {
    const quoted = new RegExp(`['"\`]${type}['"\`]`);
    const naming = FILES.filter(({ path, text }) => !path.startsWith(`mcp-server/providers/${type}/`) && quoted.test(text)).map(({ path }) => path);
    expect(naming).toContain(`mcp-server/contract/back-ends/${type}.ts`);
    expect(naming.length, naming.join('\n')).toBeLessThanOrEqual(4);
  });
});

describe('back ends named in the team server', () => {
  const teamServer = sourceFiles('team-server').map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
  /**
   * Where the team server still names a back end, reviewed: Calamari's organisation-wide limit (team/team-engines.ts).
   * A back end's own settings are its descriptor's, as Kimai's lockdown (`unpublishedRules`), which server.json and admin
   * check read from there, and which back ends take one organisation credential (`organisationCredential`).
   */
  const REVIEWED: Record<string, string[]> = {
    local: [],
    kimai: [],
    clockodo: [],
    calamari: ['team-server/team/team-engines.ts'],
    clockify: [],
    harvest: [],
  };

  it.each(BACK_END_TYPES)('%s is named as a string only where reviewed', (type) => {
    const quoted = new RegExp(`['"\`]${type}['"\`]`);
    // A back end not listed is named nowhere in the team server: it reads the table (a new back end adds no line here).
    expect(teamServer.filter(({ text }) => quoted.test(text)).map(({ path }) => path)).toEqual(REVIEWED[type] ?? []);
  });
});
