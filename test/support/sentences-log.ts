// A team server's log for tests that start one in process: the sentences it says, at any level, in
// order, for the test to read; each request's line is left out (the request pipeline's own tests read
// those: test/team-server/logs/).
import type { TeamLog } from '../../team-server/logs/team-log.ts';

export function sentencesLog(said: string[] = []): TeamLog & { said: string[] } {
  const say = (message: string) => void said.push(message);
  return Object.assign(say, { said, warn: say, error: (message: string) => say(message), request: () => {} });
}
