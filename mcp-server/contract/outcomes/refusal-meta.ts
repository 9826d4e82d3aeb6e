// Where an `isError` answer carries its refusal as data, `{ code, facts }`: a key of the result's
// `_meta`, in Punchcard's own reverse-DNS prefix, beside the sentence for the model in its content.
// Not in `structuredContent`: clients check that against the tool's output schema, which describes the
// tool's success, and reject the whole answer when it does not match (docs/tools.md, "Refusals and
// notices"). A module of its own, free of the wording catalog, so the stdio opening and the MCP Apps'
// pages can name the key without loading the words.

export const REFUSAL_META_KEY = 'app.punchcard/refusal';
