// The rates of the admin group (docs/decisions.md, "The admin group"; docs/back-ends/kimai.md,
// "Administration"): what a customer, project or activity is billed at, for everyone or one person.
// Amounts are in the currency's units (euros, not cents), as the person reads them on an invoice.
import { outside, say, type Sentence } from '../contract/outcomes/sentence.ts';
import type { RateKind } from '../contract/vocabulary.ts';

/** Someone a rate is kept for, as the back end names them. */
export interface RatePerson {
  id: number;
  name: string;
}

/** What a rate charges: `amount` per hour, or per time entry where `fixed`; `internal` is the cost rate. */
export interface RateValues {
  amount: number;
  fixed: boolean;
  internal: number | null;
}

export interface Rate extends RateValues {
  id: number;
  /** Whose rate it is; null for everyone's. */
  person: RatePerson | null;
}

/** The item whose rates these are, with the currency its amounts are in (null where it depends on the customer booked for). */
export interface RateTarget {
  kind: RateKind;
  id: number;
  name: string;
  currency: string | null;
}

export interface RateList {
  target: RateTarget;
  /** Everyone's first, then by person. */
  rates: Rate[];
}

/** What a set made, and the rate it replaced where there was one. */
export interface RateReplacement {
  rate: Rate;
  /** The old rate, when one was replaced (removed and made again: the back end changes none in place). */
  replaced: Rate | undefined;
}

/** `80 "EUR"`, `80.50 "EUR"`, `80` where the currency is not known: the currency is the back end's words, quoted. */
export function money(amount: number, currency: string | null): Sentence {
  const text = Number.isInteger(amount) ? String(amount) : amount.toFixed(Math.min(4, Math.max(2, decimals(amount))));
  return currency ? say`${text} ${outside(currency)}` : [text];
}

function decimals(amount: number): number {
  const fraction = String(amount).split('.')[1];
  return fraction ? fraction.length : 0;
}

/** "80 EUR an hour (internal 60 EUR)", "500 EUR per time entry (fixed)". */
export function rateWords(values: RateValues, currency: string | null): Sentence {
  const internal = values.internal === null ? '' : say`, internal ${money(values.internal, currency)}`;
  return say`${money(values.amount, currency)} ${values.fixed ? 'per time entry (fixed)' : 'an hour'}${internal}`;
}

/** `everyone` or `"Ada Lovelace" (#1)`. */
export function personWords(person: RatePerson | null): Sentence {
  return person === null ? ['everyone'] : say`${outside(person.name)} (#${person.id})`;
}

export function sameValues(a: RateValues, b: RateValues): boolean {
  return a.amount === b.amount && a.fixed === b.fixed && a.internal === b.internal;
}

/** The rate kept for `personId` (null: everyone's). */
export function rateFor(list: RateList, personId: number | null): Rate | undefined {
  return list.rates.find((rate) => (rate.person?.id ?? null) === personId);
}
