// The person's weekly target, their own weekly capacity in Harvest, over the settings' working days and holidays. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';
import { planEndpoints, type PlanEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { HarvestPlan } from './plan.ts';

export const code = cellCode<HarvestGrid, PlanEndpoints>({
  endpoints: planEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ plan: new HarvestPlan(context, endpoints, {}) }),
});
