import { describe, expect, it } from 'vitest';
import { CredentialStoreError } from '../../../mcp-server/credentials/credential-store.ts';
import { createEnvStore, envVariableFor } from '../../../mcp-server/credentials/env-store.ts';

const KIMAI = 'kimai:https://kimai.example.com';

describe('envVariableFor', () => {
  it.each([
    [KIMAI, 'PUNCHCARD_KIMAI_TOKEN'],
    ['clockodo:https://my.clockodo.com/api', 'PUNCHCARD_CLOCKODO_TOKEN'],
    ['Calamari:https://acme.calamari.io', 'PUNCHCARD_CALAMARI_TOKEN'],
    ['clockify:https://api.clockify.me', 'PUNCHCARD_CLOCKIFY_TOKEN'],
    ['harvest:https://api.harvestapp.com', 'PUNCHCARD_HARVEST_TOKEN'],
    ['toggl:https://api.track.toggl.com', 'PUNCHCARD_TOGGL_TOKEN'],
    // Tempo Timesheets' two secrets, each under its own account: the Tempo token by the site, the Jira token by the login.
    ['tempo:https://acme.atlassian.net', 'PUNCHCARD_TEMPO_TOKEN'],
    ['jira:ada@example.com', 'PUNCHCARD_JIRA_TOKEN'],
    ['my-tracker.v2:https://x', 'PUNCHCARD_MY_TRACKER_V2_TOKEN'],
    ['kimai', 'PUNCHCARD_KIMAI_TOKEN'],
  ])('%s → %s', (account, variable) => {
    expect(envVariableFor(account)).toBe(variable);
  });

  it('refuses an account without a provider', () => {
    expect(() => envVariableFor(':https://kimai.example.com')).toThrow(/provider name/);
    expect(() => envVariableFor('')).toThrow(/provider name/);
  });
});

describe('createEnvStore', () => {
  it('reads the provider variable, whatever the base URL', async () => {
    const store = createEnvStore({ PUNCHCARD_KIMAI_TOKEN: 'tok-123' });
    expect(store.kind).toBe('environment');
    expect(await store.get(KIMAI)).toBe('tok-123');
    expect(await store.get('kimai:https://other.example.com')).toBe('tok-123');
    expect(await store.get('clockodo:https://my.clockodo.com')).toBeNull();
  });

  it('trims surrounding whitespace and treats an empty variable as unset', async () => {
    expect(await createEnvStore({ PUNCHCARD_KIMAI_TOKEN: '  tok-123\n' }).get(KIMAI)).toBe('tok-123');
    expect(await createEnvStore({ PUNCHCARD_KIMAI_TOKEN: '' }).get(KIMAI)).toBeNull();
    expect(await createEnvStore({ PUNCHCARD_KIMAI_TOKEN: ' \n' }).get(KIMAI)).toBeNull();
    expect(await createEnvStore({}).get(KIMAI)).toBeNull();
  });

  it('reads process.env by default', async () => {
    process.env.PUNCHCARD_ENVSTORETEST_TOKEN = 'from-process';
    try {
      expect(await createEnvStore().get('envstoretest:https://x')).toBe('from-process');
    } finally {
      delete process.env.PUNCHCARD_ENVSTORETEST_TOKEN;
    }
  });

  it('is read-only: set and delete are denied with a message naming the variable, never the secret', async () => {
    const env = { PUNCHCARD_KIMAI_TOKEN: 'old-secret' };
    const store = createEnvStore(env);

    const setError = await store.set(KIMAI, 'new-secret-value').catch((error: unknown) => error);
    expect(setError).toBeInstanceOf(CredentialStoreError);
    expect(setError).toMatchObject({ reason: 'denied', name: 'CredentialStoreError' });
    expect((setError as Error).message).toContain('PUNCHCARD_KIMAI_TOKEN');
    expect((setError as Error).message).toMatch(/read-only/);
    expect((setError as Error).message).not.toContain('new-secret-value');
    expect((setError as Error).message).not.toContain('old-secret');

    await expect(store.delete(KIMAI)).rejects.toMatchObject({ reason: 'denied' });
    expect(env.PUNCHCARD_KIMAI_TOKEN).toBe('old-secret');
  });
});
