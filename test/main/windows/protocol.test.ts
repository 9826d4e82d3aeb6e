import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  appResponse,
  contentTypeOf,
  registerAppScheme,
  resolveAppRequest,
  serveAppProtocol,
} from '../../../main/windows/protocol.ts';
import { app, protocol, resetElectronMock } from '../../support/electron-mock.ts';

const ROOT = resolve('/srv/punchcard/renderer');

function refused(url: string) {
  const result = resolveAppRequest(url, ROOT);
  return result.ok ? null : result.status;
}

function served(url: string) {
  const result = resolveAppRequest(url, ROOT);
  return result.ok ? relative(ROOT, result.path) : null;
}

describe('resolveAppRequest', () => {
  it('serves files of the app folder, index.html for folders', () => {
    expect(served('app://punchcard/index.html')).toBe('index.html');
    expect(served('app://punchcard/')).toBe('index.html');
    expect(served('app://punchcard')).toBe('index.html');
    expect(served('app://punchcard/assets/index-BY0oFIub.js')).toBe(join('assets', 'index-BY0oFIub.js'));
    expect(served('app://punchcard/assets/')).toBe(join('assets', 'index.html'));
    expect(served('app://punchcard/index.html?x=1#status')).toBe('index.html');
    expect(served('app://punchcard/a%20file.png')).toBe('a file.png');
  });

  it('keeps dot segments inside the folder (the URL folds them, as Chromium does)', () => {
    // Folded to /etc/passwd under the app folder, which is not /etc/passwd.
    expect(served('app://punchcard/../../etc/passwd')).toBe(join('etc', 'passwd'));
    expect(served('app://punchcard/assets/../../../index.html')).toBe('index.html');
    expect(served('app://punchcard/%2e%2e/%2E%2E/etc/passwd')).toBe(join('etc', 'passwd'));
    expect(served('app://punchcard/.%2e/secret')).toBe('secret');
  });

  it('refuses encoded traversal, backslashes, NUL bytes and drive letters', () => {
    expect(refused('app://punchcard/%2e%2e%2f%2e%2e%2fetc%2fpasswd')).toBe(400);
    expect(refused('app://punchcard/..%2f..%2fetc/passwd')).toBe(400);
    expect(refused('app://punchcard/assets%2f..%2f..%2fx')).toBe(400);
    expect(refused('app://punchcard/..%5c..%5cWindows%5cwin.ini')).toBe(400);
    expect(refused('app://punchcard/a\\..\\..\\b')).toBe(400);
    expect(refused('app://punchcard/index.html%00.png')).toBe(400);
    expect(refused('app://punchcard/C:%5cWindows')).toBe(400);
    expect(refused('app://punchcard/C:/Windows/win.ini')).toBe(400);
    expect(refused('app://punchcard/file.txt::$DATA')).toBe(400);
    expect(refused('app://punchcard/%E0%A4%A')).toBe(400);
  });

  it('refuses other hosts, schemes, credentials, ports and hidden files', () => {
    expect(refused('app://evil/index.html')).toBe(403);
    expect(refused('app:///etc/passwd')).toBe(403);
    expect(refused('app://punchcard:8080/index.html')).toBe(403);
    expect(refused('app://user:pw@punchcard/index.html')).toBe(400);
    expect(refused('file:///etc/passwd')).toBe(400);
    expect(refused('https://punchcard/index.html')).toBe(400);
    expect(refused('/etc/passwd')).toBe(400);
    expect(refused('app://punchcard/.env')).toBe(404);
    expect(refused('app://punchcard/.git/config')).toBe(404);
  });

  it('never resolves outside the folder, whatever the path', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('..', '.', '%2e%2e', '%2e', '%2f', '%5c', '\\', '%00', 'etc', 'passwd', 'C:', '~', '%252e'), fc.string()), {
          maxLength: 8,
        }),
        (parts) => {
          const result = resolveAppRequest(`app://punchcard/${parts.join('/')}`, ROOT);
          if (result.ok) expect(result.path.startsWith(ROOT + '/') || result.path.startsWith(ROOT + '\\')).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('names content types', () => {
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('assets/index.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('a.woff2')).toBe('font/woff2');
    expect(contentTypeOf('a.bin')).toBe('application/octet-stream');
  });
});

describe('serving app://', () => {
  let root: string;
  let outside: string;

  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'punchcard-protocol-'));
    root = join(base, 'renderer');
    outside = join(base, 'secret.txt');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Punchcard</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(outside, 'top secret');
    symlinkSync(outside, join(root, 'leak.txt'));
  });

  afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  beforeEach(() => resetElectronMock());

  it('answers with the file, its type and the strict CSP', async () => {
    const response = await appResponse(new Request(APP_ENTRY_URL), root);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html><title>Punchcard</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await appResponse(new Request('app://punchcard/assets/app.js'), root);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('answers 404 for missing files and folders, 403 for a symbolic link leading out', async () => {
    expect((await appResponse(new Request('app://punchcard/nope.js'), root)).status).toBe(404);
    expect((await appResponse(new Request('app://punchcard/assets'), root)).status).toBe(404);
    const leak = await appResponse(new Request('app://punchcard/leak.txt'), root);
    expect(leak.status).toBe(403);
    expect(await leak.text()).not.toContain('top secret');
  });

  it('refuses traversal with the CSP still set, and anything but GET and HEAD', async () => {
    const traversal = await appResponse(new Request('app://punchcard/..%2fsecret.txt'), root);
    expect(traversal.status).toBe(400);
    expect(traversal.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await appResponse(new Request('app://punchcard/../secret.txt'), root)).status).toBe(404);
    expect((await appResponse(new Request(APP_ENTRY_URL, { method: 'POST', body: 'x' }), root)).status).toBe(405);
    const head = await appResponse(new Request(APP_ENTRY_URL, { method: 'HEAD' }), root);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('registers app:// as a privileged scheme before ready, and serves it after', async () => {
    resetElectronMock({ ready: false });
    registerAppScheme();
    expect(protocol.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    app.emitReady();
    serveAppProtocol(root);
    const response = await protocol.fetch(APP_ENTRY_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('cannot register the scheme once the app is ready (like Electron)', () => {
    expect(() => registerAppScheme()).toThrow(/before app is ready/);
  });
});
