// Colleagues' time entries corrected in bulk by an admin: moved, rebooked, marked invoiced, within the workspace's
// lock. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { correctionsEndpoints, type CorrectionsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockifyCorrections } from './corrections.ts';

export const code = cellCode<ClockifyGrid, CorrectionsEndpoints>({
  endpoints: correctionsEndpoints,
  underOrganisation,
  // Acting for a person with the organisation's key it makes no part at all: nothing of it is offered there (organisation.ts).
  parts: (context, endpoints, built) =>
    context.acting ? {} : { corrections: new ClockifyCorrections(context, endpoints, { catalog: built.part('catalog') }) },
});
