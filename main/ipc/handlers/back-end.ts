// Which back end the window is talking to, and what it cannot do there, in the words every screen
// uses: a missing capability is explained where the control would be, never a dead button.
import { backEndOf } from '../../../mcp-server/contract/back-ends.ts';
import { effectiveProfile, NO_POLICY } from '../../../mcp-server/for-the-app.ts';
import type { BackEndType } from '../../../window-contract/account.ts';
import { backEndLabel } from './account.ts';
import type { HandlerDeps } from './ports.ts';

/** The back end in use, as the engine uses it (the organisation's fixed one wins), or null while the settings cannot say. */
export function backEndType(deps: Pick<HandlerDeps, 'settings' | 'policy'>): BackEndType | null {
  try {
    return effectiveProfile(deps.policy?.() ?? NO_POLICY, deps.settings.read().provider).type;
  } catch {
    return null;
  }
}

export function backEndName(type: BackEndType | null): string {
  return type === null ? 'This back end' : backEndLabel(type);
}

/** Why a back end shows no leave and no calendar at all: its own words (its descriptor's), where it has them. */
export function noLeaveWords(type: BackEndType | null): string {
  return (type && backEndOf(type).app.noLeave) || `${backEndName(type)} keeps no leave that Punchcard can show.`;
}

/** Why entries cannot be changed or deleted from the window. */
export function noEditWords(type: BackEndType | null): string {
  const name = backEndName(type);
  return (type && backEndOf(type).app.noEdit) || `${name} does not let Punchcard change or delete entries here: correct them in ${name}.`;
}

/** Why leave requests cannot be withdrawn from the window. */
export function noCancelWords(type: BackEndType | null): string {
  const name = backEndName(type);
  return (type && backEndOf(type).app.noCancel) || `${name} does not let Punchcard cancel leave requests: cancel them in ${name}.`;
}
