// Toggl refuses a token with a 403 and nothing in it (docs/back-ends/toggl.md, "Errors"). The token is then read afresh
// and whose it is asked again, but nothing else is dropped: a request another call has in flight on the same
// connections is answered as Toggl answers it. Before, the client was closed and made anew, which cut such a request
// as a lost connection: a read then looked like Toggl out of reach (a catalog never read refused as
// outbox_catalog_unknown), and a write would have been kept to send again though Toggl had taken it.
import { afterEach, expect, it } from 'vitest';
import { createTogglApiClient } from '../../../../mcp-server/providers/toggl/api.ts';
import type { TogglError } from '../../../../mcp-server/providers/toggl/errors.ts';
import { ADA_TOKEN, type FakeToggl, optionalAnswer, SEED, seedWorld, startFakeToggl } from './fake-toggl.ts';

const WS = SEED.workspaces.acme;
/** How late the workspace is answered: long enough for the refusal to come back first on any machine we run on. */
const LATE_MS = 1_500;

let fake: FakeToggl | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

it('a token refused on one request cuts no other request in flight, and the token is read afresh', async () => {
  fake = await startFakeToggl();
  seedWorld(fake);
  fake.failNext({ method: 'GET', path: `/api/v9/workspaces/${WS}/project_users` }, optionalAnswer('token_refused'));
  fake.failNext({ method: 'GET', path: `/api/v9/workspaces/${WS}` }, { late: true, delayMs: LATE_MS });
  let secretReads = 0;
  let refusals = 0;
  const toggl = createTogglApiClient({
    connection: {
      baseUrl: fake.url,
      secret: async () => {
        secretReads++;
        return ADA_TOKEN;
      },
      log: () => {},
    },
    clock: { now: Date.now, zone: () => 'Europe/Berlin' },
    onTokenRefused: () => refusals++,
  });
  try {
    const workspace = toggl.api.workspace(WS);
    const asked = fake;
    await expect.poll(() => asked.requests.some((request) => request.path === `/api/v9/workspaces/${WS}`)).toBe(true);
    await expect(toggl.api.projectUsers(WS, SEED.users.ada)).rejects.toMatchObject({ failure: 'bad_token' } satisfies Partial<TogglError>);
    expect(refusals).toBe(1);
    // Answered late, on its own connection, as Toggl answered it.
    expect((await workspace).id).toBe(WS);
    expect(secretReads).toBe(1);
    await toggl.api.me();
    expect(secretReads, 'read afresh for the request after the refusal').toBe(2);
  } finally {
    toggl.close();
  }
});
