// Administration, teams: the back end's teams, one chosen to show its members and leads; a team created,
// renamed or deleted, members added or removed, a member made a lead, each after a second word that
// names exactly what changes. Each is the engine's manage_teams with the person's own rights: what the
// back end refuses (a lead removed where its API cannot, a team left empty, a right missing) comes back
// in its words where it was asked.
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { AdminTeamView, TeamChange } from '../../../../window-contract/admin-people.ts';
import { api } from '../../bridge.ts';
import { Badge, Button, Confirm, ErrorText, Field, LoadError, Loading, StatusText } from '../../components.tsx';
import { useAction } from '../../hooks.ts';
import { stores, useKeyed, useStore } from '../../store.ts';
import { ConfirmedChange, useConfirmedChange } from './ConfirmedChange.tsx';
import { quote } from './words.ts';

/** "A", "A and B", "A, B and C". */
function listed(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** A team's name as the back ends take one: 2 to 100 characters. */
function teamNameProblem(name: string): string | undefined {
  if (name === '') return 'Give the team a name.';
  if (name.length < 2) return 'A team name has at least 2 characters.';
  return undefined;
}

/** Names or e-mails separated by commas, each once. */
function peopleIn(text: string): string[] {
  return [...new Set(text.split(',').map((word) => word.trim()))].filter((word) => word !== '');
}

const later = (ref: RefObject<HTMLElement | null>) => setTimeout(() => ref.current?.focus());

export function TeamsSection() {
  const { data: teams, error } = useStore(stores.adminTeams);
  const [chosen, setChosen] = useState<number | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const pickRef = useRef<HTMLSelectElement>(null);
  const id = useId();

  useEffect(() => {
    void stores.adminTeams.ensure();
  }, []);

  // The team chosen while it exists, else the first: a deleted team's view goes with it.
  const shown = teams?.find((team) => team.id === chosen) ?? teams?.[0];
  const changed = (change: TeamChange) => {
    stores.adminTeams.set(change.teams);
    if (change.team) stores.adminTeam.of(String(change.team.id)).set(change.team);
    setChosen(change.team?.id ?? null);
    setSaid(change.message);
    later(pickRef);
  };

  return (
    <section className="card admin-section admin-teams" aria-labelledby={`${id}-title`}>
      <div className="card-title">
        <h2 id={`${id}-title`}>Teams</h2>
        {teams && <span className="total">{teams.length === 1 ? '1 team' : `${teams.length} teams`}</span>}
      </div>
      {error && !teams && <LoadError message={error} onRetry={() => void stores.adminTeams.load()} />}
      {!teams && !error && <Loading what="Loading the teams" />}
      {teams && teams.length === 0 && <p className="muted">No teams yet.</p>}
      {teams && shown && (
        <>
          <div className="admin-toolbar">
            <Field label="Team">
              {({ id: fieldId }) => (
                <select
                  ref={pickRef}
                  id={fieldId}
                  value={shown.id}
                  onChange={(event) => {
                    setChosen(Number(event.currentTarget.value));
                    setSaid(null);
                  }}
                >
                  {teams.map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <TeamDetail key={shown.id} id={shown.id} onChanged={changed} />
        </>
      )}
      <StatusText message={said} />
      {teams && <CreateTeam onChanged={changed} />}
    </section>
  );
}

/** One team: its members with their leads, and what may change about it. */
function TeamDetail({ id, onChanged }: { id: number; onChanged: (change: TeamChange) => void }) {
  const key = String(id);
  const { data: team, error } = useKeyed(stores.adminTeam, key);

  // Asked afresh each time the team is chosen: its members may have changed elsewhere (the back end's own
  // pages, an AI client) since the window last showed it; what was shown stays until the answer is in.
  useEffect(() => {
    void stores.adminTeam.of(key).load();
  }, [key]);

  if (error && !team) return <LoadError message={error} onRetry={() => void stores.adminTeam.of(key).load()} />;
  if (!team) return <Loading what="Loading the team" />;
  const leads = team.members.filter((member) => member.lead);
  return (
    <div className="admin-team">
      {team.members.length === 0 ? (
        <p className="muted">Nobody is in {team.name}.</p>
      ) : (
        <table className="admin-table" aria-label={`Members of ${team.name}`}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">In the team</th>
              <th scope="col">
                <span className="sr-only">Change</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {team.members.map((member) => (
              <MemberRow key={member.id} team={team} member={member} leads={leads.map((lead) => lead.name)} onChanged={onChanged} />
            ))}
          </tbody>
        </table>
      )}
      <OneFieldChange
        title={`Add people to ${team.name}`}
        label="People"
        hint="Names or e-mails, separated by commas."
        submitLabel="Add"
        busyLabel="Adding…"
        problem={(text) => (peopleIn(text).length === 0 ? 'Name someone to add.' : peopleIn(text).length > 20 ? 'Add at most 20 people at once.' : undefined)}
        question={(text) =>
          `Add ${listed(peopleIn(text))} to the team ${quote(team.name)}? It has ${team.members.length === 1 ? '1 member' : `${team.members.length} members`} now.`
        }
        send={(text) => api.changeTeam({ action: 'add_members', id: team.id, people: peopleIn(text) })}
        onChanged={onChanged}
      />
      <OneFieldChange
        title={`Rename ${team.name}`}
        label="New name"
        submitLabel="Rename"
        busyLabel="Renaming…"
        problem={(text) => teamNameProblem(text) ?? (text === team.name ? 'That is its name already.' : undefined)}
        question={(text) => `Rename the team ${quote(team.name)} to ${quote(text)}?`}
        send={(text) => api.changeTeam({ action: 'rename', id: team.id, name: text })}
        onChanged={onChanged}
      />
      <DeleteTeam team={team} onChanged={onChanged} />
    </div>
  );
}

function MemberRow(props: { team: AdminTeamView; member: AdminTeamView['members'][number]; leads: string[]; onChanged: (change: TeamChange) => void }) {
  const { team, member, leads, onChanged } = props;
  const action = useAction();
  const [mode, setMode] = useState<'idle' | 'lead' | 'remove'>('idle');
  const leadRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const opener = mode === 'lead' ? leadRef : removeRef;

  const send = async () => {
    const result = await action.run(mode, () =>
      mode === 'lead'
        ? api.changeTeam({ action: 'set_lead', id: team.id, person: member.id })
        : api.changeTeam({ action: 'remove_members', id: team.id, people: [member.id] }),
    );
    setMode('idle');
    if (result) {
      onChanged(result);
      return;
    }
    // The refusal stays under the row, and the button that asked takes the focus back.
    later(opener);
  };
  const staying = team.members.filter((other) => other.id !== member.id).map((other) => quote(other.name));

  return (
    <>
      <tr className={mode === 'idle' ? undefined : 'asking'}>
        <th scope="row">{member.name}</th>
        <td>{member.lead ? <Badge kind="ok">Lead</Badge> : 'Member'}</td>
        <td className="admin-actions">
          {mode === 'idle' && (
            <>
              {!member.lead && (
                <>
                  <Button ref={leadRef} kind="link" onClick={() => (action.clear(), setMode('lead'))} aria-label={`Make lead: ${member.name} in ${team.name}`}>
                    Make lead
                  </Button>{' '}
                </>
              )}
              <Button
                ref={removeRef}
                kind="link"
                className="danger"
                onClick={() => (action.clear(), setMode('remove'))}
                aria-label={`Remove ${member.name} from ${team.name}`}
              >
                Remove
              </Button>
            </>
          )}
        </td>
      </tr>
      {(mode !== 'idle' || action.error) && (
        <tr className="admin-row-more">
          <td colSpan={3}>
            {mode === 'lead' && (
              <Confirm
                question={`Make ${quote(member.name)} a lead of the team ${quote(team.name)}?`}
                prompt={`Make ${quote(member.name)} a lead of the team ${quote(team.name)}? ${
                  leads.length === 0
                    ? 'Nobody leads it now.'
                    : `${listed(leads.map(quote))} ${leads.length === 1 ? 'leads it now and stays' : 'lead it now and stay'}.`
                }`}
                confirmLabel="Make lead"
                busyLabel="Changing…"
                keepLabel="Go back"
                confirmKind="primary"
                busy={action.pending === 'lead'}
                onConfirm={() => void send()}
                onKeep={() => {
                  setMode('idle');
                  later(leadRef);
                }}
              />
            )}
            {mode === 'remove' && (
              <Confirm
                question={`Remove ${quote(member.name)} from the team ${quote(team.name)}?`}
                prompt={`Remove ${quote(member.name)} from the team ${quote(team.name)}? ${
                  staying.length === 0 ? 'Nobody stays in it.' : `${listed(staying)} ${staying.length === 1 ? 'stays' : 'stay'}.`
                } Their time entries stay as they are.`}
                confirmLabel="Remove"
                busyLabel="Removing…"
                keepLabel="Keep them"
                busy={action.pending === 'remove'}
                onConfirm={() => void send()}
                onKeep={() => {
                  setMode('idle');
                  later(removeRef);
                }}
              />
            )}
            {mode === 'idle' && <ErrorText message={action.error?.message} />}
          </td>
        </tr>
      )}
    </>
  );
}

/**
 * A change that takes one field: checked as the person submits, then asked in words naming exactly
 * what changes, sent only on a yes; the back end's refusal under it, the field kept as typed.
 */
function OneFieldChange(props: {
  title: string;
  label: string;
  hint?: string;
  submitLabel: string;
  busyLabel: string;
  problem: (text: string) => string | undefined;
  question: (text: string) => string;
  send: (text: string) => Promise<TeamChange>;
  onChanged: (change: TeamChange) => void;
}) {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const id = useId();
  const text = value.trim();

  const { formRef, openerRef, ...change } = useConfirmedChange(
    'send',
    () => props.send(text),
    (result) => {
      setValue('');
      props.onChanged(result);
    },
  );
  const ask = (event: FormEvent) => {
    event.preventDefault();
    const found = props.problem(text);
    setProblem(found);
    change.ask(found !== undefined);
  };

  return (
    <form ref={formRef} className="admin-add" aria-labelledby={`${id}-title`} onSubmit={ask} noValidate>
      <h3 id={`${id}-title`}>{props.title}</h3>
      <div className="admin-fields">
        <Field label={props.label} hint={props.hint} error={problem}>
          {({ id: fieldId, describedBy, invalid }) => (
            <input
              id={fieldId}
              value={value}
              maxLength={props.hint ? 2000 : 100}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => {
                setValue(event.currentTarget.value);
                setProblem(undefined);
              }}
            />
          )}
        </Field>
      </div>
      <ConfirmedChange change={change} question={props.question(text)} confirmLabel={props.submitLabel} busyLabel={props.busyLabel}>
        <Button ref={openerRef} kind="primary" submit>
          {props.submitLabel}
        </Button>
      </ConfirmedChange>
    </form>
  );
}

function DeleteTeam({ team, onChanged }: { team: AdminTeamView; onChanged: (change: TeamChange) => void }) {
  const { openerRef, ...change } = useConfirmedChange('delete', () => api.changeTeam({ action: 'delete', id: team.id }), onChanged);
  const count = team.members.length;

  return (
    <div className="admin-add">
      <ConfirmedChange
        change={change}
        question={`Delete the team ${quote(team.name)}?`}
        prompt={`Delete the team ${quote(team.name)} and its ${count === 1 ? 'membership' : `${count} memberships`}? Their time entries stay; the access it gave them goes.`}
        confirmLabel="Delete"
        busyLabel="Deleting…"
        keepLabel="Keep it"
        confirmKind="danger"
      >
        <Button ref={openerRef} className="danger" onClick={() => change.ask(false)}>
          Delete {team.name}…
        </Button>
      </ConfirmedChange>
    </div>
  );
}

function CreateTeam({ onChanged }: { onChanged: (change: TeamChange) => void }) {
  return (
    <OneFieldChange
      title="Create a team"
      label="Name"
      submitLabel="Create"
      busyLabel="Creating…"
      problem={teamNameProblem}
      question={(text) => `Create the team ${quote(text)}? You become its first member and lead; add people to it next.`}
      send={(text) => api.changeTeam({ action: 'create', name: text })}
      onChanged={onChanged}
    />
  );
}
