// What counts as a back end's address, checked alike by the window, main and the engine.
import { describe, expect, it } from 'vitest';
import { isHttpUrl } from '../../../mcp-server/contract/back-end-accounts.ts';

describe('isHttpUrl', () => {
  it('takes an http(s) address with a host, as people paste it', () => {
    expect(isHttpUrl(' https://acme.calamari.io/api/ ')).toBe(true);
    expect(isHttpUrl('http://localhost:8001')).toBe(true);
  });

  it('refuses other schemes, a missing scheme, and white space inside, whichever URL parser runs', () => {
    expect(isHttpUrl('ftp://kimai.example.com')).toBe(false);
    expect(isHttpUrl('acme.calamari.io')).toBe(false);
    // Chromium's parser (the window's) takes "acme calamari.io" for a host; Node's does not.
    expect(isHttpUrl('https://acme calamari.io')).toBe(false);
    // Node's takes a space in the path (it encodes it); nobody's base address has one.
    expect(isHttpUrl('https://acme.calamari.io/my api')).toBe(false);
  });
});
