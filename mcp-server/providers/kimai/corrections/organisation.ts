// Bulk corrections under the organisation's credential: refused, every endpoint, before anything is sent. They change
// other people's entries with the organisation account's rights by nature (docs/back-ends/kimai.md, "Acting for
// others").
import { withheldUnderOrganisation } from '../acting.ts';

export const underOrganisation = withheldUnderOrganisation({}, "correct other people's time entries");
