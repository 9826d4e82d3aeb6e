// What counts as a back end's address, checked alike by the window, main and the engine.
import { describe, expect, it } from 'vitest';
import { firstNonAscii, isHttpUrl, normalizeBaseUrl } from '../../../mcp-server/contract/back-end-accounts.ts';
import { secretHostProblem } from '../../../mcp-server/contract/back-end-descriptor.ts';
import { credentialAccount } from '../../../mcp-server/contract/back-ends.ts';
import { CLOCKIFY } from '../../../mcp-server/contract/back-ends/clockify.ts';
import { KIMAI } from '../../../mcp-server/contract/back-ends/kimai.ts';
import { TOGGL } from '../../../mcp-server/contract/back-ends/toggl.ts';

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

describe('firstNonAscii: the rule an address is held to where one organisation credential acts for people', () => {
  it('passes every address of plain ASCII letters, digits and signs, in any case, around space', () => {
    const printable = Array.from({ length: 0x7e - 0x21 + 1 }, (_, index) => String.fromCharCode(0x21 + index)).join('');
    expect(firstNonAscii(printable)).toBeNull();
    for (const address of [' Ada.Lovelace+time@Example.COM ', "o'neil@acme.example", 'x_y-z@sub.acme.example'])
      expect(firstNonAscii(address), address).toBeNull();
  });

  it('names the first character that is not, as its code point: look-alikes, accents, full-width and mathematical letters, ligatures', () => {
    expect(firstNonAscii('\u212Aim@example.com')).toBe('U+212A');
    expect(firstNonAscii('ja\u017Fon@example.com')).toBe('U+017F');
    expect(firstNonAscii('jos\u00e9@example.com')).toBe('U+00E9');
    // An accent as a mark of its own, after a plain e.
    expect(firstNonAscii('jose\u0301@example.com')).toBe('U+0301');
    expect(firstNonAscii('ada@\uFF45xample.com')).toBe('U+FF45');
    expect(firstNonAscii('\u{1D424}im@example.com')).toBe('U+1D424');
    expect(firstNonAscii('o\uFB00ice@example.com')).toBe('U+FB00');
    expect(firstNonAscii('ad\u0430@example.com')).toBe('U+0430');
  });

  it('holds space and control characters inside an address to it too, and reads the first of several', () => {
    expect(firstNonAscii('ada lovelace@example.com')).toBe('U+0020');
    expect(firstNonAscii('ada\u0000@example.com')).toBe('U+0000');
    expect(firstNonAscii('ada\u007F@example.com')).toBe('U+007F');
    expect(firstNonAscii('j\u00f6rg\u212A@example.com')).toBe('U+00F6');
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

  it("refuses Toggl Track's address with /api/v9 pasted after it, in Toggl's own form, and files the token under Toggl's address", () => {
    const togglUrlProblem = (url: string) => secretHostProblem(TOGGL, normalizeBaseUrl(url));
    expect(togglUrlProblem('https://api.track.toggl.com')).toBeUndefined();
    expect(togglUrlProblem('https://api.track.toggl.com/api/')).toBeUndefined();
    for (const url of ['https://api.track.toggl.com/api/v9', 'https://api.track.toggl.com/api/v9/', 'http://api.track.toggl.com']) {
      expect(togglUrlProblem(url), url).toBe(
        "Toggl Track's API is at https://api.track.toggl.com, over https and with nothing after it: Punchcard adds /api/v9 itself",
      );
    }
    expect(togglUrlProblem('https://track.toggl.com')).toBe("track.toggl.com is not one of Toggl Track's API addresses; use https://api.track.toggl.com");
    expect(credentialAccount({ type: 'toggl', url: 'https://api.track.toggl.com/' })).toBe('toggl:https://api.track.toggl.com');
  });

  it('leaves the address to the person where the back end names no hosts (a self-hosted Kimai)', () => {
    expect(secretHostProblem(KIMAI, 'https://kimai.example.com')).toBeUndefined();
  });
});
