// The protected resource's metadata (RFC 9728), where a client that met a 401 on /mcp learns which
// authorization server signs it in and with which scopes. Served at the well-known address and at
// its /mcp-suffixed form, both of which clients ask for, to any method as it always was.
import type { Middleware } from 'koa';
import { ALL_SCOPES } from '../auth/authorization-server.ts';

export const RESOURCE_METADATA_PATHS = ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp'];

export function resourceMetadata(origin: string, resource: string): Middleware {
  const document = JSON.stringify({
    resource,
    authorization_servers: [origin],
    scopes_supported: ALL_SCOPES.split(' '),
    bearer_methods_supported: ['header'],
    resource_name: 'Punchcard',
    resource_documentation: `${origin}/account`,
  });
  return (ctx) => {
    ctx.status = 200;
    ctx.set({ 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'max-age=3600' });
    ctx.body = document;
  };
}
