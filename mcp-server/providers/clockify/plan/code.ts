// The person's plan as Clockify keeps it: the work capacity and working days of their member profile, and the holidays
// their workspace assigns them. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { planEndpoints, type PlanEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockifyPlan } from './plan.ts';

export const code = cellCode<ClockifyGrid, PlanEndpoints>({
  endpoints: planEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ plan: new ClockifyPlan(context, endpoints, {}) }),
});
