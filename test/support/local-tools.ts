// The tools the local timesheet serves: every tool whose capability it has (breaks it has not).
import type { ToolName } from '../../mcp-server/contract/tool-catalog.ts';
import { LOCAL_CAPABILITIES } from '../../mcp-server/providers/local/capabilities.ts';
import { TOOL_LIST } from '../../mcp-server/tools/index.ts';

export const LOCAL_TOOL_NAMES: ToolName[] = TOOL_LIST.filter((tool) => LOCAL_CAPABILITIES.has(tool.capability)).map((tool) => tool.name);
