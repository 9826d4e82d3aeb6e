// Every notice a call's answer may carry beside its result, by its stable code: what the person should
// know of how their words were read, or of writes the outbox kept and sent meanwhile. A successful
// answer carries them as `notices: [{ code, facts }]` in its structured part, and their sentences for
// the model at the end of its text; the words are made here from the facts, as refusals' are.
import { approvalsNotices } from './approvals.ts';
import { connectionsNotices } from './connections.ts';
import { entriesNotices } from './entries.ts';
import { evidenceNotices } from './evidence.ts';
import { keptOutcomeNotices, outboxNotices } from './outbox.ts';
import { readingNotices } from './reading.ts';
import { type Sentence } from './sentence.ts';
import { workingTimeNotices } from './working-time.ts';
import { isRefusalCode, type Refusal, refusalSentence } from './refusals.ts';
import type { Facts, NestedRefusal, NoticeWording } from './wording.ts';

export const NOTICES = {
  ...approvalsNotices,
  ...connectionsNotices,
  ...entriesNotices,
  ...evidenceNotices,
  ...keptOutcomeNotices,
  ...outboxNotices,
  ...readingNotices,
  ...workingTimeNotices,
} as const;

export type NoticeCode = keyof typeof NOTICES;

export type NoticeFactsOf<C extends NoticeCode> = Parameters<(typeof NOTICES)[C]['say']> extends [infer F, ...unknown[]] ? F : Record<string, never>;

/** A notice as data. */
export type Notice<C extends NoticeCode = NoticeCode> = { [K in C]: { readonly code: K; readonly facts: NoticeFactsOf<K> } }[C];

export type NoticeArgs = {
  [C in NoticeCode]: NoticeFactsOf<C> extends Record<string, never> ? [code: C, facts?: NoticeFactsOf<C>] : [code: C, facts: NoticeFactsOf<C>];
}[NoticeCode];

export function noticeOf(...[code, facts]: NoticeArgs): Notice {
  return { code, facts: facts ?? {} } as Notice;
}

export function noticeSentence(notice: Notice): Sentence {
  return (NOTICES[notice.code] as unknown as NoticeWording<Facts>).say(notice.facts as Facts, nestedInNotice);
}

/** A refusal inside a notice's facts (a kept write the back end refused): its words are the refusal catalog's. */
function nestedInNotice(refusal: NestedRefusal): Sentence {
  return isRefusalCode(refusal.code) ? refusalSentence(refusal as Refusal) : typeof refusal.facts.message === 'string' ? [refusal.facts.message] : [];
}

export function isNoticeCode(code: unknown): code is NoticeCode {
  return typeof code === 'string' && Object.hasOwn(NOTICES, code);
}

/** What a call notes beside its result: a notice, or (the older form, being removed) a sentence with no code. */
export type Note = Notice | string;
