// How a problem the schema finds in a file a person wrote reads to that person: the key, what was
// found there and what is expected, with an example; never zod's own words ("Invalid input: expected
// string, received number", "Invalid discriminator value"), which name neither the key's meaning nor
// a value to write. The team server's config (team-server/config/server-config-file.ts) and the desktop's
// settings (parse-settings.ts) both read so. What is expected comes from the schema at the key: its
// type, range or accepted values, and an example from its `.meta({ examples })`, else its default.
// A message the schema gives itself (a refinement's, "an address and port such as 127.0.0.1:8787")
// says what is expected in its own words and is kept. Free of Node, like the schemas.
import * as z from 'zod/v4';

/** What zod keeps of a schema, as far as the words need it (zod's `def`, public in zod 4). */
interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  element?: Schema;
  keyType?: Schema;
  valueType?: Schema;
  options?: Schema[];
  discriminator?: string;
  values?: unknown[];
  entries?: Record<string, unknown>;
  defaultValue?: unknown;
  checks?: { _zod: { def: { check: string; value?: unknown; inclusive?: boolean; format?: string; minimum?: number; maximum?: number } } }[];
}
type Schema = { _zod: { def: Def } };

const defOf = (schema: Schema): Def => schema._zod.def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** A value found where a longer one would crowd the sentence (the file holds it whole), and an example. */
const FOUND_LENGTH = 60;
const EXAMPLE_LENGTH = 100;

/** What a zod issue says, as far as the words need it. */
export interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
  readonly values?: readonly unknown[];
  readonly options?: readonly unknown[];
  readonly discriminator?: string;
}

/** The key a path names, as the file writes it: `settings.tools.enabled`, `allowed_origins[2]`. */
export function keyPath(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))
    .join('.')
    .replace(/\.\[/g, '[');
}

/**
 * One problem in words: `"listen": found 8787; expected a string in quotes, e.g. "127.0.0.1:8787"`.
 * `input` is the file's value as it was read, where what was found is looked up.
 */
export function issueWords(root: z.ZodType, input: unknown, issue: SchemaIssue): string {
  const key = keyPath(issue.path);
  // The file itself (not an object at all) has no key to name.
  const named = key === '' ? '' : `"${key}": `;
  const at = valueAt(input, issue.path);
  if (issue.code === 'unrecognized_keys') return unknownKeysWords(root, input, issue, true);
  const found = at === undefined ? 'missing' : `found ${shownValue(at, key)}`;
  return `${named}${found}; ${issueExpectation(root, input, issue)}`;
}

/**
 * What an issue says is expected at its key, without the key or what was found there (the desktop's
 * settings say those their own way: parse-settings.ts): the accepted values and the one a typo likely
 * meant; the schema's own words; or, for zod's, what the schema takes with an example.
 */
export function issueExpectation(root: z.ZodType, input: unknown, issue: SchemaIssue): string {
  if (issue.code === 'unrecognized_keys') return unknownKeysWords(root, input, issue, false);
  const at = valueAt(input, issue.path);
  const schema = schemaAt(root as unknown as Schema, issue.path, input);
  const accepted = issue.code === 'invalid_union' && issue.discriminator ? issue.options : issue.code === 'invalid_value' ? issue.values : undefined;
  if (accepted && accepted.length > 0) {
    const closest =
      typeof at === 'string'
        ? closestWord(
            at,
            accepted.filter((value): value is string => typeof value === 'string'),
          )
        : undefined;
    return `expected ${oneOf(accepted)}${closest ? ` (did you mean "${closest}"?)` : ''}`;
  }
  // The schema's own words say what is expected (and why); a type or a range given in them gets an
  // example where they name none (a refinement's words say what to do instead, which may be to remove
  // the key). zod's own words are replaced by what the schema takes.
  if (!isZodsOwn(issue.message)) {
    const example = schema && issue.code !== 'custom' && !/such as|e\.g\./.test(issue.message) ? exampleWords(schema) : '';
    return `${issue.message}${example}`;
  }
  return schema ? expectedWords(schema as unknown as z.ZodType) : 'see the documentation for this key';
}

/** `"trusted_proxy" is not a key this version knows (check the spelling: did you mean "trusted_proxies"?)`, each key by its whole path or its own name. */
function unknownKeysWords(root: z.ZodType, input: unknown, issue: SchemaIssue, wholePath: boolean): string {
  const known = knownKeys(schemaAt(root as unknown as Schema, issue.path, input), valueAt(input, issue.path));
  return (issue.keys ?? [])
    .map((unknownKey) => {
      const closest = closestWord(unknownKey, known);
      const named = wholePath ? keyPath([...issue.path, unknownKey]) : unknownKey;
      return `"${named}" is not a key this version knows (check the spelling${closest ? `: did you mean "${closest}"?` : ''})`;
    })
    .join('; ');
}

