// A posted message holding the key "__proto__": the SDK would drop it before a tool's strict schema saw
// it (mcp-server/stdio/hostile-keys.ts), so a call would run as if an argument it does not take had not
// been sent. It is answered here, before the SDK, as the stdio server answers it (mcp-server/tools/
// hostile-arguments.ts). In a batch nothing runs: each request is answered, those holding the key with
// their refusal, the others saying why they did not run; sent again without the key, they would.
import { hostileKeyAnswer, hostileKeyPath } from '../../mcp-server/for-the-team-server.ts';

/** The answer to a body holding the key, or undefined where none does. `text` is the body as posted, `message` as parsed. */
export function refuseHostileKeys(text: string, message: unknown): Response | undefined {
  const path = hostileKeyPath(text, message);
  if (path === undefined) return undefined;
  if (!Array.isArray(message)) {
    const answer = hostileKeyAnswer(message, path);
    return answer ? Response.json(answer) : new Response(null, { status: 202 });
  }
  const answers = message.flatMap((each) => {
    const path = hostileKeyPath(text, each);
    if (path !== undefined) return answerOf(hostileKeyAnswer(each, path));
    return answerOf(notRun(each));
  });
  return answers.length > 0 ? Response.json(answers) : new Response(null, { status: 202 });
}

const answerOf = (answer: object | undefined): object[] => (answer ? [answer] : []);

/** A request of a batch that did not run because another of its messages held the key. */
function notRun(message: unknown): object | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { id, method } = message as { id?: unknown; method?: unknown };
  if (typeof method !== 'string' || (typeof id !== 'string' && typeof id !== 'number')) return undefined;
  return {
    jsonrpc: '2.0',
    id,
    error: {
      code: -32600,
      message: 'Not run: another message of this batch holds the key "__proto__", so none of the batch was run. Send it again without that key.',
    },
  };
}
