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
// - A free-form object's members (a refusal's or notice's facts) are `additionalProperties: true`, not zod's
//   empty schema `{}`: the same values pass, but a strict client (the MCP Inspector's --strict) reads an
//   empty schema as a mistake that constrains nothing by accident. In an input schema a free-form object
//   (the `fields` of the tools that write entries) is a bare `{"type": "object"}`, which means the same
//   (JSON Schema allows any member where nothing is said) and costs the model 28 characters less a tool.
// - A nullable value is `anyOf` one type each (`{"anyOf": [{"type": "string"}, {"type": "null"}]}`)
//   rather than a type array: clients that map schemas onto a one-type dialect (Gemini's function
//   declarations) reject or loosen the array form.
import type * as z from 'zod/v4';

type JsonSchema = Record<string, unknown>;

interface JsonSchemaConverter {
  input: (options: { target: string }) => JsonSchema;
  output: (options: { target: string }) => JsonSchema;
}

const wrapped = new WeakMap<z.ZodType, z.ZodType>();
const advertisedOnly = new WeakMap<z.ZodType, z.ZodType>();

/**
 * Wraps a zod schema so that the SDK advertises the trimmed JSON Schema but validates with zod. The
 * wrapper and its JSON Schema are made once per schema: the team server builds an MCP server for every
 * request, and converting every tool's schemas again each time was a tenth of a request's time.
 * `validates: false` advertises the schema and lets every value through: the engine checks a tool's
 * input itself, so that a refused input is answered as a refusal with its code (engine/mcp-server.ts).
 */
export function withCompactJsonSchema<Schema extends z.ZodType>(schema: Schema, options: { validates?: boolean } = {}): Schema {
  const validates = options.validates !== false;
  const cache = validates ? wrapped : advertisedOnly;
  const known = cache.get(schema);
  if (known) return known as Schema;
  const standard = schema['~standard'] as Schema['~standard'] & { jsonSchema: JsonSchemaConverter };
  const converted = new Map<string, JsonSchema>();
  const once = (kind: 'input' | 'output', options: { target: string }) => {
    const key = `${kind}\n${options.target}`;
    let schemaJson = converted.get(key);
    if (!schemaJson) {
      schemaJson = deepFreeze(compactSchema(standard.jsonSchema[kind](options), kind));
      converted.set(key, schemaJson);
    }
    return schemaJson;
  };
  const jsonSchema: JsonSchemaConverter = { input: (options) => once('input', options), output: (options) => once('output', options) };
  const validate = validates ? standard.validate : (value: unknown) => ({ value });
  const result = { '~standard': { ...standard, validate, jsonSchema } } as unknown as Schema;
  cache.set(schema, result);
  return result;
}

/** Shared between servers, so nobody may change it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function compactSchema(schema: JsonSchema, kind: 'input' | 'output'): JsonSchema {
  return strip(schema, kind) as JsonSchema;
}

/** zod bounds every integer by the safe-integer range; saying so for each id is noise. */
function isImplicitBound(key: string, value: unknown): boolean {
  return (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) || (key === 'minimum' && value === Number.MIN_SAFE_INTEGER);
}

function strip(value: unknown, kind: 'input' | 'output'): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item, kind));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$schema' || isImplicitBound(key, child)) continue;
    if (key === 'properties' && isEmptyObject(child)) continue;
    if (key === 'additionalProperties' && isEmptyObject(child)) {
      if (kind === 'output') out[key] = true;
      continue;
    }
    if (key === 'type' && Array.isArray(child) && child.length > 1) {
      out.anyOf = child.map((type) => ({ type }));
      continue;
    }
    out[key] = strip(child, kind);
  }
  return out;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
