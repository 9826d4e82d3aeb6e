// A cell of the grid (docs/internals/back-ends.md, "A capability is a folder"): one capability of one remote back
// end, a folder `providers/<back end>/<capability>/` holding what the capability sends (its endpoints), what the
// tools call (its parts), how its endpoints are narrowed to one person under an organisation credential (or every
// one refused there), and which capabilities it offers under each credential. The back end's root lists its cells
// once (cells.ts); the opening reads their offers without loading the back end, the tracker loads their code.
import type { Capability } from '../../contract/vocabulary.ts';
import type { RemoteParts } from './parts.ts';

/** The credential a tracker works with: the person's own, or the organisation's acting for them (the team server). */
export type Credential = 'own' | 'organisation';

/**
 * Which capabilities a cell offers, from what is known of the account (`Known`, the back end's facts), for the
 * person's own credential and for the organisation's side by side. Light: the opening lists tools from it before the
 * back end loads, so it imports no zod and no HTTP.
 */
export interface Offer<Known> {
  own(known: Known): readonly Capability[];
  organisation(known: Known): readonly Capability[];
}

/**
 * What a back end's cells are made in, as its root names them: the request client, the person its narrowings share,
 * the context its parts share, what it knows of the account, and its parts as the cells know each other's (the
 * TimeTracker's, or the back end's own fuller view of one, declared in its root: the catalog's names for the timer).
 */
export interface Grid {
  readonly client: unknown;
  readonly person: unknown;
  readonly context: unknown;
  readonly known: unknown;
  readonly parts: RemoteParts;
}

/** The parts made by the cells listed before this one, by their names on the tracker. */
export interface BuiltParts<G extends Grid> {
  /** The part `name`, made by an earlier cell; a composition that lists them out of order fails at once, by name. */
  part<K extends keyof G['parts']>(name: K): NonNullable<G['parts'][K]>;
}

/** A cell's code, as its `code.ts` writes it: the endpoints' type is the cell's own. */
export interface CellCode<G extends Grid, Endpoints extends object> {
  /** What the capability sends, one method an endpoint, over the back end's client. */
  endpoints(client: G['client']): Endpoints;
  /**
   * The same endpoints under an organisation credential: each narrowed to `person`, or refused by name
   * (`refusedUnderOrganisation`). Typed as the endpoints themselves, so an endpoint added to the cell does not
   * compile until it is narrowed or refused here.
   */
  underOrganisation(endpoints: Endpoints, person: G['person']): Endpoints;
  /** The parts it puts on the tracker, over the shared context, its endpoints (narrowed where they are) and the parts made before it. */
  parts(context: G['context'], endpoints: Endpoints, built: BuiltParts<G>): Partial<G['parts']>;
}

/** Where a tracker's cells are made: the client, the person under an organisation credential (undefined: the person's own), the context. */
export interface CellWorld<G extends Grid> {
  readonly client: G['client'];
  readonly person: G['person'] | undefined;
  readonly context: G['context'];
}

/** A cell's code loaded, its endpoints' type kept to itself: the composition only asks it for its parts. */
export interface LoadedCell<G extends Grid> {
  make(world: CellWorld<G>, built: BuiltParts<G>): Partial<RemoteParts>;
  /** Its endpoints over `client`, narrowed to `person` where one is given: what a call below its parts would reach. */
  endpointsOver(client: G['client'], person: G['person'] | undefined): object;
}

/** A cell as the back end's root lists it: its name, its offer, and its code from the back end's chunk. */
export interface Cell<G extends Grid> {
  readonly name: string;
  readonly offer: Offer<G['known']>;
  code(): Promise<LoadedCell<G>>;
}

/** A cell's code as the composition takes it (`code.ts` exports `cellCode({ … })`). */
export function cellCode<G extends Grid, Endpoints extends object>(code: CellCode<G, Endpoints>): LoadedCell<G> {
  const endpointsOver = (client: G['client'], person: G['person'] | undefined): Endpoints => {
    const sent = code.endpoints(client);
    return person === undefined ? sent : code.underOrganisation(sent, person);
  };
  return {
    make: (world, built) => code.parts(world.context, endpointsOver(world.client, world.person), built),
    endpointsOver,
  };
}

/**
 * A capability not offered under an organisation credential, said in one line: every endpoint of it refuses with
 * `refusal(name)` before anything is sent, however it is reached. (Its offer lists nothing for the organisation.)
 */
export function refusedUnderOrganisation(refusal: (endpoint: string) => Error) {
  return <Endpoints extends object>(endpoints: Endpoints): Endpoints => {
    const refused: Record<string, unknown> = {};
    for (const name of Object.keys(endpoints)) refused[name] = () => Promise.reject(refusal(name));
    return refused as Endpoints;
  };
}

/**
 * The narrowing of a back end that has no organisation account acting for people (Calamari: its key is the
 * organisation's by nature, and every request names the person the profile names): no tracker of it is ever made for
 * a person under an organisation's credential (providers/create-tracker.ts refuses `actingFor` where the back end has
 * no organisation account), so its grid's person is `never` and this is never called. Said in one line per cell;
 * were it reached, it would throw, naming the back end, rather than send anything un-narrowed.
 */
export function noOrganisationAccount(backEnd: string): (endpoints: object, person: never) => never {
  return () => {
    throw new Error(`${backEnd} has no organisation account that acts for people: its endpoints are never narrowed to one person.`);
  };
}

/** An offer of nothing under the organisation's credential: the cell is the person's own credential's alone. */
export const NONE: readonly Capability[] = [];
