// `punchcard-mcp` as the team server ships it (the container image, `npm run pack:server`): the
// engine's own command line (mcp-server/cli/main.ts) with the team server's commands added: `serve`,
// `audit` and `admin` (cli/team-commands.ts). The desktop app builds the engine's entry alone
// (mcp-server/index.ts) and never holds anything of this folder.
import { startNode } from '../mcp-server/node-version.ts';

startNode();
const [{ main }, { TEAM_COMMANDS }] = await Promise.all([import('../mcp-server/cli/main.ts'), import('./cli/team-commands.ts')]);
await main(process.argv.slice(2), TEAM_COMMANDS);
