// What the engine needs of each back end beyond its descriptor (contract/back-ends.ts): what it offers
// before anything is asked, which the opening of a connection lists without loading the back end, and
// how its tracker is made, from its own chunk of the bundle when the engine first needs it (a Kimai
// user never loads SQLite or Clockodo's client, a local one never the HTTP client or the keychain).
// Each back end's folder has its engine side in back-end.ts, shaped as engine-side.ts says. These are
// code, so they cannot sit in the table the window and main read (contract/back-ends.ts, which
// imports nothing above the contract): the compiler asks for a line here for every back end there.
import type { BackEndType, RemoteType } from '../contract/back-ends.ts';
import { CALAMARI_ENGINE } from './calamari/back-end.ts';
import { CLOCKIFY_ENGINE } from './clockify/back-end.ts';
import { CLOCKODO_ENGINE } from './clockodo/back-end.ts';
import { HARVEST_ENGINE } from './harvest/back-end.ts';
import { KIMAI_ENGINE } from './kimai/back-end.ts';
import { LOCAL_ENGINE } from './local/back-end.ts';
import { TEMPO_ENGINE } from './tempo/back-end.ts';
import { TOGGL_ENGINE } from './toggl/back-end.ts';
import type { EngineSide, RemoteEngineSide } from './engine-side.ts';

/** The remote back ends' sides, keyed so that a profile's type finds its own side's type too. */
const REMOTE_SIDES: { readonly [T in RemoteType]: RemoteEngineSide<T> } = {
  kimai: KIMAI_ENGINE,
  clockodo: CLOCKODO_ENGINE,
  calamari: CALAMARI_ENGINE,
  clockify: CLOCKIFY_ENGINE,
  harvest: HARVEST_ENGINE,
  toggl: TOGGL_ENGINE,
  tempo: TEMPO_ENGINE,
};

export const ENGINE_SIDES: { readonly [T in BackEndType]: EngineSide<T> } = { local: LOCAL_ENGINE, ...REMOTE_SIDES };

/** A remote profile's engine side, typed by the profile's own type. */
export function remoteSideOf<T extends RemoteType>(profile: { type: T }): RemoteEngineSide<T> {
  return REMOTE_SIDES[profile.type];
}
