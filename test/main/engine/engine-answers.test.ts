// The engine client's pure parts: how a tool's answer is read and how a failed start is worded.
import { describe, expect, it } from 'vitest';
import { startError, toolResult } from '../../../main/engine/engine-client.ts';
import { EngineError, messages } from '../../../main/engine/engine-error.ts';
import { REFUSAL_META_KEY } from '../../../mcp-server/contract/outcomes/refusal-meta.ts';

describe('toolResult', () => {
  it('joins the text blocks and keeps the structured part', () => {
    const answer = toolResult('get_status', {
      content: [
        { type: 'text', text: 'Clocked in.' },
        { type: 'image', data: '', mimeType: 'image/png' },
        { type: 'text', text: 'Since 09:00.' },
      ],
      structuredContent: { running: true },
    });
    expect(answer).toEqual({ structured: { running: true }, text: 'Clocked in.\nSince 09:00.' });
  });

  it('turns an error answer into a tool EngineError, with a sentence even when the tool gave none', () => {
    const failing = (text: string) => () => toolResult('clock_in', { content: text ? [{ type: 'text', text }] : [], isError: true });
    expect(failing('No project "X".')).toThrow(expect.objectContaining({ kind: 'tool', tool: 'clock_in', message: 'No project "X".' }));
    expect(failing('')).toThrow('clock_in failed without saying why.');
  });

  it("carries the refusal from the answer's _meta into the EngineError, its sentence as the message", () => {
    const refusal = { code: 'clock_out_no_timer', facts: {} };
    const refused = () =>
      toolResult('clock_out', { content: [{ type: 'text', text: 'No timer is running.' }], isError: true, _meta: { [REFUSAL_META_KEY]: refusal } });
    expect(refused).toThrow(expect.objectContaining({ kind: 'tool', tool: 'clock_out', refusal, message: 'No timer is running.' }));
  });
});

describe('startError', () => {
  const how = { command: '/opt/Punchcard/punchcard', startTimeoutMs: 20_000 };

  it('says the command cannot run when spawning failed', () => {
    const spawnFailure = Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT', syscall: 'spawn /opt/Punchcard/punchcard' });
    const error = startError(spawnFailure, [], how);
    expect(error).toBeInstanceOf(EngineError);
    expect(error.message).toBe(messages.cannotRun(how.command, 'ENOENT'));
  });

  it('says the engine stopped while starting for anything else, with its last output, and keeps an EngineError as it is', () => {
    const error = startError(new Error('pipe broke'), ['boom'], how);
    expect(error).toMatchObject({ kind: 'start', stderr: ['boom'], message: messages.exitedAtStart('pipe broke', ['boom']) });
    const given = new EngineError('start', 'already worded');
    expect(startError(given, [], how)).toBe(given);
  });
});
