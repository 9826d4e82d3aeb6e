// A secret the team server told its log to hide (TeamLog.hide: the organisation's tracker credential, issue 66)
// is blanked in every line from then on, a sentence, a warning or a failure's cause and stack alike, wherever a
// back end or a library echoed it; what is not a secret is written as it was.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { failedBecause, inRequest } from '../../../team-server/logs/request-context.ts';
import { teamLog } from '../../../team-server/logs/team-log.ts';

const KEY = 'organisation-key-7f3a9c1e5b2d4f60';

async function collected() {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const log = await teamLog({ human: false, destination });
  return { log, text: () => text };
}

describe('a hidden secret in the team log', () => {
  it('is blanked in sentences, warnings and the cause of a failed request', async () => {
    const { log, text } = await collected();
    log(`before hiding: ${KEY}`);
    log.hide?.(KEY);
    log(`Kimai answered: invalid token ${KEY} for /api/users`);
    log.warn(`a proxy's page quoted X-AUTH-TOKEN: ${KEY}`);
    inRequest((context) => {
      failedBecause(new Error(`upstream said ${KEY}`), { withStack: true });
      log.request({ context, method: 'POST', route: '/mcp', status: 502, durationMs: 3, completed: true });
    }, 'r-1');
    const lines = text().trim().split('\n');
    // Before it was hidden, a line is as it was said (nothing is taken back).
    expect(lines[0]).toContain(KEY);
    const after = lines.slice(1).join('\n');
    expect(after).not.toContain(KEY);
    expect(after).toContain('Kimai answered: invalid token [hidden] for /api/users');
    expect(after).toContain("a proxy's page quoted X-AUTH-TOKEN: [hidden]");
    expect(after).toContain('upstream said [hidden]');
  });

  it('leaves short values alone: a secret of a few characters would blank ordinary words', async () => {
    const { log, text } = await collected();
    log.hide?.('the');
    log('the server starts');
    expect(text()).toContain('the server starts');
  });
});
