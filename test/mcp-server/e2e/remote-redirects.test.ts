// What no request is sent with, through the engine in the test's process, on every remote back end (their loopback
// fakes; Tempo Timesheets' redirect on Tempo's own host):
// a redirect, which Punchcard never follows (every 3xx alike, said as the back end refusing to answer here, with where
// it pointed), and a header value no request can carry, refused before anything is sent and said as what it is: an
// account id Harvest's list of accounts answered with a line break in it, an e-mail address in the settings beyond
// Latin-1, a key with a line break. Never Node's words ("Invalid character in header content") nor "does not know
// what that means".
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type InProcessEngineHandle, makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { type RecordedRequest, untilQuiet } from '../../support/fake-server.ts';
import { DEFAULT_KEY as CALAMARI_KEY, seedOrganisation, startFakeCalamari } from '../providers/calamari/fake-calamari.ts';
import { SEED as CLOCKIFY_SEED, seedWorkspace, startFakeClockify } from '../providers/clockify/fake-clockify.ts';
import { DEFAULT_USERS as CLOCKODO_USERS, seedCompany, startFakeClockodo } from '../providers/clockodo/fake-clockodo.ts';
import { ACME as HARVEST_ACME, ADA_TOKEN as HARVEST_TOKEN, startFakeHarvest } from '../providers/harvest/fake-harvest.ts';
import { seedAcme as seedHarvest } from '../providers/harvest/request-scenario.ts';
import { DEFAULT_USERS as KIMAI_USERS, rememberPlugin, seedCatalog as seedKimai, startFakeKimai } from '../providers/kimai/fake-kimai.ts';
import { startFakeTempo } from '../providers/tempo/fake-tempo.ts';
import { ADA_TOKENS as TEMPO_TOKENS, seedAcme as seedTempo, tempoProvider } from '../providers/tempo/request-scenario.ts';
import { ADA_TOKEN as TOGGL_TOKEN, seedCatalog as seedToggl, seedWorld as seedTogglWorld, startFakeToggl } from '../providers/toggl/fake-toggl.ts';

const opened = closeAfterEach();

interface Fake {
  url: string;
  requests: readonly RecordedRequest[];
  failNext(match: { path: string | RegExp }, failure: { status: number; body?: unknown; raw?: string; headers?: Record<string, string>; times?: number }): void;
}

interface Started {
  engine: InProcessEngineHandle;
  fake: Fake;
  service: string;
}

async function engineOn(fake: Fake, settings: Record<string, unknown>, env: Record<string, string>, dir?: string): Promise<InProcessEngineHandle> {
  return opened(await startInProcessEngine({ userDataDir: dir ?? makeUserDataDir(settings), env, args: ['--all-tools'] }));
}

