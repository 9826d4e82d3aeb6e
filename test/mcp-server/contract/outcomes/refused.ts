// What the family tests beside this file share: what a refused call threw, as data (a tool's refusal, a
// code and its facts, contract/outcomes/; a back end's error and the refusal it carries), for them to
// compare with what the call was refused for, and the HTTP answer a back end's describer reads.
import { expect } from 'vitest';
import { type Refusal, refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { RemoteError } from '../../../../mcp-server/providers/remote/remote-error.ts';
import { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';
import { ToolInputError } from '../../../../mcp-server/tools/tool-input-error.ts';

/** What a call threw, checked to be a `type`; fails where it threw nothing, or something else. A function is called, and what it throws caught too. */
export async function thrownBy<E>(call: Promise<unknown> | (() => unknown), type: abstract new (...args: never) => E): Promise<E> {
  const error = await (typeof call === 'function' ? Promise.resolve().then(call) : call).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

/** What `run` threw there and then, checked to be a `type`; fails where it threw nothing, or something else. */
export function thrownAtOnce<E>(run: () => unknown, type: abstract new (...args: never) => E): E {
  let error: unknown;
  try {
    run();
  } catch (thrown) {
    error = thrown;
  }
  expect(error).toBeInstanceOf(type);
  return error as E;
}

/** The refusal a call was refused with; fails where it was not refused, or refused with no code. */
export async function refusalOf(call: Promise<unknown> | (() => unknown)): Promise<Refusal> {
  const { refusal } = await thrownBy(call, ToolInputError);
  expect(refusal).not.toBeNull();
  return refusal as Refusal;
}

/** The call ends in `refusal`, said to the model as `text` (and to a person as `people`, where given). */
export async function expectRefused(call: Promise<unknown>, refusal: Refusal, text: string, people?: string): Promise<void> {
  const error = await thrownBy(call, ToolInputError);
  expect(error.message).toBe(text);
  expect(error.refusal).toEqual(refusal);
  if (people !== undefined) expect(forPeople(refusal)).toBe(people);
}

/** The refusal a back end's part threw (null for an error of the older form, a sentence alone); fails where it threw no BackEndError. */
export async function backEndRefusalOf(call: Promise<unknown> | (() => unknown)): Promise<Refusal> {
  return (await thrownBy(call, BackEndError)).refusal;
}

/** The error a back end's HTTP layer threw; fails where it threw no RemoteError. */
export function remoteErrorOf(call: Promise<unknown>): Promise<RemoteError> {
  return thrownBy(call, RemoteError);
}

/** A refusal as a person at the window reads it. */
export function forPeople(refusal: Refusal): string {
  return peopleText(refusalSentence(refusal), { locale: 'en-US' });
}

/** An HTTP answer as a back end's describers read it: the body as JSON and as the text it came as (that of the JSON unless given). */
export function answer(status: number, json?: unknown, headers: Record<string, string> = {}, text = json === undefined ? '' : JSON.stringify(json)) {
  return { status, json, text, headers };
}
