// `punchcard-mcp --test-connection`: one verdict about the configured back end on stderr, and an
// exit code scripts can test (0 connected, 1 not). The provider comes from the flags or the settings.
import { join } from 'node:path';
import type { ProviderProfile } from '../contract/settings.ts';
import type { CredentialStore } from '../credentials/index.ts';
import { createKimai } from '../providers/create-tracker.ts';
import type { ConnectionReport } from '../providers/kimai/connection-test.ts';
import { readSettingsFile, SETTINGS_FILE_NAME } from '../settings/settings-file.ts';

export interface ConnectionTestOptions {
  userDataDir: string;
  provider?: ProviderProfile;
  env: NodeJS.ProcessEnv;
  log: (message: string) => void;
  credentials?: CredentialStore;
}

/** Never rejects: whatever goes wrong is a verdict and exit code 1, so the caller only prints. */
export async function runConnectionTest(options: ConnectionTestOptions): Promise<{ exitCode: number; report: ConnectionReport }> {
  try {
    return await testConfiguredBackEnd(options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { exitCode: 1, report: { ok: false, verdict: 'error', message: `Punchcard could not finish the connection test: ${reason}` } };
  }
}

async function testConfiguredBackEnd(options: ConnectionTestOptions): Promise<{ exitCode: number; report: ConnectionReport }> {
  const settings = readSettingsFile(join(options.userDataDir, SETTINGS_FILE_NAME), options.log).settings;
  const profile = options.provider ?? settings.provider;
  if (profile.type === 'local') {
    return { exitCode: 0, report: { ok: true, verdict: 'ok', message: 'The local timesheet needs no connection; choose Kimai with --provider kimai --url URL to test one.' } };
  }
  const tracker = createKimai({
    profile,
    userDataDir: options.userDataDir,
    workWeek: () => settings.workWeek,
    now: Date.now,
    log: options.log,
    env: options.env,
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  try {
    const report = await tracker.testConnection();
    return { exitCode: report.ok ? 0 : 1, report };
  } finally {
    tracker.close();
  }
}

export function formatVerdict(report: ConnectionReport): string {
  return report.ok ? `Connection OK: ${report.message}` : `Connection FAILED (${report.verdict}): ${report.message}`;
}
