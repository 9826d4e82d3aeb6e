// What a refused call threw, as data: the tool's refusal (a code and its facts, contract/outcomes/), for
// the family tests beside this file to compare with what the call was refused for.
import { expect } from 'vitest';
import { type Refusal, refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { ToolInputError } from '../../../../mcp-server/tools/tool-input-error.ts';

/** The refusal a call was refused with; fails where it was not refused, or refused with no code. */
export async function refusalOf(call: Promise<unknown> | (() => unknown)): Promise<Refusal> {
  const error = await (typeof call === 'function' ? Promise.resolve().then(call) : call).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ToolInputError);
  const { refusal } = error as ToolInputError;
  expect(refusal).not.toBeNull();
  return refusal as Refusal;
}

/** A refusal as a person at the window reads it. */
export function forPeople(refusal: Refusal): string {
  return peopleText(refusalSentence(refusal), { locale: 'en-US' });
}
