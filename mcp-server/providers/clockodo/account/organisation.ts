// The account on Clockodo under the owner's key, acting for one person (docs/back-ends/clockodo.md, "Acting for
// others"): every endpoint narrowed to the person: their clock is the one the connection test reads. The shared
// endpoints as the root narrows them (acting.ts); an endpoint added to endpoints.ts does not compile until it is
// narrowed here.
import type { ClockodoActing } from '../acting.ts';
import type { AccountEndpoints } from './endpoints.ts';

export function underOrganisation(api: AccountEndpoints, acting: ClockodoActing): AccountEndpoints {
  return {
    clock: acting.shared.clock,
  };
}
