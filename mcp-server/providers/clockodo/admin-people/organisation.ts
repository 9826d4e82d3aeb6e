// The people on Clockodo under the owner's key: refused, every endpoint, before anything is sent. It acts for others
// with the owner's rights by nature, so it is never narrowed to one person (docs/back-ends/clockodo.md, "Acting for
// others").
import { refusedUnderOrganisation } from '../../grid/cell.ts';
import { BackEndError } from '../../time-tracker.ts';

export const underOrganisation = refusedUnderOrganisation((request) => new BackEndError('clockodo_not_for_others', { request }));
