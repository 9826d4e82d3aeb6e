// What a prompt-injected AI client can send to the built server over stdio, on the local timesheet:
// ranges of thousands of years, dates far outside any timesheet, a "__proto__" key the SDK would drop
// before the tool's strict check, and names that carry terminal escapes. Each test is one attack; each
// is answered in words, costs no work that grows with the attack, and leaves the server serving.
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINE_NODE_FLAGS } from '../../../mcp-server/engine-flags.ts';
import { withoutControls } from '../../../mcp-server/plain-text.ts';
import { type EngineHandle, makeUserDataDir, startEngine, textOf } from '../../support/engine.ts';
import { runCli } from '../../support/run-cli.ts';
import { cleanUp, type Era, eraRequest, legacyOpening, modernOpening, removeTempDir, serverEnv, spawnRawServer } from '../../support/raw-stdio.ts';

const engines: EngineHandle[] = [];
const folders: string[] = [];
afterEach(async () => {
  cleanUp();
  for (const engine of engines.splice(0)) await engine.close();
  for (const dir of folders.splice(0)) removeTempDir(dir);
});

/** The engine as a registered entry starts it: with the heap flags (a 256 MB old space). */
async function entryEngine(): Promise<EngineHandle> {
  const engine = await startEngine({ nodeFlags: ENGINE_NODE_FLAGS, args: ['--all-tools'] });
  engines.push(engine);
  return engine;
}

