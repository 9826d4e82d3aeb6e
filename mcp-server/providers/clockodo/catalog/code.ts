// The catalog on Clockodo, as the composition takes it (tracker.ts): its endpoints, their narrowing under the
// organisation's credential, and its parts.
import { cellCode } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';
import { catalogEndpoints, type CatalogEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockodoCatalog } from './catalog.ts';

export const code = cellCode<ClockodoGrid, CatalogEndpoints>({
  endpoints: catalogEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ catalog: new ClockodoCatalog(context, endpoints, {}) }),
});
