// Summaries of timing samples. Percentiles use the nearest-rank method: p90 of 15 samples is the
// 14th smallest, so it is always a value that was actually measured.

export interface Summary {
  runs: number;
  median: number;
  min: number;
  p90: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('No samples to summarize.');
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    median: median(sorted),
    min: at(sorted, 0),
    p90: percentile(sorted, 90),
    max: at(sorted, sorted.length - 1),
  };
}

/** `sorted` must be in ascending order. */
export function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return at(sorted, Math.min(Math.max(rank - 1, 0), sorted.length - 1));
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? at(sorted, middle) : (at(sorted, middle - 1) + at(sorted, middle)) / 2;
}

function at(values: readonly number[], index: number): number {
  const value = values[index];
  if (value === undefined) throw new Error(`No value at index ${index}.`);
  return value;
}

/** Rounds for the JSON file: timings to 0.01 ms are already below the noise. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function roundSummary(summary: Summary): Summary {
  return {
    runs: summary.runs,
    median: round(summary.median),
    min: round(summary.min),
    p90: round(summary.p90),
    max: round(summary.max),
  };
}

export function formatMs(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

export function describeTiming(summary: Summary, unit = 'run'): string {
  return (
    `median ${formatMs(summary.median)} (min ${formatMs(summary.min)}, p90 ${formatMs(summary.p90)}; ` +
    `n=${summary.runs} ${unit}${summary.runs === 1 ? '' : 's'})`
  );
}
