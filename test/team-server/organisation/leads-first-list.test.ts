// A team lead's first tools/list under one organisation credential, through the BUILT team server, the OpenID provider
// stand-in and each fake (issue 74): whom the person leads decides the team tools (team_report, project_status), and it
// is learned while their back end opens, before the first list is answered, so a client that lists its tools once
// (and never hears list_changed) has them; a person who leads nobody has none. What the opening sends each back end
// is counted from the fake's log, between the end of the sign-in and the first list's answer.
import { afterAll, describe, expect, it } from 'vitest';
import { companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import type { RecordedRequest } from '../../support/fake-server.ts';
import { connectAs, freePort, type SignIn, type TeamServerHandle } from '../../support/team-server.ts';
import { DEFAULT_USERS as KIMAI_USERS, type FakeUser as KimaiUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { BOB_KEY, SEED, seedTeam, seedWorkspace, startFakeClockify, TEAM } from '../../mcp-server/providers/clockify/fake-clockify.ts';
import { DEFAULT_USERS as CLOCKODO_USERS, type FakeUser as ClockodoUser, startFakeClockodo } from '../../mcp-server/providers/clockodo/fake-clockodo.ts';
import { organisationServer } from './organisation-support.ts';

/** The team group switched on for everyone, as an administrator does in server.json. */
const TEAM_ON = { tools: { groups: { team: true } } };
const TEAM_TOOLS = ['project_status', 'team_report'];

const closers: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

interface Tracker {
  url: string;
  requests: RecordedRequest[];
}

/** A built server on `provider` acting through `key`, with `lead` and `plain` able to sign in at the provider. */
async function serverFor(
  fake: Tracker,
  provider: Record<string, unknown>,
  key: string,
  people: { lead: string; plain: string },
  organisation: Record<string, unknown> = {},
): Promise<{ server: TeamServerHandle; idp: IdentityProvider }> {
  const port = await freePort();
  const idp = await startIdentityProvider({
    accounts: [
      { id: 'lead', name: 'Lead', email: people.lead, emailVerified: true },
      { id: 'plain', name: 'Plain', email: people.plain, emailVerified: true },
    ],
    redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`],
  });
  closers.push(() => idp.close());
  const { server } = await organisationServer(idp, port, { ...provider, url: fake.url }, key, { built: true, organisation, settings: TEAM_ON });
  closers.push(() => server.stop());
  return { server, idp };
}

/**
 * The team tools of `account`'s first tools/list, listed once right after connecting, and the requests its back end
 * was sent from the end of the sign-in (the pin confirmed) until that list was answered: the opening's.
 */
async function firstList(fake: Tracker, server: TeamServerHandle, idp: IdentityProvider, account: string): Promise<{ team: string[]; opening: string[] }> {
  let signedIn = Number.POSITIVE_INFINITY;
  const signIn: SignIn = async (browser, page) => {
    const after = await companySignIn(idp, account)(browser, page);
    signedIn = fake.requests.length;
    return after;
  };
  const client = await connectAs(server, { era: 'modern', signIn });
  try {
    const listed = (await client.client.listTools()).tools.map((tool) => tool.name);
    const opening = fake.requests.slice(signedIn).map((request) => `${request.method} ${request.path}`);
    return { team: listed.filter((name) => TEAM_TOOLS.includes(name)).sort(), opening };
  } finally {
    await client.close();
  }
}

describe("a lead's first tools/list under one organisation credential (built server)", () => {
  it('on Kimai, has the team tools for a team lead who leads a team, none for a plain user', async () => {
    const users = KIMAI_USERS.map((user) => ({ ...user, email: `${user.username}@example.com` })) as KimaiUser[];
    const fake = await startFakeKimai({ users });
    closers.push(() => fake.close());
    seedCatalog(fake);
    const [ada, tom, root] = users as [KimaiUser, KimaiUser, KimaiUser];
    fake.addTeam('Research', [{ userId: tom.id, teamlead: true }, { userId: ada.id }]);
    const { server, idp } = await serverFor(fake, { type: 'kimai' }, root.token, { lead: 'tom@example.com', plain: 'ada@example.com' });
    const lead = await firstList(fake, server, idp, 'lead');
    expect(lead.team).toEqual(TEAM_TOOLS);
    // Two requests, which the person's first call needs anyway: the people's list (the person, their role and the
    // teams they lead; Kimai does not page it) and the key's own account (its zone); and the absence plugin's type
    // list, which names nobody (issue 76: their leave is offered where it answers; this Kimai has none, a 404).
    const opening = ['GET /api/users', 'GET /api/users/me', 'GET /api/absences/types'];
    expect(lead.opening).toEqual(opening);
    expect(await firstList(fake, server, idp, 'plain')).toEqual({ team: [], opening });
  });

  it('on Clockify, has the team tools for a team manager, none for a plain member', async () => {
    const fake = await startFakeClockify();
    closers.push(() => fake.close());
    seedWorkspace(fake);
    seedTeam(fake);
    const { server, idp } = await serverFor(fake, { type: 'clockify', workspace: 'Acme' }, BOB_KEY, { lead: 'mia@acme.example', plain: 'wes@acme.example' });
    const workspace = `/api/v1/workspaces/${SEED.workspaces.acme}`;
    // The workspace and the person (their profile, their record found by their e-mail), whether time off answers for
    // them (their balances, as their own key's opening asks: it decides the leave tools), then their role: one question
    // for any role above member, then which (admin or owner; else team manager): five to seven requests.
    const person = (id: string) => [
      'GET /api/v1/workspaces',
      `GET ${workspace}/member-profile/${id}`,
      `GET ${workspace}/users`,
      `GET ${workspace}/time-off/balance/user/${id}`,
    ];
    const roles = `POST ${workspace}/users/info`;
    expect(await firstList(fake, server, idp, 'lead')).toEqual({ team: TEAM_TOOLS, opening: [...person(TEAM.users.mia), roles, roles, roles] });
    expect(await firstList(fake, server, idp, 'plain')).toEqual({ team: [], opening: [...person(TEAM.users.wes), roles] });
  });

  it("on Clockodo, has the team tools for a team's leader, none for one who leads nobody", async () => {
    const [ada, bob, mia, olga] = CLOCKODO_USERS as [ClockodoUser, ClockodoUser, ClockodoUser, ClockodoUser];
    const lea: ClockodoUser = { ...ada, id: 10, name: 'Lea Lead', email: 'lea@example.com', apiKey: 'key-lea-0123456789abcdef', teamsId: 1 };
    const fake = await startFakeClockodo({ users: [ada, bob, mia, olga, lea] });
    closers.push(() => fake.close());
    (fake.state.teams.find((team) => team.id === 1) as { leader: number | null }).leader = lea.id;
    const { server, idp } = await serverFor(fake, { type: 'clockodo' }, olga.apiKey, { lead: lea.email, plain: ada.email }, { user: olga.email });
    // The person, the company's modules (the owner's aggregate), then whom they lead: the teams and the users, a page
    // of a thousand each. Whom they lead is remembered for a day in the store, so a later opening that day skips it.
    const opening = (id: number) => [`GET /api/v3/users/${id}`, 'GET /api/v2/aggregates/users/me', 'GET /api/v3/teams', 'GET /api/v3/users'];
    expect(await firstList(fake, server, idp, 'lead')).toEqual({ team: TEAM_TOOLS, opening: opening(lea.id) });
    expect(await firstList(fake, server, idp, 'plain')).toEqual({ team: [], opening: opening(ada.id) });
  });
});
