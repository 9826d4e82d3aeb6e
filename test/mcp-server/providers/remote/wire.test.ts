// The address and query every remote back end's requests are sent to.
import { describe, expect, it } from 'vitest';
import { apiUrl, isObject } from '../../../../mcp-server/providers/remote/wire.ts';

describe('apiUrl', () => {
  it('puts the path below /api, keeping a base path', () => {
    expect(apiUrl('https://my.clockodo.com', '/v2/clock').href).toBe('https://my.clockodo.com/api/v2/clock');
    expect(apiUrl('https://example.com/kimai', '/timesheets/active').href).toBe('https://example.com/kimai/api/timesheets/active');
  });

  it('sends lists the PHP way, leaves undefined out and encodes names and values', () => {
    const url = apiUrl('http://127.0.0.1:8080', '/timesheets', { 'filter[users_id]': 3, tags: [1, 'two words'], full: true, project: undefined, empty: [] });
    expect(url.search).toBe('?filter%5Busers_id%5D=3&tags%5B%5D=1&tags%5B%5D=two+words&full=true');
    expect(url.searchParams.getAll('tags[]')).toEqual(['1', 'two words']);
  });
});

describe('isObject', () => {
  it('takes a JSON object, not null, a list or a value', () => {
    expect(isObject({})).toBe(true);
    for (const value of [null, undefined, [], 'x', 1]) expect(isObject(value)).toBe(false);
  });
});
