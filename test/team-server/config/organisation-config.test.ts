// sign_in.organisation in server.json (team-server/config/server-config.ts, secret-files.ts): one
// organisation credential of the tracker acts for every person the company's identity provider vouches
// for. It needs oidc, excludes tracker sign-in, is for Kimai, Clockify, Clockodo and Calamari only,
// takes Clockodo's owner login and no other back end's, and is read from its variable or VAR_FILE as
// the other secrets; Calamari's key is then read from one place only. Each refusal is one sentence
// naming the key it is about.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { organisationKeyOf, secretVariables, twoKeySources, unsetSecret, withSecretFiles } from '../../../team-server/config/secret-files.ts';
import { serverConfigFromText } from '../../../team-server/config/server-config-file.ts';
import type { ServerConfig } from '../../../team-server/config/server-config.ts';

const OIDC = { issuer: 'https://login.example.com', client_id: 'punchcard', client_secret_env: 'PUNCHCARD_OIDC_SECRET', allowed_domains: ['example.com'] };
const PROVIDERS: Record<string, Record<string, unknown>> = {
  kimai: { type: 'kimai', url: 'https://kimai.example.com' },
  clockify: { type: 'clockify' },
  clockodo: { type: 'clockodo' },
  calamari: { type: 'calamari', url: 'https://acme.calamari.io' },
  toggl: { type: 'toggl', workspace: 'Acme' },
  tempo: { type: 'tempo', url: 'https://acme.atlassian.net' },
  local: { type: 'local' },
};

function configWith(provider: string, signIn: Record<string, unknown>): Record<string, unknown> {
  return {
    public_url: 'https://punchcard.example.com',
    provider: PROVIDERS[provider],
    sign_in: signIn,
    store: 'sqlite:/var/lib/punchcard/server.db',
    key_env: 'PUNCHCARD_SERVER_KEY',
  };
}

function read(config: Record<string, unknown>) {
  return serverConfigFromText(JSON.stringify(config), 'server.json');
}

function taken(config: Record<string, unknown>): ServerConfig {
  const result = read(config);
  if (!result.ok) throw new Error(result.problem);
  return result.config;
}

function problemOf(config: Record<string, unknown>): string {
  const result = read(config);
  if (result.ok) throw new Error(`Taken: ${JSON.stringify(config)}`);
  return result.problem;
}

const ORGANISATION = { key_env: 'PUNCHCARD_ORGANISATION_KEY' };