describe('ranges that grow the work (the heap and request floods)', () => {
  it('request_leave from 0001-01-01 to 9999-12-31 is refused in words before any day is counted, and the engine lives on', async () => {
    const engine = await entryEngine();
    const result = await engine.call('request_leave', { type: 'vacation', first_day: '0001-01-01', last_day: '9999-12-31' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('first_day: 0001-01-01 is outside the years Punchcard works with (2000 to 2100).');
    // Within the years, a range longer than one request may be is refused before its plan is built.
    const long = await engine.call('request_leave', { type: 'vacation', first_day: '2000-01-01', last_day: '2100-12-31' });
    expect(textOf(long)).toBe('That range covers 36890 calendar days; one request can cover at most 366. Split it into several requests.');
    expect((await engine.call('list_leave_requests', { from: '2000-01-01', to: '2010-12-31', include_cancelled: true })).structuredContent).toEqual({
      requests: [],
    });
    expect((await engine.call('timer_status')).isError).toBeFalsy();
  });

  const overLimits: Array<[string, Record<string, unknown>, string]> = [
    ['list_time_entries', { from: '2024-01-01', to: '2026-12-31' }, 'From 2024-01-01 to 2026-12-31 is 1096 days; ask for at most 366 at a time.'],
    ['time_report', { from: '2024-01-01', to: '2026-12-31' }, 'From 2024-01-01 to 2026-12-31 touches 3 calendar years; ask for at most 2 at a time.'],
    [
      'list_leave_requests',
      { from: '2000-01-01', to: '2100-12-31' },
      'From 2000-01-01 to 2100-12-31 touches 101 calendar years; ask for at most 11 at a time.',
    ],
    ['absence_calendar', { from: '2026-01-01', to: '2026-12-31' }, 'From 2026-01-01 to 2026-12-31 is 365 days; ask for at most 92 at a time.'],
  ];
  for (const [tool, args, refusal] of overLimits) {
    it(`${tool} over its range limit is refused before any work`, async () => {
      const engine = await entryEngine();
      const result = await engine.call(tool, args);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(refusal);
    });
  }

  it('the largest ranges within the limits are answered', async () => {
    const engine = await entryEngine();
    for (const [tool, args] of [
      ['list_time_entries', { from: '2026-01-01', to: '2026-12-31' }],
      ['time_report', { from: '2025-01-01', to: '2026-12-31', group_by: 'week' }],
      ['list_leave_requests', { from: '2026-01-01', to: '2036-12-31' }],
      ['absence_calendar', { from: '2026-01-01', to: '2026-04-02' }],
      ['request_leave', { type: 'unpaid', first_day: '2027-01-01', last_day: '2027-12-31' }],
    ] as const) {
      const result = await engine.call(tool, args);
      expect(result.isError, `${tool}: ${textOf(result)}`).toBeFalsy();
    }
  });

  it('dates and times outside 2000 to 2100 are refused wherever a person writes one', async () => {
    const engine = await entryEngine();
    expect(textOf(await engine.call('log_time', { date: '1999-12-31', duration: '1h' }))).toBe(
      'date: 1999-12-31 is outside the years Punchcard works with (2000 to 2100).',
    );
    expect(textOf(await engine.call('clock_in', { start: '1970-01-01T09:00:00Z' }))).toBe(
      'start: 1970-01-01 is outside the years Punchcard works with (2000 to 2100).',
    );
    expect(textOf(await engine.call('list_time_entries', { from: '9999-01-01' }))).toBe(
      'from: 9999-01-01 is outside the years Punchcard works with (2000 to 2100).',
    );
    expect((await engine.call('list_time_entries', { from: '2000-01-01', to: '2000-12-31' })).isError).toBeFalsy();
  });
});

describe.each(['legacy', 'modern'] as const)('a "__proto__" key in the arguments (%s era)', (era: Era) => {
  function start() {
    const dir = makeUserDataDir();
    folders.push(dir);
    const server = spawnRawServer(['--user-data', dir], serverEnv(dir));
    server.send(...(era === 'legacy' ? legacyOpening() : modernOpening()));
    return server;
  }
  const call = (id: number, args: string) => {
    const request = eraRequest(era, id, 'tools/call', { name: 'clock_in', arguments: {} }) as { params: Record<string, unknown> };
    // Written by hand: JSON.stringify cannot write a "__proto__" key, and the SDK's client would drop it.
    return JSON.stringify(request).replace('"arguments":{}', `"arguments":${args}`);
  };

  it('is refused like any unknown argument, before the SDK could drop it, and nothing is done', async () => {
    const server = start();
    await server.response(2);
    server.sendRaw(`${call(3, '{}')}\n`);
    expect(((await server.response(3)).message.result as { isError?: boolean }).isError).toBeFalsy();
    // The attack: switch: true hidden where only the prototype would carry it.
    server.sendRaw(`${call(4, '{"__proto__":{"switch":true,"description":"injected"}}')}\n`);
    const refused = (await server.response(4)).message.result as { isError: boolean; content: Array<{ text: string }> };
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toBe(
      'Input validation error: Invalid arguments for tool clock_in: Unknown argument "__proto__": clock_in takes project, activity, description, start, switch, fields. Nothing was done.',
    );
    // Spelt with escapes, it is the same key.
    server.sendRaw(`${call(5, '{"\\u005f_proto__":{}}')}\n`);
    expect(((await server.response(5)).message.result as { isError: boolean }).isError).toBe(true);
    // The timer from the first call runs on, untouched.
    server.send(eraRequest(era, 6, 'tools/call', { name: 'timer_status', arguments: {} }));
    const status = (await server.response(6)).message.result as { structuredContent: { running: { description: string; id: number } } };
    expect(status.structuredContent.running).toMatchObject({ id: 1, description: '' });
  });

  it('answers in the shape the SDK gives its own refusal of an unknown argument', async () => {
    const server = start();
    await server.response(2);
    server.sendRaw(`${call(3, '{"projct":"x"}')}\n`);
    server.sendRaw(`${call(4, '{"__proto__":1}')}\n`);
    const sdk = (await server.response(3)).message.result as Record<string, unknown>;
    const ours = (await server.response(4)).message.result as Record<string, unknown>;
    expect(JSON.stringify(ours).replaceAll('\\"__proto__\\"', '\\"projct\\"')).toBe(JSON.stringify(sdk));
  });

  it('elsewhere in a request is invalid params', async () => {
    const server = start();
    await server.response(2);
    const request = JSON.stringify(eraRequest(era, 3, 'tools/list'))
      .replace('"params":{}', '"params":{"__proto__":{"x":1}}')
      .replace('"params":{"_meta"', '"params":{"__proto__":{"x":1},"_meta"');
    server.sendRaw(`${request}\n`);
    expect((await server.response(3)).message.error).toEqual({
      code: -32602,
      message: 'Invalid params: the key "__proto__" (at params.__proto__) is not accepted.',
    });
  });
});

/** Every string inside a value that still holds a control character. */
function controlled(value: unknown): string[] {
  if (typeof value === 'string') return value === withoutControls(value) ? [] : [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(controlled);
}

describe('names that carry terminal escapes', () => {
  it('reach a client without control characters (no ESC, no BEL, no C1), in the text and the structured result', async () => {
    const engine = await entryEngine();
    const name = 'Web\u001b]0;owned\u0007site\u001b[2J\u009b31m';
    await engine.call('create_catalog_item', { kind: 'project', name });
    const listed = await engine.call('list_catalog', {});
    const everything = `${textOf(listed)}${JSON.stringify(listed.structuredContent)}`;
    expect(everything).toBe(withoutControls(everything));
    // The text says the tracker's name as one quoted line, each control character shown as an escape
    // (contract/outcomes/quoted-line.ts); the structured result loses them.
    expect(textOf(listed)).toContain('"Web\\u{1B}]0;owned\\u{7}site\\u{1B}[2J\\u{9B}31m"');
    expect(JSON.stringify(listed.structuredContent)).toContain('Web]0;ownedsite[2J31m');
  });

  it('reach a client without control characters in completions, prompt text, questions and refusals alike', async () => {
    const questions: unknown[] = [];
    const engine = await startEngine({
      args: ['--all-tools'],
      elicitation: (params) => {
        questions.push(params);
        return { action: 'decline' };
      },
    });
    engines.push(engine);
    // ESC sequences (an OSC 8 link, a CSI), BEL, and the C1 controls CSI and NEL.
    const name = 'Web\u001b]8;;https://evil.example\u0007site\u001b]8;;\u0007\u009b2J\u0085';
    const clean = 'Web]8;;https://evil.examplesite]8;;2J';
    await engine.call('create_catalog_item', { kind: 'project', name });
    await engine.call('create_catalog_item', { kind: 'project', name: `${name} two` });
    const { completion } = await engine.client.complete({ ref: { type: 'ref/prompt', name: 'fill_my_day' }, argument: { name: 'project', value: 'web' } });
    expect(completion.values).toEqual([clean, `${clean} two`]);
    const { messages } = await engine.client.getPrompt({ name: 'fill_my_day', arguments: { project: name, day: `standup\u001b[2J` } });
    expect(JSON.stringify(messages)).toContain(clean);
    expect(controlled(messages)).toEqual([]);
    // "web" fits both by part of their name: the person is asked which, in clean words.
    const refused = await engine.call('log_time', { date: 'yesterday', duration: '1h', project: 'web' });
    expect(questions, textOf(refused)).toHaveLength(1);
    expect(JSON.stringify(questions[0])).toContain(clean);
    expect(controlled(questions)).toEqual([]);
    const words = `${textOf(refused)}${textOf(await engine.call('log_time', { date: 'yesterday', duration: '1h', project: `${name} three` }))}`;
    // In a tool's text the names are quoted lines, their control characters shown as escapes.
    expect(words).toContain('"Web\\u{1B}]8;;https://evil.example\\u{7}site\\u{1B}]8;;\\u{7}\\u{9B}2J\\u{85}"');
    expect(words).toBe(withoutControls(words));
  });

  it("on the command line: a value an extension's form set is said back without them", async () => {
    const home = makeUserDataDir();
    folders.push(home);
    const { code, stderr } = await runCli([], { HOME: home, PUNCHCARD_PROVIDER: 'kimai\u001b]0;owned\u0007\u009b2J' });
    expect(code).toBe(2);
    expect(stderr).toContain('PUNCHCARD_PROVIDER is local, kimai, clockodo, calamari, clockify, toggl, harvest or tempo (not "kimai]0;owned2J").');
    expect(stderr).toBe(withoutControls(stderr));
  });
});
