// A connection's name as the Account screen checks it (docs/using-the-app.md, "Several connections"): the rule of
// contract/connections.ts in a sentence beside the field, and the names already taken. The window's
// form and main's handlers (main/ipc/handlers/connection-edits.ts) say the same words; no zod here, so
// the window loads it as it is.
import { connectionNameProblem } from './connections.ts';

/** What is wrong with a connection's name among the names already `taken`, as a sentence; undefined when it will do. */
export function connectionNameSentence(name: string, taken: readonly string[]): string | undefined {
  const problem = connectionNameProblem(name);
  if (problem) return name === '' ? 'Give the connection a name, such as "acme".' : `A name needs ${problem}.`;
  if (taken.includes(name)) return `Another connection is called "${name}": choose another name.`;
  return undefined;
}
