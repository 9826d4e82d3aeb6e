// Under an organisation's credential: never, as Harvest has no organisation account that acts for people (each
// person connects their own token: docs/back-ends/harvest.md, "The team server"), so nothing here is ever narrowed.
import { noOrganisationAccount } from '../../grid/cell.ts';

export const underOrganisation = noOrganisationAccount('Harvest');
