// What a back end can do as far as is known before it is asked: the local timesheet everything, a
// remote one what the last start learned (remembered in the data folder). The opening of a
// connection lists tools from this without loading the back end; the tracker starts from the same.
import type { ProviderProfile } from '../contract/settings.ts';
import { readDetection } from './kimai/detection-cache.ts';
import { LOCAL_CAPABILITIES } from './local/capabilities.ts';
import { CAPABILITIES, type Capability } from './time-tracker.ts';

export function knownCapabilities(profile: ProviderProfile, userDataDir: string): ReadonlySet<Capability> {
  if (profile.type === 'local') return LOCAL_CAPABILITIES;
  const absences = readDetection(userDataDir, profile.url)?.absences ?? false;
  return absences ? new Set(CAPABILITIES) : new Set(CAPABILITIES.filter((capability) => capability !== 'leave' && capability !== 'calendar'));
}
