// Rates under the organisation's credential: refused, every endpoint, before anything is sent. They would be read and
// set with the organisation account's rights (docs/back-ends/kimai.md, "Acting for others").
import { withheldUnderOrganisation } from '../acting.ts';

export const underOrganisation = withheldUnderOrganisation({ rates: 'read rates', createRate: 'set rates', deleteRate: 'remove rates' }, 'administer rates');
