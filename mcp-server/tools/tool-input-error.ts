// The error a tool throws for a request it cannot carry out as asked. Its own module: the asking
// (asking.ts) throws it too, below the tools' definitions.
import { isRefusalCode, type Refusal, type RefusalArgs, refusalOf, refusalSentence } from '../contract/outcomes/refusals.ts';
import { modelText } from '../contract/outcomes/sentence.ts';

/**
 * A request the tool cannot carry out as asked: its refusal (a code and its facts) and, as its message,
 * the code's words for the model. `new ToolInputError(message)` is the older form, a sentence with no
 * code, which the migration to codes is removing.
 */
export class ToolInputError extends Error {
  /** What happened, as data: `null` for the older form. */
  readonly refusal: Refusal | null;
  constructor(...args: RefusalArgs | [message: string]) {
    const refusal = !isRefusalCode(args[0]) ? null : refusalOf(...(args as RefusalArgs));
    super(refusal ? modelText(refusalSentence(refusal)) : (args[0] as string));
    this.name = 'ToolInputError';
    this.refusal = refusal;
  }
}
