// By hand: the official client signs in through a real browser, clocks in, reads working time.
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { Client, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import { MemoryOAuthProvider } from './test/support/team-server.ts';

const mcpUrl = new URL('http://127.0.0.1:8795/mcp');
let gotCallback: (url: URL) => void;
const callback = new Promise<URL>((r) => (gotCallback = r));
const listener = createServer((req, res) => { gotCallback(new URL(req.url ?? '/', 'http://127.0.0.1')); res.end('done, close this window'); });
await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
const redirect = `http://127.0.0.1:${(listener.address() as any).port}/callback`;
const oauth = new MemoryOAuthProvider({ clientName: 'By-hand client', redirectUrl: redirect });
const client = () => new Client({ name: 'by-hand', version: '1.0.0' });
try { await client().connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: oauth })); } catch (e) { if (!(e instanceof UnauthorizedError)) throw e; }
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium-headless-shell' });
const page = await browser.newPage();
await page.goto((oauth.authorizationUrl as URL).href);
console.log('PAGE 1:', await page.title(), '|', (await page.locator('body').innerText()).replace(/\s+/g, ' ').slice(0, 400));
await page.getByLabel(/name/i).first().fill(process.argv[2] ?? 'Grace Hopper');
await page.getByRole('button').first().click();
await page.waitForLoadState();
console.log('PAGE 2:', await page.title(), '|', (await page.locator('body').innerText()).replace(/\s+/g, ' ').slice(0, 500));
await page.getByRole('button', { name: /^Allow$/ }).click();
const back = await callback;
await browser.close();
const t = new StreamableHTTPClientTransport(mcpUrl, { authProvider: oauth });
await t.finishAuth(back.searchParams);
const c = client();
await c.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: oauth }));
const tools = await c.listTools();
console.log('TOOLS', tools.tools.length, tools.tools.map((x) => x.name).join(' '));
for (const [name, args] of [['clock_in', { project: 'nothing' }], ['log_time', { date: '2026-11-27', start: '07:00', end: '18:30', description: 'long day' }], ['working_time', {}], ['status', {}]] as const) {
  const r: any = await c.callTool({ name, arguments: args as any });
  console.log(`\n== ${name} ${JSON.stringify(args)} isError=${r.isError ?? false}\n${r.content.map((x: any) => x.text).join('\n')}\n_meta: ${JSON.stringify(r._meta ?? null).slice(0, 300)}`);
}
console.log('TOKENS', JSON.stringify(oauth.tokens()).slice(0, 80));
await c.close(); listener.close();
