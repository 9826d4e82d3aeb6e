// The app reads what the engine says from its structured answer, never from its words (issue 65: a
// refusal's code and facts, a result's data; docs/architecture.md, "A refusal's way out"). The sure way
// to hold that is to hold every regular expression in main/, renderer/ and the window-contract/ both read to a reviewed list: each
// one here, where it is and what it reads. A new one (a literal, or `RegExp(...)`) fails this test
// until it is added with its reason, so a pattern over an answer's text cannot come in unseen.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** file → its regular expressions as written, each with what it reads (none of them an engine's answer). */
const REVIEWED: Record<string, Record<string, string>> = {
  'main/app/status-sync.ts': { '/^punchcard\\.db(-wal)?$/': "a file name in the data folder, or in a tracker's own folder" },
  'main/settings/tracker-folders.ts': { '/[:.]/g': "the colons and dots of a moment's ISO text, made a folder name's stamp" },
  'renderer/src/screens/connection-form.ts': {
    '/^\\d+$/': "a label of the address the person typed, that is a number (a port or an IP's), left out of a suggested name",
  },
  'main/engine/launch.ts': { '/[A-Z]/g': "a profile key's capitals, made its command-line flag (tempoUrl as --tempo-url)" },
  'main/engine/line-tail.ts': { '/\\r$/': "a line's end in the engine's stderr log, for the log file" },
  'main/export/entries-csv.ts': {
    '/^(\\d{4}-\\d{2}-\\d{2})T(\\d{2}:\\d{2})/': "an entry's start from the structured answer, split into day and time for the CSV",
    '/(^|[,;\\t\\n\\r\\v\\f\\u0085\\u2028\\u2029])([ \\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000\\uFEFF"]*)([=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20\\uFE66\\uFE62\\uFE63\\uFE6B])/g':
      'a cell that a spreadsheet would run as a formula (CSV injection)',
    '/[",;\\t\\r\\n]|^\\s|\\s$/': 'a cell that needs quoting',
  },
  'main/ipc/handlers/extension.ts': { '/[.\\s]+$/': 'the end of a file name the person chose' },
  'main/login-item/autostart-entry.ts': {
    '/[\\s"\'\\\\><~|&;$*?#()`]/': 'a path that needs quoting in a desktop entry',
    '/[\\n\\r\\t\\0]/': 'a path a desktop entry cannot hold',
    '/["`$\\\\]/g': 'characters a desktop entry escapes',
    '/\\\\/g': 'backslashes a desktop entry escapes',
    '/%/g': 'percent signs a desktop entry escapes',
    '/\\r?\\n/': 'the lines of an existing desktop entry file',
  },
  'main/tray/tray-model.ts': { '/\\s+/g': "white space in a project's or description's name for the tray's menu" },
  'main/updates/install-kind.ts': { '/[\\\\/]+$/': 'the end of an install path' },
  'main/updates/update-model.ts': {
    '/checksum mismatch/i': "electron-updater's error, not the engine's",
    '/not signed by the application owner/': "electron-updater's error, not the engine's",
    '/net::ERR_(INTERNET_DISCONNECTED|NAME_NOT_RESOLVED|CONNECTION_|NETWORK_|TIMED_OUT|ADDRESS_UNREACHABLE|PROXY_)/':
      "Chromium's network error, not the engine's",
    '/HttpError: 5\\d\\d|status(Code)?[ =:]+5\\d\\d/': "the update server's HTTP error, not the engine's",
    '/\\s+/g': "white space in the release notes' summary",
  },
  'main/windows/app-files.ts': { '/[/\\\\\\0:]/': 'a file name the window may not name' },
  'renderer/apps/shapes.ts': { '/^\\d{4}-\\d{2}-\\d{2}$/': "a day in a structured answer's field" },
  'renderer/src/App.tsx': { '/^#\\/?/': "the window's own location hash" },
  'renderer/src/bridge.ts': {
    "/^Error invoking remote method '[^']*':\\s*/": "Electron's prefix on an IPC error, not the engine's words",
    '/^(?:[A-Z][A-Za-z]*)?Error:\\s*/': "Electron's prefix on an IPC error, not the engine's words",
  },
  'renderer/src/custom-fields.ts': {
    '/\\p{M}/gu': "the accents of a custom field's name, from the catalog's or a refusal's facts, to match names as the engine does",
  },
  'renderer/src/drafts.ts': { '/^([01]\\d|2[0-3]):[0-5]\\d$/': 'a time the person typed' },
  'renderer/src/format.ts': { '/^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2})/': "an instant from a structured answer's field" },
  'renderer/src/screens/Calendar.tsx': { '/\\s+/': "a person's name, for initials" },
  'renderer/src/screens/PreferencesFields.tsx': { '/Mac/i': "the platform's name" },
  'renderer/src/screens/WeekChart.tsx': { '/[^\\w-]/g': 'an id made from a day' },
  'renderer/src/screens/evidence-form.ts': { '/[,;\\s]+/': 'a list the person typed', '/\\n+/': 'lines the person typed' },
  'renderer/src/screens/preferences-form.ts': { '/^\\d+(\\.\\d+)?$|^\\.\\d+$/': 'a number the person typed' },
  'renderer/src/screens/admin/PeopleSection.tsx': {
    '/^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/': 'an e-mail address the person typed',
    '/(?=\\.)/': 'where an e-mail address may wrap',
  },
  'renderer/src/screens/admin/RatesSection.tsx': { '/^\\d{1,7}(\\.\\d{1,4})?$/': 'an amount the person typed' },
  'renderer/src/screens/admin/TagsSection.tsx': { '/^#[0-9a-fA-F]{6}$/': 'a colour the person typed' },
  'renderer/src/screens/admin/catalog-change.ts': {
    '/^\\d{4}-\\d{2}-\\d{2}$/': 'a day the person typed',
    'new RegExp(`^\\\\d{1,10}(\\\\.\\\\d{1,${decimals}})?$`)': 'a number the person typed',
    '/\\s+/g': 'white space in a name the person typed',
  },
  'renderer/src/screens/admin/corrections-form.ts': { '/^\\d{4}-\\d{2}-\\d{2}$/': 'a day the person typed' },
  'window-contract/admin-catalog.ts': { '/^#[0-9a-fA-F]{6}$/': "the window's request: a colour" },
  'window-contract/admin-people.ts': { '/^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/': "the window's request: an e-mail address" },
  'window-contract/leave.ts': { '/^\\d{4}-(0[1-9]|1[0-2])$/': "the window's request: a month" },
  'window-contract/registration.ts': { '/^[a-z0-9-]{1,40}$/': "the window's request: an id" },
  'window-contract/request-parts.ts': {
    '/^\\d{4}-\\d{2}-\\d{2}$/': "the window's request: a day",
    '/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?(Z|[+-]\\d{2}:\\d{2})?$/': "the window's request: an instant",
  },
  'window-contract/settings.ts': { '/^[A-Za-z]{2}$/': "the window's request: a country code" },
};

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.(?:ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** Every regular expression a source file writes: its literals, and `RegExp(...)` with or without `new`. */
export function regularExpressionsIn(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) found.push(node.getText(source));
    else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      found.push(node.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function unreviewed(): string[] {
  const problems: string[] = [];
  for (const root of ['main', 'renderer', 'window-contract']) {
    for (const path of sources(join(ROOT, root))) {
      const file = relative(ROOT, path).replaceAll('\\', '/');
      const reviewed = REVIEWED[file] ?? {};
      for (const expression of regularExpressionsIn(file, readFileSync(path, 'utf8'))) {
        if (!Object.hasOwn(reviewed, expression)) problems.push(`${file}: ${expression}`);
      }
    }
  }
  return problems;
}

describe('regular expressions in main/ and renderer/', () => {
  it('finds literals and RegExp calls, and nothing in a comment or a string', () => {
    const found = regularExpressionsIn('x.ts', "const a = /#\\d+/g; const b = new RegExp('x'); const c = RegExp(d); // /not/\nconst e = '/nor/';");
    expect(found).toEqual(['/#\\d+/g', "new RegExp('x')", 'RegExp(d)']);
  });

  it('are each on the reviewed list, none of them over an engine answer’s words', () => {
    expect(unreviewed()).toEqual([]);
  });

  it('lists none that is gone (the list stays true)', () => {
    const present = new Set<string>();
    for (const root of ['main', 'renderer', 'window-contract']) {
      for (const path of sources(join(ROOT, root))) {
        const file = relative(ROOT, path).replaceAll('\\', '/');
        for (const expression of regularExpressionsIn(file, readFileSync(path, 'utf8'))) present.add(`${file}: ${expression}`);
      }
    }
    const stale = Object.entries(REVIEWED).flatMap(([file, expressions]) =>
      Object.keys(expressions)
        .map((expression) => `${file}: ${expression}`)
        .filter((entry) => !present.has(entry)),
    );
    expect(stale).toEqual([]);
  });
});
