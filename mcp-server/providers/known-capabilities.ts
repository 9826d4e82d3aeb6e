// What a back end can do as far as is known before it is asked: the local timesheet everything but
// breaks, a remote one what the last start (or the app's connection test) learned, remembered in the
// data folder. The opening of a connection lists tools from this without loading the back end; the
// tracker starts from the same.
import type { ProviderProfile } from '../contract/settings.ts';
import { rememberedCalamariCapabilities } from './calamari/capabilities.ts';
import { rememberedClockifyCapabilities } from './clockify/capabilities.ts';
import { rememberedClockodoCapabilities } from './clockodo/capabilities.ts';
import { rememberedKimaiCapabilities } from './kimai/capabilities.ts';
import { LOCAL_CAPABILITIES } from './local/capabilities.ts';
import type { Capability } from './time-tracker.ts';

export interface KnownCapabilities {
  capabilities: ReadonlySet<Capability>;
  /** A start or a connection test learned about this account before (always so for the local timesheet). */
  remembered: boolean;
}

export function knownCapabilities(profile: ProviderProfile, userDataDir: string): KnownCapabilities {
  switch (profile.type) {
    case 'local':
      return { capabilities: LOCAL_CAPABILITIES, remembered: true };
    case 'kimai':
      return rememberedKimaiCapabilities(userDataDir, profile.url);
    case 'clockodo':
      return rememberedClockodoCapabilities(userDataDir, profile);
    case 'calamari':
      return rememberedCalamariCapabilities(userDataDir, profile);
    case 'clockify':
      return rememberedClockifyCapabilities(userDataDir, profile);
  }
}
