// The fields a company adds to time entries, where the back end keeps any.
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { EntryFieldDefinition, ValueForm } from '../../domain/entry-fields.ts';

/**
 * The fields a company adds to time entries (docs/tools.md, "Custom fields"): their definitions with
 * the entries each applies to, read from the back end and kept a short while. The tools check a write
 * against them before anything is sent (tools/entry-fields.ts).
 */
export interface EntryFieldsPart {
  /** How values are written: typed (Clockify) or as text (Kimai). */
  readonly valueForm: ValueForm;
  /**
   * Whether a timer may start without its required fields (Clockify checks them when it stops): clock_in
   * then asks for none, and clock_out does.
   */
  readonly timerStartsWithout: boolean;
  /**
   * Every field the back end keeps on time entries, each with its scope; `projectId`: the entry's
   * project, where the back end keeps a project's own settings apart (Clockify) and they decide.
   */
  definitions(projectId?: number | null): Promise<EntryFieldDefinition[]>;
  /** The customer of a project, where a field's scope names customers (Kimai); null where it has none. */
  customerOf?(projectId: number): Promise<number | null>;
  /** Whether the person is one of the tracker's administrators, who alone set admin-only fields; asked only where such a field applies. */
  isAdmin(): Promise<boolean>;
}
