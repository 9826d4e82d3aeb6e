// Corrections on Clockodo, as the composition takes it (tracker.ts): its endpoints, their narrowing under the
// organisation's credential, and its parts.
import { cellCode } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';
import { correctionsEndpoints, type CorrectionsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockodoCorrections } from './corrections.ts';

export const code = cellCode<ClockodoGrid, CorrectionsEndpoints>({
  endpoints: correctionsEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => ({ corrections: new ClockodoCorrections(context, endpoints, { catalog: built.part('catalog') }) }),
});
