// What `tools/list` advertises for each tool, from the zod schemas the server validates with: the
// whole contract, less what says nothing. Clients pass the input schema to the model on every turn,
// so its size is paid again and again; the output schema is for validating `structuredContent`.
// - Both keep every type, required field, enum, nested object and limit the server enforces
//   (`maxLength` too: a client that validates must not send what the server then refuses), and
//   `additionalProperties: false` (inputs refuse unknown keys; outputs hold nothing undeclared).
// - Both lose `$schema` (the protocol fixes the dialect) and zod's implicit safe-integer bounds on
//   every integer, which no value a person types comes near.
// - A tool without parameters is `{"type": "object", "additionalProperties": false}`, as the MCP
//   specification writes it, without an empty `properties`.
// - A nullable value is `anyOf` one type each (`{"anyOf": [{"type": "string"}, {"type": "null"}]}`)
//   rather than a type array: clients that map schemas onto a one-type dialect (Gemini's function
//   declarations) reject or loosen the array form.
import type * as z from 'zod/v4';

type JsonSchema = Record<string, unknown>;

interface JsonSchemaConverter {
  input: (options: { target: string }) => JsonSchema;
  output: (options: { target: string }) => JsonSchema;
}

/** Wraps a zod schema so that the SDK advertises the trimmed JSON Schema but validates with zod. */
export function withCompactJsonSchema<Schema extends z.ZodType>(schema: Schema): Schema {
  const standard = schema['~standard'] as Schema['~standard'] & { jsonSchema: JsonSchemaConverter };
  const jsonSchema: JsonSchemaConverter = {
    input: (options) => compactSchema(standard.jsonSchema.input(options)),
    output: (options) => compactSchema(standard.jsonSchema.output(options)),
  };
  return { '~standard': { ...standard, jsonSchema } } as unknown as Schema;
}

function compactSchema(schema: JsonSchema): JsonSchema {
  return strip(schema) as JsonSchema;
}

/** zod bounds every integer by the safe-integer range; saying so for each id is noise. */
function isImplicitBound(key: string, value: unknown): boolean {
  return (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) || (key === 'minimum' && value === Number.MIN_SAFE_INTEGER);
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$schema' || isImplicitBound(key, child)) continue;
    if (key === 'properties' && isEmptyObject(child)) continue;
    if (key === 'type' && Array.isArray(child) && child.length > 1) {
      out.anyOf = child.map((type) => ({ type }));
      continue;
    }
    out[key] = strip(child);
  }
  return out;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
