// Calamari's key named by sign_in.organisation (issue 66), through the BUILT team server: the key comes from the
// variable the config names instead of PUNCHCARD_CALAMARI_TOKEN, acts for the employee the company's provider
// vouches for as before (nobody is pinned: Calamari names the person by their verified e-mail on every request),
// and a key named twice, in both variables, is refused at start in one sentence, without the key. An address that is
// not plain ASCII is refused at sign-in (non_ascii: a page in words that passes axe-core, nothing saved, counted), and
// a person kept with one from before is refused at their next call: the fake Calamari resolves an address as a
// comparison through Unicode's case mappings would, taking Kim's address written with U+212A KELVIN SIGN for Kim's,
// and receives nothing that names it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalOf, textOf } from '../../support/engine.ts';
import { axeViolations } from '../../support/axe.ts';
import { companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import { runTeamCli } from '../../support/run-cli.ts';
import { connectAs, freePort, TEST_SERVER_KEY, type TeamServerHandle } from '../../support/team-server.ts';
import { launchChromium } from '../../renderer/harness.ts';
import { DEFAULT_KEY, type FakeCalamari, makeEmployee, SEED, seedOrganisation, startFakeCalamari } from '../../mcp-server/providers/calamari/fake-calamari.ts';
import {
  companyCallback,
  expectNowhereOnDisk,
  ORGANISATION_VARIABLE,
  organisationServer,
  refusals,
  storedCounts,
  storedPins,
  wordsOf,
} from './organisation-support.ts';

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

describe('an address that is not plain ASCII, on Calamari (built server)', () => {
  /** Kim's address with U+212A KELVIN SIGN for its K, which Unicode lower-cases to Kim's "k". */
  const KELVIN = '\u212Aim@acme.example';
  const KIM_ID = 5;
  let fake: FakeCalamari;
  let idp: IdentityProvider;
  let server: TeamServerHandle;
  let metricsUrl: string;
  /** The requests that change something in Calamari (clock events, past shifts, leave requests): each names a person. */
  const writes = () =>
    fake.requests.filter((request) =>
      /\/(clockin\/terminal\/v1\/[a-z-]+|clockin\/timesheetentries\/v1\/create|leave\/request\/v1\/create)$/.test(request.path),
    );
  const naming = (address: string) => fake.requests.filter((request) => request.persons.includes(address));

  beforeAll(async () => {
    // A key that may not read the employee list: only its answers about shifts say whom Calamari takes an address for.
    fake = await startFakeCalamari({ keyGroups: ['clockin', 'leave', 'holidays'] });
    seedOrganisation(fake);
    fake.state.employees.push(makeEmployee(KIM_ID, 'Kim', 'Plain', [SEED.teams.engineering]));
    const port = await freePort();
    idp = await startIdentityProvider({
      accounts: [
        { id: 'ada', name: 'Ada Lovelace', email: 'ada@acme.example', emailVerified: true },
        { id: 'kelvin', name: 'Kelvin Sign', email: KELVIN, emailVerified: true },
      ],
      redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`],
    });
    ({ server, metricsUrl } = await organisationServer(idp, port, { type: 'calamari', url: `${fake.url}/api` }, DEFAULT_KEY, { built: true }));
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.close();
    await fake?.close();
  });

  it('is refused at sign-in on a page in words that passes axe-core, saving nothing, counted as non_ascii, and Calamari hears nothing of it', async () => {
    const counted = await refusals(metricsUrl, 'non_ascii');
    const stored = storedCounts(server);
    const { browser, page } = await companyCallback(server, idp, 'kelvin');
    expect(page.status).toBe(403);
    expect(wordsOf(page)).toContain(
      `Your company account's address ${KELVIN} has a character that is not plain ASCII (U+212A). This server acts for people through one Calamari account of the organisation, and Calamari may take such a character for a plain letter and the address for a colleague's, so it takes only addresses of plain ASCII letters, digits and signs. Ask your administrator to give your company account such an address, then sign in again. Nothing was saved.`,
    );
    expect(storedCounts(server)).toEqual(stored);
    expect(wordsOf(await browser.open('/account'))).toContain('Sign in with your company account');
    expect(await refusals(metricsUrl, 'non_ascii')).toBe(counted + 1);
    expect(await (await fetch(metricsUrl)).text()).not.toContain('acme.example');
    expect(naming(KELVIN)).toEqual([]);
    const chromium = await launchChromium();
    try {
      const checker = await chromium.newPage();
      await checker.setContent(page.html);
      expect(await axeViolations(checker)).toEqual([]);
    } finally {
      await chromium.close();
    }
  });

  it('sends an AI client signing in with it nowhere, and nothing is written on Kim, whom Calamari would take it for', async () => {
    const attempt = await connectAs(server, { era: 'modern', signIn: companySignIn(idp, 'kelvin') }).then(
      async (kelvin) => {
        try {
          return `signed in; clock_in: ${textOf(await kelvin.call('clock_in', { project: 'General' }))}`;
        } finally {
          await kelvin.close();
        }
      },
      (error: Error) => error.message,
    );
    expect(attempt).toMatch(/^Expected the consent page, got 403:/);
    expect(writes()).toEqual([]);
    expect(naming(KELVIN)).toEqual([]);
    expect(fake.state.shifts.filter((shift) => shift.employeeId === KIM_ID)).toEqual([]);
  });

  it('refuses a person kept with such an address from before at their next call, in words, sending nothing', async () => {
    const ada = await connectAs(server, { era: 'modern', signIn: companySignIn(idp, 'ada') });
    try {
      expect((await ada.call('whoami')).isError).toBeFalsy();
      // Her record as a sign-in before the rule would have kept it: the look-alike address the provider vouched for.
      const identity = storedPins(server).find((person) => person.identity.endsWith(':ada'))?.identity;
      const db = new DatabaseSync(join(server.dataDir, 'server.db'));
      try {
        db.exec('PRAGMA busy_timeout = 5000');
        db.prepare('UPDATE people SET email = ? WHERE identity = ?').run(KELVIN, identity ?? '');
      } finally {
        db.close();
      }
      const before = fake.requests.length;
      const whoami = await ada.call('whoami');
      expect(textOf(whoami)).toContain(
        `Your address ${KELVIN} has a character that is not plain ASCII (U+212A). This server acts for people through your company's Calamari account, and Calamari may take such a character for a plain letter and the address for a colleague's, so it acts only for plain addresses.`,
      );
      const clockIn = await ada.call('clock_in', { project: 'General' }).catch((error: Error) => error);
      // Not offered (only whoami is), or refused in the same words: never sent.
      if (clockIn instanceof Error) expect(clockIn.message).toMatch(/clock_in/);
      else expect(refusalOf(clockIn)?.code).toBe('server_person_address_not_plain');
      expect(fake.requests.slice(before)).toEqual([]);
    } finally {
      await ada.close();
    }
    expect(naming(KELVIN)).toEqual([]);
    expect(fake.state.shifts.filter((shift) => shift.employeeId === KIM_ID)).toEqual([]);
  });
});
