// An organisation on Calamari served by two team-server instances on one PostgreSQL (its own, started
// for the test), behind the round-robin balancer: people sign in with the company's identity provider
// (a real one, test/support/identity-provider.ts), and the servers act for them with the
// organisation's key against the fake Calamari. What the tests of Calamari's organisation-wide rules
// across instances start from.
import { type IdentityProvider, startIdentityProvider } from './identity-provider.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';
import { startTeamCluster, type TeamCluster } from './team-cluster.ts';
import { freePort } from './team-server.ts';
import {
  DEFAULT_KEY,
  type FakeCalamari,
  type FakeCalamariOptions,
  seedOrganisation,
  startFakeCalamari,
} from '../mcp-server/providers/calamari/fake-calamari.ts';

export interface CalamariCluster {
  postgres: TestPostgres;
  fake: FakeCalamari;
  idp: IdentityProvider;
  cluster: TeamCluster;
  /** Stops the instances, the identity provider, the fake and the database. */
  close(): Promise<void>;
}

/** `accounts`: the people the identity provider knows; `calamari`: the fake's options (its limits). */
export async function startCalamariCluster(options: {
  accounts: { id: string; name: string; email: string; emailVerified: boolean }[];
  calamari?: FakeCalamariOptions;
}): Promise<CalamariCluster> {
  const postgres = await startPostgres();
  const fake = await startFakeCalamari(options.calamari);
  seedOrganisation(fake);
  const port = await freePort();
  const idp = await startIdentityProvider({ accounts: options.accounts, redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`] });
  const cluster = await startTeamCluster({
    postgres,
    instances: 2,
    port,
    setup: {
      provider: { type: 'calamari', url: `${fake.url}/api` },
      signIn: { oidc: { issuer: idp.issuer, client_id: idp.clientId, client_secret_env: 'PUNCHCARD_OIDC_SECRET' } },
      env: { PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY, PUNCHCARD_OIDC_SECRET: idp.clientSecret, NODE_EXTRA_CA_CERTS: idp.caFile as string },
    },
  });
  return {
    postgres,
    fake,
    idp,
    cluster,
    async close() {
      await cluster.close();
      await idp.close();
      await fake.close();
      postgres.remove();
    },
  };
}
