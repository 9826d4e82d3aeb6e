import { describe, expect, it } from 'vitest';
import { connectionTestCommand, type EngineLaunch, serveArguments } from '../../../main/engine/launch.ts';
import { ENGINE_NODE_FLAGS } from '../../../mcp-server/engine-flags.ts';

const launch: EngineLaunch = {
  command: '/Applications/Punchcard.app/Contents/MacOS/Punchcard',
  script: '/Applications/Punchcard.app/Contents/Resources/mcp-server/punchcard-mcp.mjs',
  userDataDir: '/Users/ada/Library/Application Support/Punchcard',
  env: { ELECTRON_RUN_AS_NODE: '1' },
};

describe('the engine’s command lines', () => {
  it('serves every tool from the app’s folder', () => {
    expect(serveArguments(launch)).toEqual([...ENGINE_NODE_FLAGS, launch.script, '--user-data', launch.userDataDir, '--all-tools']);
  });

  it('tests the back end it is given, with its TLS settings', () => {
    expect(connectionTestCommand(launch, { type: 'local' })).toEqual({
      command: launch.command,
      args: [launch.script, '--test-connection', '--json', '--user-data', launch.userDataDir, '--provider=local'],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
    expect(
      connectionTestCommand(launch, { type: 'kimai', url: 'https://kimai.example.com', caFile: '/etc/ca.pem', allowInsecureTls: true }).args.slice(5),
    ).toEqual(['--provider=kimai', '--url=https://kimai.example.com', '--ca-file=/etc/ca.pem', '--allow-insecure-tls']);
    expect(connectionTestCommand(launch, { type: 'clockodo', email: 'ada@example.com', url: 'https://my.clockodo.com' }).args.slice(5)).toEqual([
      '--provider=clockodo',
      '--email=ada@example.com',
      '--url=https://my.clockodo.com',
    ]);
    expect(connectionTestCommand(launch, { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' }).args.slice(5)).toEqual([
      '--provider=calamari',
      '--email=ada@acme.example',
      '--url=https://acme.calamari.io',
    ]);
    expect(connectionTestCommand(launch, { type: 'clockify', url: 'https://euc1.clockify.me', workspace: 'Acme --all-tools' }).args.slice(5)).toEqual([
      '--provider=clockify',
      '--url=https://euc1.clockify.me',
      '--workspace=Acme --all-tools',
    ]);
    // The account the form names is the one tested, not the only one the token reaches (or a refusal without it).
    expect(connectionTestCommand(launch, { type: 'harvest', url: 'https://api.harvestapp.com', account_id: '1234567' }).args.slice(5)).toEqual([
      '--provider=harvest',
      '--url=https://api.harvestapp.com',
      '--account-id=1234567',
    ]);
  });

  it('hands a secret over in the environment only, in the one variable of the back end it is for', () => {
    const kimai = connectionTestCommand(launch, { type: 'kimai', url: 'https://kimai.example.com' }, 'secret-token-123');
    expect(kimai.env).toEqual({ ELECTRON_RUN_AS_NODE: '1', PUNCHCARD_KIMAI_TOKEN: 'secret-token-123' });
    expect(kimai.args.join(' ')).not.toContain('secret-token-123');
    const clockodo = connectionTestCommand(launch, { type: 'clockodo', email: 'ada@example.com', url: 'https://my.clockodo.com' }, 'key-123');
    expect(clockodo.env).toEqual({ ELECTRON_RUN_AS_NODE: '1', PUNCHCARD_CLOCKODO_TOKEN: 'key-123' });
    const calamari = connectionTestCommand(launch, { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' }, 'org-key-0815');
    expect(calamari.env).toEqual({ ELECTRON_RUN_AS_NODE: '1', PUNCHCARD_CALAMARI_TOKEN: 'org-key-0815' });
    expect(calamari.args.join(' ')).not.toContain('org-key-0815');
    const clockify = connectionTestCommand(launch, { type: 'clockify', url: 'https://api.clockify.me' }, 'clockify-key-42');
    expect(clockify.env).toEqual({ ELECTRON_RUN_AS_NODE: '1', PUNCHCARD_CLOCKIFY_TOKEN: 'clockify-key-42' });
    // The local timesheet has no secret: nothing goes along, and an empty token is none.
    expect(connectionTestCommand(launch, { type: 'local' }, 'secret-token-123').env).toEqual({ ELECTRON_RUN_AS_NODE: '1' });
    expect(connectionTestCommand(launch, { type: 'kimai', url: 'https://kimai.example.com' }, '').env).toEqual({ ELECTRON_RUN_AS_NODE: '1' });
  });
});
