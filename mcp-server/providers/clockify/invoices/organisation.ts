// Under the organisation's credential refused, every endpoint, before anything is sent: it would act for others with
// the key's rights by nature, so it is never narrowed to one person (docs/back-ends/clockify.md, "Acting for others").
import { refusedUnderOrganisation } from '../../grid/cell.ts';
import { NotNarrowedError } from '../acting.ts';

export const underOrganisation = refusedUnderOrganisation((request) => new NotNarrowedError(request));
