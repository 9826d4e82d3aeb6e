// The account under the organisation's credential (docs/back-ends/clockodo.md, "Acting for others"): every endpoint
// narrowed to the person (acting.ts), the ones it shares with other capabilities as the root narrows them.
import type { ClockodoActing } from '../acting.ts';
import type { AccountEndpoints } from './endpoints.ts';

export function underOrganisation(api: AccountEndpoints, acting: ClockodoActing): AccountEndpoints {
  return {
    clock: acting.shared.clock,
  };
}
