// The sign-in pages' routes and form bodies as the built team server answers them, over fetch and bare
// sockets: a method a page does not take (HEAD too) is 405 with the one it takes; paths that only look
// like a page are left to the authorization server; a form over 16 KiB is 413 in words whether it says
// so or not, one of exactly 16 KiB is read; a form that is not urlencoded, names a field twice, or
// comes from another site is 403 (another site's before a byte is read); a compressed one is 415.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawConnection } from '../../support/raw-http.ts';
import { startTeamServer, stopAndRemoveServers, type TeamServerHandle } from '../../support/team-server.ts';

const FORM_BYTES = 16 * 1024;

let server: TeamServerHandle;
beforeAll(async () => {
  server = await startTeamServer();
});
afterAll(() => stopAndRemoveServers(server));

/** A fresh browser's account page: its browser cookie and the form token bound to it. */
async function accountForm(): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${server.origin}/account`);
  const cookie = (page.headers.getSetCookie().find((line) => line.startsWith('punchcard_browser=')) ?? '').split(';')[0] as string;
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  expect(cookie).not.toBe('');
  return { cookie, csrf: csrf as string };
}

function post(path: string, form: { cookie: string }, body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.origin}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.origin, cookie: form.cookie, ...headers },
    body,
  });
}

function rawHead(path: string, extra: string[]): string {
  return [`POST ${path} HTTP/1.1`, `Host: ${new URL(server.origin).host}`, 'Content-Type: application/x-www-form-urlencoded', ...extra, '', ''].join('\r\n');
}

describe('the routes of the sign-in pages', () => {
  it('a method a page does not take: 405 in words, with Allow naming the one it takes (HEAD is not GET here)', async () => {
    const cases: [string, string, string][] = [
      ['POST', '/account', 'GET'],
      ['HEAD', '/account', 'GET'],
      ['GET', '/account/sign-out', 'POST'],
      ['PUT', '/account/development', 'POST'],
      ['DELETE', '/interaction/abc', 'GET'],
      ['GET', '/interaction/abc/consent', 'POST'],
    ];
    for (const [method, path, allow] of cases) {
      const response = await fetch(`${server.origin}${path}`, { method, redirect: 'manual' });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow'), `${method} ${path}`).toBe(allow);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      if (method !== 'HEAD') expect(await response.text()).toContain('This page does not take that kind of request.');
    }
  });

  it('paths that only look like a page, and the company callback but by GET, are the authorization server’s 404', async () => {
    const cases: [string, string][] = [
      ...['/Account', '/account/', '/account/elsewhere', `/interaction/${'a'.repeat(65)}`, '/interaction/a%41', '/interaction/abc/other', '/interaction/'].map(
        (path): [string, string] => ['GET', path],
      ),
      ['POST', '/sign-in/callback'],
      ['HEAD', '/sign-in/callback'],
    ];
    for (const [method, path] of cases) {
      const response = await fetch(`${server.origin}${path}`, { method, redirect: 'manual' });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.text(), path).not.toContain('· Punchcard');
    }
  });
});

describe('the form bodies of the sign-in pages', () => {
  it('a well-formed form signs in; one of exactly 16 KiB is read too', async () => {
    const form = await accountForm();
    expect((await post('/account/development', form, new URLSearchParams({ csrf: form.csrf, name: 'Ada Lovelace' }).toString())).status).toBe(303);
    const fresh = await accountForm();
    const short = new URLSearchParams({ csrf: fresh.csrf, name: 'Ada Lovelace', pad: '' }).toString();
    const full = `${short}${'a'.repeat(FORM_BYTES - short.length)}`;
    expect(full.length).toBe(FORM_BYTES);
    const answer = await post('/account/development', fresh, full);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/account');
  });

  it('a form declared over 16 KiB: 413 in words, before a byte of it is sent', async () => {
    const connection = new RawConnection(server.origin);
    await connection.write(rawHead('/account/development', [`Origin: ${server.origin}`, `Content-Length: ${FORM_BYTES + 1}`]));
    expect(await connection.response()).toBe(413);
    expect(connection.text).toContain(`The request body is ${FORM_BYTES + 1} bytes; at most ${FORM_BYTES} are taken.`);
    connection.destroy();
  });

  it('a chunked form that runs past 16 KiB: 413 in words once it passes', async () => {
    const connection = new RawConnection(server.origin);
    await connection.write(rawHead('/account/development', [`Origin: ${server.origin}`, 'Transfer-Encoding: chunked']));
    const chunk = Buffer.concat([Buffer.from(`${(4 * 1024).toString(16)}\r\n`), Buffer.alloc(4 * 1024, 0x61), Buffer.from('\r\n')]);
    for (let sent = 0; sent < 8 && connection.status === undefined; sent++) await connection.write(chunk);
    expect(await connection.response()).toBe(413);
    expect(connection.text).toContain(`The request body is more than ${FORM_BYTES} bytes; at most ${FORM_BYTES} are taken.`);
    connection.destroy();
  });

  it('from another site: 403 before the body is read, even one over the bound', async () => {
    const connection = new RawConnection(server.origin);
    await connection.write(rawHead('/account/development', ['Origin: https://elsewhere.example', `Content-Length: ${FORM_BYTES * 4}`]));
    expect(await connection.response()).toBe(403);
    expect(connection.text).toContain('This form was sent from another site, so it was refused.');
    connection.destroy();
  });

  it('not urlencoded, or a field named twice: 403, as a form this server did not render', async () => {
    const form = await accountForm();
    const body = new URLSearchParams({ csrf: form.csrf, name: 'Ada Lovelace' }).toString();
    for (const type of ['text/plain', 'application/json', 'multipart/form-data; boundary=x']) {
      const answer = await post('/account/development', form, body, { 'content-type': type });
      expect(answer.status, type).toBe(403);
      expect(await answer.text()).toContain('This form has expired or was not sent from this page.');
    }
    expect((await post('/account/development', form, `${body}&csrf=${encodeURIComponent(form.csrf)}`)).status).toBe(403);
  });

  it('field names are taken as sent: brackets nest nothing (name[x] is not the name)', async () => {
    const form = await accountForm();
    const answer = await post('/account/development', form, new URLSearchParams({ csrf: form.csrf, 'name[x]': 'Ada Lovelace' }).toString());
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('Enter your name (up to 100 characters).');
  });

  it('a compressed form: 415 in words (a browser never sends one)', async () => {
    const form = await accountForm();
    const body = new Uint8Array(gzipSync(new URLSearchParams({ csrf: form.csrf, name: 'Ada Lovelace' }).toString()));
    const answer = await post('/account/development', form, body, { 'content-encoding': 'gzip' });
    expect(answer.status).toBe(415);
    expect(await answer.text()).toContain('A form is taken uncompressed, as browsers send it, not in gzip.');
  });
});
