// A tool's refusal as the app reads it: the code and facts from the answer's `_meta` (never its
// text), and their words for a person, from the same catalog the engine words them with for a model
// (mcp-server/contract/outcomes/). Pure.
import * as z from 'zod/v4';
import { isNoticeCode, type Notice, noticeSentence } from '../../mcp-server/contract/outcomes/notices.ts';
import { REFUSAL_META_KEY } from '../../mcp-server/contract/outcomes/refusal-meta.ts';
import { isRefusalCode, type Refusal, refusalSentence } from '../../mcp-server/contract/outcomes/refusals.ts';
import { peopleText } from '../../mcp-server/contract/outcomes/sentence.ts';

const metaWithRefusal = z.object({ [REFUSAL_META_KEY]: z.object({ code: z.string(), facts: z.record(z.string(), z.unknown()) }) });

/**
 * The refusal an `isError` answer carries in its `_meta`, or undefined where it carries none this app
 * knows (an engine of another version).
 */
export function refusalIn(meta: unknown): Refusal | undefined {
  const parsed = metaWithRefusal.safeParse(meta);
  if (!parsed.success || !isRefusalCode(parsed.data[REFUSAL_META_KEY].code)) return undefined;
  return parsed.data[REFUSAL_META_KEY] as Refusal;
}

export interface RefusalWordsOptions {
  /** The locale for days and times; the system's when left out. */
  locale?: string | undefined;
}

/**
 * The refusal in a person's words, or undefined where its facts do not make its sentence (an engine
 * of another version gave the code other facts): the caller then shows the engine's own sentence.
 */
export function refusalWords(refusal: Refusal, options: RefusalWordsOptions = {}): string | undefined {
  try {
    return peopleText(refusalSentence(refusal), options);
  } catch {
    return undefined;
  }
}

/**
 * A notice (a kept write's outcome, as the outbox keeps it) in a person's words, or undefined where
 * this app does not know its code or its facts do not make its sentence: the caller then shows the
 * engine's own sentence.
 */
export function noticeWords(notice: { code: string; facts: Record<string, unknown> }, options: RefusalWordsOptions = {}): string | undefined {
  if (!isNoticeCode(notice.code)) return undefined;
  try {
    return peopleText(noticeSentence(notice as Notice), options);
  } catch {
    return undefined;
  }
}
