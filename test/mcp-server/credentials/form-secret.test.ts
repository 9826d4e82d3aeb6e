// The Claude Desktop extension's one secret goes to the back end its form named and to no other.
import { describe, expect, it } from 'vitest';
import type { BackEndProfile } from '../../../mcp-server/contract/settings.ts';
import { bindFormSecret } from '../../../mcp-server/credentials/form-secret.ts';
import { createEnvStore } from '../../../mcp-server/credentials/env-store.ts';

const clockify: BackEndProfile = { type: 'clockify', url: 'https://api.clockify.me' };
const kimai = { type: 'kimai' as const, url: 'https://kimai.example.com' };
const origin = (backEnd: BackEndProfile | undefined, policyFixes = false) => ({ backEnd, policyFixes });

describe("the extension form's secret", () => {
  it('is the token of the back end the form named, at the same address (a trailing /api or slash aside)', () => {
    const bound = bindFormSecret({ PUNCHCARD_SECRET: ' key ' }, origin({ type: 'kimai', url: 'https://kimai.example.com/api/' }), kimai);
    expect(bound).toEqual({ env: { PUNCHCARD_KIMAI_TOKEN: 'key' }, withheld: null });
  });

  it('goes to no other back end: another type, another address, another person', () => {
    for (const used of [kimai, { type: 'clockify' as const, url: 'https://euc1.clockify.me' }]) {
      const bound = bindFormSecret({ PUNCHCARD_SECRET: 'key', HOME: '/h' }, origin(clockify, true), used);
      expect(bound.env).toEqual({ HOME: '/h' });
      expect(bound.withheld).toContain("your organisation's policy has Punchcard use");
    }
    const clockodo = bindFormSecret({ PUNCHCARD_SECRET: 'key' }, origin({ type: 'clockodo', email: 'ada@example.com', url: 'https://my.clockodo.com' }), {
      type: 'clockodo',
      email: 'bob@example.com',
      url: 'https://my.clockodo.com',
    });
    expect(clockodo.env).toEqual({});
    expect(clockodo.withheld).toMatch(
      /^The secret in Punchcard's Claude Desktop extension settings was given for Clockodo at https:\/\/my.clockodo.com, .* Punchcard is using Clockodo at https:\/\/my.clockodo.com instead, so it has no Clockodo API key for it\./,
    );
  });

  it('goes nowhere where the form named no back end, and says to choose one', () => {
    const bound = bindFormSecret({ PUNCHCARD_SECRET: 'key' }, origin(undefined), kimai);
    expect(bound.env).toEqual({});
    expect(bound.withheld).toBe(
      "The secret in Punchcard's Claude Desktop extension settings is used only for the back end chosen there, and none is chosen (Back end is empty), so Punchcard does not send it to Kimai at https://kimai.example.com. " +
        "Choose kimai under Back end in the extension's settings. Save its Kimai API token in the Punchcard app, or set PUNCHCARD_KIMAI_TOKEN.",
    );
  });

  it('is nothing where unset, empty or an unfilled placeholder, and yields to a variable set for the back end by name', () => {
    for (const value of [undefined, '', '  ', '${user_config.secret}']) {
      expect(bindFormSecret({ PUNCHCARD_SECRET: value }, origin(clockify), kimai)).toEqual({ env: {}, withheld: null });
    }
    expect(bindFormSecret({ PUNCHCARD_SECRET: 'form', PUNCHCARD_KIMAI_TOKEN: 'named' }, origin(kimai), kimai).env).toEqual({ PUNCHCARD_KIMAI_TOKEN: 'named' });
  });
});

describe('a token variable', () => {
  it('left as an unfilled placeholder counts as unset', async () => {
    const store = createEnvStore({ PUNCHCARD_KIMAI_TOKEN: '${user_config.secret}', PUNCHCARD_CLOCKIFY_TOKEN: ' key ' });
    expect(await store.get('kimai:https://kimai.example.com')).toBeNull();
    expect(await store.get('clockify:https://api.clockify.me')).toBe('key');
  });
});
