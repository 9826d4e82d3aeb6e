// An engine's refusal as main hands it to the window: in a person's words (main/engine/refusal-words.ts),
// with its code and facts beside them (main/ipc/dispatch.ts), which the window reads to find the field
// a refusal is about (renderer/src/problems.ts). The fakes refuse with it where the engine has a code.
import { EngineError } from '../../main/engine/engine-error.ts';
import { refusalWords } from '../../main/engine/refusal-words.ts';
import { refusalOf, type RefusalArgs } from '../../mcp-server/contract/outcomes/refusals.ts';

export function refuse(...args: RefusalArgs): never {
  const refusal = refusalOf(...args);
  const words = refusalWords(refusal);
  if (words === undefined) throw new Error(`The fake's refusal ${refusal.code} has facts its words cannot be made of.`);
  throw new EngineError('tool', words, { refusal });
}
