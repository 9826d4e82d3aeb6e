// The catalog under the organisation's credential (docs/back-ends/clockodo.md, "Acting for others"): every endpoint
// narrowed to the person (acting.ts), the ones it shares with other capabilities as the root narrows them.
import type { ClockodoActing } from '../acting.ts';
import { BackEndError } from '../../time-tracker.ts';
import type { CatalogEndpoints } from './endpoints.ts';

const refused = (request: string) => () => Promise.reject(new BackEndError('clockodo_not_for_others', { request }));

export function underOrganisation(api: CatalogEndpoints, acting: ClockodoActing): CatalogEndpoints {
  return {
    customersPage: acting.shared.customersPage,
    projectsPage: acting.shared.projectsPage,
    access: acting.shared.access,
    serviceAccess: acting.shared.serviceAccess,
    servicesPage: (page) => acting.first(() => api.servicesPage(page)),
    createCatalogItem: refused('createCatalogItem'),
    setActive: refused('setActive'),
  };
}
