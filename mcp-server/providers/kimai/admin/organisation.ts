// The tags and invoices under the organisation's credential: refused, every endpoint, before anything is sent. They
// would be read and made with the organisation account's rights, never narrowed to one person (docs/back-ends/kimai.md,
// "Acting for others").
import { withheldUnderOrganisation } from '../acting.ts';

export const underOrganisation = withheldUnderOrganisation({ invoicePage: 'list invoices' }, 'administer tags or invoices');
