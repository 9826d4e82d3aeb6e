// Leave on Toggl Track: its API has no time off, so the leave tools are withheld (tool_withheld, why back_end) and only
// the absence calendar is offered, from the settings' public holidays (docs/back-ends/toggl.md, "Not offered").
import type { Cell } from '../../grid/cell.ts';
import type { TogglGrid } from '../context.ts';

export const LEAVE: Cell<TogglGrid> = {
  name: 'leave',
  offer: { own: () => ['calendar'] },
  code: async () => (await import('./leave.ts')).code,
};
