// The protected resource's metadata (RFC 9728), where a client that met a 401 on /mcp learns which
// authorization server signs it in and with which scopes. Served at the well-known address and at
// its /mcp-suffixed form, both of which clients ask for.
import type { ServerResponse } from 'node:http';
import { ALL_SCOPES } from '../auth/authorization-server.ts';

/** Answers the metadata and says true, or says false for any other path. */
export type MetadataRoute = (path: string, response: ServerResponse) => boolean;

export function resourceMetadataRoute(origin: string, resource: string): MetadataRoute {
  const document = JSON.stringify({
    resource,
    authorization_servers: [origin],
    scopes_supported: ALL_SCOPES.split(' '),
    bearer_methods_supported: ['header'],
    resource_name: 'Punchcard',
    resource_documentation: `${origin}/account`,
  });
  return (path, response) => {
    if (path !== '/.well-known/oauth-protected-resource' && path !== '/.well-known/oauth-protected-resource/mcp') return false;
    response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'max-age=3600' });
    response.end(document);
    return true;
  };
}
