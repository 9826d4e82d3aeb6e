// A handler's outcome as the model reads it: its data, and its text rendered from its parts
// (mcp-server/contract/outcomes/sentence.ts, modelText), as engine/run-tool.ts renders it.
import { modelText } from '../../mcp-server/contract/outcomes/sentence.ts';
import type { ToolOutcome } from '../../mcp-server/tools/define-tool.ts';

export interface SaidOutcome<Data> {
  data: Data;
  text: string;
}

export async function said<Data>(outcome: Promise<ToolOutcome<Data>> | ToolOutcome<Data>): Promise<SaidOutcome<Data>> {
  const { data, text } = await outcome;
  return { data, text: modelText(text) };
}
