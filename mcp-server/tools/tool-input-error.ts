// The error a tool throws for a request it cannot carry out as asked. Its own module: the asking
// (asking.ts) throws it too, below the tools' definitions.
import { type Refusal, type RefusalArgs, refusalOf, refusalSentence } from '../contract/outcomes/refusals.ts';
import { modelText } from '../contract/outcomes/sentence.ts';

/**
 * A request the tool cannot carry out as asked: its refusal (a code and its facts) and, as its message,
 * the code's words for the model (contract/outcomes/).
 */
export class ToolInputError extends Error {
  /** What happened, as data. */
  readonly refusal: Refusal;
  constructor(...args: RefusalArgs) {
    const refusal = refusalOf(...args);
    super(modelText(refusalSentence(refusal)));
    this.name = 'ToolInputError';
    this.refusal = refusal;
  }
}
