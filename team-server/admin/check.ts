// `admin check`: the setup as the server will meet it, one line a finding, each "ok" or "problem"
// with what was found: the config file, the key, the variables it names, the store (opened and
// migrated as the server does, so a store a newer Punchcard left behind shows here), the back end
// reached over the network, the identity provider's discovery document, and where metrics are served.
// It exits 1 when any line is a problem, so a deployment script can stop on it.
import { backEndOf } from '../../mcp-server/contract/back-ends.ts';
import type { ServerConfig } from '../../mcp-server/contract/server-config.ts';
import { withoutControls } from '../../mcp-server/plain-text.ts';
import { readServerKey } from '../auth/server-keys.ts';
import { secretIsSet, secretVariables, withSecretFiles } from '../../mcp-server/settings/secret-files.ts';
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
  const { readServerConfigFile } = await import('../../mcp-server/settings/server-config-file.ts');
  const read = readServerConfigFile(file);
  if (!read.ok) return [{ ok: false, subject: 'config', said: read.problem }];
  const config = read.config;
  const findings: Finding[] = [{ ok: true, subject: 'config', said: `${file} is valid (${config.provider.type}, public at ${config.public_url})` }];
  // Secrets given as files (NAME_FILE) are read as the server reads them.
  const secrets = withSecretFiles(io.env, secretVariables(config));
  if ('problem' in secrets) return [...findings, { ok: false, subject: 'secrets', said: secrets.problem }];
  io = { ...io, env: secrets.env };
  const key = readServerKey(io.env, config.key_env);
  findings.push(
    typeof key === 'string'
      ? { ok: false, subject: 'key', said: key }
      : { ok: true, subject: 'key', said: `${config.key_env} holds a key of the right length` },
  );
  // The key was checked above, with its length.
  for (const secret of secretVariables(config).filter((candidate) => candidate.from !== 'key_env')) {
    const { variable, what } = secret;
    findings.push(
      secretIsSet(secret, io.env)
        ? { ok: true, subject: what, said: `${variable} is set` }
        : { ok: false, subject: what, said: `the environment variable ${variable} is not set` },
    );
  }
  findings.push(await storeFinding(config, io));
  findings.push(await backEndFinding(config));
  if (config.sign_in.oidc) findings.push(await discoveryFinding(config.sign_in.oidc.issuer));
  findings.push({
    ok: true,
    subject: 'metrics',
    said: config.metrics?.listen ? `served for Prometheus at http://${config.metrics.listen}/metrics` : 'off (set metrics.listen to serve them)',
  });
  return findings;
}

async function storeFinding(config: ServerConfig, io: AdminIo): Promise<Finding> {
  const problems: string[] = [];
  const store = await openConfiguredStore(config, { ...io, err: (text) => problems.push(text.trim()) });
  if (!store) return { ok: false, subject: 'store', said: problems.join(' ') };
  try {
    await store.ping();
    const people = (await store.people()).length;
    return { ok: true, subject: 'store', said: `${store.kind} answers and is migrated (${people} ${people === 1 ? 'person' : 'people'})` };
  } catch (error) {
    return { ok: false, subject: 'store', said: (error as Error).message };
  } finally {
    await store.close().catch(() => {});
  }
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
