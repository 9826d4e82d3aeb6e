// The person's target hours, non-business days and time account as Clockodo keeps them. Its code, loaded with the tracker (index.ts lists it).
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
