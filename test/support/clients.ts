// Shared fixtures of the registration tests: the launches an entry is built from, and catalog lookup.
import { type ClientDefinition, findClient } from '../../mcp-server/clients/catalog.ts';
import { launchSpec } from '../../mcp-server/clients/server-entry.ts';

/** Node and the built server from a development checkout. */
export const DEV_LAUNCH = launchSpec({
  executable: '/usr/local/bin/node',
  serverScript: '/home/ada/src/punchcard/dist/mcp-server/punchcard-mcp.mjs',
  userDataDir: '/home/ada/.config/Punchcard',
  runAsNode: false,
});

/** The installed macOS app in Node mode. */
export const APP_LAUNCH = launchSpec({
  executable: '/Applications/Punchcard.app/Contents/MacOS/Punchcard',
  serverScript: '/Applications/Punchcard.app/Contents/Resources/app.asar.unpacked/punchcard-mcp.mjs',
  userDataDir: '/Users/ada/Library/Application Support/Punchcard',
  runAsNode: true,
});

export function client(id: string): ClientDefinition {
  const found = findClient(id);
  if (!found) throw new Error(`No client ${id} in the catalog`);
  return found;
}
