// axe-core in a page or frame, for every browser test that checks accessibility: the window's
// screens, the team server's sign-in pages and the MCP Apps. The script is evaluated through the
// debugging protocol, which no page's CSP governs (the pages themselves load no script but their
// own), once per document.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, NodeResult } from 'axe-core';
import type { Frame, Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The rules whose verdict depends on the colours: all a switch of theme can change. */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * Where axe cannot decide alone it answers "incomplete" (needs review) instead of "violation", and a
 * run that asks only for violations never sees those. Per rule, what an incomplete result means here:
 *
 * - aria-prohibited-attr: an aria-label or aria-labelledby on an element whose role takes no name (a
 *   plain span, a time, a p). axe calls it incomplete rather than a violation when the element has
 *   text of its own, since that text is read; but NVDA, JAWS and VoiceOver drop the label, so whatever
 *   it said ("3 hours 45 minutes", "Tuesday, May 12") is lost. That is a defect every time: counted.
 * - color-contrast: counted, except on SVG text. axe cannot find the background of text inside an
 *   SVG (its shapes are not boxes it can stack) and says so for every chart label; the charts' text is
 *   measured against what it is drawn on by test/renderer/ui-contrast.test.ts instead. Text in HTML
 *   whose background axe cannot find (an image, a gradient, a pseudo-element, something on top) must
 *   be looked at by a person, so a run fails until it is fixed or measured like the charts.
 *
 * Every other rule's incomplete results are left out: across all the window's states, the sign-in
 * pages and the apps, axe raised no others when these rules were chosen.
 */
const COUNTED_INCOMPLETE: Record<string, 'all' | 'html-only'> = {
  'aria-prohibited-attr': 'all',
  'color-contrast': 'html-only',
};

interface Finding {
  rule: string;
  target: string;
  summary: string;
  /** The element is inside an `<svg>`. */
  svg: boolean;
}

/**
 * axe's violations as they stand, one line per rule and element, so a failure says what to fix
 * where: every rule axe runs by default (WCAG 2.x A and AA and its best practices) and
 * label-content-name-mismatch, which it leaves off and which a person speaking a button's visible
 * words to voice control meets; or only `rules`. The incomplete results of the rules in
 * COUNTED_INCOMPLETE are violations too, marked "(incomplete)"; with `incomplete: 'all'`, every rule's are
 * (for a form checked with nothing left for review); with 'all-but-chart-text', every rule's but the
 * contrast of SVG text, which ui-contrast.test.ts measures (for a screen with a chart).
 */
export async function axeViolations(
  target: Page | Frame,
  rules?: readonly string[],
  { incomplete = 'counted' }: { incomplete?: 'counted' | 'all' | 'all-but-chart-text' } = {},
): Promise<string[]> {
  if (!(await target.evaluate(() => 'axe' in window))) await target.evaluate(AXE_SOURCE);
  const found = await target.evaluate(
    async (only) => {
      const results = await (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, {
        ...(only ? { runOnly: { type: 'rule', values: only } } : { rules: { 'label-content-name-mismatch': { enabled: true } } }),
        // Incomplete results with every node (axe keeps one node of a type it was not asked for), and
        // the elements themselves, to tell SVG text from HTML.
        resultTypes: ['violations', 'incomplete'],
        elementRef: true,
      });
      const findings = (list: AxeResults['violations']) =>
        list.flatMap((result) =>
          result.nodes.map((node: NodeResult & { element?: Element }) => ({
            rule: result.id,
            target: node.target.join(' '),
            summary: node.failureSummary?.replace(/\s+/g, ' ') ?? result.help,
            svg: node.element?.closest('svg') != null,
          })),
        );
      return { violations: findings(results.violations), incomplete: findings(results.incomplete) };
    },
    rules ? [...rules] : null,
  );
  const counted = found.incomplete.filter((finding: Finding) => {
    if (incomplete === 'all') return true;
    if (incomplete === 'all-but-chart-text') return !(finding.rule === 'color-contrast' && finding.svg);
    const rule = COUNTED_INCOMPLETE[finding.rule];
    return rule === 'all' || (rule === 'html-only' && !finding.svg);
  });
  return [...found.violations.map((finding: Finding) => line(finding)), ...counted.map((finding: Finding) => line(finding, ' (incomplete)'))];
}

function line(finding: Finding, kind = ''): string {
  return `${finding.rule}${kind} at ${finding.target}: ${finding.summary}`;
}
