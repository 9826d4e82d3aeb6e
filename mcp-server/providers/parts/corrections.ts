// Bulk corrections of time entries (capability `admin_corrections`).
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { Refusal } from '../../contract/outcomes/refusals.ts';
import type { CorrectionScope, CorrectionSet, CorrectionSubject, CorrectionWorld } from '../../domain/corrections.ts';

/**
 * Bulk corrections of time entries (`admin_corrections`; docs/back-ends/kimai.md, "Administration"):
 * the entries the person may correct, what the back end lets them do to those, and one change each.
 */
export interface CorrectionsPart {
  /** Every entry in the scope the back end shows the person, with whose it is, and the rights and locks that bear on them. */
  correctionWorld(scope: CorrectionScope): Promise<CorrectionWorld>;
  /** Of the tag names given, those the back end has, as it spells them (one look-up each). */
  knownTags(names: readonly string[]): Promise<string[]>;
  /** One entry's change (one request); what the entry became. A change that went through in part throws PartlyChangedError. */
  correct(subject: CorrectionSubject, set: CorrectionSet): Promise<CorrectionSubject>;
  /** Why the back end cannot make this change at all (tags where it keeps none), as a refusal, before anything is read; undefined where it can. */
  refusal?(set: Pick<CorrectionSet, 'billable' | 'exported' | 'addTags'>): Refusal | undefined;
  /** The requests one entry's change takes, where it is not one (Clockify marks exported with a request of its own). */
  requestsPerEntry?(set: CorrectionSet): number;
  /** Why a tag the back end does not have cannot be added, in words, where it is not Kimai's silent drop. */
  readonly unknownTagWords?: string;
}
