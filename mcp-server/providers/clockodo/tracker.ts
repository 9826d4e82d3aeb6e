// Clockodo as a Punchcard back end (docs/back-ends/clockodo.md): the TimeTracker over Clockodo's REST API, made of its
// cells (cells.ts: the account, the timer and entries, the catalog, the person's plan, leave, what an owner or a
// manager may see and decide, and the owner's administration), acting with the person's own login and API key, or
// for the team server with the owner's, narrowed to the person (acting.ts). Every "my …" request names the person's
// own id and no other; a record that turns out to be someone else's is refused in words. What changes rarely is
// cached, and the person's id, zone and rights are remembered between starts, so a warm clock_in, clock_out or
// timer_status costs two requests at most.
import { composeParts, loadCells } from '../grid/compose.ts';
import { hostOf } from '../remote/remote-error.ts';
import { assembleTracker, type RemoteTracker } from '../remote-tracker.ts';
import { actingForCapabilities, CLOCKODO_CELLS, clockodoCapabilities } from './cells.ts';
import { ClockodoContext, type ClockodoGrid, type ClockodoTrackerOptions } from './context.ts';
import { clockodoRoleLacking } from './facts.ts';

export type { ClockodoTrackerOptions };

/** Clockodo's tracker factory, once its cells' code has loaded (the engine side's `tracker`). */
export async function loadClockodoTracker(): Promise<(options: ClockodoTrackerOptions) => RemoteTracker> {
  const cells = await loadCells<ClockodoGrid>(CLOCKODO_CELLS);
  return (options) => {
    const context = new ClockodoContext(options, options.actingFor ? actingForCapabilities : clockodoCapabilities);
    const parts = composeParts(cells, { client: context.client, person: context.acting, context });
    return assembleTracker({
      type: 'clockodo',
      // Acting for a person, the profile's login is the owner's, half of the organisation's credential: never said to
      // the person or the model (whoami's connection line says the account is the company's).
      label: options.actingFor ? `Clockodo (${hostOf(options.profile.url)})` : `Clockodo (${options.profile.email})`,
      agentLabel: 'description-prefix',
      facts: context.facts,
      roleLacks: (capability) => clockodoRoleLacking(context.facts.current, capability),
      ...parts,
      close: () => context.close(),
    });
  };
}
