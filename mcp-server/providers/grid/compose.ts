// A back end put together from its cells (docs/internals/back-ends.md, "A capability is a folder"): what it offers is
// what its cells offer, and its parts are what its cells make, in the order the back end's root lists them (a part a
// later cell builds on is made first).
import type { Capability } from '../../contract/vocabulary.ts';
import type { BuiltParts, Cell, CellWorld, Credential, Grid, LoadedCell, Offer } from './cell.ts';
import { REQUIRED_PARTS, type RemoteParts } from './parts.ts';

/** The capabilities the cells offer under `credential`, from what is known of the account (a cell that says nothing for it, nothing). */
export function offeredBy<Known>(cells: readonly { readonly offer: Offer<Known> }[], known: Known, credential: Credential): ReadonlySet<Capability> {
  const offered = new Set<Capability>();
  for (const { offer } of cells) for (const capability of offer[credential]?.(known) ?? []) offered.add(capability);
  return offered;
}

/** Every cell's code, from the back end's chunk, in the cells' order. */
export function loadCells<G extends Grid>(cells: readonly Cell<G>[]): Promise<readonly { name: string; code: LoadedCell<G> }[]> {
  return Promise.all(cells.map(async (cell) => ({ name: cell.name, code: await cell.code() })));
}

/** The tracker's parts, each cell's made in order over `world`; two cells making one part, or a part every back end has missing, is a mistake said at once. */
export function composeParts<G extends Grid>(cells: readonly { name: string; code: LoadedCell<G> }[], world: CellWorld<G>): RemoteParts {
  const made: Partial<Record<keyof RemoteParts, unknown>> = {};
  const maker = new Map<string, string>();
  const built: BuiltParts<G> = {
    part(name) {
      const part = made[name as keyof RemoteParts];
      if (part === undefined) throw new Error(`No cell listed before this one makes the part ${String(name)}.`);
      return part as never;
    },
  };
  for (const { name, code } of cells) {
    for (const [part, value] of Object.entries(code.make(world, built))) {
      if (value === undefined) continue;
      const before = maker.get(part);
      if (before !== undefined) throw new Error(`The cells ${before} and ${name} both make the part ${part}.`);
      maker.set(part, name);
      made[part as keyof RemoteParts] = value;
    }
  }
  const missing = REQUIRED_PARTS.filter((part) => made[part] === undefined);
  if (missing.length > 0) throw new Error(`No cell makes the part${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
  return made as RemoteParts;
}
