// The Administration screen's rates, built only from the engine's manage_rates with the person's own
// rights (docs/decisions.md, "The app calls its own engine's tools"): an item's rates, one set or removed
// after the window asked the person. The item is named to the tool by its id ("#12"), so two projects of
// one name never mix up; a person by the id the list showed, or by the words typed for a new rate.
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import type { AdminChange, CatalogKind, RatesView } from '../../window-contract/admin-catalog.ts';
import type { RequestOf } from '../../window-contract/index.ts';
import { given, type ToolCaller } from './tool-call.ts';

export interface AdminRates {
  rates(kind: CatalogKind, item: number): Promise<RatesView>;
  setRate(rate: RequestOf<'setRate'>): Promise<AdminChange<RatesView>>;
  removeRate(rate: RequestOf<'removeRate'>): Promise<AdminChange<RatesView>>;
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
      const { text } = await call.withText(TOOL_CONTRACTS.manage_rates, {
        action: 'set',
        kind,
        item: `#${item}`,
        ...given({ person, hourly, fixed, internal }),
      });
      return { message: text, view: await rates(kind, item) };
    },
    async removeRate({ kind, item, person }) {
      const { text } = await call.withText(TOOL_CONTRACTS.manage_rates, {
        action: 'remove',
        kind,
        item: `#${item}`,
        ...(person === null ? {} : { person: String(person) }),
      });
      return { message: text, view: await rates(kind, item) };
    },
  };
}
