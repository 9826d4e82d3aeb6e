// AI agents' own time (docs/tools.md, record_agent_time): the MCP client's name as a call knows it,
// made safe to show and to label with, and the label every back end keeps on an agent's entry in its
// own way: a tag `ai-<agent>` where it has tags (Kimai, Clockify), a description prefix
// `[ai:<agent>] ` where it has none (Clockodo, Calamari), a column of its own on the local timesheet.
// The agent is always the slug: what a label can carry, and so what comes back when it is read.
// Only record_agent_time sets a label: every other tool refuses a tag or a description that looks
// like one (looksLikeAgentTag, looksLikeAgentPrefix; tools/agent-labels.ts), so no other call turns
// a person's entry into an agent's, or an agent's into hers.

/** The longest client name kept; clients send what they like, and it is shown and journalled. */
export const MAX_CLIENT_NAME = 64;

/** The client of a call, from its `clientInfo.name`. */
export interface ClientIdentity {
  /** The name as the client gave it: trimmed, without control characters, at most MAX_CLIENT_NAME characters. */
  readonly name: string;
  /** The name as a label carries it: letters of any script (case folded) and digits, single '-' between them; '' where the name has none. */
  readonly slug: string;
}

/** How a back end keeps an agent's label: a tag, a prefix of the description, or a column of its own (the local timesheet). */
export type AgentLabelForm = 'tag' | 'description-prefix' | 'column';

const TAG_PREFIX = 'ai-';
/** `[ai:claude-code] ` at the start of a description (Clockodo, Calamari); what the brackets hold is an agent only if it is a slug. */
const DESCRIPTION_PREFIX = /^\[ai:([^\]]{1,256})\] ?/u;

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

/**
 * "Claude Code" → "claude-code": the name in NFKC, case folded, with its letters (of every script),
 * their marks and its digits kept and each run of anything else one '-', at most MAX_CLIENT_NAME
 * characters. Width, case and composition make no label of their own ("ＣＬＡＵＤＥ" is "claude"), but
 * a letter of another script does ("Сlaude" with a Cyrillic С is "сlaude", neither "claude" nor
 * "laude"): folding look-alikes together, or dropping what is not a-z, would let one client's name
 * spell another's label (issue 64). A label recorded before, of a-z, 0-9 and '-', is a slug still.
 */
export function agentSlug(name: string): string {
  const kept = caseFolded(name.normalize('NFKC'))
    .normalize('NFKC')
    // A mark belongs to the letter before it; one after none (a space, the start) goes.
    .replace(/(?<![\p{L}\p{M}\p{N}])\p{M}+/gu, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  // Characters, not UTF-16 units: the local timesheet's column holds at most 64 (SQLite's length()).
  return [...kept].slice(0, MAX_CLIENT_NAME).join('').replace(/-+$/, '');
}

/**
 * Unicode's case folding as far as a name needs it: lower case, and the two letters whose folding
 * differs from it in words (ß folds to "ss", as its capitals "SS" do; σ is σ at a word's end too,
 * where lower case makes it ς). The ligatures that fold apart, NFKC has split already.
 */
function caseFolded(text: string): string {
  return text.toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ');
}

/** An agent as agentSlug makes it: a label is read as an agent's only where it is one, so it reads back as it was written. */
export function isAgentSlug(value: string): boolean {
  return value !== '' && agentSlug(value) === value;
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
  if (!match?.[1] || !isAgentSlug(match[1])) return { description };
  return { agent: match[1], description: description.slice(match[0].length) };
}

/**
 * Characters a person reads as those of a label's mark (`ai-`, `[ai:`) once width, case and accents
 * are gone: Cyrillic, Greek and Latin letters like a and i, and signs like a colon or a hyphen. A
 * short list for a short mark; dashes of every kind are hyphens besides (DASH below).
 */
const LOOK_ALIKES: ReadonlyMap<string, string> = new Map([
  ['\u0430', 'a'], // Cyrillic а
  ['\u03b1', 'a'], // Greek α
  ['\u0251', 'a'], // Latin alpha ɑ
  ['\u1d00', 'a'], // small capital ᴀ
  ['\u0456', 'i'], // Cyrillic і
  ['\u04cf', 'i'], // Cyrillic palochka ӏ
  ['\u03b9', 'i'], // Greek ι
  ['\u0131', 'i'], // dotless ı
  ['\u0269', 'i'], // Latin iota ɩ
  ['\u026a', 'i'], // small capital ɪ
  ['\u02d0', ':'], // triangular colon ː
  ['\u02f8', ':'], // raised colon ˸
  ['\u0589', ':'], // Armenian full stop ։
  ['\u05c3', ':'], // Hebrew sof pasuq ׃
  ['\u2236', ':'], // ratio ∶
  ['\ua789', ':'], // modifier colon ꞉
  ['\u02d7', '-'], // modifier minus ˗
  ['\u2043', '-'], // hyphen bullet ⁃
  ['\u2212', '-'], // minus −
  ['\u2796', '-'], // heavy minus ➖
]);
const DASH = /\p{Pd}/u;
/** What shows nothing of its own: marks, controls and formats (zero-width, bidi), spaces, default-ignorable characters. */
const UNSEEN = /[\p{M}\p{C}\p{Z}\s\p{Default_Ignorable_Code_Point}]/gu;

/** How the start of a text reads to a person: without width, case, accents and what shows nothing, look-alikes as what they look like. */
function markSkeleton(text: string): string {
  const plain = text.normalize('NFKD').toLowerCase().normalize('NFKD').replace(UNSEEN, '');
  // The mark is four characters long: the first few of the text are all that can make one.
  return [...plain.slice(0, 16)].map((char) => LOOK_ALIKES.get(char) ?? (DASH.test(char) ? '-' : char)).join('');
}

/** A tag a reader takes for an agent's label, or a person would: `ai-` at its start however spelt ("AI-Claude", "ａｉ-x", "аі-x" in Cyrillic). */
export function looksLikeAgentTag(name: string): boolean {
  return markSkeleton(name).startsWith(TAG_PREFIX);
}

/** A description a reader takes for an agent's (Clockodo, Calamari), or a person would: `[ai:` at its start however spelt. */
export function looksLikeAgentPrefix(description: string): boolean {
  return markSkeleton(description).startsWith('[ai:');
}
