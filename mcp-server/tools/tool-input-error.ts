// The error a tool throws for a request it cannot carry out as asked. Its own module: the asking
// (asking.ts) throws it too, below the tools' definitions.
/** A request the tool cannot carry out as asked; the message tells the person what to change. */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}
