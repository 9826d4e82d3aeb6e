// Kimai's meta fields of timesheets (docs/back-ends/kimai.md, "Meta fields"): the custom-fields plugin's
// rules for timesheets, each limited to a customer, project or activity where it names one, read in one
// request and kept a minute. An optional read (providers/remote/optional-read.ts): without the plugin the route
// answers 404, and a role may be refused it (403), and then none are known for the hour. Kimai's API
// takes an entry without its mandatory fields, so Punchcard holds them itself, at clock-in too; values
// are written after the entry, one request each (timesheets/timesheets.ts), always as text.
import type { EntryFieldDefinition, EntryFieldType, FieldChoice } from '../../../domain/entry-fields.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { Expiring } from '../../remote/cache.ts';
import type { EntryFieldsPart } from '../../time-tracker.ts';
import type { KimaiCatalogView, KimaiContext } from '../context.ts';
import { isKimaiAdmin } from '../facts.ts';
import type { EntryFieldsEndpoints } from './endpoints.ts';
import type { KimaiMetaFieldRule } from '../wire.ts';

/** How long the rules are known without asking again: an administrator's new mandatory field is held within a minute. */
const RULES_REUSE_MS = 60_000;

export class KimaiEntryFields extends CellPart<KimaiContext, EntryFieldsEndpoints, { catalog: KimaiCatalogView }> implements EntryFieldsPart {
  readonly valueForm = 'text';
  readonly timerStartsWithout = false;
  readonly #rules = new Expiring<EntryFieldDefinition[]>(RULES_REUSE_MS);

  /** The plugin's fields; none where Kimai will not answer them (no plugin, or a role refused: asked again after the hour). */
  definitions(): Promise<EntryFieldDefinition[]> {
    return this.#rules.get(async () => definitionsOfRules(await this.context.optional.metaFields.read(() => this.endpoints.metaFieldRules(), [])));
  }

  async customerOf(projectId: number): Promise<number | null> {
    const catalog = await this.parts.catalog.catalog(false, ['project']);
    return catalog.projects.find((project) => project.id === projectId)?.customer?.id ?? null;
  }

  async isAdmin(): Promise<boolean> {
    return isKimaiAdmin(await this.context.profile());
  }
}

/**
 * The plugin's rules as fields: one definition per rule (a name may have several rules, one per place it
 * applies to; GUESS: rules are listed so). A rule of another entity is left out.
 */
export function definitionsOfRules(rules: readonly unknown[]): EntryFieldDefinition[] {
  return rules.flatMap((item) => {
    const rule = item as KimaiMetaFieldRule;
    if (typeof rule?.name !== 'string' || rule.name.trim() === '') return [];
    if (rule.entityType && !/timesheet/i.test(rule.entityType)) return [];
    const type = typeOf(rule.type);
    const id = (relation: KimaiMetaFieldRule['customer']) =>
      typeof relation === 'number' ? relation : typeof relation?.id === 'number' ? relation.id : undefined;
    const [customer, project, activity] = [id(rule.customer), id(rule.project), id(rule.activity)];
    const choices = type === 'choice' ? choicesOf(rule.value ?? '') : undefined;
    return [
      {
        // The name is the key Kimai's meta request takes; several rules of one name are one field in several places.
        id: rule.name,
        name: rule.name,
        ...(rule.label && rule.label !== rule.name ? { label: rule.label } : {}),
        type,
        required: rule.required === true,
        ...(choices ? { choices } : {}),
        active: true,
        scope: {
          ...(customer === undefined ? {} : { customers: [customer] }),
          ...(project === undefined ? {} : { projects: [project] }),
          ...(activity === undefined ? {} : { activities: [activity] }),
        },
      },
    ];
  });
}

/** The plugin's type names (GUESS: as its documentation lists them, with Symfony's own for the core's types). */
function typeOf(type: string | null | undefined): EntryFieldType {
  const name = (type ?? 'text').toLowerCase();
  if (/checkbox/.test(name)) return 'checkbox';
  if (/choice/.test(name)) return 'choice';
  if (/integer|number|money/.test(name)) return 'number';
  return 'text';
}

/** A choice list's choices from its default: `value|Title` pairs separated by commas; a bare value is its own title; an empty one is "no choice". */
export function choicesOf(list: string): FieldChoice[] {
  return list.split(',').map((part) => {
    const [value = '', title] = part.split('|');
    return { value: value.trim(), title: (title ?? value).trim() };
  });
}
