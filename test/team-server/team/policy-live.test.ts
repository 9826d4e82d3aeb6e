// The organisation's policy changing under an open 2025-era session of the team server, against the
// built server with the official client. Such a session keeps its MCP server for up to half an hour
// idle, so the server must follow the policy as the desktop engine does: the client is told the tool
// list changed, the list narrows, a denied tool's call is refused, and all of it back when the policy
// allows the tool again; a token allowed only to read keeps its writing tools hidden whatever the
// policy allows. The policy is the test-only second file (PUNCHCARD_POLICY_FILE), written as
// deployment tools write it, whole at once.
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../support/engine.ts';
import { connectAs, type ConnectedClient, developmentSignIn, removeTeamServerData, startTeamServer, type TeamServerHandle } from '../../support/team-server.ts';

let folder: string;
let policyFile: string;
let server: TeamServerHandle;

function deploy(policy: unknown): void {
  writeFileSync(`${policyFile}.tmp`, JSON.stringify(policy));
  renameSync(`${policyFile}.tmp`, policyFile);
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'punchcard-team-policy-'));
  policyFile = join(folder, 'policy.json');
  deploy({ schemaVersion: 1 });
  server = await startTeamServer({ env: { PUNCHCARD_POLICY_FILE: policyFile } });
});
afterAll(async () => {
  await server?.stop();
  if (server) removeTeamServerData(server);
  rmSync(folder, { recursive: true, force: true });
});

/** A 2025-era client that counts the server's tools/list_changed notifications. */
async function connect(name: string, decision: 'allow' | 'allow-read' = 'allow'): Promise<{ client: ConnectedClient; changes: () => Promise<void> }> {
  let notified: () => void = () => {};
  let next = new Promise<void>((resolve) => (notified = resolve));
  const client = await connectAs(server, {
    era: 'legacy',
    signIn: developmentSignIn(name),
    decision,
    listChanged: () => {
      notified();
      next = new Promise<void>((resolve) => (notified = resolve));
    },
  });
  // The promise of the next notification, taken before the change that should bring it.
  return { client, changes: () => next };
}

/** Waits for the notification, and says so when it never came (a session deaf to the policy waits forever). */
async function told(changed: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const never = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(() => reject(new Error('The session was never told its tool list changed (notifications/tools/list_changed).')), 20_000)),
  );
  try {
    await Promise.race([changed, never]);
  } finally {
    clearTimeout(timer);
  }
}

async function toolNames(client: ConnectedClient): Promise<string[]> {
  return (await client.client.listTools()).tools.map((tool) => tool.name);
}

describe('a policy change under an open 2025-era session', () => {
  let ada: { client: ConnectedClient; changes: () => Promise<void> };
  let reader: { client: ConnectedClient; changes: () => Promise<void> };

  beforeAll(async () => {
    ada = await connect('Ada Lovelace');
    reader = await connect('Rita Reader', 'allow-read');
  });
  afterAll(async () => {
    await ada?.client.close();
    await reader?.client.close();
  });

  it('reaches the session: told the list changed, the denied tool no longer listed, and its call refused', async () => {
    expect(await toolNames(ada.client)).toContain('clock_in');
    const changed = ada.changes();
    deploy({ schemaVersion: 1, ai: { deniedTools: ['clock_in'] } });
    await told(changed);
    const names = await toolNames(ada.client);
    expect(names).not.toContain('clock_in');
    expect(names).toContain('clock_out');
    const refused = await ada.client.call('clock_in');
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe("Your organisation's policy does not let AI clients use clock_in. Nothing was done.");
    // Nothing was started by it.
    expect((await ada.client.call('timer_status')).structuredContent?.running).toBeNull();
  });

  it('and back, when the policy allows the tool again', async () => {
    const changed = ada.changes();
    deploy({ schemaVersion: 1 });
    await told(changed);
    expect(await toolNames(ada.client)).toContain('clock_in');
    const clockedIn = await ada.client.call('clock_in');
    expect(clockedIn.isError, textOf(clockedIn)).toBeFalsy();
    expect((await ada.client.call('timer_status')).structuredContent?.running).not.toBeNull();
  });

  it("leaves a read-only token's writing tools hidden when the policy allows them", async () => {
    const before = await toolNames(reader.client);
    expect(before).toContain('timer_status');
    expect(before).not.toContain('clock_in');
    // Read-only from the policy, then writing allowed again: the token still may only read.
    let changed = reader.changes();
    deploy({ schemaVersion: 1, ai: { readOnly: true, deniedTools: ['timer_status'] } });
    await told(changed);
    expect(await toolNames(reader.client)).not.toContain('timer_status');
    changed = reader.changes();
    deploy({ schemaVersion: 1 });
    await told(changed);
    const after = await toolNames(reader.client);
    expect(after).toContain('timer_status');
    expect(after).not.toContain('clock_in');
    expect(after).not.toContain('log_time');
    // Called all the same, it says the token may only read.
    const refused = await reader.client.call('clock_in');
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      "clock_in changes your records, and AI clients may only read here (Punchcard's read-only switch, or a connection granted reading only). Nothing was done.",
    );
  });

  it('says in the log that it applies at once', () => {
    expect(server.stderr()).toMatch(/policy changed; it applies at once, in open sessions too/);
  });
});
