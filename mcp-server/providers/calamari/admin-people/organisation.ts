// The employee list under an organisation's credential: never, as Calamari has no organisation account that acts for
// people (its key is the organisation's by nature and every request names the configured person:
// docs/back-ends/calamari.md, "Acting for one person"), so nothing here is ever narrowed to one.
import { noOrganisationAccount } from '../../grid/cell.ts';

export const underOrganisation = noOrganisationAccount('Calamari');
