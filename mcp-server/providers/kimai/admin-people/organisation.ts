// The people's administration under the organisation's credential: refused, every endpoint, before anything is sent. It
// acts on others with the organisation account's rights by nature (docs/back-ends/kimai.md, "Acting for others").
import { withheldUnderOrganisation } from '../acting.ts';

export const underOrganisation = withheldUnderOrganisation({ users: 'list people', user: 'read people' }, 'administer people');
