// `punchcard-mcp --test-connection`: one verdict about the configured back end on stderr, and an
// exit code scripts can test (0 connected, 1 not). The provider comes from the flags or the settings;
// the organisation's policy decides first, as for every other path: a back end it does not allow (or
// anything but the one it fixes) is not contacted, without flags the test is of the back end in
// effect, the policy's fixed one where it sets one, and the fixed one is always tested with the
// policy's TLS options.
// With `--json` the same result also goes to stdout as one JSON line, for the app (main/engine),
// which runs the bundle for this and must not parse sentences.
import { join } from 'node:path';
import { isRemote, type BackEndProfile } from '../contract/back-ends.ts';
import type { Settings } from '../contract/settings.ts';
import type { CredentialStore } from '../credentials/index.ts';
import { withoutControls } from '../plain-text.ts';
import { effectiveProfile, loadPolicy, policyPaths, profileRefusal } from '../policy/policy.ts';
import type { ConnectionReport } from '../providers/remote/remote-error.ts';
import { readSettingsFile } from '../settings/settings-file.ts';
import { SETTINGS_FILE_NAME, settingsProblem } from '../settings/settings-source.ts';

export interface ConnectionTestOptions {
  userDataDir: string;
  provider?: BackEndProfile;
  /** The back end an extension's form named, the only one its secret is for (credentials/form-secret.ts). */
  formBackEnd?: BackEndProfile;
  env: NodeJS.ProcessEnv;
  log: (message: string) => void;
  credentials?: CredentialStore;
}

export interface ConnectionTestResult {
  exitCode: number;
  report: ConnectionReport;
  /** The back end that was tested; absent when the test failed before one was chosen. */
  provider?: BackEndProfile['type'];
}

/** Never rejects: whatever goes wrong is a verdict and exit code 1, so the caller only prints. */
export async function runConnectionTest(options: ConnectionTestOptions): Promise<ConnectionTestResult> {
  let provider: BackEndProfile['type'] | undefined;
  try {
    const settingsPath = join(options.userDataDir, SETTINGS_FILE_NAME);
    const read = readSettingsFile(settingsPath);
    // Without --provider the settings name the back end; settings that cannot are not guessed at.
    if (read.problem !== null && !options.provider) {
      return { exitCode: 1, report: { ok: false, verdict: 'misconfigured', message: settingsProblem(settingsPath, read.problem) } };
    }
    const settings = read.settings;
    const policy = await loadPolicy(policyPaths(options.env));
    const asked = options.provider ?? effectiveProfile(policy, settings.provider);
    provider = asked.type;
    const refusal = profileRefusal(policy, asked);
    if (refusal) return { exitCode: 1, report: { ok: false, verdict: 'not_allowed', message: refusal }, provider };
    // The back end the policy fixes is tested as serving uses it: with the policy's TLS options (its
    // CA file, its certificate checks), never the flags', so the token cannot go over a connection
    // the organisation did not allow.
    return { ...(await testBackEnd(effectiveProfile(policy, asked), settings, options, policy.fixedProvider !== null)), provider };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const report: ConnectionReport = { ok: false, verdict: 'error', message: `Punchcard could not finish the connection test: ${reason}` };
    return { exitCode: 1, report, ...(provider ? { provider } : {}) };
  }
}

async function testBackEnd(
  profile: BackEndProfile,
  settings: Settings,
  options: ConnectionTestOptions,
  policyFixes: boolean,
): Promise<{ exitCode: number; report: ConnectionReport }> {
  if (!isRemote(profile)) {
    return {
      exitCode: 0,
      report: { ok: true, verdict: 'ok', message: 'The local timesheet needs no connection; choose a back end with --provider to test one.' },
    };
  }
  // Each back end's own module, loaded only for the back end being tested.
  const { createRemoteTracker } = await import('../providers/create-tracker.ts');
  const tracker = await createRemoteTracker({
    profile,
    userDataDir: options.userDataDir,
    workWeek: () => settings.workWeek,
    // A connection test counts no leave, so it needs no holidays.
    holidays: async () => new Map(),
    timezone: () => settings.timezone,
    now: Date.now,
    log: options.log,
    env: options.env,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    formSecret: { backEnd: options.formBackEnd, policyFixes },
  });
  try {
    // The test also teaches the next start what the back end offers (remembered in the data folder).
    const report = await tracker.testConnection();
    return { exitCode: report.ok ? 0 : 1, report };
  } finally {
    tracker.close();
  }
}

/**
 * The `--json` line: the report plus which back end it is about (a saved profile is only known
 * here). One line, so a reader takes the last line of stdout and parses it.
 */
export function formatJsonLine(result: ConnectionTestResult): string {
  return JSON.stringify({ ...(result.provider ? { provider: result.provider } : {}), ...result.report, message: withoutControls(result.report.message) });
}

/** The verdict for a terminal: a server's words in it cannot steer the terminal (plain-text.ts). */
export function formatVerdict(report: ConnectionReport): string {
  const message = withoutControls(report.message);
  return report.ok ? `Connection OK: ${message}` : `Connection FAILED (${report.verdict}): ${message}`;
}
