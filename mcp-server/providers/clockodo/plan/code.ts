// The person's plan on Clockodo, as the composition takes it (tracker.ts): its endpoints, their narrowing under the
// organisation's credential, and its parts.
import { cellCode } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';
import { planEndpoints, type PlanEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockodoPlan } from './plan.ts';

export const code = cellCode<ClockodoGrid, PlanEndpoints>({
  endpoints: planEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ plan: new ClockodoPlan(context, endpoints, {}) }),
});
