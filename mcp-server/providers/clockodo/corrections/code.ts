// Colleagues' entries corrected in bulk by the company's owner. Its code, loaded with the tracker (index.ts lists it).
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
