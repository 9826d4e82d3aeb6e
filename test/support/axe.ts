// axe-core in a page or frame, for every browser test that checks accessibility: the window's
// screens, the team server's sign-in pages and the MCP Apps. The script is evaluated through the
// debugging protocol, which no page's CSP governs (the pages themselves load no script but their
// own), once per document.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Frame, Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The rules whose verdict depends on the colours: all a switch of theme can change. */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * axe's violations as they stand, one line per rule and element, so a failure says what to fix
 * where: every rule axe runs by default (WCAG 2.x A and AA and its best practices) and
 * label-content-name-mismatch, which it leaves off and which a person speaking a button's visible
 * words to voice control meets; or only `rules`.
 */
export async function axeViolations(target: Page | Frame, rules?: readonly string[]): Promise<string[]> {
  if (!(await target.evaluate(() => 'axe' in window))) await target.evaluate(AXE_SOURCE);
  const results = await target.evaluate(
    (only) =>
      (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, {
        ...(only ? { runOnly: { type: 'rule', values: only } } : { rules: { 'label-content-name-mismatch': { enabled: true } } }),
        resultTypes: ['violations'],
      }),
    rules ? [...rules] : null,
  );
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} at ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? violation.help}`),
  );
}
