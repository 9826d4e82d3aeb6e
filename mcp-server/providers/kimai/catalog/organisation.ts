// The catalog under the organisation's credential (docs/back-ends/kimai.md, "Acting for others"): the lists as the root
// narrows them (to what the person's teams reach: acting.ts); new items, hiding and showing them refused, as they would
// be made with the organisation account's rights.
import { type KimaiActing, withheld } from '../acting.ts';
import type { CatalogEndpoints } from './endpoints.ts';

export function underOrganisation(_api: CatalogEndpoints, acting: KimaiActing): CatalogEndpoints {
  return {
    customers: acting.shared.customers,
    projects: acting.shared.projects,
    activities: acting.shared.activities,
    createCatalogItem: withheld('change the catalog'),
    setVisible: withheld('change the catalog'),
  };
}
