// Durations as the window and the tray write them: always with a unit, in the person's style.
import { describe, expect, it } from 'vitest';
import { durationStyleOf, durationText, signedDurationText } from '../../../mcp-server/contract/durations.ts';

describe('durations with units', () => {
  it.each([
    [0, '0 min', '0m'],
    [5, '5 min', '5m'],
    [60, '1 h', '1h'],
    [225, '3 h 45 min', '3h 45m'],
    [1230, '20 h 30 min', '20h 30m'],
    [44.6, '45 min', '45m'],
  ])('%d minutes → %s (compact %s)', (minutes, full, compact) => {
    expect(durationText(minutes, 'units')).toBe(full);
    expect(durationText(minutes, 'units', { compact: true })).toBe(compact);
  });

  it('never looks like a time of day', () => {
    for (const minutes of [0, 1, 59, 60, 61, 599, 1439, 5000]) expect(durationText(minutes, 'units')).not.toMatch(/\d:\d\d/);
  });
});

describe('decimal hours', () => {
  it.each([
    [0, '0.00 h'],
    [45, '0.75 h'],
    [225, '3.75 h'],
    [480, '8.00 h'],
    [20, '0.33 h'],
  ])('%d minutes → %s', (minutes, text) => {
    expect(durationText(minutes, 'decimal', { locale: 'en-US' })).toBe(text);
  });

  it('writes the decimal mark of the locale', () => {
    expect(durationText(225, 'decimal', { locale: 'de-DE' })).toBe('3,75 h');
    expect(durationText(225, 'decimal', { locale: 'de-DE', compact: true })).toBe('3,75h');
  });
});

describe('signed durations', () => {
  it('puts a real minus sign before undertime and a plus before overtime', () => {
    expect(signedDurationText(-45, 'units')).toBe('−45 min');
    expect(signedDurationText(90, 'units')).toBe('+1 h 30 min');
    expect(signedDurationText(-45, 'decimal', { locale: 'en-US' })).toBe('−0.75 h');
    expect(signedDurationText(0, 'units')).toBe('+0 min');
  });
});

it('reads a stored style, taking units for anything else', () => {
  expect(durationStyleOf('decimal')).toBe('decimal');
  expect(durationStyleOf('units')).toBe('units');
  expect(durationStyleOf('hh:mm')).toBe('units');
  expect(durationStyleOf(undefined)).toBe('units');
});
