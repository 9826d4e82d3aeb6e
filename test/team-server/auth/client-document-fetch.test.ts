// Where the authorization server fetches a client's metadata document from (team-server/auth/client-document-fetch.ts):
// every address a name resolves to is checked before a connection is made, and the connection goes to
// an address that was checked (the name is not resolved again between the check and the connection).
// Names resolve through a resolver the test gives (DNS answers that would point at private networks
// cannot be had here); connections go to listeners on this computer only.
import type { LookupAddress } from 'node:dns';
import { type AddressInfo, connect, createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addressRefusal, checkedLookup, clientDocumentFetch, clientDocumentsOnLoopback } from '../../../team-server/auth/client-document-fetch.ts';

describe('the addresses a document may come from', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '0.0.0.0',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '198.18.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:8.8.8.8',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    '64:ff9b::a00:1',
    '2002:a00:1::1',
    '2001:db8::1',
    'ff02::1',
  ])('%s: refused', (address) => {
    expect(addressRefusal(address, { loopback: false })).toBeDefined();
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e'])('%s (public): taken', (address) => {
    expect(addressRefusal(address, { loopback: false })).toBeUndefined();
  });

  it("with loopback allowed (tests): 127.0.0.0/8 and ::1 are taken, and still nothing else of this computer's networks", () => {
    for (const address of ['127.0.0.1', '127.0.0.2', '::1']) expect(addressRefusal(address, { loopback: true }), address).toBeUndefined();
    for (const address of ['0.0.0.0', '::', '::ffff:127.0.0.1', '10.0.0.1', '169.254.169.254'])
      expect(addressRefusal(address, { loopback: true }), address).toBeDefined();
  });

  it('allows loopback only with the test switch, on a server that only this computer reaches', () => {
    const on = { PUNCHCARD_TEST_CLIENT_DOCUMENTS_ON_LOOPBACK: '1' };
    expect(clientDocumentsOnLoopback(on, 'http://127.0.0.1:8787', '127.0.0.1')).toBe(true);
    expect(clientDocumentsOnLoopback({}, 'http://127.0.0.1:8787', '127.0.0.1')).toBe(false);
    expect(clientDocumentsOnLoopback(on, 'https://punchcard.example.com', '127.0.0.1')).toBe(false);
    expect(clientDocumentsOnLoopback(on, 'http://127.0.0.1:8787', '0.0.0.0')).toBe(false);
    expect(clientDocumentsOnLoopback({ PUNCHCARD_TEST_CLIENT_DOCUMENTS_ON_LOOPBACK: 'true' }, 'http://127.0.0.1:8787', '127.0.0.1')).toBe(false);
  });
});

describe('connecting to a checked address', () => {
  let listener: Server;
  let port: number;
  let connections: number;
  beforeEach(async () => {
    connections = 0;
    listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  });

  /** A resolver that answers `addresses` for every name, and counts how often it is asked. */
  const resolverOf = (addresses: LookupAddress[]) => {
    const asked: string[] = [];
    return { asked, resolve: async (host: string) => (asked.push(host), addresses) };
  };
  const connectTo = (host: string, lookup: ReturnType<typeof checkedLookup>) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect({ host, port, lookup });
      socket.once('connect', () => {
        resolve(socket.remoteAddress ?? '');
        socket.destroy();
      });
      socket.once('error', reject);
    });

  it('a name resolving to a special-use address among public ones: refused before any connection', async () => {
    const resolver = resolverOf([
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ]);
    await expect(connectTo('documents.example', checkedLookup({ loopback: false, resolve: resolver.resolve }))).rejects.toMatchObject({
      code: 'ESPECIALUSE',
      message: expect.stringMatching(/documents\.example resolves to an address it may not come from \(10\.0\.0\.7 is a special-use address/),
    });
    expect(resolver.asked).toEqual(['documents.example']);
  });

  it('a name with a special-use address of the other family: refused whole, though connect asked for IPv4 only', async () => {
    const resolver = resolverOf([
      { address: '93.184.216.34', family: 4 },
      { address: 'fd00::1', family: 6 },
    ]);
    const lookup = checkedLookup({ loopback: false, resolve: resolver.resolve });
    const outcome = await new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
      lookup('documents.example', { family: 4 }, (error, address) => resolve({ error, address })),
    );
    expect(outcome.error).toMatchObject({ code: 'ESPECIALUSE', message: expect.stringMatching(/fd00::1/) });
  });

  it('a name resolving to loopback: refused, and the listener there never sees a connection', async () => {
    const resolver = resolverOf([{ address: '127.0.0.1', family: 4 }]);
    await expect(connectTo('rebound.example', checkedLookup({ loopback: false, resolve: resolver.resolve }))).rejects.toMatchObject({ code: 'ESPECIALUSE' });
    expect(connections).toBe(0);
  });

  it('with loopback allowed (tests), connects to the address it checked, having asked the resolver once', async () => {
    const resolver = resolverOf([{ address: '127.0.0.1', family: 4 }]);
    expect(await connectTo('documents.test', checkedLookup({ loopback: true, resolve: resolver.resolve }))).toBe('127.0.0.1');
    expect(resolver.asked).toEqual(['documents.test']);
    await expect.poll(() => connections).toBe(1);
  });

  it('a literal special-use address in the URL: refused by the fetch before it connects', async () => {
    const fetchDocument = clientDocumentFetch({ loopback: false });
    for (const url of [`https://127.0.0.1:${port}/client.json`, `https://0.0.0.0:${port}/client.json`, `https://[::ffff:127.0.0.1]:${port}/client.json`]) {
      await expect(fetchDocument(url, { method: 'GET' }), url).rejects.toMatchObject({ code: 'ESPECIALUSE' });
    }
    expect(connections).toBe(0);
  });

  it('an http:// address: refused', async () => {
    await expect(clientDocumentFetch({ loopback: true })(`http://127.0.0.1:${port}/client.json`, {})).rejects.toThrow(/https only/);
    expect(connections).toBe(0);
  });
});
