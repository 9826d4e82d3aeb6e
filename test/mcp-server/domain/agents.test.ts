// The client's name as a call knows it, and the labels an agent's entry carries in each back end.
import { describe, expect, it } from 'vitest';
import {
  agentOfTags,
  agentSlug,
  agentTag,
  clientIdentity,
  isAgentSlug,
  looksLikeAgentPrefix,
  looksLikeAgentTag,
  splitAgentPrefix,
  withAgentPrefix,
} from '../../../mcp-server/domain/agents.ts';

describe('clientIdentity', () => {
  it('keeps a name trimmed and printable, at most 64 characters, with a slug for labels', () => {
    expect(clientIdentity('  Claude Code ')).toEqual({ name: 'Claude Code', slug: 'claude-code' });
    expect(clientIdentity('Cursor\u001b[31m\u0000 (VS\u200bCode)')).toEqual({ name: 'Cursor[31m (VSCode)', slug: 'cursor-31m-vscode' });
    expect(clientIdentity('Zed  Éditeur')).toEqual({ name: 'Zed Éditeur', slug: 'zed-éditeur' });
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

  it('makes a slug of letters and digits with single dashes between them', () => {
    expect(agentSlug('GitHub Copilot / Chat')).toBe('github-copilot-chat');
    expect(agentSlug('--x--')).toBe('x');
  });
});

// Issue 64, item 8: a name keeps the letters of every script. Folding a look-alike onto ASCII (or
// dropping what is not a-z) let one client's label be another's: "Сlaude" with a Cyrillic С became
// "laude", a Greek or Cyrillic name had no label at all, and "Zed Éditeur" lost its accent.
describe('the slug of a name in any script', () => {
  it('keeps letters of every script, so a look-alike across scripts is a label of its own', () => {
    expect(agentSlug('\u0421laude')).toBe('\u0441laude');
    expect(agentSlug('\u0421laude')).not.toBe(agentSlug('laude'));
    expect(agentSlug('\u0421laude')).not.toBe(agentSlug('Claude'));
    expect(agentSlug('Клод Код')).toBe('клод-код');
    expect(agentSlug('Ζεύς')).toBe('ζεύσ');
    expect(agentSlug('克劳德 代码')).toBe('克劳德-代码');
    expect(agentSlug('हिन्दी सहायक')).toBe('हिन्दी-सहायक');
    expect(agentSlug('Zed Éditeur')).toBe('zed-éditeur');
    expect(agentSlug('Łukasz’s bot')).toBe('łukasz-s-bot');
  });

  it('is the same for the same name in another case, width or composition (NFKC and case folding)', () => {
    for (const same of ['Claude', 'claude ', 'CLAUDE', '\uff23\uff4c\uff41\uff55\uff44\uff45', '\uff43\uff4c\uff41\uff55\uff44\uff45'])
      expect(agentSlug(same)).toBe('claude');
    expect(agentSlug('Zed E\u0301diteur')).toBe(agentSlug('Zed Éditeur'));
    expect(agentSlug('STRASSE')).toBe(agentSlug('Straße'));
    expect(agentSlug('ΟΔΟΣ')).toBe(agentSlug('οδοσ'));
    expect(agentSlug('ΟΔΟΣ')).toBe(agentSlug('οδος'));
  });

  it('drops a combining mark that follows no letter, and counts its length in characters, not UTF-16 units', () => {
    expect(agentSlug('- \u0301x')).toBe('x');
    expect(agentSlug('𝒳'.repeat(70))).toBe('x'.repeat(64));
    expect([...agentSlug('𠀀'.repeat(70))]).toHaveLength(64);
  });

  it('is a slug already when made again from a slug (idempotent), for names in many scripts', () => {
    const names = [
      'Claude Code',
      '\u0421laude',
      'ΣΊΣΥΦΟΣ',
      'İstanbul',
      'Straße',
      'ǅemal',
      'ﬁle ﬂow',
      'Ⅻ ①',
      'x\u0308\u0301y',
      'ᏣᎳᎩ',
      '𝕮𝖑𝖆𝖚𝖉𝖊',
      'カタカナ ｶﾀｶﾅ',
    ];
    for (const name of names) {
      const slug = agentSlug(name);
      expect(slug, name).not.toBe('');
      expect(agentSlug(slug), name).toBe(slug);
      expect(isAgentSlug(slug), name).toBe(true);
    }
  });

  it('labels a name in another script, and reads the label back as that agent', () => {
    const agent = agentSlug('Клод');
    expect(agentOfTags([agentTag(agent)])).toBe('клод');
    expect(splitAgentPrefix(withAgentPrefix('Написал тесты', agent))).toEqual({ agent: 'клод', description: 'Написал тесты' });
    expect(clientIdentity('Клод')).toEqual({ name: 'Клод', slug: 'клод' });
  });

  it('still reads every label recorded before (a-z, 0-9 and dashes), whatever name made it', () => {
    // Recorded by "Zed Éditeur" before the accent was kept: still an agent's time, under the old spelling.
    expect(agentOfTags(['ai-zed-editeur'])).toBe('zed-editeur');
    expect(agentOfTags(['AI-Codex'])).toBe('codex');
    expect(splitAgentPrefix('[ai:zed-editeur] Fixed the build')).toEqual({ agent: 'zed-editeur', description: 'Fixed the build' });
    expect(isAgentSlug('claude-code')).toBe(true);
  });

  it('reads no label that is not a slug as made (another case, spaces, a name with a dash at either end)', () => {
    expect(agentOfTags(['ai-Has Space', 'ai--x', 'ai-x-', 'ai-ＣＬＡＵＤＥ', 'ai-straße'])).toBeUndefined();
    expect(splitAgentPrefix('[ai:Клод] x')).toEqual({ description: '[ai:Клод] x' });
  });
});

// Issue 64, item 7: only record_agent_time sets a label. What the other tools refuse is anything a
// reader takes for a label, and anything a person would read as one: other case, width, spaces,
// invisible characters, other dashes and look-alike letters of the mark (ai-, [ai:).
describe('what looks like a label', () => {
  it('a tag: ai- in any case, width or spacing, with other dashes, invisible characters or look-alike letters', () => {
    for (const tag of [
      'ai-claude-code',
      'AI-Claude-Code',
      ' ai-claude-code ',
      '\uff21\uff29-claude',
      '\u0430\u0456-claude',
      '\u0391\u0399-claude',
      'ai\u2013claude',
      'ai\u2212claude',
      'a\u200bi-claude',
      'a\u00ADi-claude',
      'a\u034Fi-claude',
      '\u202Eai-claude',
      'ai -claude',
      'ái-claude',
      'ai-\u0421laude',
      'ai-',
      'AI-assisted',
    ]) {
      expect(looksLikeAgentTag(tag), JSON.stringify(tag)).toBe(true);
    }
  });

  it('a description: [ai: at its start in any case, width or spacing, or with look-alike letters', () => {
    for (const description of [
      '[ai:claude-code] Ran the tests',
      '[AI:Claude-Code] Ran the tests',
      '  [ai:claude-code]',
      '\u200b[ai:claude-code] x',
      '\uff3b\uff41\uff49\uff1aclaude\uff3d x',
      '[\u0430\u0456:claude] x',
      '[ai\u2236claude] x',
      '[ ai : claude ] x',
      '[ai:Клод] x',
    ]) {
      expect(looksLikeAgentPrefix(description), JSON.stringify(description)).toBe(true);
    }
  });

  it('not a tag or a description that only has the letters elsewhere', () => {
    for (const tag of ['aide', 'air-travel', 'main-ai', 'billing', 'al-jazeera', 'a-i', 'ai', 'AI research', 'maintenance']) {
      expect(looksLikeAgentTag(tag), tag).toBe(false);
    }
    for (const description of ['Talked about [ai:codex] later', 'ai: review', '[aim:x] y', '(ai:x) y', '[a]i:x', 'AI pairing on the importer']) {
      expect(looksLikeAgentPrefix(description), description).toBe(false);
    }
  });

  it('whatever a reader takes for a label looks like one', () => {
    const names = ['Claude Code', '\u0421laude', 'Клод', 'ΣΊΣΥΦΟΣ', 'x', '7', 'ﬁle', 'zed-editeur'];
    for (const name of names) {
      const agent = agentSlug(name);
      for (const tag of [agentTag(agent), agentTag(agent).toUpperCase(), ` ${agentTag(agent)} `]) {
        if (agentOfTags([tag]) !== undefined) expect(looksLikeAgentTag(tag), tag).toBe(true);
      }
      const description = withAgentPrefix('Work', agent);
      expect(splitAgentPrefix(description).agent).toBe(agent);
      expect(looksLikeAgentPrefix(description), description).toBe(true);
    }
  });
});