/** Another server, where a redirect points: what it is asked, were the redirect followed. */
async function elsewhere(): Promise<{ host: string; asked: string[]; close(): Promise<void> }> {
  const asked: string[] = [];
  const server = http.createServer((request, response) => {
    asked.push(request.url ?? '/');
    response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    asked,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Each back end, started on its fake, with a call of the person's answered before anything is scripted. */
const BACK_ENDS: Array<[string, number, () => Promise<Started>]> = [
  [
    'Kimai',
    301,
    async () => {
      const fake = opened(await startFakeKimai());
      seedKimai(fake);
      const dir = makeUserDataDir({ provider: { type: 'kimai', url: fake.url } });
      rememberPlugin(dir, fake.url, true);
      return { fake, service: 'Kimai', engine: await engineOn(fake, {}, { PUNCHCARD_KIMAI_TOKEN: KIMAI_USERS[0]?.token as string }, dir) };
    },
  ],
  [
    'Clockodo',
    302,
    async () => {
      const ada = CLOCKODO_USERS[0] as (typeof CLOCKODO_USERS)[number];
      const fake = opened(await startFakeClockodo());
      seedCompany(fake);
      return {
        fake,
        service: 'Clockodo',
        engine: await engineOn(fake, { provider: { type: 'clockodo', email: ada.email, url: fake.url } }, { PUNCHCARD_CLOCKODO_TOKEN: ada.apiKey }),
      };
    },
  ],
  [
    'Calamari',
    303,
    async () => {
      const fake = opened(await startFakeCalamari());
      seedOrganisation(fake);
      return {
        fake,
        service: 'Calamari',
        engine: await engineOn(fake, { provider: { type: 'calamari', url: fake.url, email: 'ada@acme.example' } }, { PUNCHCARD_CALAMARI_TOKEN: CALAMARI_KEY }),
      };
    },
  ],
  [
    'Clockify',
    308,
    async () => {
      const fake = opened(await startFakeClockify());
      seedWorkspace(fake);
      const key = fake.state.users.find((user) => user.id === CLOCKIFY_SEED.users.ada)?.key as string;
      return { fake, service: 'Clockify', engine: await engineOn(fake, { provider: { type: 'clockify', url: fake.url } }, { PUNCHCARD_CLOCKIFY_TOKEN: key }) };
    },
  ],
  [
    'Harvest',
    300,
    async () => {
      const fake = opened(await startFakeHarvest());
      seedHarvest(fake, 'durations');
      return {
        fake,
        service: 'Harvest',
        engine: await engineOn(
          fake,
          { provider: { type: 'harvest', url: fake.url, account_id: String(HARVEST_ACME) } },
          { PUNCHCARD_HARVEST_TOKEN: HARVEST_TOKEN },
        ),
      };
    },
  ],
  [
    'Toggl Track',
    307,
    async () => {
      const fake = opened(await startFakeToggl());
      seedTogglWorld(fake);
      seedToggl(fake, { customer: 'Acme', projects: [{ name: 'Website' }], task: 'Development' });
      return {
        fake,
        service: 'Toggl Track',
        engine: await engineOn(fake, { provider: { type: 'toggl', url: fake.url } }, { PUNCHCARD_TOGGL_TOKEN: TOGGL_TOKEN }),
      };
    },
  ],
  [
    'Tempo Timesheets',
    302,
    async () => {
      const fake = opened(await startFakeTempo({ perSecond: null }));
      seedTempo(fake);
      // Tempo's own host, which a warm timer_status asks (the Jira site's answers are Jira's).
      const tempo: Fake = {
        url: fake.tempoUrl,
        requests: fake.requests,
        failNext: (match, failure) => fake.failNext('tempo', match, failure),
      };
      return {
        fake: tempo,
        service: 'Tempo',
        engine: await engineOn(tempo, { provider: tempoProvider(fake) }, { ...TEMPO_TOKENS, PUNCHCARD_TEMPO_PER_SECOND: '1000' }),
      };
    },
  ],
];

describe.each(BACK_ENDS)('%s answering %i', (_name, status, start) => {
  it('is refused as the back end refusing to answer here, with where it pointed, and never followed', async () => {
    const { engine, fake, service } = await start();
    expect((await engine.call('whoami')).isError).toBeFalsy();
    await untilQuiet(fake.requests);
    const other = opened(await elsewhere());
    const before = fake.requests.length;
    fake.failNext({ path: /./ }, { status, raw: '', headers: { Location: `http://${other.host}/moved` } });
    const answer = await engine.call('timer_status');
    const host = new URL(fake.url).host;
    const quoted = (text: string) => text.replace(/[.()]/g, '\\$&');
    expect(refusalOf(answer)).toMatchObject({ code: 'remote_redirect_refused', facts: { service, host, status, elsewhere: other.host } });
    expect(textOf(answer)).toMatch(
      new RegExp(
        `^${service} at ${quoted(host)} refused to answer here trying to .+ ${quoted(`(${status}, a redirect to ${other.host})`)}\\. Punchcard follows no redirect, so nothing was sent elsewhere; `,
      ),
    );
    // The redirect answered one request, which went nowhere else, nor again (the call's others were answered as ever).
    expect(fake.requests.slice(before).filter((request) => request.status === status)).toHaveLength(1);
    expect(other.asked).toEqual([]);
    // And the next call is served as ever.
    expect((await engine.call('timer_status')).isError).toBeFalsy();
  });
});

describe('a header value no request can carry', () => {
  it("Harvest's list of accounts answering an id with a line break: said as that account id, and no request carries it", async () => {
    const fake = opened(await startFakeHarvest());
    seedHarvest(fake, 'durations');
    fake.failNext(
      { path: '/api/v2/accounts' },
      {
        status: 200,
        body: {
          user: { id: 1_001, first_name: 'Ada', last_name: 'Lovelace' },
          accounts: [{ id: `${HARVEST_ACME}\r\nX-Injected: yes`, name: 'Acme', product: 'harvest' }],
        },
        times: 100,
      },
    );
    // No account in the settings: the only one the token reaches is asked of Harvest ID.
    const engine = await engineOn(fake, { provider: { type: 'harvest', url: fake.url } }, { PUNCHCARD_HARVEST_TOKEN: HARVEST_TOKEN });
    const answer = await engine.call('timer_status');
    expect(refusalOf(answer)).toMatchObject({
      code: 'remote_answer_unsendable',
      facts: { service: 'Harvest', value: 'account_id', problem: 'line_break', setting: 'provider.account_id' },
    });
    expect(textOf(answer)).toMatch(/^Harvest answered an account id with a line break in it, which no request can carry back, so Punchcard sent nothing to /);
    await untilQuiet(fake.requests);
    expect(fake.requests.filter((request) => request.path.startsWith('/v2/'))).toEqual([]);
    expect(engine.stderr()).not.toMatch(/Invalid character/);
  });

  it('a Clockodo e-mail address beyond Latin-1 in the settings: said as the setting, and nothing sent', async () => {
    const ada = CLOCKODO_USERS[0] as (typeof CLOCKODO_USERS)[number];
    const fake = opened(await startFakeClockodo());
    seedCompany(fake);
    const engine = await engineOn(fake, { provider: { type: 'clockodo', email: '李@example.cn', url: fake.url } }, { PUNCHCARD_CLOCKODO_TOKEN: ada.apiKey });
    const answer = await engine.call('timer_status');
    expect(refusalOf(answer)).toMatchObject({
      code: 'remote_setting_unsendable',
      facts: { service: 'Clockodo', name: 'e-mail address', kept: 'settings', problem: 'beyond_latin1' },
    });
    await untilQuiet(fake.requests);
    expect(fake.requests).toEqual([]);
  });

  it('a Clockify key with a line break in it: said as the key, never shown, and nothing sent', async () => {
    const fake = opened(await startFakeClockify());
    seedWorkspace(fake);
    const engine = await engineOn(fake, { provider: { type: 'clockify', url: fake.url } }, { PUNCHCARD_CLOCKIFY_TOKEN: 'first-half\nsecond-half' });
    const answer = await engine.call('timer_status');
    expect(refusalOf(answer)).toMatchObject({
      code: 'remote_setting_unsendable',
      facts: { service: 'Clockify', name: 'API key', kept: 'secret', problem: 'line_break' },
    });
    expect(textOf(answer)).not.toMatch(/half/);
    await untilQuiet(fake.requests);
    expect(fake.requests).toEqual([]);
  });
});
