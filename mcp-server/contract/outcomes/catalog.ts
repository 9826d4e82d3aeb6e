// Refusals of a catalog name a person gave (tools/shared.ts, catalogLookup; create_catalog_item): no
// item of that name, one archived, an activity that needs its project named, a parent that is none.
// The names a refusal offers are the catalog's, and only to a client offered list_catalog.
import { either, forModelOnly, joined, outside, say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

type Kind = 'customer' | 'project' | 'activity';

const PLURALS: Readonly<Record<Kind, string>> = { customer: 'customers', project: 'projects', activity: 'activities' };

export const catalogRefusals = refusalFamily({
  /** An activity named without its project where activities are a project's own (Clockify's tasks). */
  activity_needs_project: {
    kind: 'input',
    say: (facts: { back_end: string }) =>
      say`On ${facts.back_end} an activity is one of a project's tasks: name the project too${forModelOnly(' (list_catalog shows which tasks each has)')}.`,
    example: { back_end: 'Clockify' },
  },
  /** A name of a kind the back end has none of, and none can be added (Calamari's activities): one to leave out. */
  catalog_kind_empty: {
    kind: 'input',
    say: (facts: { kind: Kind; name: string; back_end: string }) =>
      say`No ${facts.kind} ${outside(facts.name)}: ${facts.back_end} has no ${PLURALS[facts.kind]}; leave ${facts.kind} out.`,
    example: { kind: 'activity', name: 'Meeting', back_end: 'Calamari' },
  },
  /**
   * A name no item has. A client offered list_catalog hears names close to it (or the first few); one
   * that is not hears none, and that the person should check the name.
   */
  catalog_item_unknown: {
    kind: 'input',
    say: (facts: {
      kind: Kind;
      name: string;
      /** The client is offered list_catalog. */
      listed: boolean;
      /** Names close to it, or the first few of the kind: only where `listed`. */
      known: readonly string[];
      /** The back end lets the person add one. */
      creatable: boolean;
    }) => {
      const plural = PLURALS[facts.kind];
      const known = !facts.listed
        ? say` Check the name with the person: the ${plural} are not listed to this client${forModelOnly(' (list_catalog is not offered)')}.`
        : facts.known.length > 0
          ? say` Known: ${joined(facts.known.map(outside), ', ')}.`
          : say` There are no ${plural} yet.`;
      const create = facts.creatable ? forModelOnly(' Create it with create_catalog_item first if it is new.') : '';
      return say`No ${facts.kind} ${outside(facts.name)}.${known}${create}`;
    },
    example: { kind: 'project', name: 'Nope', listed: true, known: ['Acme Website', 'Internal'], creatable: true },
  },
  /** An archived item: no time can be booked on it; restoring it is offered where the back end lets Punchcard. */
  catalog_item_archived: {
    kind: 'input',
    say: (facts: { kind: Kind; name: string /** Punchcard may restore it here. */; restorable: boolean; back_end: string }) =>
      say`The ${facts.kind} ${outside(facts.name)} is archived, so no time can be booked on it. ${
        facts.restorable
          ? either('Restore it with archive_catalog_item (archived: false) to use it.', 'Restore it to use it.')
          : `Ask whoever manages ${facts.back_end} to restore it, or choose another.`
      }`,
    example: { kind: 'project', name: 'Legacy', restorable: true, back_end: 'Kimai' },
  },
  /** create_catalog_item given a parent for a customer. */
  customer_has_no_parent: {
    kind: 'input',
    say: () => say`A customer has no parent; leave parent out.`,
    example: {},
  },
  /** create_catalog_item given a parent no customer (for a project) or project (for an activity) is. */
  catalog_parent_unknown: {
    kind: 'input',
    say: (facts: { kind: 'customer' | 'project'; name: string }) =>
      say`No ${facts.kind} ${outside(facts.name)}. Create it first${forModelOnly(', or check list_catalog')}.`,
    example: { kind: 'customer', name: 'Acme' },
  },
});
