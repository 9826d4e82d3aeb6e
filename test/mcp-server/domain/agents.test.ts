// The client's name as a call knows it, and the labels an agent's entry carries in each back end.
import { describe, expect, it } from 'vitest';
import { agentOfTags, agentSlug, agentTag, clientIdentity, splitAgentPrefix, withAgentPrefix } from '../../../mcp-server/domain/agents.ts';

describe('clientIdentity', () => {
  it('keeps a name trimmed and printable, at most 64 characters, with a slug for labels', () => {
    expect(clientIdentity('  Claude Code ')).toEqual({ name: 'Claude Code', slug: 'claude-code' });
    expect(clientIdentity('Cursor\u001b[31m\u0000 (VS\u200bCode)')).toEqual({ name: 'Cursor[31m (VSCode)', slug: 'cursor-31m-vscode' });
    expect(clientIdentity('Zed  Éditeur')).toEqual({ name: 'Zed Éditeur', slug: 'zed-editeur' });
    const long = clientIdentity('a'.repeat(40) + ' ' + 'b'.repeat(40));
    expect(long?.name).toHaveLength(64);
    expect(long?.slug).toBe(`${'a'.repeat(40)}-${'b'.repeat(23)}`);
  });

  it('is null for no name, a blank one or one of control characters alone; a name without letters keeps an empty slug', () => {
    expect(clientIdentity(undefined)).toBeNull();
    expect(clientIdentity(42)).toBeNull();
    expect(clientIdentity(' \t ')).toBeNull();
    expect(clientIdentity('\u0007\u001b')).toBeNull();
    expect(clientIdentity('「」')).toEqual({ name: '「」', slug: '' });
  });
});

describe('labels', () => {
  it('reads back the agent of a tag and a description prefix it wrote, and nothing else', () => {
    expect(agentOfTags(['meeting', agentTag('claude-code')])).toBe('claude-code');
    expect(agentOfTags(['AI-Codex'])).toBe('codex');
    expect(agentOfTags(['ai-', 'ai-has space', 'aide', 'meeting'])).toBeUndefined();
    expect(splitAgentPrefix(withAgentPrefix('Wrote tests', 'claude-code'))).toEqual({ agent: 'claude-code', description: 'Wrote tests' });
    expect(splitAgentPrefix(withAgentPrefix('', 'codex'))).toEqual({ agent: 'codex', description: '' });
    expect(splitAgentPrefix('[ai:Not A Slug] x')).toEqual({ description: '[ai:Not A Slug] x' });
    expect(splitAgentPrefix('Talked about [ai:codex] later')).toEqual({ description: 'Talked about [ai:codex] later' });
  });

  it('makes a slug of lowercase letters, digits and single dashes', () => {
    expect(agentSlug('GitHub Copilot / Chat')).toBe('github-copilot-chat');
    expect(agentSlug('--x--')).toBe('x');
  });
});
