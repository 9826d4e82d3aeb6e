// The account under the organisation's credential (docs/back-ends/kimai.md, "Acting for others"): every endpoint
// narrowed to the person (acting.ts), the ones it shares with other capabilities as the root narrows them.
import type { KimaiActing } from '../acting.ts';
import type { AccountEndpoints } from './endpoints.ts';

export function underOrganisation(api: AccountEndpoints, acting: KimaiActing): AccountEndpoints {
  return {
    me: acting.shared.me,
    timesheetConfig: acting.shared.timesheetConfig,
    weekStatus: acting.shared.weekStatus,
    // Kimai's version names nobody and tells only what server answers.
    version: api.version,
    // The absence plugin's type list is the same for everyone and names nobody: the probe that looks for the plugin.
    absenceTypes: () => acting.first(() => api.absenceTypes()),
  };
}
