// What the tests of one organisation credential share (issue 66): a team server on a fake tracker with
// `sign_in.organisation` and the OpenID provider stand-in, a company sign-in stopped where the provider sends
// the browser back (so a refused page can be read), the store's pins and the metrics' refusals by reason, and
// every place the organisation's key must never reach, read as bytes.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect } from 'vitest';
import { atIdentityProvider, type IdentityProvider } from '../../support/identity-provider.ts';
import { freePort, type Page, SignInBrowser, startTeamServer, type TeamServerHandle } from '../../support/team-server.ts';

export const ORGANISATION_VARIABLE = 'PUNCHCARD_ORGANISATION_KEY';

/** The server's page text without its markup, as a person reads it. */
export const wordsOf = (page: Page) =>
  page.html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

export interface OrganisationServer {
  server: TeamServerHandle;
  metricsUrl: string;
}

/** A team server acting for people through `key` on `provider`, its company sign-in at `idp` (the port its callback names). */
export async function organisationServer(
  idp: IdentityProvider,
  port: number,
  provider: Record<string, unknown>,
  key: string,
  options: { built?: boolean; organisation?: Record<string, unknown>; development?: boolean; settings?: Record<string, unknown> } = {},
): Promise<OrganisationServer> {
  const metricsPort = await freePort();
  const server = await startTeamServer({
    port,
    built: options.built ?? false,
    store: 'sqlite',
    provider,
    signIn: {
      oidc: { issuer: idp.issuer, client_id: idp.clientId, client_secret_env: 'PUNCHCARD_OIDC_SECRET', allowed_domains: ['example.com', 'acme.example'] },
      organisation: { key_env: ORGANISATION_VARIABLE, ...options.organisation },
      ...(options.development ? { development: true } : {}),
    },
    limits: { failed_sign_ins_per_address: 100 },
    ...(options.settings ? { settings: options.settings } : {}),
    config: { metrics: { listen: `127.0.0.1:${metricsPort}` } },
    env: { PUNCHCARD_OIDC_SECRET: idp.clientSecret, NODE_EXTRA_CA_CERTS: idp.caFile as string, [ORGANISATION_VARIABLE]: key },
  });
  return { server, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` };
}

/** A company sign-in from the account page as `account`, and the page the server answers its callback with. */
export async function companyCallback(server: TeamServerHandle, idp: IdentityProvider, account: string): Promise<{ browser: SignInBrowser; page: Page }> {
  const browser = new SignInBrowser(server.origin);
  browser.stopAt = `${server.origin}/sign-in/callback`;
  const start = await browser.open('/account');
  const atProvider = await browser.submit(start, '/company');
  await atIdentityProvider(browser, atProvider, idp.issuer, account);
  const callback = browser.callback;
  if (!callback) throw new Error('The provider never sent the browser back.');
  browser.stopAt = undefined;
  browser.callback = undefined;
  return { browser, page: await browser.open(callback) };
}

/** The people the store holds, with their pins. */
export function storedPins(server: Pick<TeamServerHandle, 'dataDir'>): { id: string; identity: string; email: string | null; pin: string | null }[] {
  const db = new DatabaseSync(join(server.dataDir, 'server.db'), { readOnly: true });
  try {
    return db.prepare('SELECT id, identity, email, tracker_pin AS pin FROM people ORDER BY created_at').all() as never;
  } finally {
    db.close();
  }
}

/** How many grants (connected clients) and people the store holds: what a refused sign-in must not add to. */
export function storedCounts(server: Pick<TeamServerHandle, 'dataDir'>): { people: number; grants: number } {
  const db = new DatabaseSync(join(server.dataDir, 'server.db'), { readOnly: true });
  try {
    const people = (db.prepare('SELECT count(*) AS count FROM people').get() as { count: number }).count;
    const grants = (db.prepare("SELECT count(*) AS count FROM oauth WHERE model = 'Grant'").get() as { count: number }).count;
    return { people, grants };
  } finally {
    db.close();
  }
}

/** The count of refused sign-ins for `reason`, as Prometheus scrapes it (0 where none was counted yet). */
export async function refusals(metricsUrl: string, reason: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`punchcard_sign_in_refusals_total{reason="${reason}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Every file under `folder`, as bytes, by path (none where it does not exist). */
export function filesUnder(folder: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  if (!existsSync(folder)) return found;
  for (const name of readdirSync(folder, { recursive: true }) as string[]) {
    const path = join(folder, name);
    if (statSync(path).isFile()) found.set(path, readFileSync(path));
  }
  return found;
}

/** Asserts that no file of the server's data folder (store, its journal, people's folders, the audit spool) holds `secret`, as text or in UTF-16. */
export function expectNowhereOnDisk(server: Pick<TeamServerHandle, 'dataDir'>, secret: string): void {
  const files = filesUnder(server.dataDir);
  expect(files.size).toBeGreaterThan(0);
  for (const [path, bytes] of files) {
    expect(bytes.includes(Buffer.from(secret, 'utf8')), path).toBe(false);
    expect(bytes.includes(Buffer.from(secret, 'utf16le')), path).toBe(false);
  }
}
