// Writes docs/refusals.md, the list of every refusal and notice code the engine answers, from the
// catalogs themselves (mcp-server/contract/outcomes/): each code with its kind and its example's words
// as a model reads them. test/scripts/refusal-list.test.ts fails when the page is not what this makes.
//   node scripts/refusal-list.ts          writes the page
//   node scripts/refusal-list.ts --check  exits 1 when the page is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { NOTICES, type Notice, noticeSentence } from '../mcp-server/contract/outcomes/notices.ts';
import { REFUSAL_META_KEY } from '../mcp-server/contract/outcomes/refusal-meta.ts';
import { REFUSALS, type Refusal, refusalSentence } from '../mcp-server/contract/outcomes/refusals.ts';
import { modelText } from '../mcp-server/contract/outcomes/sentence.ts';

export const REFUSAL_LIST = join(import.meta.dirname, '../docs/refusals.md');

/** The section of docs/tools.md the page points to, as a link from the page's own folder. */
const TOOLS_SECTION = `${relative(dirname(REFUSAL_LIST), join(import.meta.dirname, '../docs/tools.md'))}#refusals-and-notices`;

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function refusalList(): string {
  const refusals = Object.entries(REFUSALS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, wording]) => {
      const example = modelText(refusalSentence({ code, facts: wording.example } as Refusal));
      return `| \`${code}\` | ${wording.kind} | \`${cell(Object.keys(wording.example).join(', '))}\` | ${cell(example)} |`;
    });
  const notices = Object.entries(NOTICES)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, wording]) => {
      const example = modelText(noticeSentence({ code, facts: wording.example } as Notice));
      return `| \`${code}\` | \`${cell(Object.keys(wording.example).join(', '))}\` | ${cell(example)} |`;
    });
  return [
    '# Refusal and notice codes',
    '',
    '<!-- Made by `node scripts/refusal-list.ts` from mcp-server/contract/outcomes/; do not edit by hand. -->',
    '',
    `Every refusal a tool answers (an \`isError\` result, its sentence in \`content\` and no \`structuredContent\`) carries \`{ "code", "facts" }\` in its \`_meta\` under \`${REFUSAL_META_KEY}\`, and every notice a successful answer carries beside its result is one of \`"notices": [{ "code", "facts" }]\` in its \`structuredContent\`. The codes are stable: a client may act on them. The facts are the code's own (ids, counts, days, names), and the text the model reads is made from them. What each kind means, and how the app reads them: [the tools' page](${TOOLS_SECTION}).`,
    '',
    `## Refusals (${refusals.length})`,
    '',
    '| code | kind | facts | as a model reads an example |',
    '|---|---|---|---|',
    ...refusals,
    '',
    `## Notices (${notices.length})`,
    '',
    '| code | facts | as a model reads an example |',
    '|---|---|---|',
    ...notices,
    '',
  ].join('\n');
}

if (import.meta.main) {
  const made = refusalList();
  if (process.argv.includes('--check')) {
    if (readFileSync(REFUSAL_LIST, 'utf8') !== made) {
      console.error('docs/refusals.md is out of date: run node scripts/refusal-list.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(REFUSAL_LIST, made);
  }
}
