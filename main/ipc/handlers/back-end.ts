// Which back end the window is talking to, and what it cannot do there, in the words every screen
// uses: a missing capability is explained where the control would be, never a dead button.
import { effectiveProfile, NO_POLICY } from '../../../mcp-server/policy/policy.ts';
import type { ProviderType } from '../contract.ts';
import { providerLabel } from './account.ts';
import type { HandlerDeps } from './ports.ts';

/** The back end in use, as the engine uses it (the organisation's fixed one wins), or null while the settings cannot say. */
export function backEndType(deps: Pick<HandlerDeps, 'settings' | 'policy'>): ProviderType | null {
  try {
    return effectiveProfile(deps.policy?.() ?? NO_POLICY, deps.settings.read().provider).type;
  } catch {
    return null;
  }
}

export function backEndName(type: ProviderType | null): string {
  return type === null ? 'This back end' : providerLabel(type);
}

/** Why a back end shows no leave and no calendar at all. */
export function noLeaveWords(type: ProviderType | null): string {
  switch (type) {
    case 'kimai':
      return 'This Kimai has no absence plugin (or your account may not use it), so there is no leave to show here; ask your Kimai administrator.';
    case 'clockodo':
      return 'Your Clockodo company does not use absences, so there is no leave to show here.';
    case 'calamari':
      return "Your organisation does not use Calamari's Time Off module, so there is no leave to show here.";
    case 'clockify':
      return 'Your Clockify workspace does not use Time off, or your plan or role does not let you see it, so there is no leave to show here.';
    default:
      return `${backEndName(type)} keeps no leave that Punchcard can show.`;
  }
}

/** Why entries cannot be changed or deleted from the window. */
export function noEditWords(type: ProviderType | null): string {
  const name = backEndName(type);
  return type === 'calamari'
    ? "Calamari's API cannot change or delete a shift: correct shifts in Calamari."
    : `${name} does not let Punchcard change or delete entries here: correct them in ${name}.`;
}

/** Why leave requests cannot be withdrawn from the window. */
export function noCancelWords(type: ProviderType | null): string {
  const name = backEndName(type);
  return type === 'calamari' ? "Calamari's API cannot cancel a leave request: cancel it in Calamari (Requests)." : `${name} does not let Punchcard cancel leave requests: cancel them in ${name}.`;
}
