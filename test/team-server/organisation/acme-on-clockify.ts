// Acme on the fake Clockify under one organisation credential, as the tests of Clockify's leave and week's close
// through the built team server start it (clockify-leave-organisation, outside-check-76): the workspace with its
// people and Mia's team, and a team server acting for them through Bob's key (an admin of Acme).
import type { IdentityProvider } from '../../support/identity-provider.ts';
import { BOB_KEY, type FakeClockify, seedTeam, seedWorkspace, startFakeClockify } from '../../mcp-server/providers/clockify/fake-clockify.ts';
import { type OrganisationServer, organisationServer } from './organisation-support.ts';

/** A fake Clockify with Acme, its people, and the team Mia manages (Ada and Cleo; Wes is in nobody's). */
export async function acmeWithTeam(): Promise<FakeClockify> {
  const fake = await startFakeClockify();
  seedWorkspace(fake);
  seedTeam(fake);
  return fake;
}

/** The built team server on `port` acting for Acme's people through Bob's key, its company sign-in at `idp`, with the company's `settings`. */
export function acmeServer(idp: IdentityProvider, port: number, fake: FakeClockify, settings: Record<string, unknown>): Promise<OrganisationServer> {
  return organisationServer(idp, port, { type: 'clockify', url: fake.url, workspace: 'Acme' }, BOB_KEY, { built: true, settings });
}
