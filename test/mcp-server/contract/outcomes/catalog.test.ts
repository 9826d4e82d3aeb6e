import { describe, expect, it } from 'vitest';
import { isNoticeCode, NOTICES, type Notice, noticeSentence } from '../../../../mcp-server/contract/outcomes/notices.ts';
import { isRefusalCode, REFUSALS, type Refusal, refusalKind, refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText, peopleText, type Sentence } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { TOOL_NAMES } from '../../../../mcp-server/contract/tool-catalog.ts';

// Every code's example, rendered for both readers: the model's words are whole sentences, and a
// person's carry no tool name, no record number and no ISO day, which a person at the window has no
// use for (they read the record in front of them, in their own calendar's words).
const refusals = Object.entries(REFUSALS).map(([code, wording]) => ({ code, sentence: refusalSentence({ code, facts: wording.example } as Refusal) }));
const notices = Object.entries(NOTICES).map(([code, wording]) => ({ code, sentence: noticeSentence({ code, facts: wording.example } as Notice) }));
const TOOL = new RegExp(`\\b(?:${TOOL_NAMES.join('|')})\\b`);
/** Words that end in a message quoted as it came (a schema's, a failure's), which need not end a sentence. */
const ENDS_IN_A_QUOTE = new Set(['invalid_arguments', 'failure_said']);

describe.each([
  ['refusal', refusals],
  ['notice', notices],
] as const)('every %s code', (_kind, catalog: ReadonlyArray<{ code: string; sentence: Sentence }>) => {
  it.each(catalog)('$code: a model reads whole sentences', ({ code, sentence }) => {
    expect(code).toMatch(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/);
    const text = modelText(sentence);
    expect(text).toMatch(/^\S/);
    // A quote of a back end's words that ends its own sentence ends this one too (contract/outcomes/remote.ts, fullStop).
    if (!ENDS_IN_A_QUOTE.has(code)) expect(text).toMatch(/(?:[.!?)]|[.!?]")$/);
    expect(text).not.toMatch(/ {2}|\bundefined\b|\[object Object\]/);
  });

  it.each(catalog)('$code: a person reads no tool, record number or ISO day', ({ sentence }) => {
    const text = peopleText(sentence, { locale: 'en-US' });
    expect(text).not.toMatch(TOOL);
    expect(text).not.toMatch(/#\d/);
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}/);
    expect(text).not.toMatch(/ {2}|\bundefined\b|\[object Object\]/);
  });
});

describe('the catalogs', () => {
  it('name each code once, refusals and notices apart', () => {
    for (const code of Object.keys(NOTICES)) expect(isRefusalCode(code), code).toBe(false);
    for (const code of Object.keys(REFUSALS)) expect(isNoticeCode(code), code).toBe(false);
  });

  it('know their own codes and nothing else', () => {
    expect(isRefusalCode('call_stopped')).toBe(true);
    expect(isRefusalCode('toString')).toBe(false);
    expect(isRefusalCode('__proto__')).toBe(false);
    expect(isNoticeCode('time_read_twice')).toBe(true);
    expect(isNoticeCode('hasOwnProperty')).toBe(false);
  });

  it('give each refusal a kind the engine acts on', () => {
    expect(refusalKind('call_stopped')).toBe('unavailable');
    expect(refusalKind('part_missing')).toBe('input');
    expect(refusalKind('request_budget_exceeded')).toBe('invalid');
  });
});

describe('a sentence for a person', () => {
  it('says days and times in their calendar, and leaves out what only a model needs', () => {
    const sentence = refusalSentence({
      code: 'call_stopped',
      facts: { tool: 'clock_out', why: 'cancelled', deadline_ms: 45_000, services: ['Kimai'], done: [], sent: [], writes: true },
    });
    expect(modelText(sentence)).toBe('The client cancelled clock_out, so Punchcard stopped it and its requests to Kimai. Nothing was changed.');
    expect(peopleText(sentence)).toBe('The client cancelled it, so Punchcard stopped it and its requests to Kimai. Nothing was changed.');
    const twice = noticeSentence({ code: 'time_read_twice', facts: NOTICES.time_read_twice.example });
    expect(peopleText(twice, { locale: 'en-US' })).toBe(
      '01:30 on Nov 1, 2026 happens twice in America/New_York (the clocks go back); took the second one, Nov 1, 2026, 1:30 AM, the latest that is not in the future. ' +
        'For the other, write Nov 1, 2026, 1:30 AM.',
    );
  });
});
