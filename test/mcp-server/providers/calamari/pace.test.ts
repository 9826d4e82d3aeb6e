// Calamari's limit per second is the organisation's: every client of one process for the same
// organisation (the team server's people, each with a client of their own) keeps to one pace, so
// that a burst of two people's calls together reaches the fake Calamari, which refuses the eleventh
// request of any second as Calamari's usage guidelines allow, without one refusal.
import { afterEach, describe, expect, it } from 'vitest';
import { type CalamariClient, createCalamariClient } from '../../../../mcp-server/providers/calamari/api.ts';
import { DEFAULT_KEY, type FakeCalamari, seedOrganisation, startFakeCalamari } from './fake-calamari.ts';

let fake: FakeCalamari | undefined;
const clients: CalamariClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await fake?.close();
});

function clientOf(url: string, email: string): CalamariClient {
  const client = createCalamariClient({
    connection: { baseUrl: url, secret: async () => DEFAULT_KEY, log: () => {} },
    email,
    onModuleRefused: () => {},
    confirmPerson: async () => {},
    zone: () => 'UTC',
  });
  clients.push(client);
  return client;
}

describe("Calamari's pace", () => {
  it("is one for every client of the organisation in this process: two people's bursts together meet no 429", async () => {
    fake = await startFakeCalamari();
    seedOrganisation(fake);
    const ada = clientOf(fake.url, 'ada@acme.example');
    const bob = clientOf(fake.url, 'bob@acme.example');
    // Eight requests each at once: sixteen, which two paces of ten would send within a second.
    const asked = await Promise.allSettled([
      ...Array.from({ length: 8 }, () => ada.api.shiftStatus()),
      ...Array.from({ length: 8 }, () => bob.api.shiftStatus()),
    ]);
    expect(asked.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(fake.requests.filter((request) => request.status === 429)).toEqual([]);
    expect(fake.requests).toHaveLength(16);
  });
});
