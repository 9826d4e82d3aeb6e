// The tag list's administration (capability `admin_tags`).
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { Refusal } from '../../contract/outcomes/refusals.ts';
import type { AdminTag } from '../../domain/admin.ts';

/**
 * The tag list's administration (`admin_tags`; docs/decisions.md, "The admin group"). A back end that
 * cannot take an action refuses it (a BackEndError of its own code) before anything is sent.
 */
export interface AdminTagsPart {
  /** The tags whose name holds `filter` (all without one), by name; archived ones where the back end shows them. */
  tags(filter: string | undefined): Promise<AdminTag[]>;
  /** The one tag named `name` exactly (any case), archived ones included where the back end shows them, or undefined. */
  findTag(name: string): Promise<AdminTag | undefined>;
  createTag(name: string, color: string | undefined): Promise<AdminTag>;
  /**
   * Where the back end keeps no colour on a tag (Clockify), the refusal of a colour given (a code and its facts),
   * before anything is asked or sent; left out where tags have colours.
   */
  readonly colourRefusal?: Refusal;
  /** Renames the tag; only a back end whose API changes tags has it (Clockify). */
  renameTag?(tag: AdminTag, name: string): Promise<AdminTag>;
  /** Archives (true) or restores (false) the tag; only a back end whose API changes tags has it (Clockify). */
  setTagArchived?(tag: AdminTag, archived: boolean): Promise<AdminTag>;
  /**
   * Why a tag cannot be renamed, archived or restored on this back end, as a refusal, where it lacks
   * renameTag or setTagArchived (Kimai's API changes no tag).
   */
  tagChangeRefusal?(action: 'rename' | 'archive' | 'restore'): Refusal;
}
