// Changes to what a catalog item keeps, under the organisation's credential: refused, every endpoint, before anything
// is sent. They would be read and made with the organisation account's rights (docs/back-ends/kimai.md, "Acting for
// others").
import { withheldUnderOrganisation } from '../acting.ts';

export const underOrganisation = withheldUnderOrganisation({ catalogDetails: 'read the catalog details' }, 'change the catalog');
