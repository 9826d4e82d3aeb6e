// Where a checkout holds the administrator's guide (docs/team-server/), for a command run from the
// repository rather than from a build (in process, as tests run the commands); a build names its own
// docs/ (team-server/index.ts). Its own module, below both the admin verbs and the command line that
// name it, so neither imports the other for it.
export const REPOSITORY_GUIDE = 'docs/team-server';
