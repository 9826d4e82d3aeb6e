// The one path every request from the window takes, whatever carries it (Electron IPC in the app,
// the loopback bridge in the UI tests): known channel, payload validated against the contract,
// handler called, and any failure turned into a message a person can read. A handler's own
// messages are written for people; anything unexpected is logged in full and shown briefly.
import type * as z from 'zod/v4';
import { contract, type ChannelName, type Envelope, type Handlers } from '../../window-contract/index.ts';
import { EngineError } from '../engine/engine-error.ts';

const BUILT_IN_ERRORS = new Set(['Error', 'TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'AggregateError']);

export type Dispatch = (channel: string, payload: unknown) => Promise<Envelope<unknown>>;

export function createDispatch(handlers: Handlers, log: (message: string) => void): Dispatch {
  return async (channel, payload) => {
    if (!Object.hasOwn(contract, channel)) return { ok: false, message: `Unknown request "${channel}".` };
    const name = channel as ChannelName;
    const parsed = (contract[name].request as z.ZodType).safeParse(payload);
    if (!parsed.success) return { ok: false, message: describeInvalid(parsed.error) };
    try {
      const handler = handlers[name] as (request: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      // Our own error classes (EngineError, RegistrationError, SettingsFileError, CredentialStoreError,
      // UserFacingError, …) carry sentences meant for the person; JavaScript's built-in ones mean a bug.
      if (error instanceof Error && !BUILT_IN_ERRORS.has(error.name)) {
        // The engine's refusal goes with its code and facts: the window reads those, not the words.
        return error instanceof EngineError && error.refusal
          ? { ok: false, message: error.message, refusal: error.refusal }
          : { ok: false, message: error.message };
      }
      log(`Request ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { ok: false, message: `Punchcard could not do that (${error instanceof Error ? error.message : String(error)}). The details are in the log.` };
    }
  };
}

/** A failure whose message is a finished sentence for the person in front of the window. */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

function describeInvalid(error: z.ZodError): string {
  const problems = error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  return `Invalid request: ${problems.join('; ')}.`;
}
