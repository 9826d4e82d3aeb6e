// Requests per tool call: a scripted session with the engine (in the test's process, or the built
// server over stdio for the bench), the fake back end counting what arrives. One helper for every
// remote back end's request test and for the benchmark.
import type { AnyEngineHandle } from './engine.ts';

export interface Step {
  label: string;
  tool: string;
  args?: Record<string, unknown>;
  /** Requests this call should cost, with the caches warm as the steps before leave them. */
  expected: number;
}

export interface Measured {
  label: string;
  tool: string;
  expected: number;
  requests: string[];
  isError: boolean;
  text: string;
}

interface Recorded {
  method: string;
  path: string;
  status: number;
}

/**
 * Runs the steps in order; `resolve` fills in placeholders in the arguments (ids made by earlier steps),
 * and `{draft}` anywhere in them is the first draft the last suggest_entries showed.
 */
export async function measureSteps(
  engine: AnyEngineHandle,
  requests: readonly Recorded[],
  steps: readonly Step[],
  resolve: (value: unknown) => unknown = (value) => value,
): Promise<Measured[]> {
  const results: Measured[] = [];
  let draft = '';
  for (const step of steps) {
    const given = JSON.parse(JSON.stringify(step.args ?? {}).replaceAll('"{draft}"', JSON.stringify(draft))) as Record<string, unknown>;
    const args = Object.fromEntries(Object.entries(given).map(([key, value]) => [key, resolve(value)]));
    const before = requests.length;
    const result = await engine.call(step.tool, args);
    const sent = requests.slice(before).map((request) => `${request.method} ${request.path.replace(/^\/api/, '')} ${request.status}`);
    const text = result.content.map((block) => block.text ?? '').join('\n');
    if (step.tool === 'suggest_entries') draft = (result.structuredContent?.drafts as Array<{ id: string }> | undefined)?.[0]?.id ?? '';
    results.push({ label: step.label, tool: step.tool, expected: step.expected, requests: sent, isError: result.isError === true, text });
  }
  return results;
}
