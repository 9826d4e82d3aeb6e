// The organisation's team server on the Connect screen, where its policy names one: the clients
// that cannot start Punchcard on this computer (Claude.ai on the web and phone, ChatGPT, Copilot
// Studio) add this one address and sign in in the browser. The app only shows and copies it.
import { useId } from 'react';
import { Button, ErrorText, StatusText } from '../components.tsx';
import { api } from '../bridge.ts';
import { useAction } from '../hooks.ts';
import { stores, useStore } from '../store.ts';

/** Where each client takes a remote server, as its own settings name the steps. */
const HOW_TO: ReadonlyArray<{ client: string; steps: string }> = [
  { client: 'Claude.ai (web, desktop and phone)', steps: 'Settings → Connectors → Add custom connector: paste the address, then Connect and sign in.' },
  { client: 'ChatGPT', steps: 'Settings → Apps, with developer mode on: create an app with the address and OAuth, then sign in.' },
  { client: 'Copilot Studio', steps: 'In your agent, Tools → Add a tool → Model Context Protocol: paste the address and choose OAuth 2.0.' },
];

export function TeamServerCard() {
  const id = useId();
  const action = useAction();
  const { data } = useStore(stores.teamServer);
  if (!data?.endpoint) return null;
  return (
    <section className="card client team-server" aria-labelledby={`${id}-name`}>
      <div className="client-head">
        <div className="client-id">
          <h2 id={`${id}-name`}>Your organisation's team server</h2>
          <p className="hint" id={`${id}-about`}>
            For AI clients on the web and on your phone, which cannot start Punchcard on this computer: add this address, then sign in once in the browser. The
            same tools and rules apply there.
          </p>
          <p className="team-server-url">
            <code id={`${id}-url`}>{data.endpoint}</code>
          </p>
        </div>
        <div className="client-actions">
          <Button
            busy={action.pending === 'copy'}
            busyLabel="Copying…"
            aria-describedby={`${id}-url`}
            onClick={() => void action.run('copy', () => api.copyTeamServerUrl(), 'Address copied.')}
          >
            Copy address
          </Button>
        </div>
      </div>
      <dl className="team-server-steps">
        {HOW_TO.map(({ client, steps }) => (
          <div key={client}>
            <dt>{client}</dt>
            <dd>{steps}</dd>
          </div>
        ))}
      </dl>
      <ErrorText message={action.error?.message} />
      <StatusText message={action.done?.message} className="success" />
    </section>
  );
}
