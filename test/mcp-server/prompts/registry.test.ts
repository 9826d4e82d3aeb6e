// Keeps the prompts honest, as the registry test does the tools: each is titled and briefly
// described, keyed by its own name, works through tools that exist, takes arguments within limits;
// whatever tools a client has, a rendered prompt names none it lacks, and one that names a tool
// that writes says to ask the person first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOOL_CATALOG, TOOL_NAMES, type ToolName } from '../../../mcp-server/contract/tool-catalog.ts';
import type { PromptContext } from '../../../mcp-server/prompts/define-prompt.ts';
import { PROMPT_LIST, PROMPTS } from '../../../mcp-server/prompts/index.ts';
import { isPromptOffered } from '../../../mcp-server/prompts/offer.ts';
import { WORKING_TIME_RULES } from '../../../mcp-server/contract/working-time.ts';

const DESCRIPTION_LIMIT = 120;
const ASKS_FIRST = /(Change nothing before I have answered|Log nothing before I confirm|File nothing before I say yes)/;

function context(offered: ReadonlySet<ToolName>, workingTimeRules: PromptContext['workingTimeRules'] = 'off'): PromptContext {
  return { today: '2026-11-18', timezone: 'Europe/Berlin', now: Date.parse('2026-11-18T14:00:00Z'), offered: (tool) => offered.has(tool), workingTimeRules };
}

const SAMPLE_ARGUMENTS: Record<string, Record<string, string>> = {
  weekly_review: { week: 'last' },
  fill_my_day: { date: 'today', day: 'standup, then review', project: 'Website', activity: 'Design' },
  plan_leave: { from: '2026-12-01', to: '2027-03-31', days: '5', type: 'vacation' },
  month_close: { month: '2026-10' },
};

describe('the prompt registry', () => {
  it('has the four, keyed by their own names', () => {
    for (const [key, prompt] of Object.entries(PROMPTS)) expect(prompt.name).toBe(key);
    expect(PROMPT_LIST.map((prompt) => prompt.name)).toEqual(['weekly_review', 'fill_my_day', 'plan_leave', 'month_close']);
  });

  it.each(PROMPT_LIST.map((prompt) => [prompt.name, prompt] as const))('%s is titled, described briefly, and works through real tools', (_name, prompt) => {
    expect(prompt.title.length).toBeGreaterThan(3);
    expect(prompt.description.length).toBeLessThanOrEqual(DESCRIPTION_LIMIT);
    expect(prompt.description).toMatch(/^[A-Z].*\.$/);
    for (const tool of prompt.tools) expect(TOOL_NAMES).toContain(tool);
    for (const argument of prompt.arguments) {
      expect(argument.name).toMatch(/^[a-z_]+$/);
      expect(argument.max).toBeGreaterThan(0);
      expect(argument.description.length).toBeGreaterThan(5);
    }
    expect(Object.keys(SAMPLE_ARGUMENTS[prompt.name] ?? {}).sort()).toEqual(prompt.arguments.map((argument) => argument.name).sort());
  });

  it('is listed while one of its tools is offered, and not when none is', () => {
    const prompt = PROMPTS.plan_leave;
    expect(isPromptOffered(prompt, (tool) => tool === 'absence_calendar')).toBe(true);
    expect(isPromptOffered(prompt, (tool) => tool === 'log_time')).toBe(false);
  });

  it('never names a tool the client lacks, and asks first wherever it names one that writes', () => {
    fc.assert(
      fc.property(
        fc.subarray([...TOOL_NAMES]),
        fc.constantFrom(...PROMPT_LIST),
        fc.boolean(),
        fc.constantFrom(...WORKING_TIME_RULES),
        (tools, prompt, withArguments, rules) => {
          const offered = new Set<ToolName>(tools);
          if (!isPromptOffered(prompt, (tool) => offered.has(tool))) return;
          const text = prompt.render(withArguments ? (SAMPLE_ARGUMENTS[prompt.name] ?? {}) : {}, context(offered, rules));
          const named = TOOL_NAMES.filter((tool) => new RegExp(`\\b${tool}\\b`).test(text));
          for (const tool of named) expect(offered.has(tool), `${prompt.name} names ${tool}`).toBe(true);
          if (named.some((tool) => TOOL_CATALOG[tool].access !== 'read')) expect(text, prompt.name).toMatch(ASKS_FIRST);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('weekly_review asks for the working-time findings time_report carries, with their law, only where rules are on', () => {
    const offered = new Set<ToolName>(['time_report', 'list_time_entries', 'timer_status', 'log_time']);
    const de = PROMPTS.weekly_review.render({}, context(offered, 'de'));
    expect(de).toContain("Where time_report's answer carries working-time findings (a notice), report each with its law (the ArbZG)");
    expect(de).toContain('Never propose changing an entry to clear one');
    expect(PROMPTS.weekly_review.render({}, context(offered, 'eu'))).toContain('(the Working Time Directive)');
    expect(PROMPTS.weekly_review.render({}, context(offered, 'off'))).not.toContain('working-time');
    // Without time_report there is no notice to read: the step goes with its tool.
    expect(PROMPTS.weekly_review.render({}, context(new Set<ToolName>(['list_time_entries']), 'de'))).not.toContain('working-time');
  });
});
