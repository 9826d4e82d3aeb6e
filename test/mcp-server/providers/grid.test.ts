// The frame a remote back end's cells are made in (mcp-server/providers/grid/): a cell says what it sends, how that is
// narrowed under an organisation credential and what it offers under each credential, and says nothing where it has
// nothing to say (docs/internals/back-ends.md, "A capability is a folder"). What it must say the compiler holds it to:
// the lines marked @ts-expect-error fail the type check (npm run typecheck) if a rule is lost.
import { describe, expect, it } from 'vitest';
import { type Cell, cellCode, type Grid, type NoOrganisationAccount } from '../../../mcp-server/providers/grid/cell.ts';
import { offeredBy } from '../../../mcp-server/providers/grid/compose.ts';
import type { RemoteParts } from '../../../mcp-server/providers/grid/parts.ts';

/** A client that writes down what is sent. */
interface Client {
  readonly sent: string[];
}

/** A person the organisation's credential acts for. */
interface Person {
  readonly id: number;
}

/** A back end with an organisation account that acts for people (as Kimai's, Clockify's, Clockodo's). */
interface WithAccount extends Grid {
  readonly client: Client;
  readonly person: Person;
  readonly context: object;
  readonly known: undefined;
  readonly parts: RemoteParts;
}

/** A back end without one (as Calamari, Toggl Track, Harvest), said once, in its grid. */
interface WithoutAccount extends Grid {
  readonly client: Client;
  readonly person: NoOrganisationAccount;
  readonly context: object;
  readonly known: undefined;
  readonly parts: RemoteParts;
}

const entriesOf = (client: Client) => ({
  entries: async (day: string) => {
    client.sent.push(`entries ${day}`);
    return [];
  },
});
type Entries = ReturnType<typeof entriesOf>;

const noParts = () => ({});

describe('a cell of the grid', () => {
  it('that sends nothing of its own gives no endpoints and no narrowing, and reaches nothing under either credential', () => {
    const client: Client = { sent: [] };
    const code = cellCode<WithAccount>({ parts: noParts });
    expect(code.endpointsOver(client, undefined)).toEqual({});
    expect(code.endpointsOver(client, { id: 7 })).toEqual({});
    expect(cellCode<WithoutAccount>({ parts: noParts }).endpointsOver(client, undefined)).toEqual({});
    expect(client.sent).toEqual([]);
  });

  it('of a back end with an organisation account has each endpoint narrowed to the person the credential acts for', async () => {
    const client: Client = { sent: [] };
    const code = cellCode<WithAccount, Entries>({
      endpoints: entriesOf,
      underOrganisation: (endpoints, person) => ({ entries: (day) => endpoints.entries(`${day} of person ${person.id}`) }),
      parts: noParts,
    });
    await (code.endpointsOver(client, { id: 7 }) as Entries).entries('2025-03-03');
    await (code.endpointsOver(client, undefined) as Entries).entries('2025-03-04');
    expect(client.sent).toEqual(['entries 2025-03-03 of person 7', 'entries 2025-03-04']);
  });

  it('of a back end without one gives its endpoints alone; were it asked to narrow them to a person, it throws before anything is sent', async () => {
    const client: Client = { sent: [] };
    const code = cellCode<WithoutAccount, Entries>({ endpoints: entriesOf, parts: noParts });
    await (code.endpointsOver(client, undefined) as Entries).entries('2025-03-03');
    expect(() => code.endpointsOver(client, { id: 7 } as never)).toThrow(/^This cell has no narrowing under an organisation credential/);
    expect(client.sent).toEqual(['entries 2025-03-03']);
  });

  it("that says nothing for the organisation's credential offers nothing under it", () => {
    const cells: Cell<WithoutAccount>[] = [{ name: 'timesheets', offer: { own: () => ['timer', 'entries'] }, code: async () => cellCode({ parts: noParts }) }];
    expect([...offeredBy(cells, undefined, 'own')]).toEqual(['timer', 'entries']);
    expect([...offeredBy(cells, undefined, 'organisation')]).toEqual([]);
  });

  it('is held by the compiler to what it must say, and to saying nothing where there is nothing to say', () => {
    const codes = [
      // @ts-expect-error An endpoint of a back end with an organisation account is narrowed or refused, or it does not compile.
      cellCode<WithAccount, Entries>({ endpoints: entriesOf, parts: noParts }),
      cellCode<WithAccount, Entries & { more: () => Promise<void> }>({
        endpoints: (client) => ({ ...entriesOf(client), more: async () => {} }),
        // @ts-expect-error A narrowing that leaves an endpoint out does not compile either.
        underOrganisation: (endpoints) => ({ entries: endpoints.entries }),
        parts: noParts,
      }),
      // @ts-expect-error Where the back end has no organisation account there is nothing to narrow, and the cell says nothing of it.
      cellCode<WithoutAccount, Entries>({ endpoints: entriesOf, underOrganisation: (endpoints: Entries) => endpoints, parts: noParts }),
      // @ts-expect-error A cell that sends nothing of its own gives no endpoints.
      cellCode<WithAccount>({ endpoints: () => ({}), parts: noParts }),
    ];
    const offers: unknown[] = [
      // @ts-expect-error A cell of a back end with an organisation account says what it offers under it, if only nothing.
      { own: () => ['timer'] } satisfies Cell<WithAccount>['offer'],
      // @ts-expect-error One of a back end without one says nothing of it.
      { own: () => ['timer'], organisation: () => [] } satisfies Cell<WithoutAccount>['offer'],
    ];
    expect(codes).toHaveLength(4);
    expect(offers).toHaveLength(2);
  });
});