describe('sign_in.organisation', () => {
  it('is taken as the issue writes it, on Kimai, Clockify, Calamari and (with its owner login) Clockodo', () => {
    for (const provider of ['kimai', 'clockify', 'calamari']) {
      expect(taken(configWith(provider, { oidc: OIDC, organisation: ORGANISATION })).sign_in.organisation).toEqual(ORGANISATION);
    }
    const clockodo = taken(configWith('clockodo', { oidc: OIDC, organisation: { ...ORGANISATION, user: 'owner@example.com' } }));
    expect(clockodo.sign_in.organisation).toEqual({ key_env: 'PUNCHCARD_ORGANISATION_KEY', user: 'owner@example.com' });
    // Kimai without tracker sign-in is taken once the organisation's credential stands in for people's own.
    expect(taken(configWith('kimai', { oidc: OIDC, organisation: ORGANISATION })).sign_in.tracker).toBe(false);
  });

  it('needs the company sign-in: people are matched by the e-mail it verifies', () => {
    expect(problemOf(configWith('kimai', { development: false, organisation: ORGANISATION }))).toContain(
      '"sign_in.oidc": missing; sign_in.organisation needs the company\'s identity provider (sign_in.oidc): people are matched to their tracker account by the e-mail it verifies',
    );
  });

  it('excludes tracker sign-in', () => {
    expect(problemOf(configWith('clockify', { tracker: true, oidc: OIDC, organisation: ORGANISATION }))).toBe(
      'server.json cannot be used: "sign_in.tracker": found true; sign_in.organisation acts for each person with the organisation\'s credential, so nobody gives their own: leave out "tracker": true, or sign_in.organisation.',
    );
  });

  it('is refused for the local timesheet, which has no organisation account', () => {
    expect(problemOf(configWith('local', { oidc: OIDC, organisation: ORGANISATION }))).toMatch(
      /"sign_in\.organisation": found \{.*\}; the local timesheet has no organisation account to act for people with; sign_in\.organisation is for Kimai, Clockodo, Calamari and Clockify\.$/,
    );
  });

  it('is refused for Toggl Track, which has no way to act for another person: people connect their own token', () => {
    expect(problemOf(configWith('toggl', { oidc: OIDC, organisation: ORGANISATION }))).toMatch(
      /"sign_in\.organisation": found \{.*\}; Toggl Track has no organisation account to act for people with; sign_in\.organisation is for Kimai, Clockodo, Calamari and Clockify\.$/,
    );
    expect(taken(configWith('toggl', { tracker: true })).sign_in.tracker).toBe(true);
  });

  it('is refused for Tempo Timesheets, whose organisation credential is later work: people connect both their tokens', () => {
    expect(problemOf(configWith('tempo', { oidc: OIDC, organisation: ORGANISATION }))).toMatch(
      /"sign_in\.organisation": found \{.*\}; Tempo Timesheets has no organisation account to act for people with; sign_in\.organisation is for Kimai, Clockodo, Calamari and Clockify\.$/,
    );
    expect(taken(configWith('tempo', { tracker: true })).sign_in.tracker).toBe(true);
  });

  it("needs Clockodo's owner login, and refuses a login on the other back ends", () => {
    expect(problemOf(configWith('clockodo', { oidc: OIDC, organisation: ORGANISATION }))).toBe(
      'server.json cannot be used: "sign_in.organisation.user": missing; Clockodo\'s API key goes with its owner\'s login: the e-mail address the owner signs in to Clockodo with, such as owner@example.com.',
    );
    for (const provider of ['kimai', 'clockify', 'calamari']) {
      expect(problemOf(configWith(provider, { oidc: OIDC, organisation: { ...ORGANISATION, user: 'owner@example.com' } }))).toMatch(
        /"sign_in\.organisation\.user": found "owner@example\.com"; \w+'s organisation credential goes with no login \(only Clockodo's does\): leave sign_in\.organisation\.user out\.$/,
      );
    }
    expect(problemOf(configWith('clockodo', { oidc: OIDC, organisation: { ...ORGANISATION, user: 'owner' } }))).toContain(
      '"sign_in.organisation.user": found "owner"; the login (an e-mail address) of the account the key belongs to, such as owner@example.com',
    );
  });

  it('takes the name of a variable, never the key itself, and no other keys', () => {
    const key = 'kimai-organisation-token-0123456789abcdef';
    const problem = problemOf(configWith('kimai', { oidc: OIDC, organisation: { key_env: key } }));
    expect(problem).toContain('"sign_in.organisation.key_env": found a string of');
    expect(problem).not.toContain(key);
    expect(problemOf(configWith('kimai', { oidc: OIDC, organisation: { ...ORGANISATION, token: 'x' } }))).toContain(
      '"sign_in.organisation.token" is not a key this version knows',
    );
  });

  it('Kimai, Clockify and Clockodo with a company sign-in but neither tracker nor organisation: the refusal names both ways', () => {
    expect(problemOf(configWith('kimai', { oidc: OIDC }))).toContain(
      'set "tracker": true (people then give theirs once, after the company sign-in), or name the organisation\'s credential in sign_in.organisation',
    );
  });
});

