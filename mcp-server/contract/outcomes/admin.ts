// Refusals of the admin group (docs/decisions.md, "The admin group"): people's accounts (manage_people),
// rates (manage_rates), tags (manage_tags), a catalog item's fields (update_catalog_item), bulk
// corrections of time entries (correct_time_entries) and invoices (list_invoices). Every one is said
// before anything is sent. A name in the facts is as the tool quotes it (tools/asking.ts, `quoted`: no
// control characters, one line, cut where long); a number is the back end's id. The teams' are in team.ts.
import { forModelOnly, type Part, type Sentence, say } from './sentence.ts';

/** A record as the back end names it. */
export type Named = { id: number; name: string };
export type ItemKind = 'customer' | 'project' | 'activity';

/** `"Web" (#50)`: a model reads the number, a person the name. */
export function quotedName(one: Named): Sentence {
  return say`"${one.name}"${forModelOnly(` (#${one.id})`)}`;
}

/** `Ada Lovelace (#1)`, the same without quotes. */
export function plainName(one: Named): Sentence {
  return say`${one.name}${forModelOnly(` (#${one.id})`)}`;
}

/** "A", "A and B", "A, B and C". */
export function listed(parts: readonly Part[]): Sentence {
  return parts.flatMap((part, index) => (index === 0 ? [part] : [index === parts.length - 1 ? ' and ' : ', ', part]));
}

/** "A, B, C". */
export function joined(parts: readonly Part[], separator = ', '): Sentence {
  return parts.flatMap((part, index) => (index === 0 ? [part] : [separator, part]));
}

export const PLURALS: Readonly<Record<ItemKind, string>> = { customer: 'customers', project: 'projects', activity: 'activities' };

export const adminRefusals = {} as const;
