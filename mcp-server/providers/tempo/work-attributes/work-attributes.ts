// Tempo's work attributes as the fields of entries (docs/back-ends/tempo.md, "Work attributes"): the site's attributes
// (/4/work-attributes, kept a few minutes), their choices by name, required ones asked before anything is sent (the
// tools check a write against these definitions: fields_required, field_value_invalid), and the values a worklog is
// written with, as Tempo stores them. The settings' workAttributes fill what a call leaves out: an attribute they give
// counts as given (`preset`), and one they name that Tempo does not have, or a value not among its choices, is refused
// in words before anything is sent. Tempo's required attributes are the site's, the same on every issue.
import type { EntryFieldDefinition, FieldWrite } from '../../../domain/entry-fields.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { Expiring } from '../../remote/cache.ts';
import { BackEndError, type TimeEntry } from '../../time-tracker.ts';
import type { TempoAttributesView, TempoContext, TempoGrid } from '../context.ts';
import type { TempoAccount } from '../wire.ts';
import { type Attribute, attributeNamed, attributeOf, shownValue, storedValue } from './attributes.ts';
import { workAttributesEndpoints, type WorkAttributesEndpoints } from './endpoints.ts';

/** How long the attributes are known without asking again: a site's new required attribute is held within minutes (and at once where Tempo refuses a write for it). */
const ATTRIBUTES_TTL_MS = 5 * 60_000;

export class TempoWorkAttributes extends CellPart<TempoContext, WorkAttributesEndpoints> implements TempoAttributesView {
  /** Every value goes to Tempo as text. */
  readonly valueForm = 'text';
  /** Punchcard's timer books when it stops, and a required attribute is asked when it starts, so the booking never fails for one. */
  readonly timerStartsWithout = false;
  readonly #attributes = new Expiring<Attribute[]>(ATTRIBUTES_TTL_MS, () => this.context.options.now());
  #loaded: Attribute[] | undefined;

  async definitions(): Promise<EntryFieldDefinition[]> {
    return (await this.#all()).map((attribute) => attribute.definition);
  }

  known(): EntryFieldDefinition[] | undefined {
    return this.#loaded?.map((attribute) => attribute.definition);
  }

  /** Tempo's attributes have no administrators' own: anyone who books sets them. */
  async isAdmin(): Promise<boolean> {
    return false;
  }

  async toSend(
    given: readonly FieldWrite[] | undefined,
    kept: ReadonlyArray<{ key: string; value: string }> = [],
  ): Promise<Array<{ key: string; value: string }>> {
    const attributes = await this.#all();
    const values = new Map<string, string>();
    const givenKeys = new Set((given ?? []).map((write) => write.id));
    const keptKeys = new Set(kept.map((item) => item.key));
    // The settings first, where neither the call nor the worklog says otherwise; a setting used that Tempo does not take is refused.
    for (const [name, value] of Object.entries(this.context.options.profile.workAttributes ?? {})) {
      const attribute = attributeNamed(attributes, name);
      if (attribute && (givenKeys.has(attribute.definition.id) || keptKeys.has(attribute.definition.id))) continue;
      if (!attribute) throw new BackEndError('tempo_attribute_setting_invalid', { attribute: name, value, problem: 'unknown', choices: [] });
      const stored = storedValue(attribute, value);
      if (stored === undefined) {
        const choices = (attribute.definition.choices ?? []).map((choice) => choice.value);
        throw new BackEndError('tempo_attribute_setting_invalid', { attribute: attribute.definition.name, value, problem: 'choice', choices });
      }
      values.set(attribute.definition.id, stored);
    }
    // The worklog's own (a change re-sends every value it does not change), then the call's.
    for (const item of kept) values.set(item.key, item.value);
    for (const write of given ?? []) {
      const attribute = attributes.find((candidate) => candidate.definition.id === write.id);
      const stored = write.value === null || write.value === '' || !attribute ? undefined : storedValue(attribute, write.value);
      if (stored === undefined || stored === '') values.delete(write.id);
      else values.set(write.id, stored);
    }
    return [...values].map(([key, value]) => ({ key, value }));
  }

  async readings(values: ReadonlyArray<{ key?: string; value?: string }> | null | undefined): Promise<NonNullable<TimeEntry['fields']>> {
    const present = (values ?? []).filter((item): item is { key: string; value: string } => typeof item?.key === 'string' && typeof item.value === 'string');
    if (present.length === 0) return [];
    const attributes = await this.#all();
    return present.map((item) => {
      const attribute = attributes.find((candidate) => candidate.definition.id === item.key);
      return { id: item.key, name: attribute?.definition.name ?? item.key, value: shownValue(attribute, item.value) };
    });
  }

  /** The site's attributes with their choices, kept a few minutes; an ACCOUNT attribute's accounts read only where there is one. */
  #all(): Promise<Attribute[]> {
    return this.#attributes.get(async () => {
      const found = (await this.endpoints.workAttributes()).filter((attribute) => typeof attribute?.key === 'string' && attribute.key !== '');
      const accounts = found.some((attribute) => attribute.type === 'ACCOUNT') ? await this.#accounts() : null;
      const settings = Object.keys(this.context.options.profile.workAttributes ?? {});
      const attributes = found.map((attribute) => attributeOf(attribute, accounts, false));
      const preset = new Set(settings.flatMap((name) => attributeNamed(attributes, name)?.definition.id ?? []));
      const withPresets = found.map((attribute) => attributeOf(attribute, accounts, preset.has(attribute.key)));
      this.#loaded = withPresets;
      return withPresets;
    });
  }

  /**
   * The site's open accounts, an ACCOUNT attribute's choices; none known where Tempo does not show them to this token
   * (an optional read, context.ts: its Accounts scope missing, 403; a site without accounts, 404 or 402), and the
   * attribute then takes any key.
   */
  async #accounts(): Promise<TempoAccount[] | null> {
    const accounts = await this.context.optional.accounts.read(() => this.endpoints.accounts(), null);
    return accounts?.filter((account) => (account.status ?? 'OPEN') === 'OPEN') ?? null;
  }
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TempoGrid, WorkAttributesEndpoints>({
  endpoints: workAttributesEndpoints,
  parts: (context, endpoints) => ({ entryFields: new TempoWorkAttributes(context, endpoints, {}) }),
});
