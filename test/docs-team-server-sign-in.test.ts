// The sign_in rows of docs/team-server/README.md's configuration table say which back end takes which
// sign-in as the config's validator decides it (team-server/config/server-config.ts): for each back
// end, a config with only tracker sign-in, only the company's, or only the development sign-in is
// checked, and the rows must name exactly the back ends each is required for, allowed on or refused on.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACK_ENDS } from '../mcp-server/contract/back-ends.ts';
import { ServerConfigSchema } from '../team-server/config/server-config.ts';

const README = readFileSync(resolve(import.meta.dirname, '../docs/team-server/README.md'), 'utf8');
const OIDC = { issuer: 'https://login.example.com', client_id: 'punchcard' };

/** Whether the validator takes `signIn` for `type`: only what it says about sign_in counts (a back end's own keys are not the point). */
function takes(type: string, signIn: Record<string, unknown>): boolean {
  const parsed = ServerConfigSchema.safeParse({
    public_url: 'http://127.0.0.1:8787',
    listen: '127.0.0.1:8787',
    provider: { type, url: 'https://tracker.example.com' },
    sign_in: signIn,
    store: 'sqlite:/var/lib/punchcard/server.db',
    key_env: 'PUNCHCARD_SERVER_KEY',
  });
  return parsed.success || !parsed.error.issues.some((issue) => issue.path[0] === 'sign_in');
}

/** How the README names a back end in prose: `local` by its type, the others by their name. */
function named(type: string): string {
  const backEnd = BACK_ENDS.find((candidate) => candidate.type === type);
  return type === 'local' ? '`local`' : (backEnd?.label as string);
}

function listed(names: string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function row(key: string): string {
  const found = README.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
  if (!found) throw new Error(`docs/team-server/README.md has no row for ${key}.`);
  return found;
}

describe('the sign_in rows of the team server’s configuration table', () => {
  const types = BACK_ENDS.map((backEnd) => backEnd.type);
  const tracker = types.filter((type) => takes(type, { tracker: true }));
  const oidcAlone = types.filter((type) => takes(type, { oidc: OIDC }));
  const development = types.filter((type) => takes(type, { development: true }));

  it('sign_in.tracker: required on the back ends that take it, refused on the others', () => {
    // Where tracker sign-in is taken, the company's alone is not: it is required there.
    expect(tracker.filter((type) => oidcAlone.includes(type))).toEqual([]);
    const refused = types.filter((type) => !tracker.includes(type));
    expect(row('sign_in.tracker')).toContain(`on ${listed(tracker.map(named))}, where it is required`);
    expect(row('sign_in.tracker')).toContain(`refused with ${listed(refused.map(named))}`);
  });

  it('sign_in.oidc: required on the back ends without tracker sign-in but in development (local, Calamari)', () => {
    const withoutTracker = types.filter((type) => !tracker.includes(type));
    expect(oidcAlone).toEqual(withoutTracker);
    const developmentToo = withoutTracker.filter((type) => development.includes(type));
    const only = withoutTracker.filter((type) => !development.includes(type));
    expect(row('sign_in.oidc')).toContain(`Required for ${listed(only.map(named))}, and for ${listed(developmentToo.map(named))} but in development;`);
  });

  it('sign_in.development: on every back end but those whose key is the organisation’s, where it goes only beside oidc', () => {
    const notAlone = types.filter((type) => !development.includes(type));
    expect(notAlone.every((type) => takes(type, { development: true, oidc: OIDC }))).toBe(true);
    expect(row('sign_in.development')).toContain(`a name is enough, on every back end but ${listed(notAlone.map(named))} (there only beside \`oidc\`)`);
  });

  it('sign_in.organisation: the back ends it is taken on beside oidc, with the login only Clockodo takes', () => {
    const organisation = { key_env: 'PUNCHCARD_ORGANISATION_KEY' };
    const taken = types.filter(
      (type) => takes(type, { oidc: OIDC, organisation }) || takes(type, { oidc: OIDC, organisation: { ...organisation, user: 'owner@example.com' } }),
    );
    expect(row('sign_in.organisation')).toContain(`Taken on ${listed(taken.map(named))}; on Calamari it replaces`);
    expect(taken.filter((type) => takes(type, { oidc: OIDC, organisation: { ...organisation, user: 'owner@example.com' } })).map(named)).toEqual(['Clockodo']);
    // It needs oidc, and tracker sign-in beside it is refused.
    expect(taken.filter((type) => takes(type, { development: true, organisation }) || takes(type, { tracker: true, oidc: OIDC, organisation }))).toEqual([]);
    expect(row('sign_in.organisation')).toContain('It needs `oidc` and excludes `tracker`');
  });
});
