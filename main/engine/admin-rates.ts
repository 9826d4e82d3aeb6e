// The Administration screen's rates, built only from the engine's manage_rates with the person's own
// rights (docs/decisions.md, "The app calls its own engine's tools"): an item's rates, one set or removed
// after the window asked the person. The item is named to the tool by its id ("#12"), so two projects of
// one name never mix up; a person by the id the list showed, or by the words typed for a new rate.
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import type { AdminChange, CatalogKind, RatesView } from '../../window-contract/admin-catalog.ts';
import type { RequestOf } from '../../window-contract/index.ts';
import { rateChangedWords } from './admin-words.ts';
import { given, type ToolCaller } from './tool-call.ts';

export interface AdminRates {
  rates(kind: CatalogKind, item: number): Promise<RatesView>;
  setRate(rate: RequestOf<'setRate'>): Promise<AdminChange<RatesView>>;
  removeRate(rate: RequestOf<'removeRate'>): Promise<AdminChange<RatesView>>;
}

/** Whom the rate is for: everyone, or the person as the answer names them (else as the window named them). */
function forWhom(answer: { rates: Array<{ person: { id: number; name: string } | null }> }, asked: string | number | null | undefined): string {
  if (asked === null || asked === undefined) return 'everyone';
  return answer.rates[0]?.person?.name ?? String(asked);
}

export function adminRates(call: ToolCaller): AdminRates {
  const rates = async (kind: CatalogKind, item: number): Promise<RatesView> => {
    const listed = await call(TOOL_CONTRACTS.manage_rates, { action: 'list', kind, item: `#${item}` });
    // The kind the window asked for: the tool answers in the same words (a workspace's rates, Clockify's, the window does not list).
    return { kind, item: listed.item, currency: listed.currency, rates: listed.rates };
  };
  return {
    rates,
    async setRate({ kind, item, person, hourly, fixed, internal }) {
      const answer = await call(TOOL_CONTRACTS.manage_rates, {
        action: 'set',
        kind,
        item: `#${item}`,
        ...given({ person, hourly, fixed, internal }),
      });
      return { message: rateChangedWords(answer, forWhom(answer, person)), view: await rates(kind, item) };
    },
    async removeRate({ kind, item, person }) {
      const answer = await call(TOOL_CONTRACTS.manage_rates, {
        action: 'remove',
        kind,
        item: `#${item}`,
        ...(person === null ? {} : { person: String(person) }),
      });
      return { message: rateChangedWords(answer, forWhom(answer, person)), view: await rates(kind, item) };
    },
  };
}
