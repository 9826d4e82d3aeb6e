// What a back end can do as far as is known before it is asked: the local timesheet everything but
// breaks, a remote one what the last start (or the app's connection test) learned, remembered in the
// data folder. The opening of a connection lists tools from this without loading the back end; the
// tracker starts from the same.
import { isRemote, type BackEndProfile } from '../contract/back-ends.ts';
import { ENGINE_SIDES, remoteSideOf } from './back-ends.ts';
import type { KnownCapabilities } from './engine-side.ts';

export type { KnownCapabilities } from './engine-side.ts';

export function knownCapabilities(profile: BackEndProfile, userDataDir: string): KnownCapabilities {
  return isRemote(profile) ? remoteSideOf(profile).known(userDataDir, profile) : ENGINE_SIDES[profile.type].known();
}
