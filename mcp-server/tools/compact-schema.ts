// The tool list is sent to the model on every turn, so its size is paid again and again. The zod
// schemas stay the full contract — the server validates every argument and every result against
// them — while what `tools/list` advertises is trimmed to what a client needs:
// - inputs lose `$schema` and string length caps (still enforced here, just not advertised);
// - outputs name their top-level fields and nothing below them: clients learn what a result holds,
//   and the text rendering and the structured result itself carry the detail.
import type * as z from 'zod/v4';

type JsonSchema = Record<string, unknown>;

interface JsonSchemaConverter {
  input: (options: { target: string }) => JsonSchema;
  output: (options: { target: string }) => JsonSchema;
}

/** Wraps a zod schema so that the SDK advertises a compact JSON Schema but validates with zod. */
export function withCompactJsonSchema<Schema extends z.ZodType>(schema: Schema, io: 'input' | 'output'): Schema {
  const standard = schema['~standard'] as Schema['~standard'] & { jsonSchema: JsonSchemaConverter };
  const compact = io === 'input' ? compactInputSchema : compactOutputSchema;
  const jsonSchema: JsonSchemaConverter = {
    input: (options) => compact(standard.jsonSchema.input(options)),
    output: (options) => compact(standard.jsonSchema.output(options)),
  };
  return { '~standard': { ...standard, jsonSchema } } as unknown as Schema;
}

export function compactInputSchema(schema: JsonSchema): JsonSchema {
  return strip(schema, new Set(['$schema', 'maxLength'])) as JsonSchema;
}

/** zod bounds every integer by the safe-integer range; saying so for each id is noise. */
function isImplicitBound(key: string, value: unknown): boolean {
  return (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) || (key === 'minimum' && value === Number.MIN_SAFE_INTEGER);
}

export function compactOutputSchema(schema: JsonSchema): JsonSchema {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const shallow: Record<string, JsonSchema> = {};
  for (const name of Object.keys(properties)) shallow[name] = {};
  return { type: 'object', properties: shallow };
}

function strip(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item, keys));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (!keys.has(key) && !isImplicitBound(key, child)) out[key] = strip(child, keys);
  }
  return out;
}
