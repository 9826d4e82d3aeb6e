// What every isError answer must be, whichever tool gave it and why (docs/tools.md, "Refusals and
// notices"): a sentence in its content, no structured content (clients check that against the tool's
// output schema, which describes its success, and reject the whole answer), and the refusal as data in
// its _meta: a code the catalog knows and its facts. Apart from engine.ts, which every test file loads,
// because the catalog of codes is large.
import { REFUSAL_META_KEY } from '../../mcp-server/contract/outcomes/refusal-meta.ts';
import { isRefusalCode } from '../../mcp-server/contract/outcomes/refusals.ts';
import { textOf, type ToolResult } from './engine.ts';

/** What is wrong with an isError answer's shape, or undefined where nothing is (and for an answer that is no refusal). */
export function refusalShapeProblem(result: ToolResult): string | undefined {
  if (!result.isError) return undefined;
  if (result.structuredContent !== undefined) return `carries structured content: ${JSON.stringify(result.structuredContent)}`;
  if (textOf(result).trim() === '') return 'says nothing';
  const refusal = result._meta?.[REFUSAL_META_KEY] as { code?: unknown; facts?: unknown } | undefined;
  if (!isRefusalCode(refusal?.code)) return `carries no refusal the catalog knows in _meta: ${JSON.stringify(result._meta)}`;
  if (typeof refusal.facts !== 'object' || refusal.facts === null || Array.isArray(refusal.facts)) return `carries ${refusal.code} without its facts`;
  return undefined;
}
