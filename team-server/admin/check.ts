// `admin check`: the setup as the server will meet it, one line a finding, each "ok" or "problem"
// with what was found: the config file, the key (and whether it is the store's), the variables it
// names, the store (opened and migrated as the server does, so a store a newer Punchcard left behind
// shows here, but never made: a store that is not there is a problem, not a healthy empty one), the
// back end reached over the network, the identity provider's discovery document, the company
// calendar's provider and what to grant there once (auth/calendar/calendar-setup.ts), and where metrics
// are served (a problem on an address other machines reach, unless the config says it is meant).
// It exits 1 when any line is a problem, so a deployment script can stop on it.
import { backEndOf } from '../../mcp-server/contract/back-ends.ts';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ServerConfig } from '../config/server-config.ts';
import { withoutControls } from '../../mcp-server/for-the-team-server.ts';
import { calendarSetupFinding } from '../auth/calendar/calendar-setup.ts';
import { checkStoreKey } from '../auth/key-rotation.ts';
import { keyIdOf, readServerKey } from '../auth/server-keys.ts';
import { unmeantMetricsExposure } from '../metrics/metrics-exposure.ts';
import { auditSpoolFolder, spoolFiles } from '../team/audit-spool.ts';
import { organisationKeyOf, secretIsSet, secretVariables, twoKeySources, withSecretFiles } from '../config/secret-files.ts';
import { type AdminIo, openConfiguredStore } from './admin-io.ts';

/** How long a network check waits for an answer. */
const REACH_TIMEOUT_MS = 10_000;

export type Finding = { ok: boolean; subject: string; said: string };

export async function runCheck(file: string, io: AdminIo): Promise<number> {
  const findings = await checkSetup(file, io);
  for (const finding of findings) io.out(`${finding.ok ? 'ok     ' : 'problem'} ${finding.subject}: ${withoutControls(finding.said)}\n`);
  return findings.every((finding) => finding.ok) ? 0 : 1;
}

async function checkSetup(file: string, io: AdminIo): Promise<Finding[]> {
  const { readServerConfigFile } = await import('../config/server-config-file.ts');
  const read = readServerConfigFile(file);
  if (!read.ok) return [{ ok: false, subject: 'config', said: read.problem }];
  const config = read.config;
  const findings: Finding[] = [{ ok: true, subject: 'config', said: `${file} is valid (${config.provider.type}, public at ${config.public_url})` }];
  // Secrets given as files (NAME_FILE) are read as the server reads them.
  const secrets = withSecretFiles(io.env, secretVariables(config));
  if ('problem' in secrets) return [...findings, { ok: false, subject: 'secrets', said: secrets.problem }];
  io = { ...io, env: secrets.env };
  const key = readServerKey(io.env, config.key_env);
  if (typeof key === 'string') findings.push({ ok: false, subject: 'key', said: key });
  const keyAt = findings.length;
  // The key was checked above, with its length.
  for (const secret of secretVariables(config).filter((candidate) => candidate.from !== 'key_env')) {
    const { variable, what } = secret;
    findings.push(
      secretIsSet(secret, io.env)
        ? { ok: true, subject: what, said: `${variable} is set` }
        : { ok: false, subject: what, said: `the environment variable ${variable} is not set` },
    );
  }
  const { store, keyFinding } = await storeFindings(config, typeof key === 'string' ? undefined : key, io);
  if (keyFinding) findings.splice(keyAt, 0, keyFinding);
  findings.push(store);
  findings.push(await backEndFinding(config));
  const organisation = await organisationFinding(config, io.env);
  if (organisation) findings.push(organisation);
  if (config.sign_in.oidc) findings.push(await discoveryFinding(config.sign_in.oidc.issuer));
  const calendar = calendarSetupFinding(config);
  if (calendar) findings.push(calendar);
  findings.push(metricsFinding(config));
  findings.push(auditSpoolFinding(config));
  return findings;
}

/**
 * Where audit records wait while the store is away (team/audit-spool.ts): a folder the server's
 * account may write, or may make (nothing is made here). Spools that wait there from a process that
 * ended are said: the next server started on the folder writes them to the store.
 */
