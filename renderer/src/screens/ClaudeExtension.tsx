// The Claude Desktop extension on the Connect screen: beside registering Punchcard in Claude
// Desktop's config file, the one-click way, which Claude Desktop installs itself (its own dialog
// asks for consent and for the back end, keeping the secret in the system keychain).
import { useId } from 'react';
import { Badge, Button, ErrorText, StatusText } from '../components.tsx';
import { api } from '../bridge.ts';
import { useAction } from '../hooks.ts';
import { stores, useStore } from '../store.ts';

export function ClaudeExtensionCard() {
  const id = useId();
  const action = useAction();
  const { data } = useStore(stores.extension);
  if (!data) return null;
  const ready = data.problem === null;
  return (
    <section className="card client extension" aria-labelledby={`${id}-name`}>
      <div className="client-head">
        <div className="client-id">
          <h2 id={`${id}-name`}>
            Claude Desktop extension{' '}
            {data.claudeInstalled ? (
              <Badge kind="neutral">Claude Desktop installed</Badge>
            ) : (
              <span className="muted not-found">Claude Desktop not found on this computer</span>
            )}
          </h2>
          <p className="hint" id={`${id}-about`}>
            Claude Desktop installs Punchcard in one step and asks for your back end in its own form (leave it empty to use what Punchcard is set to here),
            keeping the secret in your keychain. Use this or the registration below, not both.
          </p>
        </div>
        {ready && (
          <div className="client-actions">
            <Button
              kind="primary"
              busy={action.pending === 'install'}
              busyLabel="Opening…"
              aria-describedby={`${id}-name ${id}-about`}
              onClick={() =>
                void action.run(
                  'install',
                  () => api.installExtension(),
                  (result) => result.message,
                )
              }
            >
              Install in Claude Desktop
            </Button>
            <Button
              busy={action.pending === 'show'}
              busyLabel="Opening…"
              aria-describedby={`${id}-name`}
              onClick={() => void action.run('show', () => api.showExtension())}
            >
              Show file
            </Button>
          </div>
        )}
      </div>
      {data.problem && <p className="hint">{data.problem}</p>}
      <ErrorText message={action.error?.message} />
      <StatusText message={action.done?.message} className="success" />
    </section>
  );
}
