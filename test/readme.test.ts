// The README's tool table is what people read before they connect a client; keep it true.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { TOOL_CATALOG } from '../mcp-server/contract/tool-catalog.ts';
import { TOOLS } from '../mcp-server/tools/index.ts';

const readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');

it.each(Object.values(TOOLS))('the README lists $name as it is', (tool) => {
  const { group, access } = TOOL_CATALOG[tool.name];
  expect(readme).toContain(`| \`${tool.name}\` | ${group} | ${access} | ${tool.description} |`);
});
