// Client ID Metadata Documents as a client publishes them: an https server on loopback that serves a
// client's document by path (its URL is the client's id) and keeps the paths it was asked for. Its
// certificate comes from a CA made for the test (makeTestCertificates); the team server trusts it
// through NODE_EXTRA_CA_CERTS (in the test's process too: team-server.ts), and fetches from loopback only with the test-only switch
// (CLIENT_DOCUMENTS_ON_LOOPBACK) on a server nobody but this computer reaches.
import { createServer, type Server } from 'node:https';
import { REDIRECT_URI } from './team-oauth.ts';

/** The environment that lets a team server on this computer fetch client documents from loopback. */
export const CLIENT_DOCUMENTS_ON_LOOPBACK = { PUNCHCARD_TEST_CLIENT_DOCUMENTS_ON_LOOPBACK: '1' };

export interface ClientDocument {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}

export class DocumentHost {
  readonly documents = new Map<string, ClientDocument>();
  readonly requested: string[] = [];
  #server: Server | undefined;
  origin = '';

  async start(certificates: { key: string; cert: string }): Promise<void> {
    this.#server = createServer(certificates, (request, response) => {
      this.requested.push(request.url ?? '');
      const document = this.documents.get(request.url ?? '');
      if (!document) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(document.status ?? 200, { 'content-type': 'application/json', ...document.headers });
      response.end(document.body);
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.origin = `https://127.0.0.1:${(this.#server.address() as { port: number }).port}`;
  }

  /** Serves a client's metadata document at `path` and answers its URL (the client's id). */
  serve(path: string, changes: Record<string, unknown> = {}, document: Partial<ClientDocument> = {}): string {
    const clientId = `${this.origin}${path}`;
    const body = JSON.stringify({
      client_id: clientId,
      client_name: 'Docs Client',
      redirect_uris: [REDIRECT_URI],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      ...changes,
    });
    this.documents.set(path, { body, ...document });
    return clientId;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}
