// The catalog of AI-facing tools, derived from their definitions (contract/tools/index.ts): their
// names in tools/list order and each one's group and access. The words themselves are in
// tool-groups.ts, which the opening of a stdio connection reads without loading the definitions
// (and zod with them).
export { TOOL_CATALOG, TOOL_NAMES, type ToolName } from './tools/index.ts';
export { GROUPS_OFF_BY_DEFAULT, isDefaultEnabled, TOOL_GROUPS, type ToolAccess, type ToolCatalogEntry, type ToolGroup } from './tool-groups.ts';
