// What the account capability sends to Kimai (docs/back-ends/kimai.md): who the person is, the version and the plugins
// a connection test and the background check look for. The endpoints it shares with other capabilities come from the
// root's api.ts; the rest are its own.
import { remoteRefusal } from '../../remote/remote-error.ts';
import { isObject } from '../../remote/wire.ts';
import type { KimaiClient } from '../api.ts';
import { KimaiError } from '../errors.ts';

export function accountEndpoints(client: KimaiClient) {
  const { get, answer: read, baseUrl } = client;
  const { me, timesheetConfig, weekStatus } = client.api;
  return {
    me,
    timesheetConfig,
    weekStatus,
    /**
     * Kimai's version. /version needs valid credentials, so this one request tells a Kimai with a bad
     * token (401) from a server that is not Kimai (HTML, a 404 of its own, or other JSON).
     */
    async version(): Promise<string> {
      const notKimai = (status: number) => new KimaiError('wrong_service', remoteRefusal('kimai_not_kimai', { url: baseUrl }), status);
      const answer = await read<unknown>('/version', { action: 'read the Kimai version' }).catch((error: unknown) => {
        // A 404 of its own at /api/version: a server, but not a Kimai (the connection test's verdict is a wrong URL either way).
        throw error instanceof KimaiError && error.failure === 'not_found' ? notKimai(404) : error;
      });
      if (isObject(answer.data) && typeof answer.data.version === 'string') return answer.data.version;
      throw notKimai(answer.status);
    },
    /** The absence plugin's type list: cheap, and 404 where the plugin is not installed. */
    absenceTypes: () => get<unknown>('/absences/types', { action: 'look for the absence plugin' }),
  };
}

export type AccountEndpoints = ReturnType<typeof accountEndpoints>;
