// AI agents' own time (docs/tools.md, record_agent_time): the MCP client's name as a call knows it,
// made safe to show and to label with, and the label every back end keeps on an agent's entry in its
// own way: a tag `ai-<agent>` where it has tags (Kimai, Clockify), a description prefix
// `[ai:<agent>] ` where it has none (Clockodo, Calamari), a column of its own on the local timesheet.
// The agent is always the slug: what a label can carry, and so what comes back when it is read.

/** The longest client name kept; clients send what they like, and it is shown and journalled. */
export const MAX_CLIENT_NAME = 64;

/** The client of a call, from its `clientInfo.name`. */
export interface ClientIdentity {
  /** The name as the client gave it: trimmed, without control characters, at most MAX_CLIENT_NAME characters. */
  readonly name: string;
  /** The name as a label carries it: lowercase letters, digits and single '-' between them; '' where the name has none. */
  readonly slug: string;
}

const AGENT_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TAG_PREFIX = 'ai-';
/** `[ai:claude-code] ` at the start of a description (Clockodo, Calamari). */
const DESCRIPTION_PREFIX = /^\[ai:([a-z0-9]+(?:-[a-z0-9]+)*)\] ?/;

/** The client a call names, or null where it names none (or only blanks and control characters). */
export function clientIdentity(name: unknown): ClientIdentity | null {
  if (typeof name !== 'string') return null;
  // Control, format and unassigned characters out (a name is shown and journalled), runs of spaces as one.
  const printable = name
    .replace(/[\p{C}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  const kept = [...printable].slice(0, MAX_CLIENT_NAME).join('').trim();
  if (kept === '') return null;
  return { name: kept, slug: agentSlug(kept) };
}

/** "Claude Code" → "claude-code"; letters with accents lose them; what is neither letter nor digit becomes one '-'. */
export function agentSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_CLIENT_NAME)
    .replace(/-+$/, '');
}

export function isAgentSlug(value: string): boolean {
  return value.length <= MAX_CLIENT_NAME && AGENT_SLUG.test(value);
}

/** The tag an agent's entry carries where the back end has tags. */
export function agentTag(agent: string): string {
  return `${TAG_PREFIX}${agent}`;
}

/** The agent a set of tags names (the first `ai-<agent>` among them), or undefined. */
export function agentOfTags(tags: readonly string[]): string | undefined {
  for (const tag of tags) {
    const name = tag.trim().toLowerCase();
    if (name.startsWith(TAG_PREFIX) && isAgentSlug(name.slice(TAG_PREFIX.length))) return name.slice(TAG_PREFIX.length);
  }
  return undefined;
}

/** The description an agent's entry is written with where the back end has no tags. */
export function withAgentPrefix(description: string, agent: string): string {
  return description === '' ? `[ai:${agent}]` : `[ai:${agent}] ${description}`;
}

/** A description as read back: the agent its prefix names, and the description without it. */
export function splitAgentPrefix(description: string): { agent?: string; description: string } {
  const match = DESCRIPTION_PREFIX.exec(description);
  if (!match?.[1]) return { description };
  return { agent: match[1], description: description.slice(match[0].length) };
}
