// Under an organisation's credential: never, as Toggl Track has no organisation account that acts for people (each
// person connects their own token: docs/back-ends/toggl.md, "The team server"), so nothing here is ever narrowed to one.
import { noOrganisationAccount } from '../../grid/cell.ts';

export const underOrganisation = noOrganisationAccount('Toggl Track');
