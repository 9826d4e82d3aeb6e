// A tool withheld from a person under one organisation credential, called by name all the same (a prompt-injected
// client, or one that kept an old list), through the BUILT team server, the OpenID provider stand-in and the fake
// Clockodo: it answers why in words, as a tool result with the refusal `tool_withheld` in its `_meta`, never the SDK's
// "Tool … disabled"; nothing reaches Clockodo and nothing is written to the audit log. Timesheet approvals Clockodo
// has none of; the administration is the owner's key's, never the person's; a tool the server's settings switch off
// says so instead. The owner's login, which goes with the key, is in none of the answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_META_KEY } from '../../../mcp-server/contract/outcomes/refusal-meta.ts';
import { textOf, type ToolResult } from '../../support/engine.ts';
import { companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import { runTeamCli } from '../../support/run-cli.ts';
import { connectAs, freePort, TEST_SERVER_KEY, type TeamServerHandle } from '../../support/team-server.ts';
import {
  DEFAULT_USERS as CLOCKODO_USERS,
  type FakeClockodo,
  type FakeUser as ClockodoUser,
  startFakeClockodo,
} from '../../mcp-server/providers/clockodo/fake-clockodo.ts';
import { organisationServer } from './organisation-support.ts';

const [ADA_WORKER, , , OLGA] = CLOCKODO_USERS as [ClockodoUser, ClockodoUser, ClockodoUser, ClockodoUser];

describe('a tool withheld under one organisation credential, called by name (Clockodo, built server)', () => {
  let fake: FakeClockodo;
  let idp: IdentityProvider;
  let server: TeamServerHandle;

  beforeAll(async () => {
    fake = await startFakeClockodo();
    const port = await freePort();
    idp = await startIdentityProvider({
      accounts: [{ id: 'ada', name: 'Ada W.', email: ADA_WORKER.email, emailVerified: true }],
      redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`],
    });
    // The administrator switches the approvals group on for everyone, and delete_time_entry off.
    ({ server } = await organisationServer(idp, port, { type: 'clockodo', url: fake.url }, OLGA.apiKey, {
      built: true,
      organisation: { user: OLGA.email },
      settings: { tools: { groups: { approvals: true }, enabled: { delete_time_entry: false } } },
    }));
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.close();
    await fake?.close();
  });

  it('says why for each, as a tool result the model reads, sending nothing to Clockodo and recording nothing', async () => {
    const ada = await connectAs(server, { era: 'modern', signIn: companySignIn(idp, 'ada') });
    const calls: Array<[string, Record<string, unknown>]> = [
      ['submit_timesheet', {}],
      ['decide_timesheet', { id: '1', decision: 'approve' }],
      ['manage_people', { action: 'list' }],
      ['delete_time_entry', { id: 1 }],
    ];
    const answers: ToolResult[] = [];
    try {
      const listed = (await ada.client.listTools()).tools.map((tool) => tool.name);
      expect(listed).toContain('log_time');
      expect(listed.filter((name) => calls.some(([called]) => called === name))).toEqual([]);
      const before = fake.requests.length;
      for (const [name, args] of calls) answers.push((await ada.call(name, args)) as ToolResult);
      expect(fake.requests.slice(before)).toEqual([]);
    } finally {
      await ada.close();
    }
    const organisationWords = (tool: string) =>
      `This server acts for you through your company's Clockodo account, and through it ${tool} is not yours: Clockodo may not have it, your own role there may not reach it (a team's tools are for those who lead people in Clockodo), or it cannot be narrowed to you alone. Where Clockodo gives it to you, use its own pages, signed in as yourself. Nothing was sent.`;
    expect(answers.map((answer) => [answer.isError, textOf(answer)])).toEqual([
      [true, organisationWords('submit_timesheet')],
      [true, organisationWords('decide_timesheet')],
      [true, organisationWords('manage_people')],
      [
        true,
        "delete_time_entry is switched off for AI clients in the settings Punchcard runs with: the Tools section of Punchcard's preferences switches it on (on a team server, its administrator does). Nothing was done.",
      ],
    ]);
    expect(answers.map((answer) => answer._meta?.[REFUSAL_META_KEY])).toEqual([
      { code: 'tool_withheld', facts: { tool: 'submit_timesheet', why: 'organisation_account', back_end: 'Clockodo' } },
      { code: 'tool_withheld', facts: { tool: 'decide_timesheet', why: 'organisation_account', back_end: 'Clockodo' } },
      { code: 'tool_withheld', facts: { tool: 'manage_people', why: 'organisation_account', back_end: 'Clockodo' } },
      { code: 'tool_withheld', facts: { tool: 'delete_time_entry', why: 'settings', back_end: 'Clockodo' } },
    ]);
    // Neither the owner's login nor the key reaches the person, and no answer names a tool it was not asked about.
    for (const answer of answers) {
      expect(JSON.stringify(answer)).not.toContain(OLGA.email);
      expect(JSON.stringify(answer)).not.toContain(OLGA.apiKey);
      expect(answer.structuredContent).toBeUndefined();
    }
    const audit = await runTeamCli(['audit', '--config', server.configPath], { HOME: server.dataDir, PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY });
    expect(audit.stdout.trim()).toBe('');
  });

  it("keeps a name Punchcard has no tool for the protocol's own error", async () => {
    const ada = await connectAs(server, { era: 'legacy', signIn: companySignIn(idp, 'ada') });
    try {
      const said = await ada.call('submit_timesheets', {}).then(
        (result) => `answered: ${textOf(result as ToolResult)}`,
        (error: Error) => error.message,
      );
      expect(said).toMatch(/submit_timesheets not found/);
    } finally {
      await ada.close();
    }
  });
});