/** `expected a whole number from 1 to 100000, e.g. 300`: what a schema takes, with an example. */
export function expectedWords(schema: z.ZodType): string {
  return `expected ${describe(schema as unknown as Schema).what}${exampleWords(schema as unknown as Schema)}`;
}

/** `, e.g. 300`, or nothing where the words list every value (true or false, a literal) or there is no example. */
function exampleWords(schema: Schema): string {
  const described = describe(schema);
  if (described.example === undefined || described.kind === 'boolean' || described.kind === 'literal') return '';
  return `, e.g. ${shown(described.example, EXAMPLE_LENGTH)}`;
}

/** Whether a message is one of zod's own, which names no key and no example. */
function isZodsOwn(message: string): boolean {
  return /^(Invalid |Too (big|small)|Unrecognized key|Expected )|expected \w+, received /.test(message);
}

/** The schema at `path` under `root`, the option `input` chose where a union tells its options apart by a key. */
export function schemaAt(root: Schema, path: readonly PropertyKey[], input: unknown): Schema | undefined {
  let schema: Schema | undefined = root;
  let value = input;
  for (const part of path) {
    schema = schema && unwrapped(schema, value);
    if (!schema) return undefined;
    const def = defOf(schema);
    if (def.type === 'object') schema = def.shape?.[String(part)] ?? def.catchall;
    else if (def.type === 'array') schema = def.element;
    else if (def.type === 'record') schema = def.valueType;
    else return undefined;
    value = valueAt(value, [part]);
  }
  return schema;
}

/** The schema under its wrappers (optional, a default, a transform's input), and a union's option as `value` chose it. */
function unwrapped(schema: Schema, value: unknown): Schema | undefined {
  let current: Schema | undefined = schema;
  while (current) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type)) current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else if (def.type === 'union') {
      const discriminator = def.discriminator;
      const chosen = isObject(value) && discriminator ? value[discriminator] : undefined;
      current = def.options?.find((option) => literalsOf(option, discriminator).includes(chosen));
      if (!current) return undefined;
    } else return current;
  }
  return undefined;
}

/** The values a union's option takes at its discriminating key. */
function literalsOf(option: Schema, discriminator: string | undefined): unknown[] {
  const inner = unwrapped(option, undefined);
  const at = discriminator && inner ? defOf(inner).shape?.[discriminator] : undefined;
  const base = at && unwrapped(at, undefined);
  return base ? (defOf(base).values ?? []) : [];
}

/** The keys an object takes at this place: its shape's, or a record's by their names. */
function knownKeys(schema: Schema | undefined, value: unknown): string[] {
  const base = schema && unwrapped(schema, value);
  if (!base) return [];
  const def = defOf(base);
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  if (def.type === 'record' && def.keyType) {
    const keys = unwrapped(def.keyType, undefined);
    return keys ? Object.values(defOf(keys).entries ?? {}).map(String) : [];
  }
  return [];
}

interface Described {
  kind: string;
  /** What the schema takes, in words: "a string in quotes", "one of "a" or "b"", "true or false". */
  what: string;
  example: unknown;
}

/** What a schema takes and an example: its own (`.meta({ examples })`), its default, or one made from its parts. */
function describe(schema: Schema): Described {
  let example: unknown;
  let nullable = false;
  let current: Schema = schema;
  for (;;) {
    const meta = z.globalRegistry.get(current as unknown as z.ZodType) as { examples?: unknown[] } | undefined;
    if (example === undefined && meta?.examples?.length) example = meta.examples[0];
    const def = defOf(current);
    if (def.type === 'nullable') nullable = true;
    // A default shows what to write, unless it is a whole object of defaults (every limit at once): an object's example is made from its keys.
    if (example === undefined && def.type === 'default' && informative(def.defaultValue)) example = def.defaultValue;
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  const base = shapeOf(current);
  return { kind: base.kind, what: nullable ? `${base.what} or null` : base.what, example: example ?? base.example };
}

/** What a schema takes by its type alone, and an example made from its parts where it has them. */
function shapeOf(schema: Schema): Described {
  const def = defOf(schema);
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  switch (def.type) {
    case 'string':
      return { kind: 'string', what: 'a string in quotes', example: undefined };
    case 'number': {
      const whole = checks.some((check) => check.check === 'number_format' && /int/.test(check.format ?? ''));
      const min = checks.find((check) => check.check === 'greater_than')?.value as number | undefined;
      const max = checks.find((check) => check.check === 'less_than')?.value as number | undefined;
      const range =
        min !== undefined && max !== undefined
          ? ` from ${min} to ${max}`
          : min !== undefined
            ? ` of at least ${min}`
            : max !== undefined
              ? ` of at most ${max}`
              : '';
      return { kind: 'number', what: `${whole ? 'a whole number' : 'a number'}${range}`, example: min ?? 0 };
    }
    case 'boolean':
      return { kind: 'boolean', what: 'true or false', example: true };
    case 'literal':
      return { kind: 'literal', what: oneOf(def.values ?? []), example: def.values?.[0] };
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      return { kind: 'enum', what: oneOf(values), example: values[0] };
    }
    case 'array': {
      const element = def.element ? describe(def.element) : undefined;
      const most = checks.find((check) => check.check === 'max_length')?.maximum;
      return {
        kind: 'array',
        what: `a list [ … ]${element ? ` of ${plural(element.what)}` : ''}${most === undefined ? '' : ` (at most ${most})`}`,
        example: element?.example === undefined ? undefined : [element.example],
      };
    }
    case 'object':
      return { kind: 'object', what: 'an object { … }', example: objectExample(def.shape ?? {}) };
    case 'record': {
      const keys = def.keyType ? knownKeys(schema, undefined) : [];
      const value = def.valueType ? describe(def.valueType) : undefined;
      return {
        kind: 'record',
        what: `an object { … }${value ? ` whose values are ${value.what}` : ''}`,
        example: keys[0] !== undefined && value?.example !== undefined ? { [keys[0]]: value.example } : undefined,
      };
    }
    case 'union': {
      const options = (def.options ?? []).map((option) => describe(option));
      const types = def.discriminator ? (def.options ?? []).flatMap((option) => literalsOf(option, def.discriminator)) : [];
      return {
        kind: 'union',
        what: def.discriminator ? `an object { … } whose "${def.discriminator}" is ${oneOf(types)}` : options.map((option) => option.what).join(', or '),
        example: options.find((option) => option.example !== undefined)?.example,
      };
    }
    default:
      return { kind: def.type, what: 'a value of the form the documentation shows', example: undefined };
  }
}

