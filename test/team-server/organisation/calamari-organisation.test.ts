// Calamari's key named by sign_in.organisation (issue 66), through the BUILT team server: the key comes from the
// variable the config names instead of PUNCHCARD_CALAMARI_TOKEN, acts for the employee the company's provider
// vouches for as before (nobody is pinned: Calamari names the person by their verified e-mail on every request),
// and a key named twice, in both variables, is refused at start in one sentence, without the key.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../support/engine.ts';
import { companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import { runTeamCli } from '../../support/run-cli.ts';
import { connectAs, freePort, TEST_SERVER_KEY, type TeamServerHandle } from '../../support/team-server.ts';
import { DEFAULT_KEY, type FakeCalamari, seedOrganisation, startFakeCalamari } from '../../mcp-server/providers/calamari/fake-calamari.ts';
import { expectNowhereOnDisk, ORGANISATION_VARIABLE, organisationServer, storedPins } from './organisation-support.ts';

describe("Calamari's key from sign_in.organisation (built server)", () => {
  let fake: FakeCalamari;
  let idp: IdentityProvider;
  let server: TeamServerHandle;

  beforeAll(async () => {
    fake = await startFakeCalamari();
    seedOrganisation(fake);
    const port = await freePort();
    idp = await startIdentityProvider({
      accounts: [{ id: 'ada', name: 'Ada Lovelace', email: 'ada@acme.example', emailVerified: true }],
      redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`],
    });
    ({ server } = await organisationServer(idp, port, { type: 'calamari', url: `${fake.url}/api` }, DEFAULT_KEY, { built: true }));
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.close();
    await fake?.close();
  });

  it('acts for the employee the provider vouches for with the key from the named variable, pinning nobody', async () => {
    const ada = await connectAs(server, { era: 'modern', signIn: companySignIn(idp, 'ada') });
    try {
      const whoami = await ada.call('whoami');
      expect(whoami.isError, textOf(whoami)).toBeFalsy();
      expect(textOf(whoami)).toContain('Ada');
      expect(JSON.stringify(whoami)).not.toContain(DEFAULT_KEY);
    } finally {
      await ada.close();
    }
    expect(storedPins(server).map((person) => person.pin)).toEqual([null]);
    expect(server.stderr()).not.toContain(DEFAULT_KEY);
    expectNowhereOnDisk(server, DEFAULT_KEY);
  });

  it('refuses to start with the key in both variables, saying so without the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-calamari-twice-'));
    try {
      const file = join(dir, 'server.json');
      writeFileSync(
        file,
        JSON.stringify({
          public_url: 'http://127.0.0.1:9',
          listen: '127.0.0.1:0',
          provider: { type: 'calamari', url: `${fake.url}/api` },
          sign_in: { oidc: { issuer: 'http://127.0.0.1:9/idp', client_id: 'punchcard' }, organisation: { key_env: ORGANISATION_VARIABLE } },
          store: `sqlite:${join(dir, 'server.db')}`,
          key_env: 'PUNCHCARD_SERVER_KEY',
        }),
      );
      const run = await runTeamCli(['serve', '--config', file], {
        HOME: dir,
        PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY,
        [ORGANISATION_VARIABLE]: DEFAULT_KEY,
        PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        "Calamari's key is named twice: sign_in.organisation.key_env names PUNCHCARD_ORGANISATION_KEY, and PUNCHCARD_CALAMARI_TOKEN is set too; unset PUNCHCARD_CALAMARI_TOKEN, so the key comes from one place.\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
