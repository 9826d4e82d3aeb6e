// A refusal as the window says it: read from the answer's `_meta` (its code and facts), worded
// for a person from the same catalog the engine words it with for a model. What people-words.ts once
// did to the engine's text by pattern, the parts now do by construction: no record by number, no tool
// to call, days as the person's calendar writes them.
import { describe, expect, it } from 'vitest';
import { refusalIn, refusalWords } from '../../../main/engine/refusal-words.ts';
import { REFUSAL_META_KEY } from '../../../mcp-server/contract/outcomes/refusal-meta.ts';
import type { Refusal } from '../../../mcp-server/contract/outcomes/refusals.ts';

const en = (refusal: Refusal) => refusalWords(refusal, { locale: 'en-US' });

describe('refusalIn', () => {
  it("reads a known code and its facts from the answer's _meta, beside what else _meta holds", () => {
    const meta = {
      [REFUSAL_META_KEY]: { code: 'entry_not_yours', facts: { entry: 12 } },
      'io.modelcontextprotocol/serverInfo': { name: 'punchcard', version: '1' },
    };
    expect(refusalIn(meta)).toEqual({ code: 'entry_not_yours', facts: { entry: 12 } });
  });

  it('reads nothing from an answer without one, or with a code this app does not know', () => {
    expect(refusalIn(undefined)).toBeUndefined();
    expect(refusalIn({ [REFUSAL_META_KEY]: { code: 'from_a_newer_engine', facts: {} } })).toBeUndefined();
    expect(refusalIn({ [REFUSAL_META_KEY]: 'No.' })).toBeUndefined();
    // Under a key of another name (the structured part's, where engines before issue 74 put it) it is none.
    expect(refusalIn({ refusal: { code: 'entry_not_yours', facts: { entry: 12 } } })).toBeUndefined();
  });
});

describe('refusalWords', () => {
  it('names a record as the one in front of the person, not by number', () => {
    expect(en({ code: 'entry_not_yours', facts: { entry: 12 } })).toBe('This time entry is not yours; Punchcard only reads and changes your own entries.');
  });

  it('points at no tool', () => {
    const said = en({ code: 'clockodo_project_not_bookable', facts: { project: 8 } });
    expect(said).toBe('You may not book on this project in Clockodo.');
  });

  it('writes days as the person’s calendar does, in their locale', () => {
    const refusal: Refusal = { code: 'catalog_update_dates_out_of_order', facts: { start: '2026-06-01', end: '2026-05-01', given: 'both' } };
    expect(en(refusal)).toBe('The start Jun 1, 2026 is after the end May 1, 2026: a project cannot start after it ends. Nothing was sent.');
    expect(refusalWords(refusal, { locale: 'de-DE' })).toContain('01.06.2026');
  });

  it('says a count that moved since the preview as the person saw it', () => {
    expect(en({ code: 'corrections_count_moved', facts: { confirmed: 2, now: 3, preview: 'Would change 3 entries.' } })).toBe(
      'The preview showed 2 entries, but the correction now covers 3; nothing was changed.',
    );
  });

  it('gives nothing where the facts do not make the sentence (an engine of another version), so the caller shows the engine’s own', () => {
    expect(en({ code: 'clockodo_project_needed', facts: {} } as unknown as Refusal)).toBeUndefined();
  });
});
