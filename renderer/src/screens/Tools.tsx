// Which tools the AI clients see: a switch per group and per tool, and read-only mode on top. The
// answer of every switch is the new ToolsView, so the screen always shows what main stored.
import { useId } from 'react';
import type { ToolGroupView, ToolsView, ToolView } from '../../../window-contract/settings.ts';
import type { ToolAccess } from '../../../mcp-server/contract/tool-catalog.ts';
import { api } from '../bridge.ts';
import { Badge, ErrorText, LoadError, Loading, ScreenHeader, Switch } from '../components.tsx';
import { useAction, useReadyMark, type ActionState } from '../hooks.ts';
import { stores, useStore } from '../store.ts';

const ACCESS: Record<ToolAccess, { label: string; kind: string; title: string }> = {
  read: { label: 'read-only', kind: 'read', title: 'Only reads your data.' },
  create: { label: 'adds data', kind: 'create', title: 'Adds new records or stops the running timer.' },
  change: { label: 'changes data', kind: 'change', title: 'Edits or deletes existing records. Off unless you switch it on.' },
};

export function ToolsScreen() {
  const { data, error } = useStore(stores.tools);
  useReadyMark('tools', data !== undefined);
  const action = useAction();

  const apply = (key: string, call: () => Promise<ToolsView>) =>
    void action.run(key, async () => {
      stores.tools.set(await call());
    });

  return (
    <>
      <ScreenHeader title="Tools">
        What your AI assistants may do with your time tracking. Claude Desktop sees changes after you restart it; VS Code and most other clients update while
        they run.
      </ScreenHeader>
      {error && !data && <LoadError message={error} onRetry={() => void stores.tools.load()} />}
      {data ? (
        <>
          {data.organisation && (
            <p className="card organisation" role="note">
              <Badge kind="neutral">Set by your organisation</Badge> {data.organisation} AI clients see only <code>whoami</code>, which says so.
            </p>
          )}
          <ReadOnly tools={data} action={action} onChange={(readOnly) => apply('read-only', () => api.setReadOnly({ readOnly }))} />
          {data.groups.map((group) => (
            <Group key={group.group} group={group} readOnly={data.readOnly} action={action} apply={apply} />
          ))}
        </>
      ) : (
        !error && <Loading what="Loading tools" className="tools-placeholder" />
      )}
    </>
  );
}

function ReadOnly({ tools, action, onChange }: { tools: ToolsView; action: ActionState; onChange: (readOnly: boolean) => void }) {
  const id = useId();
  const hidden = tools.groups.flatMap((group) => group.tools).filter((tool) => tool.access !== 'read' && tool.switchedOn && tool.supported);
  return (
    <section className={`card read-only${tools.readOnly ? ' on' : ''}`} aria-label="Read-only mode">
      <Switch
        checked={tools.readOnly}
        busy={action.pending === 'read-only'}
        disabled={tools.readOnlyLocked}
        onChange={onChange}
        describedBy={`${id}-what`}
        label={
          <>
            <strong>Read-only mode</strong>
            {tools.readOnlyLocked && <Badge kind="neutral">Set by your organisation</Badge>}
          </>
        }
      />
      <p className="hint" id={`${id}-what`}>
        {hidden.length === 0
          ? 'Hides every tool that adds or changes data. None is switched on now.'
          : `${tools.readOnly ? 'Hiding' : 'Hides'} ${hidden.length === 1 ? 'the one tool' : `${hidden.length} tools`} that add or change data: ${hidden.map((tool) => tool.title).join(', ')}.`}
      </p>
      <ErrorText message={action.error?.key === 'read-only' ? action.error.message : null} />
    </section>
  );
}

function Group({
  group,
  readOnly,
  action,
  apply,
}: {
  group: ToolGroupView;
  readOnly: boolean;
  action: ActionState;
  apply: (key: string, call: () => Promise<ToolsView>) => void;
}) {
  const id = useId();
  const key = `group:${group.group}`;
  const supported = group.tools.filter((tool) => tool.supported).length;
  const on = group.tools.filter((tool) => tool.switchedOn).length;
  const count = group.state === 'some' ? `${on} of ${group.tools.length} on` : group.state === 'on' ? 'All on' : 'All off';
  return (
    <section className="card group" aria-labelledby={`${id}-title`}>
      <div className="group-head">
        <h2 id={`${id}-title`}>{group.title}</h2>
        <Switch
          checked={group.state === 'on'}
          tristate
          mixed={group.state === 'some'}
          busy={action.pending === key}
          ariaLabel={`All ${group.title} tools`}
          describedBy={`${id}-count`}
          onChange={(enabled) => apply(key, () => api.setToolGroup({ group: group.group, enabled }))}
          label={
            <span className="muted" id={`${id}-count`}>
              {count}
            </span>
          }
          className="group-switch"
          disabled={supported === 0 || group.tools.every((tool) => tool.lockedByOrganisation)}
        />
      </div>
      <ErrorText message={action.error?.key === key ? action.error.message : null} />
      <ul className="tool-list">
        {group.tools.map((tool) => (
          <Tool key={tool.name} tool={tool} readOnly={readOnly} action={action} apply={apply} />
        ))}
      </ul>
    </section>
  );
}

function Tool({
  tool,
  readOnly,
  action,
  apply,
}: {
  tool: ToolView;
  readOnly: boolean;
  action: ActionState;
  apply: (key: string, call: () => Promise<ToolsView>) => void;
}) {
  const id = useId();
  const key = `tool:${tool.name}`;
  const access = ACCESS[tool.access];
  const why = tool.lockedByOrganisation
    ? 'Set by your organisation: AI clients never get this tool.'
    : !tool.supported
      ? 'Not available with your back end, so AI clients never see it.'
      : readOnly && tool.switchedOn && tool.access !== 'read'
        ? 'Hidden by read-only mode.'
        : null;
  return (
    <li className={`tool${tool.supported ? '' : ' unsupported'}${tool.enabled ? ' enabled' : ''}`}>
      <Switch
        checked={tool.switchedOn && tool.supported}
        disabled={!tool.supported || tool.lockedByOrganisation}
        busy={action.pending === key}
        describedBy={`${id}-access ${id}-desc`}
        onChange={(enabled) => apply(key, () => api.setTool({ name: tool.name, enabled }))}
        label={
          <>
            <span className="tool-title">{tool.title}</span> <code className="tool-name">{tool.name}</code>
          </>
        }
      />
      <span className={`badge ${access.kind}`} id={`${id}-access`} title={access.title}>
        {access.label}
      </span>
      <p className="tool-desc" id={`${id}-desc`}>
        {tool.description}
        {why && <span className="why"> {why}</span>}
      </p>
      <ErrorText message={action.error?.key === key ? action.error.message : null} />
    </li>
  );
}
