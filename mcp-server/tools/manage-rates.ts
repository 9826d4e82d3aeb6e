import { personWords, type Rate, type RateValues, rateFor, rateWords, sameValues } from '../domain/admin-rates.ts';
import type { RateKind } from '../contract/vocabulary.ts';
import { MAX_RATE_AMOUNT, MAX_RATE_NAME, manageRatesContract } from '../contract/tools/manage-rates.ts';
import type { AdminRatesPart, RateItem } from '../providers/time-tracker.ts';
import type { ToolContext } from './context.ts';
import { joined, modelText, outside, say, type Sentence } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { findCatalogItem, refusedInput } from './shared.ts';
import { ToolInputError } from './tool-input-error.ts';

const PLURALS: Record<Exclude<RateKind, 'workspace'>, string> = { customer: 'customers', project: 'projects', activity: 'activities' };

/** A rate's values as the tool shows them: the amount as hourly or fixed, never both. */
const valuesShown = (values: RateValues) => ({
  hourly: values.fixed ? null : values.amount,
  fixed: values.fixed ? values.amount : null,
  internal: values.internal,
});
const shown = (rate: Rate) => ({ id: rate.id, person: rate.person, ...valuesShown(rate) });

export default defineTool({
  ...manageRatesContract,
  async handler(args, context) {
    const part = context.tracker.adminRates;
    const { action, kind } = args;
    if (!part.rateKinds.includes(kind)) {
      throw new ToolInputError('rate_kind_unsupported', { back_end: context.tracker.label, kind, kinds: [...part.rateKinds] });
    }
    checkedBounds(args);
    // What the back end cannot do at all is said in its own words before anything is read (Clockify keeps no fixed rates and removes none).
    const remove = part.refusals?.remove;
    const removal = typeof remove === 'function' ? remove({ kind, item: args.item.trim(), person: args.person?.trim() ?? null }) : remove;
    const cannot = action === 'remove' ? removal : args.fixed !== undefined ? part.refusals?.fixed : undefined;
    if (cannot) throw refusedInput(cannot);
    const given = (['hourly', 'internal', 'fixed'] as const).filter((name) => args[name] !== undefined);
    if (action !== 'set' && given.length > 0) throw new ToolInputError('rate_amounts_not_for_action', { given, action });
    if (args.hourly !== undefined && args.fixed !== undefined) throw new ToolInputError('rate_hourly_and_fixed');
    const item = await findItem(kind, args.item, context, part);
    const list = await part.rates(item);
    const person = args.person === undefined ? null : await part.findPerson(args.person, list);
    const { target } = list;
    const base = { action, kind, item: { id: target.id, name: target.name }, currency: target.currency };
    const label = say`${kind} ${outside(target.name)} (#${target.id})`;
    const forWhom = personWords(person);
    const inCurrency = target.currency === null ? ' Amounts are in the currency of the customer booked for.' : '';
    // What a question shows the person: the same words, rendered.
    const asked = (words: Sentence) => modelText(words);

    if (action === 'list') {
      const rates = person === null ? list.rates : list.rates.filter((rate) => rate.person?.id === person.id);
      const lines = rates.map((rate) => say`#${rate.id} ${personWords(rate.person)}: ${rateWords(rate, target.currency)}`);
      const none = say`The ${label} has no rate${args.person === undefined ? 's' : say` for ${forWhom}`} of its own.`;
      return {
        data: { ...base, rates: rates.map(shown) },
        text: say`${rates.length === 0 ? none : joined([say`Rates of the ${label}:`, ...lines], '\n')}${inCurrency}`,
      };
    }

    const before = rateFor(list, person?.id ?? null);
    if (action === 'remove') {
      if (!before) {
        const whom = person === null ? null : { id: person.id, name: person.name };
        throw new ToolInputError('rate_none_to_remove', { kind, item: { id: target.id, name: target.name }, person: whom });
      }
      const was = rateWords(before, target.currency);
      context.ask.confirm({
        key: 'remove',
        message: asked(say`Remove the rate of the ${label} for ${forWhom}: ${was} → none?`),
        shows: { kind, item: target.id, person: person?.id ?? null, before: valuesShown(before) },
        unchanged: say`The rate of the ${label} for ${forWhom} was not removed`,
      });
      await part.removeRate(list, before);
      return {
        data: { ...base, rates: [shown(before)], before: valuesShown(before), after: null },
        text: say`Removed the rate of the ${label} for ${forWhom} (was ${was}).${inCurrency}`,
      };
    }

    const after = newValues(args, before);
    // The back end's own limits of a set (providers/time-tracker.ts, AdminRatesPart.setRefusal), before any question.
    const refusedSet = part.setRefusal?.(list, person, after);
    if (refusedSet) throw refusedInput(refusedSet);
    if (before && sameValues(before, after)) {
      return {
        data: { ...base, rates: [shown(before)], before: valuesShown(before), after: valuesShown(before) },
        text: say`The rate of the ${label} for ${forWhom} is ${rateWords(before, target.currency)} already. Nothing was changed.`,
      };
    }
    const change = say`${before ? rateWords(before, target.currency) : 'none'} → ${rateWords(after, target.currency)}`;
    context.ask.confirm({
      key: 'set',
      message: asked(say`Set the rate of the ${label} for ${forWhom}: ${change}?`),
      shows: { kind, item: target.id, person: person?.id ?? null, before: before ? valuesShown(before) : null, after: valuesShown(after) },
      unchanged: say`The rate of the ${label} for ${forWhom} was not changed`,
    });
    const { rate } = await part.setRate(list, person, after, before);
    return {
      data: { ...base, rates: [shown(rate)], before: before ? valuesShown(before) : null, after: valuesShown(rate) },
      text: say`Set the rate of the ${label} for ${forWhom}: ${change}.${inCurrency}`,
    };
  },
});

