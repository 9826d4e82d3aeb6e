// Every document the repository cites is in the repository. Comments, configs, tests and the docs
// themselves may cite a Markdown file only if it exists (relative to the citing file or to the
// root), a heading of one only if the heading is there ("docs/decisions.md, "One IPC contract"", or
// a link's #anchor), never a numbered "§" section (only RFCs are cited that way), and never notes
// kept outside the repository (../shared, the research notes). Runs over the real tree and names
// each offending file and line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

/** Build output, dependencies and test artefacts are not the repository's own text. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', 'dist', 'release', 'test-output', 'coverage']);
const TEXT_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '.yml', '.yaml', '.md', '.html', '.css', '.sh', '.toml']);

/** Places outside the repository that only the people who wrote the code could read. */
const OUTSIDE: Array<{ pattern: RegExp; what: string }> = [
  { pattern: /\.\.\/shared\b|\bshared\/reference\b|\/work\/(?:shared|notes)\b/, what: 'a path outside the repository' },
  { pattern: /\bresearch notes?\b|\bresearch §|\bnotes §/i, what: 'research notes that are not in the repository' },
  { pattern: /\bthe brief(?:'s)?\b/i, what: 'the project brief, which is not in the repository' },
];

/** A numbered section may be cited only of an RFC: "RFC 9110 §10.2.3". */
const SECTION_SIGN = /§|\\u00a7/gi;
const RFC_SECTION = /RFC \d+ $/;

/** A Markdown file named in text: `docs/clients.md`, `../README.md`, `electron.md#keychain`. */
const MARKDOWN_NAME = /(?<![\w/.-])((?:\.{1,2}\/)*[\w-][\w./-]*\.md)(#[\w-]+)?(?![\w/-])/g;
/**
 * A cited heading: docs/decisions.md, "One IPC contract" (quotes escaped in JSON). A heading may run
 * on into the next comment line; the line break and the comment marker count as one space.
 */
const HEADING_CITATION = /((?:\.{1,2}\/)*[\w-][\w./-]*\.md), \\?"((?:[^"\\\n]|\n[ \t]*(?:\/\/|#|\*)?[ \t]*)+)\\?"/g;
const LINE_BREAK_IN_COMMENT = /\s*\n[ \t]*(?:\/\/|#|\*)?[ \t]*/g;
/** URLs name other sites' files; those are not citations of this repository. */
const URL = /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi;

function repositoryFiles(folder: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(folder)) {
    if (SKIPPED_FOLDERS.has(name) || name.startsWith('dist-')) continue;
    const path = join(folder, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) files.push(...repositoryFiles(path));
    else if (stat?.isFile() && TEXT_EXTENSIONS.has(extname(name))) files.push(path);
  }
  return files;
}

const headingsCache = new Map<string, { texts: Set<string>; anchors: Set<string> }>();

/** The headings of a Markdown file, as written and as GitHub makes anchors of them. */
function headingsOf(path: string): { texts: Set<string>; anchors: Set<string> } {
  let headings = headingsCache.get(path);
  if (!headings) {
    const texts = new Set<string>();
    let fenced = false;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (line.startsWith('```')) fenced = !fenced;
      const heading = fenced ? null : /^#{1,6} +(.+?) *#* *$/.exec(line);
      if (heading?.[1]) texts.add(heading[1]);
    }
    headings = { texts, anchors: new Set([...texts].map(anchorOf)) };
    headingsCache.set(path, headings);
  }
  return headings;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

/**
 * The files that speak of the administrator's guide as the team server's package ships it: its pages
 * (docs/team-server/) are the package's docs/, and the command line names them so (README.md,
 * docs/admin.md), since that is where an administrator finds them.
 */
const SHIPPED_GUIDE = {
  guide: join(ROOT, 'docs', 'team-server'),
  citedBy: [join(ROOT, 'team-server') + sep, join(ROOT, 'scripts', 'pack-server.ts'), join(ROOT, 'test', 'scripts', 'pack-server.test.ts')],
};

/** The Markdown file a name means, relative to the citing file's folder or to the root; null when there is none. */
function resolveMarkdown(name: string, citingFile: string): string | null {
  const shipped = SHIPPED_GUIDE.citedBy.some((prefix) => citingFile.startsWith(prefix) || citingFile === prefix);
  const candidates = [dirname(citingFile), ROOT].map((base) => resolve(base, name));
  // Such a file means the guide's page first: its README.md is the guide's, not the repository's.
  if (shipped) candidates.unshift(resolve(SHIPPED_GUIDE.guide, name.replace(/^docs\//, '')));
  for (const candidate of candidates) {
    if (!candidate.startsWith(ROOT + sep)) continue;
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return null;
}

function citationProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  const where = (index: number) => `${relative(ROOT, file)}:${index + 1}`;
  const lines = text.split('\n');
  lines.forEach((rawLine, index) => {
    const line = rawLine.replace(URL, '');
    for (const { pattern, what } of OUTSIDE) {
      if (pattern.test(line)) problems.push(`${where(index)}: cites ${what}: ${rawLine.trim()}`);
    }
    for (const match of line.matchAll(SECTION_SIGN)) {
      if (!RFC_SECTION.test(line.slice(0, match.index))) problems.push(`${where(index)}: cites a numbered section (§) of a document: ${rawLine.trim()}`);
    }
    for (const match of line.matchAll(MARKDOWN_NAME)) {
      const [, name, anchor] = match as unknown as [string, string, string | undefined];
      const target = resolveMarkdown(name, file);
      if (!target) {
        problems.push(`${where(index)}: cites ${name}, which is not in the repository`);
        continue;
      }
      if (anchor && !headingsOf(target).anchors.has(anchor.slice(1))) {
        problems.push(`${where(index)}: cites ${name}${anchor}, a heading ${relative(ROOT, target)} does not have`);
      }
    }
  });
  for (const match of text.matchAll(HEADING_CITATION)) {
    const [, name, written] = match as unknown as [string, string, string];
    const heading = written.replace(LINE_BREAK_IN_COMMENT, ' ');
    // A heading filled in at run time (a template's ${section}) is checked where its values are.
    if (heading.includes('${')) continue;
    const target = resolveMarkdown(name, file);
    if (target && !headingsOf(target).texts.has(heading)) {
      const line = text.slice(0, match.index).split('\n').length - 1;
      problems.push(`${where(line)}: cites ${name}, "${heading}", a heading ${relative(ROOT, target)} does not have`);
    }
  }
  return problems;
}

describe('citations', () => {
  it('finds what it must refuse, and lets through what it must allow', () => {
    const file = join(ROOT, 'mcp-server', 'example.ts');
    const refused = [
      '// Kimai output (kimai.md §3.2).',
      '// See DESIGN.md §6.',
      '// Facts from ../shared/reference/mcp-clients.md.',
      '// As the research notes say.',
      '/** Shape 1 (research §1.2). */',
      '// The terminal (§5.1–5.3).',
      '"$comment": "reviewed (electron.md \\u00a72.3)"',
      '// docs/decisions.md, "No such decision".',
      '// See [it](docs/electron.md#no-such-heading).',
      '// As decided (docs/decisions.md, "One IPC\n// agreement").',
    ];
    for (const line of refused) expect(citationProblems(file, line), line).not.toEqual([]);
    const allowed = [
      '// Retry-After in seconds (RFC 9110 §10.2.3).',
      '// docs/decisions.md, "One IPC contract".',
      '// (docs/back-ends/kimai.md, "Absences")',
      '// As decided (docs/decisions.md, "One IPC\n// contract").',
      ' * As decided (docs/decisions.md, "Back ends act as the person\n * and report their own truth").',
      '// See docs/electron.md#keychain and README.md.',
      '// https://github.com/kimai/kimai/blob/main/UPGRADING.md',
      '"$comment": "reviewed (docs/electron.md, \\"Testing without the binary\\")"',
    ];
    for (const line of allowed) expect(citationProblems(file, line), line).toEqual([]);
  });

  it('cites only documents, headings and paths inside the repository', () => {
    // This file is left out: its first test spells out what is refused.
    const files = repositoryFiles(ROOT).filter((file) => file !== import.meta.filename);
    const problems = files.flatMap((file) => citationProblems(file, readFileSync(file, 'utf8')));
    expect(problems).toEqual([]);
  });
});
