// A back end's whole API as its cells send it (mcp-server/providers/grid/): every cell's endpoints over one client in
// one object, narrowed to a person where one is given. What a prompt-injected call below the parts would reach, for
// the tests of the narrowing and of what each endpoint's failure says.
import type { Cell, Grid } from '../../../mcp-server/providers/grid/cell.ts';
import { loadCells } from '../../../mcp-server/providers/grid/compose.ts';

export async function allEndpoints<G extends Grid, Api extends object>(cells: readonly Cell<G>[], client: G['client'], person?: G['person']): Promise<Api> {
  const loaded = await loadCells(cells);
  return Object.assign({}, ...loaded.map(({ code }) => code.endpointsOver(client, person))) as Api;
}
