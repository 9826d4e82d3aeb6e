// A client that can ask the person (createAsker in mcp-server/tools/asking.ts), round by round as the
// server runs a call: the question a handler stops at, and an asker that carries the person's answer
// to it into the next round. For the tools that ask before they write.
import { type Asker, createAsker, InputNeeded } from '../../../mcp-server/tools/asking.ts';

/** The question a call stops at where the client can ask and nothing has been answered yet; fails where none is asked. */
export async function questionOf(tool: string, args: unknown, call: (ask: Asker) => Promise<unknown>): Promise<InputNeeded> {
  const thrown = await call(createAsker({ tool, args, state: undefined, responses: undefined })).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(thrown instanceof InputNeeded)) throw new Error(`no question was asked: ${String(thrown)}`);
  return thrown;
}

/** The next round's asker: the person accepted or declined `question` (and every one answered before it). */
export function answering(tool: string, args: unknown, question: InputNeeded, action: 'accept' | 'decline'): Asker {
  const response = action === 'accept' ? { action, content: {} } : { action };
  return createAsker({ tool, args, state: question.state, responses: { [question.key]: response } });
}
