// A part a cell makes (providers/grid/cell.ts): it works over the back end's shared context (the options, what is
// known of the account, the person), over its own cell's endpoints (narrowed to the person under an organisation
// credential, which the part need not know), and over the parts of other cells it builds on, by the interfaces the
// back end's root gives them (the timer on the catalog for names, leave on the plan).
export abstract class CellPart<Context, Endpoints, Parts extends object = object> {
  protected readonly context: Context;
  protected readonly endpoints: Endpoints;
  protected readonly parts: Parts;

  constructor(context: Context, endpoints: Endpoints, parts: Parts) {
    this.context = context;
    this.endpoints = endpoints;
    this.parts = parts;
  }
}
