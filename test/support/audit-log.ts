// The team server's audit log as its tests read it (test/team-server/team/audit-log*.test.ts): the
// lines `punchcard-mcp audit --config FILE` prints (the built bundle, as a subprocess beside the running
// server), the lines a change added, and an administrator's client whose every question is answered yes.
import type { ElicitResult } from '@modelcontextprotocol/client';
import { expect } from 'vitest';
import type { AuditRecord } from '../../team-server/store/store.ts';
import type { Era } from './engine.ts';
import { runTeamCli } from './run-cli.ts';
import { type ConnectedClient, connectAs, MemoryOAuthProvider, TEST_SERVER_KEY, type TeamServerHandle, trackerSignIn } from './team-server.ts';

/**
 * A record as `audit` prints it (team-server/cli/serve-command.ts): the store's own, its time in ISO 8601,
 * and what changed as the tests read it (the call's arguments, and what it made where it keeps that).
 */
export type AuditLine = Omit<AuditRecord, 'at' | 'change'> & {
  at: string;
  change: { arguments: Record<string, unknown>; record?: Record<string, unknown> };
};

/** `punchcard-mcp audit --config FILE ARGS`, with the lines it printed read as JSON. */
export async function readAudit(server: TeamServerHandle, ...args: string[]): Promise<{ code: number; lines: AuditLine[]; stdout: string; stderr: string }> {
  // The server's key, as every command on its store needs (team-server/admin/admin-io.ts).
  const run = await runTeamCli(['audit', '--config', server.configPath, ...args], { HOME: server.dataDir, PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY });
  return {
    ...run,
    lines: run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AuditLine),
  };
}

/** Waits (up to 5 s: the server writes its records behind the answer) until `count` lines follow the first `before`, and returns them. */
export async function linesAfter(server: TeamServerHandle, before: number, count: number): Promise<AuditLine[]> {
  let lines: AuditLine[] = [];
  await expect.poll(async () => (lines = (await readAudit(server)).lines.slice(before)).length).toBe(count);
  return lines;
}

/** A client of the person whose tracker key is `token`, named `clientName`, that accepts every question with `content`. */
export function connectAdministrator(
  server: TeamServerHandle,
  options: { era: Era; token: string; clientName: string; content?: ElicitResult['content'] },
): Promise<ConnectedClient> {
  const content = options.content ?? { confirm: true };
  return connectAs(server, {
    era: options.era,
    oauth: new MemoryOAuthProvider({ clientName: options.clientName }),
    signIn: trackerSignIn(options.token),
    elicitation: () => ({ action: 'accept', content }),
  });
}
