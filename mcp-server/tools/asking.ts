// Asking the person mid-call (MCP elicitation), where the client declares it can show a form: a
// confirmation before something is deleted, cancelled or stopped, and a choice where a name fits
// more than one item. Handlers ask through `context.ask`; a client that cannot show questions gets
// an asker that never asks, so the tool behaves exactly as it did before questions existed.
//
// The SDK serves this as multiple round trips in both protocol eras (2026-07-28 natively, 2025 by
// its shim, which sends elicitation/create and calls the handler again): a handler runs from the top
// each round, and where it asks a question it has no answer to, the asker throws InputNeeded, which
// runTool (server.ts) turns into an input_required result carrying the question and a signed state.
// The state binds the answers to this tool and these arguments; an answer to a question that was
// not asked, a choice that was not offered, or a confirmation of a record that changed since it was
// shown is never acted on. Everything a client sends back is untrusted input.
import { createHash } from 'node:crypto';
import type { ElicitRequestFormParams } from '@modelcontextprotocol/server';
import { inputResponse } from '@modelcontextprotocol/server';
import type { SaidParts } from '../contract/outcomes/input.ts';
import type { Sentence } from '../contract/outcomes/sentence.ts';
import { withoutControls } from '../plain-text.ts';
import { ToolInputError } from './tool-input-error.ts';

/**
 * How many characters of someone's words a question quotes. A question is read by a person in a
 * small dialog; quoting a model's whole 5,000-character description would let the model write the
 * question the person answers, so a quote is a short excerpt, on one line, the rest said with "…".
 */
export const QUOTE_LENGTH = 80;

/** How long a whole question may grow with the names and words it quotes. */
export const MAX_QUESTION_LENGTH = 500;

/** How long one choice of a question may be: a name and what tells it apart from its namesakes. */
const MAX_CHOICE_LENGTH = 200;

/**
 * Words from a model, a person or a back end as a question quotes them: without controls, every run
 * of white space (line breaks too) one space, at most QUOTE_LENGTH characters, "…" where cut.
 */
export function quoted(text: string, length = QUOTE_LENGTH): string {
  return cut(withoutControls(text).replace(/\s+/g, ' ').trim(), length);
}

/** At most `length` characters (code points, never half of one), "…" where cut. */
function cut(text: string, length: number): string {
  const characters = Array.from(text);
  return characters.length <= length
    ? text
    : `${characters
        .slice(0, length - 1)
        .join('')
        .trimEnd()}…`;
}

export interface Confirmation {
  /** Names the question within one call ("delete"). */
  key: string;
  /** The question, saying exactly what will change. */
  message: string;
  /** The record the question describes, in fields that do not move on their own; a change asks again. */
  shows: unknown;
  /**
   * What stays as it was when the person says no ("Time entry #12 was not deleted"): words, or parts
   * (contract/outcomes/sentence.ts) where a person reads them otherwise ("This time entry was not deleted").
   */
  unchanged: string | Sentence;
}

export interface Choice {
  key: string;
  message: string;
  /** The field's label in the client's form ("Activity"). */
  title: string;
  options: ReadonlyArray<{ id: number; label: string }>;
  unchanged: string | Sentence;
}

export interface Asker {
  /** The client shows questions; without, nothing is ever asked. */
  readonly available: boolean;
  /** Returns once the person said yes (at once when nothing can be asked); throws when they did not. */
  confirm(question: Confirmation): void;
  /** The id the person chose, or undefined when nothing can be asked (the caller does as before). */
  choose(question: Choice): number | undefined;
}

/** What the client needs to ask, and the state to send along; runTool answers with input_required. */
export class InputNeeded extends Error {
  readonly key: string;
  readonly params: ElicitRequestFormParams;
  readonly state: RoundState;
  constructor(key: string, params: ElicitRequestFormParams, state: RoundState) {
    super(`Punchcard needs an answer to "${key}" first.`);
    this.name = 'InputNeeded';
    this.key = key;
    this.params = params;
    this.state = state;
  }
}

/** The person said no, or dismissed the question: the call did nothing, and says so (the refusal `question_declined`). */
export class NotConfirmed extends ToolInputError {
  constructor(answer: 'decline' | 'cancel', unchanged: string | Sentence) {
    super('question_declined', { answer, unchanged: typeof unchanged === 'string' ? [unchanged] : (unchanged as SaidParts) });
    this.name = 'NotConfirmed';
  }
}

type Answer = { confirmed: string } | { chosen: number } | { refused: 'decline' | 'cancel' };
type Asked = { key: string; kind: 'confirm'; shows: string } | { key: string; kind: 'choose'; offered: number[] };

