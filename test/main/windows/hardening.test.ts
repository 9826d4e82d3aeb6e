import { beforeEach, describe, expect, it } from 'vitest';
import { isAppOrigin } from '../../../main/windows/app-files.ts';
import { LINKS } from '../../../main/ipc/handlers/preferences.ts';
import { EXTERNAL_HOSTS, isAllowedExternalUrl, isOpenableUrl, setupHardening } from '../../../main/windows/hardening.ts';
import { BrowserWindow, resetElectronMock, session, shell } from '../../support/electron-mock.ts';

beforeEach(() => resetElectronMock());

describe('isAppOrigin', () => {
  it('accepts the app origin only', () => {
    expect(isAppOrigin('app://punchcard/index.html')).toBe(true);
    expect(isAppOrigin('app://punchcard/index.html#connect')).toBe(true);
    expect(isAppOrigin('app://punchcard')).toBe(true);
  });

  it('refuses look-alikes that a string or "null"-origin comparison would let through', () => {
    for (const url of [
      'app://evil/index.html',
      'app://punchcard.evil.com/',
      'app://punchcard:1234/',
      'app://user@punchcard/',
      'apps://punchcard/',
      'foo://punchcard/',
      // Node's URL gives all of these the origin 'null', like app:// itself.
      'foo://evil/',
      'data:text/html,<script>alert(1)</script>',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://punchcard/',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isAppOrigin(url), url).toBe(false);
    }
  });
});

describe('isAllowedExternalUrl', () => {
  it('allows https pages on the listed hosts', () => {
    expect(EXTERNAL_HOSTS).toContain('www.kimai.org');
    expect(isAllowedExternalUrl('https://www.kimai.org/documentation/rest-api.html')).toBe(true);
    expect(isAllowedExternalUrl('https://WWW.KIMAI.ORG/')).toBe(true);
  });

  it('allows every help link the window may ask main to open (Kimai, Clockodo, Calamari)', () => {
    for (const [id, url] of Object.entries(LINKS)) expect(isOpenableUrl(url), id).toBe(true);
  });

  it('refuses other schemes, hosts, credentials and ports', () => {
    for (const url of [
      'http://www.kimai.org/',
      'https://kimai.org.evil.com/',
      'https://evil.com/?https://www.kimai.org',
      'https://www.kimai.org.evil.com/',
      'https://www.kimai.org@evil.com/',
      'https://user:pw@www.kimai.org/',
      'https://www.kimai.org:8443/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://server/share',
      'javascript:alert(1)',
      'vscode:mcp/install?{}',
      'app://punchcard/index.html',
      'nonsense',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});

describe('setupHardening', () => {
  it('keeps every page on the app origin', () => {
    setupHardening();
    const contents = new BrowserWindow().webContents;
    expect(contents.simulateNavigation('https://evil.com/')).toBe(true);
    expect(contents.simulateNavigation('file:///etc/passwd')).toBe(true);
    expect(contents.simulateNavigation('app://evil/index.html')).toBe(true);
    expect(contents.simulateNavigation('https://www.kimai.org/', 'will-frame-navigate', false)).toBe(true);
    expect(contents.simulateNavigation('https://evil.com/', 'will-redirect')).toBe(true);
    expect(contents.simulateNavigation('app://punchcard/index.html')).toBe(false);
    expect(contents.simulateNavigation('app://punchcard/index.html#tools', 'will-frame-navigate')).toBe(false);
    expect(shell.opened).toEqual([]);
  });

  it('denies new windows and opens allow-listed https links in the browser', async () => {
    setupHardening();
    const contents = new BrowserWindow().webContents;
    expect(contents.simulateWindowOpen('https://www.kimai.org/documentation/')).toBe('deny');
    expect(contents.simulateWindowOpen('https://evil.com/')).toBe('deny');
    expect(contents.simulateWindowOpen('http://www.kimai.org/')).toBe('deny');
    expect(contents.simulateWindowOpen('file:///etc/passwd')).toBe('deny');
    expect(contents.simulateWindowOpen('app://punchcard/index.html')).toBe('deny');
    await Promise.resolve();
    expect(shell.opened).toEqual(['https://www.kimai.org/documentation/']);
  });

  it('refuses <webview>', () => {
    setupHardening();
    expect(new BrowserWindow().webContents.simulateAttachWebview()).toBe(true);
  });

  it('hardens every page created later, not only the first', () => {
    setupHardening();
    new BrowserWindow();
    const second = new BrowserWindow().webContents;
    expect(second.simulateNavigation('https://evil.com/')).toBe(true);
    expect(second.windowOpenHandler).not.toBeNull();
  });

  it('denies every permission request and check', async () => {
    setupHardening();
    const ses = session.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      expect(await ses.requestPermission(permission), permission).toBe(false);
      expect(ses.permissionCheckHandler?.(null, permission, 'app://punchcard', {}), permission).toBe(false);
    }
    expect(ses.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
  });
});

describe('isOpenableUrl', () => {
  it('lets main hand the OS only allow-listed pages and AI-client install links', () => {
    for (const url of [
      'https://www.kimai.org/documentation/rest-api.html',
      'vscode:mcp/install?%7B%22name%22%3A%22punchcard%22%7D',
      'vscode-insiders:mcp/install?x',
      'cursor://anysphere.cursor-deeplink/mcp/install?name=punchcard&config=e30%3D',
      'lmstudio://add_mcp?name=punchcard&config=e30%3D',
    ]) {
      expect(isOpenableUrl(url), url).toBe(true);
    }
    for (const url of [
      'http://www.kimai.org/',
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-settings:',
      'not a url',
    ]) {
      expect(isOpenableUrl(url), url).toBe(false);
    }
  });
});