describe("the organisation's credential as a secret", () => {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-organisation-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const kimai = () => taken(configWith('kimai', { oidc: OIDC, organisation: ORGANISATION }));
  const calamari = () => taken(configWith('calamari', { oidc: OIDC, organisation: ORGANISATION }));

  it('is one of the secrets the server reads, refused unset in a sentence naming the key path', () => {
    expect(secretVariables(kimai()).map(({ variable, from }) => ({ variable, from }))).toEqual([
      { variable: 'PUNCHCARD_SERVER_KEY', from: 'key_env' },
      { variable: 'PUNCHCARD_OIDC_SECRET', from: 'sign_in.oidc.client_secret_env' },
      { variable: 'PUNCHCARD_ORGANISATION_KEY', from: 'sign_in.organisation.key_env' },
    ]);
    expect(unsetSecret(kimai(), {}, 'sign_in.organisation.key_env')).toBe(
      "The environment variable PUNCHCARD_ORGANISATION_KEY (sign_in.organisation.key_env) is not set; it must hold Kimai's organisation credential that acts for each person.",
    );
    expect(unsetSecret(kimai(), { PUNCHCARD_ORGANISATION_KEY: '   ' }, 'sign_in.organisation.key_env')).toMatch(/is not set/);
    expect(unsetSecret(kimai(), { PUNCHCARD_ORGANISATION_KEY: 'k'.repeat(40) }, 'sign_in.organisation.key_env')).toBeUndefined();
  });

  it('is read from VAR_FILE as the other secrets, and held as read', () => {
    const path = join(dir, 'organisation_key');
    writeFileSync(path, 'organisation-key-from-a-file-0123456789\n', { mode: 0o600 });
    const filled = withSecretFiles({ PUNCHCARD_ORGANISATION_KEY_FILE: path }, secretVariables(kimai()));
    if (!('env' in filled)) throw new Error(filled.problem);
    expect(organisationKeyOf(kimai(), filled.env)).toBe('organisation-key-from-a-file-0123456789');
    expect(withSecretFiles({ PUNCHCARD_ORGANISATION_KEY_FILE: path, PUNCHCARD_ORGANISATION_KEY: 'x' }, secretVariables(kimai()))).toEqual({
      problem: 'Both PUNCHCARD_ORGANISATION_KEY and PUNCHCARD_ORGANISATION_KEY_FILE are set (sign_in.organisation.key_env); set one of them.',
    });
  });

  it("takes Calamari's key in place of PUNCHCARD_CALAMARI_TOKEN, and refuses both set", () => {
    expect(secretVariables(calamari()).map(({ variable }) => variable)).toEqual([
      'PUNCHCARD_SERVER_KEY',
      'PUNCHCARD_OIDC_SECRET',
      'PUNCHCARD_ORGANISATION_KEY',
    ]);
    expect(organisationKeyOf(calamari(), { PUNCHCARD_ORGANISATION_KEY: ' calamari-key ', PUNCHCARD_CALAMARI_TOKEN: 'other' })).toBe('calamari-key');
    expect(twoKeySources(calamari(), { PUNCHCARD_ORGANISATION_KEY: 'a' })).toBeUndefined();
    expect(twoKeySources(calamari(), { PUNCHCARD_ORGANISATION_KEY: 'a', PUNCHCARD_CALAMARI_TOKEN: 'b' })).toBe(
      "Calamari's key is named twice: sign_in.organisation.key_env names PUNCHCARD_ORGANISATION_KEY, and PUNCHCARD_CALAMARI_TOKEN is set too; unset PUNCHCARD_CALAMARI_TOKEN, so the key comes from one place.",
    );
    expect(twoKeySources(calamari(), { PUNCHCARD_ORGANISATION_KEY: 'a', PUNCHCARD_CALAMARI_TOKEN_FILE: '/run/secrets/c' })).toMatch(
      /PUNCHCARD_CALAMARI_TOKEN_FILE is set too; unset PUNCHCARD_CALAMARI_TOKEN_FILE,/,
    );
    // Naming Calamari's own variable is one source.
    const same = taken(configWith('calamari', { oidc: OIDC, organisation: { key_env: 'PUNCHCARD_CALAMARI_TOKEN' } }));
    expect(twoKeySources(same, { PUNCHCARD_CALAMARI_TOKEN: 'b' })).toBeUndefined();
    // Without sign_in.organisation, Calamari's key is its own variable's, as before.
    const before = taken(configWith('calamari', { oidc: OIDC }));
    expect(organisationKeyOf(before, { PUNCHCARD_CALAMARI_TOKEN: 'b' })).toBe('b');
    expect(twoKeySources(before, { PUNCHCARD_CALAMARI_TOKEN: 'b' })).toBeUndefined();
    // Kimai has no variable of its own for the server to read: a person's key is theirs.
    expect(organisationKeyOf(taken(configWith('kimai', { tracker: true })), { PUNCHCARD_KIMAI_TOKEN: 'b' })).toBeUndefined();
  });
});
