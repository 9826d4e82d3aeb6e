// The person's plan: their working week, holiday calendar and Calamari's balance. Its code, loaded with the tracker
// (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { CalamariGrid } from '../context.ts';
import { CalamariPlan } from './plan.ts';
import { planEndpoints, type PlanEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';

export const code = cellCode<CalamariGrid, PlanEndpoints>({
  endpoints: planEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ plan: new CalamariPlan(context, endpoints, {}) }),
});