/** An object's example: every key it must have, each with its own example, or, where none must be there, two of the others. */
function objectExample(shape: Record<string, Schema>): Record<string, unknown> | undefined {
  const entries = Object.entries(shape)
    .map(([key, schema]) => [key, describe(schema).example, isOptional(schema)] as const)
    .filter(([, example]) => example !== undefined);
  const required = entries.filter(([, , optional]) => !optional);
  const chosen = required.length > 0 ? required : entries.slice(0, 2);
  return chosen.length === 0 ? undefined : Object.fromEntries(chosen.map(([key, example]) => [key, example]));
}

function isOptional(schema: Schema): boolean {
  const type = defOf(schema).type;
  return type === 'optional' || type === 'default' || type === 'prefault';
}

/** Whether a default shows what to write: a value, not an empty string or list, nor an object (see describe). */
function informative(value: unknown): boolean {
  if (value === undefined || value === '' || value === null || isObject(value)) return false;
  return !Array.isArray(value) || value.length > 0;
}

/** "a string in quotes" → "strings in quotes", for a list's elements. */
function plural(what: string): string {
  return what.replace(/^an? (\w+)/, (_match, noun: string) => `${noun}s`).replace(/^one of /, 'each one of ');
}

/** `"a", "b" or "c"`. */
function oneOf(values: readonly unknown[]): string {
  const words = values.map((value) => JSON.stringify(value));
  if (words.length === 1) return words[0] as string;
  return `one of ${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/**
 * What was found, as the file has it but short, and never what might be a secret: a key naming a
 * variable (`key_env`, `password_env`) might hold the secret itself by mistake, so only its kind is
 * said; an address's password is masked.
 */
function shownValue(value: unknown, key: string): string {
  if (/_env$/.test(key) && typeof value === 'string') return `a string of ${value.length} characters (not shown: it may be the secret itself)`;
  return shown(typeof value === 'string' ? withoutPassword(value) : value, FOUND_LENGTH);
}

/**
 * The address as written, its password masked: everything from the colon after the user to the last
 * @, so a password holding an @ or a / is hidden whole (as a driver might read it, not as URL does).
 */
function withoutPassword(text: string): string {
  const start = text.indexOf('://');
  if (start === -1) return text;
  const at = text.lastIndexOf('@');
  const colon = text.indexOf(':', start + 3);
  return colon !== -1 && colon < at ? `${text.slice(0, colon)}:***${text.slice(at)}` : text;
}

/** A value as JSON writes it, cut where it runs long. */
function shown(value: unknown, length: number): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** The value at `path` in what was read, or undefined where there is none. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    if (Array.isArray(value) && typeof part === 'number') value = value[part];
    else if (isObject(value) && Object.hasOwn(value, String(part))) value = value[String(part)];
    else return undefined;
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The word of `candidates` a typo most likely meant (`kimia` → `kimai`, `trusted_proxy` →
 * `trusted_proxies`, `verify` → `verify-full`), or undefined when none is close: a few letters
 * changed, swapped, added or left out, case aside, or the start of one word alone.
 */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const starting = candidates.filter((candidate) => lower.length >= 3 && candidate.toLowerCase().startsWith(lower));
  if (starting.length === 1) return starting[0];
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    const allowed = Math.max(1, Math.floor(Math.max(word.length, candidate.length) / 4));
    if (distance <= allowed && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** Letters changed, added, left out or two neighbours swapped (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}
