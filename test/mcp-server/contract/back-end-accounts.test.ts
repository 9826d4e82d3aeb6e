// What counts as a back end's address, checked alike by the window, main and the engine.
import { describe, expect, it } from 'vitest';
import { isHttpUrl } from '../../../mcp-server/contract/back-end-accounts.ts';
import { secretHostProblem } from '../../../mcp-server/contract/back-end-descriptor.ts';
import { credentialAccount } from '../../../mcp-server/contract/back-ends.ts';
import { CLOCKIFY } from '../../../mcp-server/contract/back-ends/clockify.ts';
import { KIMAI } from '../../../mcp-server/contract/back-ends/kimai.ts';

/** Clockify's rule for where its key may go, from its descriptor's secretHosts. */
const clockifyUrlProblem = (url: string) => secretHostProblem(CLOCKIFY, url);

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

describe("secretHostProblem: Clockify's API hosts", () => {
  it("takes Clockify's API hosts (global, the regions, the developer one) and servers on this computer", () => {
    for (const url of [
      'https://api.clockify.me',
      'https://euc1.clockify.me',
      'https://use2.clockify.me',
      'https://euw2.clockify.me',
      'https://apse2.clockify.me',
      'https://developer.clockify.me',
      'http://127.0.0.1:8099',
      'https://localhost:3000/base',
      'http://[::1]:8080',
    ]) {
      expect(clockifyUrlProblem(url), url).toBeUndefined();
    }
  });

  it("refuses other hosts on Clockify's domain, more after /api, and every other computer", () => {
    expect(clockifyUrlProblem('https://acme.clockify.me')).toMatch(
      /^acme\.clockify\.me is not one of Clockify's API addresses; use https:\/\/api\.clockify\.me\/api/,
    );
    expect(clockifyUrlProblem('https://reports.api.clockify.me')).toMatch(/not one of Clockify's API addresses/);
    expect(clockifyUrlProblem('http://api.clockify.me')).toMatch(/without more after \/api/);
    expect(clockifyUrlProblem('https://api.clockify.me/api/v1')).toMatch(/without more after \/api/);
    // Anywhere else, https or not: a typo or a look-alike never gets the key.
    for (const url of [
      'https://api.clockify.co',
      'https://clockify-proxy.example.com',
      'http://clockify.internal.example',
      'https://api.clockify.me.example.com',
    ]) {
      expect(clockifyUrlProblem(url), url).toMatch(
        /^Punchcard sends your Clockify API key only to Clockify's API addresses \(or to a server on this computer\), and [^ ]+ is not one; use https:\/\/api\.clockify\.me\/api, or your region's/,
      );
    }
  });

  it('files the key under the address in its normal form', () => {
    expect(credentialAccount({ type: 'clockify', url: 'https://api.clockify.me/api/' })).toBe('clockify:https://api.clockify.me');
  });

  it('leaves the address to the person where the back end names no hosts (a self-hosted Kimai)', () => {
    expect(secretHostProblem(KIMAI, 'https://kimai.example.com')).toBeUndefined();
  });
});
