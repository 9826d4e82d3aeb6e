// The catalog on Clockodo under the owner's key, acting for one person (docs/back-ends/clockodo.md, "Acting for
// others"): every endpoint the company's lists as they are, the person's own access maps; adding or archiving refused.
// The shared endpoints as the root narrows them (acting.ts); an endpoint added to endpoints.ts does not compile until
// it is narrowed here.
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
