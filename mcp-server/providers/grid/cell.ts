// A cell of the grid (docs/internals/back-ends.md, "A capability is a folder"): one capability of one remote back
// end, a folder `providers/<back end>/<capability>/` holding what the capability sends (its endpoints), what the
// tools call (its parts), how its endpoints are narrowed to one person under an organisation credential (or every
// one refused there), and which capabilities it offers under each credential. A cell with nothing to say for one of
// them says nothing: the frame's default stands (it sends nothing of its own; a back end without an organisation
// account says so once, in its grid). The back end's root lists its cells once (cells.ts); the opening reads their
// offers without loading the back end, the tracker loads their code.
import type { Capability } from '../../contract/vocabulary.ts';
import type { RemoteParts } from './parts.ts';

/** The credential a tracker works with: the person's own, or the organisation's acting for them (the team server). */
export type Credential = 'own' | 'organisation';

/**
 * The person of a grid whose back end has no organisation account that acts for people (Calamari, whose key is the
 * organisation's by nature and names the person on every request; Toggl Track and Harvest, where each person connects
 * their own token), said once in its root. No tracker of it is made for a person under an organisation's credential
 * (providers/create-tracker.ts refuses `actingFor` where the back end has no organisation account), so its cells
 * narrow nothing and offer nothing that way, and say nothing of it.
 */
export type NoOrganisationAccount = never;

/** What a cell sends of its own where it sends nothing: it reads through what the root's context shares. */
export type NoEndpoints = Record<never, never>;

/**
 * Which capabilities a cell offers, from what is known of the account (`Known`, the back end's facts), for the
 * person's own credential and for the organisation's side by side. Light: the opening lists tools from it before the
 * back end loads, so it imports no zod and no HTTP.
 */
export interface Offer<Known> {
  own(known: Known): readonly Capability[];
  /** Absent: nothing under the organisation's credential (a cell of a back end without an organisation account). */
  organisation?(known: Known): readonly Capability[];
}

/**
 * A cell's offer as its `index.ts` writes it: both credentials side by side where its back end has an organisation
 * account (nothing is left to a default there), the person's own alone where it has none.
 */
export type CellOffer<G extends Grid> = [G['person']] extends [NoOrganisationAccount]
  ? { own(known: G['known']): readonly Capability[]; organisation?: never }
  : Required<Offer<G['known']>>;

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

/** What the cell sends, one method an endpoint, over the back end's client: left out where it sends nothing of its own. */
type Sending<G extends Grid, Endpoints extends object> = [keyof Endpoints] extends [never]
  ? { endpoints?: never }
  : { endpoints(client: G['client']): Endpoints };

/**
 * The same endpoints under an organisation credential: each narrowed to `person`, or refused by name
 * (`refusedUnderOrganisation`). Typed as the endpoints themselves, so an endpoint added to a cell of a back end with an
 * organisation account does not compile until it is narrowed or refused here. Left out where there is nothing to
 * narrow: a cell that sends nothing of its own, or one of a back end without an organisation account.
 */
type Narrowing<G extends Grid, Endpoints extends object> = [keyof Endpoints] extends [never]
  ? { underOrganisation?: never }
  : [G['person']] extends [NoOrganisationAccount]
    ? { underOrganisation?: never }
    : { underOrganisation(endpoints: Endpoints, person: G['person']): Endpoints };

/** A cell's code, as it is handed to the composition (`cellCode`): the endpoints' type is the cell's own. */
export type CellCode<G extends Grid, Endpoints extends object = NoEndpoints> = Sending<G, Endpoints> &
  Narrowing<G, Endpoints> & {
    /** The parts it puts on the tracker, over the shared context, its endpoints (narrowed where they are) and the parts made before it. */
    parts(context: G['context'], endpoints: Endpoints, built: BuiltParts<G>): Partial<G['parts']>;
  };

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
  readonly offer: CellOffer<G>;
  code(): Promise<LoadedCell<G>>;
}

/** A cell's code as the composition takes it (its `code.ts`, or its part's file where it narrows nothing, exports `cellCode({ … })`). */
export function cellCode<G extends Grid, Endpoints extends object = NoEndpoints>(code: CellCode<G, Endpoints>): LoadedCell<G> {
  // The type has told each cell which of these it must give; read here as the frame sees any cell.
  const { endpoints, underOrganisation } = code as {
    endpoints?: (client: G['client']) => Endpoints;
    underOrganisation?: (endpoints: Endpoints, person: G['person']) => Endpoints;
  };
  const endpointsOver = (client: G['client'], person: G['person'] | undefined): Endpoints => {
    const sent = endpoints === undefined ? ({} as Endpoints) : endpoints(client);
    if (person === undefined) return sent;
    if (underOrganisation !== undefined) return underOrganisation(sent, person);
    if (Object.keys(sent).length === 0) return sent;
    // Only a back end without an organisation account leaves it out, and no tracker of it is made for a person: were
    // one made, this throws rather than send anything un-narrowed.
    throw new Error('This cell has no narrowing under an organisation credential: its back end has no organisation account that acts for people.');
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

/** An offer of nothing: under the organisation's credential, a cell that is the person's own credential's alone. */
export const NONE: readonly Capability[] = [];
