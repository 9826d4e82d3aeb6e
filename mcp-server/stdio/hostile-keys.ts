// Keys JavaScript treats specially once JSON becomes objects. JSON.parse keeps "__proto__" as an
// ordinary own key, but the SDK copies a call's arguments into a fresh object by assignment, where
// "__proto__" sets the copy's prototype instead: the key vanishes before the tool's strict schema can
// refuse it, and the call runs as if it had not been sent. So it is looked for here, on the message
// as it came off the wire, and refused like any argument a tool does not take.

const HOSTILE_KEY = '__proto__';

/**
 * Where the first "__proto__" key of a message sits ("params.arguments.__proto__"), or undefined.
 * `line` is the raw text: only a line that spells the key, or that escapes characters (a key may be
 * written "\u005f\u005fproto__"), is walked at all. The walk keeps its own stack, so a message nested
 * a million levels deep cannot overflow the call stack.
 */
export function hostileKeyPath(line: string, message: unknown): string | undefined {
  if (!line.includes(HOSTILE_KEY) && !line.includes('\\u')) return undefined;
  const pending: Array<{ value: unknown; path: string }> = [{ value: message, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, path: `${path}[${index}]` }));
      continue;
    }
    for (const key of Object.keys(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (key === HOSTILE_KEY) return at;
      pending.push({ value: (value as Record<string, unknown>)[key], path: at });
    }
  }
  return undefined;
}

/** The argument a hostile key stands for, when it sits directly in a tools/call's `arguments`. */
export function hostileArgument(path: string): string | undefined {
  return path === `params.arguments.${HOSTILE_KEY}` ? HOSTILE_KEY : undefined;
}
