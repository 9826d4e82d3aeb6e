// One card per AI client: is it installed, is Punchcard registered in it, one-click register where
// Punchcard can edit the client's file, and the snippet for everything else.
import { useId, useState } from 'react';
import type { ClientCard, RegistrationState, SnippetView } from '../../../window-contract/registration.ts';
import { api, errorMessage } from '../bridge.ts';
import { Badge, Button, ErrorText, LoadError, Loading, ScreenHeader, StatusText } from '../components.tsx';
import { useAction, useReadyMark } from '../hooks.ts';
import { replaceClient, stores, useStore } from '../store.ts';
import { ClaudeExtensionCard } from './ClaudeExtension.tsx';
import { TeamServerCard } from './TeamServer.tsx';

const STATE_KIND: Record<RegistrationState, 'ok' | 'neutral' | 'warn' | 'bad'> = {
  registered: 'ok',
  missing: 'neutral',
  stale: 'warn',
  outdated: 'warn',
  invalid: 'bad',
  manual: 'neutral',
};

export function ConnectScreen() {
  const { data, error } = useStore(stores.clients);
  useReadyMark('connect', data !== undefined);
  // Installed clients first; otherwise main's order.
  const cards = data ? [...data].sort((a, b) => Number(b.installed) - Number(a.installed)) : undefined;
  return (
    <>
      <ScreenHeader title="Connect">Register Punchcard with the AI clients on this computer. Punchcard keeps a backup of every file it changes.</ScreenHeader>
      <TeamServerCard />
      <ClaudeExtensionCard />
      {error && !data && <LoadError message={error} onRetry={() => void stores.clients.load()} />}
      {error && data && <ErrorText message={`Could not refresh the list: ${error}`} />}
      {cards ? (
        <ul className="client-list">
          {cards.map((card) => (
            <ClientCardView key={card.id} card={card} />
          ))}
        </ul>
      ) : (
        !error && <Loading what="Loading clients" className="clients-placeholder" />
      )}
    </>
  );
}

function ClientCardView({ card }: { card: ClientCard }) {
  const id = useId();
  const action = useAction();
  const [snippet, setSnippet] = useState<SnippetView | null>(null);
  const [snippetError, setSnippetError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [change, setChange] = useState<string | null>(null);

  const registered = card.status === 'registered' || card.status === 'stale' || card.status === 'outdated';
  const registerLabel = card.status === 'stale' ? 'Repair' : card.status === 'outdated' ? 'Register again' : 'Register';

  const register = async (unregister: boolean) => {
    setChange(null);
    const result = await action.run(unregister ? 'unregister' : 'register', () =>
      unregister ? api.unregisterClient({ id: card.id }) : api.registerClient({ id: card.id }),
    );
    if (result) {
      replaceClient(result.card);
      const { message, card: next } = result;
      setChange(next.nextStep && !message.includes(next.nextStep) ? `${message} ${next.nextStep}` : message);
    }
  };

  const toggleSnippet = async () => {
    if (open) {
      setOpen(false);
      return;
    }
    setOpen(true);
    if (snippet) return;
    setSnippetError(null);
    try {
      setSnippet(await api.getSnippet({ id: card.id }));
    } catch (caught) {
      setSnippetError(errorMessage(caught));
    }
  };

  const copy = (part: 'text' | 'command') => {
    setChange(null);
    void action.run(`copy-${part}`, () => api.copySnippet({ id: card.id, part }), part === 'text' ? 'Snippet copied.' : 'Command copied.');
  };

  const problems = card.files.filter((file) => file.problem);

  return (
    <li className={`card client${card.installed ? '' : ' not-installed'}`} aria-labelledby={`${id}-name`}>
      <div className="client-head">
        <div className="client-id">
          <h2 id={`${id}-name`}>
            {card.name} {card.installed ? <Badge kind="neutral">Installed</Badge> : <span className="muted not-found">not found on this computer</span>}
          </h2>
          <p className={`state ${STATE_KIND[card.status]}`} id={`${id}-state`}>
            {card.statusText}
          </p>
          {card.lockedByOrganisation && (
            <p className="locked" id={`${id}-locked`}>
              <Badge kind="neutral">Set by your organisation</Badge> {card.lockedByOrganisation}
            </p>
          )}
        </div>
        <div className="client-actions">
          {card.writable && card.status !== 'registered' && (
            <Button
              kind="primary"
              busy={action.pending === 'register'}
              busyLabel="Registering…"
              disabled={card.lockedByOrganisation !== undefined}
              onClick={() => void register(false)}
              aria-describedby={card.lockedByOrganisation ? `${id}-name ${id}-locked` : `${id}-name`}
            >
              {registerLabel}
            </Button>
          )}
          {card.writable && registered && (
            <Button busy={action.pending === 'unregister'} busyLabel="Unregistering…" onClick={() => void register(true)} aria-describedby={`${id}-name`}>
              Unregister
            </Button>
          )}
          <Button busy={action.pending === 'copy-text'} busyLabel="Copying…" onClick={() => copy('text')} aria-describedby={`${id}-name`}>
            Copy snippet
          </Button>
          <Button kind="link" aria-expanded={open} aria-controls={`${id}-snippet`} aria-describedby={`${id}-name`} onClick={() => void toggleSnippet()}>
            {open ? 'Hide snippet' : 'Show snippet'}
          </Button>
        </div>
      </div>
      {problems.length > 0 && card.status !== 'invalid' && card.status !== 'stale' && (
        <ul className="file-problems">
          {problems.map((file) => (
            <li key={file.path}>
              <code>{file.path}</code>: {file.problem}
            </li>
          ))}
        </ul>
      )}
      {!card.writable && !open && <p className="hint">{card.nextStep}</p>}
      <ErrorText message={action.error?.message} />
      <StatusText message={change ?? action.done?.message} className="success" />
      <div id={`${id}-snippet`} className="snippet" hidden={!open}>
        {open && !snippet && !snippetError && <p className="muted">Loading…</p>}
        <ErrorText message={snippetError} />
        {snippet && (
          <>
            <pre tabIndex={0} aria-label={`${card.name} configuration (${snippet.language})`}>
              <code>{snippet.text}</code>
            </pre>
            {snippet.command && (
              <div className="command">
                <p>Or run this command:</p>
                <pre tabIndex={0} aria-label="Command">
                  <code>{snippet.command}</code>
                </pre>
                <Button busy={action.pending === 'copy-command'} busyLabel="Copying…" onClick={() => copy('command')}>
                  Copy command
                </Button>
              </div>
            )}
            {snippet.links.length > 0 && (
              <div className="links">
                {snippet.links.map((label) => (
                  <Button
                    key={label}
                    kind="link"
                    busy={action.pending === `link:${label}`}
                    onClick={() => void action.run(`link:${label}`, () => api.openClientLink({ id: card.id, label }))}
                  >
                    {label}
                  </Button>
                ))}
              </div>
            )}
            <p className="hint">{snippet.nextStep}</p>
          </>
        )}
      </div>
    </li>
  );
}
