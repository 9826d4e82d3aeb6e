// Small pieces of wording the catalogs share: a wait, a count with its noun, a list.

/** "250 ms", "1.5 s": how long something waited or may wait. */
export function formatWait(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${Number((ms / 1_000).toFixed(1))} s`;
}

/** "1 entry", "3 entries". */
export function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
