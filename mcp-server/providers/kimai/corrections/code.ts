// Bulk corrections of the time entries Kimai shows a team lead (their teams') or an administrator (everyone's). Its
// code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { correctionsEndpoints, type CorrectionsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { KimaiCorrections } from './corrections.ts';

export const code = cellCode<KimaiGrid, CorrectionsEndpoints>({
  endpoints: correctionsEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ corrections: new KimaiCorrections(context, endpoints, {}) }),
});
