// `punchcard-mcp --test-connection`: one verdict about the configured back end on stderr, and an
// exit code scripts can test (0 connected, 1 not). The provider comes from the flags or the settings.
import { join } from 'node:path';
import { kimaiCredentialAccount, type ProviderProfile } from '../contract/settings.ts';
import { type CredentialStore, createCredentialStore } from '../credentials/index.ts';
import type { ConnectionReport } from '../providers/kimai/connection-test.ts';
import { createKimaiTracker } from '../providers/kimai/kimai-tracker.ts';
import { readSettingsFile, SETTINGS_FILE_NAME } from '../settings/settings-file.ts';

export interface ConnectionTestOptions {
  userDataDir: string;
  provider?: ProviderProfile;
  env: NodeJS.ProcessEnv;
  log: (message: string) => void;
  credentials?: CredentialStore;
}

export async function runConnectionTest(options: ConnectionTestOptions): Promise<{ exitCode: number; report: ConnectionReport }> {
  const settings = readSettingsFile(join(options.userDataDir, SETTINGS_FILE_NAME), options.log).settings;
  const profile = options.provider ?? settings.provider;
  if (profile.type === 'local') {
    return { exitCode: 0, report: { ok: true, verdict: 'ok', message: 'The local timesheet needs no connection; choose Kimai with --provider kimai --url URL to test one.' } };
  }
  const credentials = options.credentials ?? createCredentialStore({ env: options.env, log: options.log });
  const timeoutMs = Number(options.env.PUNCHCARD_KIMAI_TIMEOUT_MS);
  const tracker = createKimaiTracker({
    profile,
    token: () => credentials.get(kimaiCredentialAccount(profile.url)),
    userDataDir: options.userDataDir,
    workWeek: () => settings.workWeek,
    now: Date.now,
    log: options.log,
    ...(Number.isFinite(timeoutMs) && timeoutMs > 0 ? { timeoutMs } : {}),
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
