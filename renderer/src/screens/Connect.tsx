// One card per AI client: is it installed, is Punchcard registered in it, one-click register where
// Punchcard can edit the client's file, and the snippet for everything else.
import { useId, useState } from 'react';
import type { ClientCard, ClientChange, RegistrationState, SnippetView } from '../../../window-contract/registration.ts';
import { api, errorMessage } from '../bridge.ts';
import { Badge, Button, ErrorText, LoadError, Loading, ScreenHeader, StatusText } from '../components.tsx';
import { useAction, useReadyMark, type ActionState } from '../hooks.ts';
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

/** Whether Punchcard is in the client's file, as it was written or in need of a repair. */
function isRegistered(status: RegistrationState): boolean {
  return status === 'registered' || status === 'stale' || status === 'outdated';
}

/** What a change says: main's sentence, and the client's next step where the sentence does not already say it. */
function changeMessage({ message, card }: ClientChange): string {
  return card.nextStep && !message.includes(card.nextStep) ? `${message} ${card.nextStep}` : message;
}

interface SnippetState {
  open: boolean;
  snippet: SnippetView | null;
  error: string | null;
  toggle(): Promise<void>;
}

/** The client's snippet, shown or hidden; asked of main the first time it is shown. */
function useSnippet(clientId: string): SnippetState {
  const [snippet, setSnippet] = useState<SnippetView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const toggle = async () => {
    if (open) {
      setOpen(false);
      return;
    }
    setOpen(true);
    if (snippet) return;
    setError(null);
    try {
      setSnippet(await api.getSnippet({ id: clientId }));
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return { open, snippet, error, toggle };
}

function ClientCardView({ card }: { card: ClientCard }) {
  const id = useId();
  const action = useAction();
  const snippet = useSnippet(card.id);
  const [change, setChange] = useState<string | null>(null);

  const register = async (unregister: boolean) => {
    setChange(null);
    const result = await action.run(unregister ? 'unregister' : 'register', () =>
      unregister ? api.unregisterClient({ id: card.id }) : api.registerClient({ id: card.id }),
    );
    if (result) {
      replaceClient(result.card);
      setChange(changeMessage(result));
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
        <ClientName id={id} card={card} />
        <ClientActions
          id={id}
          card={card}
          action={action}
          snippetOpen={snippet.open}
          onRegister={(unregister) => void register(unregister)}
          onCopy={() => copy('text')}
          onToggleSnippet={() => void snippet.toggle()}
        />
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
      {!card.writable && !snippet.open && <p className="hint">{card.nextStep}</p>}
      <ErrorText message={action.error?.message} />
      <StatusText message={change ?? action.done?.message} className="success" />
      <SnippetPanel id={id} card={card} action={action} state={snippet} onCopyCommand={() => copy('command')} />
    </li>
  );
}

/** The client's name (and whether it is on this computer), where Punchcard stands in it, and the organisation's lock. */
function ClientName({ id, card }: { id: string; card: ClientCard }) {
  return (
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
  );
}

interface ActionsProps {
  /** The card's useId: the buttons are described by its name. */
  id: string;
  card: ClientCard;
  action: ActionState;
  snippetOpen: boolean;
  onRegister(unregister: boolean): void;
  onCopy(): void;
  onToggleSnippet(): void;
}

/** Register (or repair) and unregister where Punchcard can edit the client's file; the snippet for everything else. */
function ClientActions({ id, card, action, snippetOpen, onRegister, onCopy, onToggleSnippet }: ActionsProps) {
  const registerLabel = card.status === 'stale' ? 'Repair' : card.status === 'outdated' ? 'Register again' : 'Register';
  return (
    <div className="client-actions">
      {card.writable && card.status !== 'registered' && (
        <Button
          kind="primary"
          busy={action.pending === 'register'}
          busyLabel="Registering…"
          disabled={card.lockedByOrganisation !== undefined}
          onClick={() => onRegister(false)}
          aria-describedby={card.lockedByOrganisation ? `${id}-name ${id}-locked` : `${id}-name`}
        >
          {registerLabel}
        </Button>
      )}
      {card.writable && isRegistered(card.status) && (
        <Button busy={action.pending === 'unregister'} busyLabel="Unregistering…" onClick={() => onRegister(true)} aria-describedby={`${id}-name`}>
          Unregister
        </Button>
      )}
      <Button busy={action.pending === 'copy-text'} busyLabel="Copying…" onClick={onCopy} aria-describedby={`${id}-name`}>
        Copy snippet
      </Button>
      <Button kind="link" aria-expanded={snippetOpen} aria-controls={`${id}-snippet`} aria-describedby={`${id}-name`} onClick={onToggleSnippet}>
        {snippetOpen ? 'Hide snippet' : 'Show snippet'}
      </Button>
    </div>
  );
}

interface SnippetProps {
  id: string;
  card: ClientCard;
  action: ActionState;
  state: SnippetState;
  onCopyCommand(): void;
}

/** The snippet to paste into the client's configuration, its command where it has one, and the client's own pages. */
function SnippetPanel({ id, card, action, state: { open, snippet, error }, onCopyCommand }: SnippetProps) {
  return (
    <div id={`${id}-snippet`} className="snippet" hidden={!open}>
      {open && !snippet && !error && <p className="muted">Loading…</p>}
      <ErrorText message={error} />
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
              <Button busy={action.pending === 'copy-command'} busyLabel="Copying…" onClick={onCopyCommand}>
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
  );
}
