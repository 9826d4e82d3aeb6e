// What every remote back end's wire has in common: its API lives below /api at the configured address,
// lists go in the query the PHP way (Kimai and Clockodo read `tags[]=1&tags[]=2` as a list; a bare
// repeated name would keep only the last), and a JSON answer is read only after checking it is an
// object. Each back end's own shapes are in its wire.ts.

export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];

/** `path` below the address's /api (`'/v2/clock'`), with the query's undefined values left out. */
export function apiUrl(baseUrl: string, path: string, query: Record<string, QueryValue> = {}, root = 'api'): URL {
  // The trailing slash keeps a base path: https://example.com/kimai → https://example.com/kimai/api/…
  const url = new URL(`${root}${path}`.replace(/^\//, ''), `${baseUrl}/`);
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(`${name}[]`, String(item));
    else url.searchParams.set(name, String(value));
  }
  return url;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
