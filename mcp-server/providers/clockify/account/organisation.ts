// The account under the organisation's credential (docs/back-ends/clockify.md, "Acting for others"): it has no
// endpoint of its own; what the context reads for it is narrowed by the root (acting.ts).
import type { ClockifyActing } from '../acting.ts';
import type { AccountEndpoints } from './endpoints.ts';

export function underOrganisation(_api: AccountEndpoints, _acting: ClockifyActing): AccountEndpoints {
  return {};
}
