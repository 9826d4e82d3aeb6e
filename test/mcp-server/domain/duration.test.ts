import { describe, expect, it } from 'vitest';
import { type Refusal, refusalSentence } from '../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText } from '../../../mcp-server/contract/outcomes/sentence.ts';
import { parseDuration } from '../../../mcp-server/domain/duration.ts';

function minutes(text: string): number {
  const result = parseDuration(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${wordsOf(result.problem)}`);
  return result.minutes;
}

function refusal(text: string): string {
  const result = parseDuration(text);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${result.minutes} minutes`);
  return wordsOf(result.problem);
}

/** A reading's refusal as the model reads it, without the argument's name a tool puts first (contract/outcomes/input.ts). */
function wordsOf(problem: { code: string; facts: object }): string {
  return modelText(refusalSentence({ code: problem.code, facts: { ...problem.facts, field: 'x' } } as Refusal)).replace(/^x: /, '');
}

describe('parseDuration', () => {
  it.each([
    ['1h30m', 90],
    ['1h 30m', 90],
    ['1 h 30 min', 90],
    ['90m', 90],
    ['90min', 90],
    ['90 mins', 90],
    ['90 minutes', 90],
    ['1 minute', 1],
    ['2 hours', 120],
    ['1 hour', 60],
    ['2hrs', 120],
    ['1.5h', 90],
    ['1,5h', 90],
    ['.5h', 30],
    ['0.25 hours', 15],
    ['1:30', 90],
    ['0:45', 45],
    ['8:00', 480],
    ['PT1H30M', 90],
    ['PT45M', 45],
    ['pt2h', 120],
    ['PT1.5H', 90],
    ['PT90S', 2],
    ['1H30M', 90],
    ['  45m  ', 45],
    ['1h30', 90],
    ['1 h 5', 65],
    ['2 hours and 15 minutes', 135],
    ['2 hours, 15 minutes', 135],
    ['1h,30m', 90],
    ['30m 1h', 90],
  ])('reads %j as %i minutes', (text, expected) => {
    expect(minutes(text)).toBe(expected);
  });

  it('rounds to the nearest whole minute', () => {
    expect(minutes('1.33h')).toBe(80); // 79.8
    expect(minutes('1.1h')).toBe(66); // 66.00000000000001 in floating point
    expect(minutes('0.01h')).toBe(1); // 0.6
    expect(minutes('PT30S')).toBe(1); // half a minute rounds up
  });

  it('accepts exactly 24 hours', () => {
    expect(minutes('24h')).toBe(1440);
    expect(minutes('1440m')).toBe(1440);
    expect(minutes('P1D')).toBe(1440);
    expect(minutes('24:00')).toBe(1440);
  });

  it('asks for a unit when given a bare number', () => {
    expect(refusal('90')).toBe('"90" has no unit. Write 90m or 1.5h.');
    expect(refusal('100')).toBe('"100" has no unit. Write 100m or 1h40m.');
    expect(refusal('2')).toBe('"2" has no unit. Write 2h for hours or 2m for minutes.');
    expect(refusal('1.5')).toBe('"1.5" has no unit. Write 1.5h for hours.');
    expect(refusal('1,5')).toBe('"1,5" has no unit. Write 1.5h for hours.');
    expect(refusal('5000')).toContain('has no unit');
  });

  it('refuses zero', () => {
    for (const text of ['0', '0m', '0h', '0:00', 'PT0M', '0 h 0 min']) {
      expect(refusal(text), text).toContain('is zero');
    }
  });

  it('refuses negative durations', () => {
    for (const text of ['-30m', '-1h', '-1:30', '-90']) {
      expect(refusal(text), text).toContain('is negative');
    }
  });

  it('refuses less than a minute once rounded', () => {
    expect(refusal('PT20S')).toContain('less than a minute');
    expect(refusal('0.001h')).toContain('less than a minute');
  });

  it('refuses more than 24 hours', () => {
    for (const text of ['25h', '24h 1m', '1441m', '24.5h', 'PT25H', 'P1DT1M', '25:00', '99:59']) {
      expect(refusal(text), text).toBe(`"${text}" is more than 24 hours. Log each day separately, at most 24h per entry.`);
    }
  });

  it('refuses anything else with examples of what works', () => {
    for (const text of ['', 'abc', 'PT', 'P', '1h1h', '30m30m', '1h90', '1:5', '1:60', '1 day', '2 weeks', 'h', '1h30x', '1.5.5h', '90 m!', '1,h']) {
      const message = refusal(text);
      expect(message, text).toMatch(/1h30m, 90m, 1\.5h, 1:30 or PT1H30M/);
    }
  });
});