/** What travels with a question and comes back with its answer (signed: see server.ts). */
export interface RoundState {
  v: 1;
  tool: string;
  /** A digest of the call's arguments: answers given for one call never serve another. */
  args: string;
  answers: Record<string, Answer>;
  asked?: Asked;
}

/** Never asks: for clients without elicitation, and the app's own engine. */
export const NO_ASKING: Asker = { available: false, confirm: () => {}, choose: () => undefined };

/**
 * Whether declared client capabilities include form elicitation: `elicitation.form`, or a bare
 * `elicitation: {}` (the meaning before modes existed), as the SDK reads them.
 */
export function canAsk(capabilities: unknown): boolean {
  if (!isRecord(capabilities) || !isRecord(capabilities.elicitation)) return false;
  const { form, url } = capabilities.elicitation;
  return form !== undefined || url === undefined;
}

export function createAsker(options: { tool: string; args: unknown; state: unknown; responses: Record<string, unknown> | undefined }): Asker {
  const argsDigest = digest(options.args);
  const previous = readState(options.state);
  const round: RoundState =
    previous && previous.tool === options.tool && previous.args === argsDigest ? previous : { v: 1, tool: options.tool, args: argsDigest, answers: {} };
  const answers: Record<string, Answer> = { ...round.answers };
  const asked = previous === round ? round.asked : undefined;
  if (asked) {
    const view = inputResponse(options.responses, asked.key);
    if (view.kind === 'elicit') {
      if (view.action !== 'accept') answers[asked.key] = { refused: view.action };
      else if (asked.kind === 'confirm') answers[asked.key] = { confirmed: asked.shows };
      else {
        const choice = view.content?.choice;
        const id = typeof choice === 'string' && /^[1-9]\d{0,15}$/.test(choice) ? Number(choice) : Number.NaN;
        if (!asked.offered.includes(id)) throw new ToolInputError('answer_not_offered');
        answers[asked.key] = { chosen: id };
      }
    }
    // No answer to the question (a client that dropped it): it is asked again where the handler reaches it.
  }
  const ask = (key: string, params: ElicitRequestFormParams, next: Asked): never => {
    throw new InputNeeded(key, params, { v: 1, tool: round.tool, args: round.args, answers, asked: next });
  };
  const refusal = (answer: Answer | undefined, unchanged: string | Sentence) => {
    if (answer && 'refused' in answer) throw new NotConfirmed(answer.refused, unchanged);
  };
  return {
    available: true,
    confirm(question) {
      const shows = digest(question.shows);
      const answer = answers[question.key];
      refusal(answer, question.unchanged);
      if (answer && 'confirmed' in answer && answer.confirmed === shows) return;
      ask(
        question.key,
        { mode: 'form', message: bounded(question.message), requestedSchema: { type: 'object', properties: {} } },
        { key: question.key, kind: 'confirm', shows },
      );
    },
    choose(question) {
      const answer = answers[question.key];
      refusal(answer, question.unchanged);
      const offered = question.options.map((option) => option.id);
      if (answer && 'chosen' in answer && offered.includes(answer.chosen)) return answer.chosen;
      return ask(
        question.key,
        {
          mode: 'form',
          message: bounded(question.message),
          requestedSchema: {
            type: 'object',
            properties: {
              choice: {
                type: 'string',
                title: question.title,
                oneOf: question.options.map((option) => ({ const: String(option.id), title: quoted(option.label, MAX_CHOICE_LENGTH) })),
              },
            },
            required: ['choice'],
          },
        },
        { key: question.key, kind: 'choose', offered },
      );
    },
  };
}

/**
 * A question as the person sees it: its quotes are excerpts already (`quoted`), and the whole is held
 * to MAX_QUESTION_LENGTH too, so no handler's wording can hand a model's text to the person at length.
 * The handler's own line breaks stay (a list of what will be booked reads as a list); each line is
 * cleaned as a quote is, and empty lines go.
 */
export function bounded(message: string): string {
  const lines = message
    .split('\n')
    .map((line) => quoted(line, MAX_QUESTION_LENGTH))
    .filter((line) => line !== '');
  return cut(lines.join('\n'), MAX_QUESTION_LENGTH);
}

/** The state as it came back, if it has the shape this module writes (it was verified as signed first). */
function readState(value: unknown): RoundState | undefined {
  if (!isRecord(value) || value.v !== 1 || typeof value.tool !== 'string' || typeof value.args !== 'string' || !isRecord(value.answers)) return undefined;
  return value as unknown as RoundState;
}

function digest(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('base64url');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
