// The commands a guide in docs/ shows, read out of its Markdown so a test runs them as written: a fenced
// block found by a piece of its text, a command written inline in the prose, and the few words a test
// must change (a host, a folder), each of which must be there. When the guide changes, its test runs
// the new words or fails naming what it no longer finds.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** The text of a file of the repository, by its path from the root. */
export function docText(path: string): string {
  return readFileSync(resolve(ROOT, path), 'utf8');
}

/** The fenced blocks of `language` in `path`, in order. */
export function fencedBlocks(path: string, language = 'sh'): string[] {
  return [...docText(path).matchAll(/^```(\S*)\n([\s\S]*?)^```$/gm)].filter((match) => match[1] === language).map((match) => match[2] as string);
}

/** The one `language` block of `path` that holds `text`. */
export function blockWith(path: string, text: string, language = 'sh'): string {
  const found = fencedBlocks(path, language).filter((block) => block.includes(text));
  if (found.length !== 1) throw new Error(`${path} has ${found.length} \`\`\`${language} blocks holding "${text}"; the test expects one.`);
  return found[0] as string;
}

/** The one command written inline (`like this`) in the prose of `path` that starts with `start`. */
export function inlineCommand(path: string, start: string): string {
  const prose = docText(path).replace(/^```[\s\S]*?^```$/gm, '');
  const found = [...prose.matchAll(/`([^`\n]+)`/g)].map((match) => match[1] as string).filter((command) => command.startsWith(start));
  if (found.length !== 1) throw new Error(`${path} has ${found.length} inline commands starting with "${start}"; the test expects one.`);
  return found[0] as string;
}

/** `script` with each [from, to] replaced everywhere; a `from` that is not there is an error, not a silent no-op. */
export function replaced(script: string, replacements: ReadonlyArray<readonly [string, string]>): string {
  let result = script;
  for (const [from, to] of replacements) {
    if (!result.includes(from)) throw new Error(`"${from}" is no longer in the guide's commands:\n${script}`);
    result = result.split(from).join(to);
  }
  return result;
}