/** Names and amounts within bounds (the schema leaves them to the handler to stay short), refused in words. */
function checkedBounds(args: { item: string; person?: string; hourly?: number; internal?: number; fixed?: number }): void {
  for (const name of ['item', 'person'] as const) {
    const text = args[name];
    if (text !== undefined && (text.trim() === '' || text.length > MAX_RATE_NAME)) {
      throw new ToolInputError('rate_name_length', { field: name, max: MAX_RATE_NAME });
    }
  }
  for (const name of ['hourly', 'internal', 'fixed'] as const) {
    const amount = args[name];
    if (amount !== undefined && !(amount >= 0 && amount <= MAX_RATE_AMOUNT)) {
      throw new ToolInputError('rate_amount_out_of_range', { field: name, amount, max: MAX_RATE_AMOUNT });
    }
  }
}

/** What a set leaves: the amounts given, the rest as the rate kept now has them. */
function newValues(args: { hourly?: number; fixed?: number; internal?: number }, before: Rate | undefined): RateValues {
  const amount = args.hourly ?? args.fixed ?? before?.amount;
  if (amount === undefined) throw new ToolInputError('rate_amount_missing');
  const fixed = args.fixed !== undefined ? true : args.hourly !== undefined ? false : (before?.fixed ?? false);
  return { amount, fixed, internal: args.internal ?? before?.internal ?? null };
}

/** The customer, project or activity `text` names (its number or whole name), archived ones included: their rates still bill old entries. */
async function findItem(kind: RateKind, text: string, context: ToolContext, part: AdminRatesPart): Promise<RateItem> {
  if (kind === 'workspace') {
    if (!part.workspaceItem) throw new ToolInputError('rate_workspace_unsupported', { back_end: context.tracker.label });
    return part.workspaceItem(text);
  }
  const named = await part.itemNamed?.(kind, text);
  if (named) return named;
  const catalog = await context.tracker.catalog.catalog(true, [kind]);
  const items = catalog[PLURALS[kind] as 'customers' | 'projects' | 'activities'];
  const found = findCatalogItem(items, text);
  if (found) return found as RateItem;
  const close = items.filter((item) => item.name.toLowerCase().includes(text.trim().toLowerCase())).slice(0, 5);
  throw new ToolInputError('rate_item_not_found', { kind, item: text.trim(), close: close.map((item) => ({ id: item.id, name: item.name })) });
}