function auditSpoolFinding(config: ServerConfig): Finding {
  const subject = 'audit spool';
  let folder: string;
  try {
    folder = auditSpoolFolder(config);
  } catch (error) {
    return { ok: false, subject, said: (error as Error).message };
  }
  if (existsSync(folder)) {
    if (!writable(folder))
      return { ok: false, subject, said: `${folder} is not writable by this account: audit records could not wait there while the store is away` };
    const left = spoolFiles(folder).length;
    return {
      ok: true,
      subject,
      said: `records wait in ${folder} while the store is away${left > 0 ? ` (${left} spool file(s) wait there now, written to the store by the next server started on it)` : ''}`,
    };
  }
  let ancestor = dirname(folder);
  while (!existsSync(ancestor) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  const why = !statSync(ancestor).isDirectory() ? `${ancestor} is a file` : !writable(ancestor) ? `${ancestor} is not writable by this account` : undefined;
  if (why)
    return {
      ok: false,
      subject,
      said: `${folder} cannot be made (${why}): audit records could not wait while the store is away. Set data_dir to a folder on this instance's own volume`,
    };
  return { ok: true, subject, said: `records wait in ${folder} while the store is away (made the first time)` };
}

function writable(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The store's finding, and the key's where there is a key to check: whether it is the store's (read
 * only: a check never tells a store its key), or, with no store to hold it against, its length alone.
 */
async function storeFindings(config: ServerConfig, key: Buffer | undefined, io: AdminIo): Promise<{ store: Finding; keyFinding: Finding | undefined }> {
  const lengthOnly = key && {
    ok: true,
    subject: 'key',
    said: `${config.key_env} holds a key of the right length (key ${keyIdOf(key)}); without a store it could not be checked against one`,
  };
  const problems: string[] = [];
  const store = await openConfiguredStore(config, { ...io, err: (text) => problems.push(text.trim()) });
  // The line names its subject already: "problem store: There is no store at …", not "store: store: …".
  if (!store)
    return { store: { ok: false, subject: 'store', said: problems.map((problem) => problem.replace(/^store: /, '')).join(' ') }, keyFinding: lengthOnly };
  try {
    await store.ping();
    let keyFinding: Finding | undefined;
    if (key) {
      const checked = await checkStoreKey(key, store, config.key_env, { learn: false });
      keyFinding = checked.ok
        ? { ok: true, subject: 'key', said: `${config.key_env} holds this store's key (key ${keyIdOf(key)})` }
        : { ok: false, subject: 'key', said: checked.problem.replace(/ Nothing was changed\.$/, '') };
    }
    const people = (await store.people()).length;
    return {
      store: { ok: true, subject: 'store', said: `${store.kind} answers and is migrated (${people} ${people === 1 ? 'person' : 'people'})` },
      keyFinding,
    };
  } catch (error) {
    return { store: { ok: false, subject: 'store', said: (error as Error).message }, keyFinding: lengthOnly };
  } finally {
    await store.close().catch(() => {});
  }
}

/**
 * The organisation account under sign_in.organisation, as `serve` checks it at start: who it is, or
 * why it cannot act for people (the missing right, in the back end's words). Never its key.
 */
async function organisationFinding(config: ServerConfig, env: NodeJS.ProcessEnv): Promise<Finding | undefined> {
  if (!config.sign_in.organisation) return undefined;
  const subject = 'organisation';
  const twice = twoKeySources(config, env);
  if (twice) return { ok: false, subject, said: twice };
  const key = organisationKeyOf(config, env);
  // The variable's own line says it is not set.
  if (!key) return { ok: false, subject, said: `the account cannot be checked without its credential (${config.sign_in.organisation.key_env})` };
  const { checkOrganisationOnce } = await import('../team/organisation-account.ts');
  const verdict = await checkOrganisationOnce(config, key, Date.now, () => {});
  if (!verdict) return { ok: true, subject, said: `${backEndOf(config.provider.type).label}'s key acts for each person by their verified e-mail` };
  if (!verdict.ok) return { ok: false, subject, said: verdict.said };
  return { ok: true, subject, said: `acts for people as ${verdict.account}${rulesUncopied(config)}` };
}

/**
 * The rules the back end's API does not show (its descriptor's `unpublishedRules`: Kimai's lockdown), which the
 * organisation's account passes: acting for people through it, Punchcard holds them to one only as the provider
 * copies it (docs/team-server/README.md, "One organisation credential"). Said beside the account, not as a problem:
 * a tracker without such a rule needs none.
 */
function rulesUncopied(config: ServerConfig): string {
  const backEnd = backEndOf(config.provider.type);
  return backEnd.unpublishedRules
    .filter((rule) => !(rule.kind in config.provider))
    .map(
      ({ kind }) =>
        `; ${backEnd.inSentence}'s API does not show its ${kind} and this account passes it, so people are held to none: copy it into provider.${kind} if ${backEnd.inSentence} has one`,
    )
    .join('');
}

/** Where metrics are served; an address other machines reach is a problem unless `metrics.public` says it is meant. */
function metricsFinding(config: ServerConfig): Finding {
  const listen = config.metrics?.listen;
  if (!listen) return { ok: true, subject: 'metrics', said: 'off (set metrics.listen to serve them)' };
  const unmeant = unmeantMetricsExposure(config.metrics);
  if (unmeant) return { ok: false, subject: 'metrics', said: unmeant };
  return {
    ok: true,
    subject: 'metrics',
    said: `served for Prometheus at http://${listen}/metrics${config.metrics?.public ? ', reachable from other machines as metrics.public says' : ''}`,
  };
}

async function backEndFinding(config: ServerConfig): Promise<Finding> {
  const backEnd = backEndOf(config.provider.type);
  if (!backEnd.remote) return { ok: true, subject: 'back end', said: `${backEnd.inSentence} needs no network` };
  const field = backEnd.fields.find((candidate) => candidate.kind === 'url');
  const address = (config.provider as { url?: string }).url ?? (field?.kind === 'url' ? field.default : undefined);
  if (!address) return { ok: false, subject: 'back end', said: `${backEnd.label} has no address in provider.url` };
  const reached = await reach(address);
  return typeof reached === 'number'
    ? { ok: true, subject: 'back end', said: `${backEnd.label} at ${address} answers (HTTP ${reached})` }
    : { ok: false, subject: 'back end', said: `${backEnd.label} at ${address} cannot be reached (${reached})` };
}

async function discoveryFinding(issuer: string): Promise<Finding> {
  const where = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  try {
    const answer = await fetch(where, { signal: AbortSignal.timeout(REACH_TIMEOUT_MS), redirect: 'error' });
    if (!answer.ok) return { ok: false, subject: 'identity provider', said: `${where} answers HTTP ${answer.status}` };
    const document = (await answer.json()) as { issuer?: unknown; authorization_endpoint?: unknown; token_endpoint?: unknown };
    if (document.issuer !== issuer)
      return {
        ok: false,
        subject: 'identity provider',
        said: `${where} names the issuer ${JSON.stringify(document.issuer)}, not ${issuer} (sign_in.oidc.issuer must be exactly the provider's)`,
      };
    if (typeof document.authorization_endpoint !== 'string' || typeof document.token_endpoint !== 'string')
      return { ok: false, subject: 'identity provider', said: `${where} names no authorization or token endpoint` };
    return { ok: true, subject: 'identity provider', said: `${issuer} publishes its discovery document` };
  } catch (error) {
    return { ok: false, subject: 'identity provider', said: `${where} cannot be read (${causeOf(error)})` };
  }
}

/** The HTTP status an address answers with, or why none came. */
async function reach(address: string): Promise<number | string> {
  try {
    const answer = await fetch(address, { signal: AbortSignal.timeout(REACH_TIMEOUT_MS), redirect: 'manual' });
    await answer.body?.cancel();
    return answer.status;
  } catch (error) {
    return causeOf(error);
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
