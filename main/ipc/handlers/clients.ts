// Connect screen: registration with AI clients through the Electron-free registrar (mcp-server/clients).
// Snippets and install links are computed here in main; the window names a link by its label and
// never hands main a URL to open.
import type { ClientReport, Registrar } from '../../../mcp-server/for-the-app.ts';
import type { Handlers } from '../../../window-contract/index.ts';
import type { ClientCard } from '../../../window-contract/registration.ts';
import { UserFacingError } from '../dispatch.ts';
import type { HandlerDeps } from './ports.ts';

export function clientCard(report: ClientReport): ClientCard {
  return {
    id: report.id,
    name: report.name,
    installed: report.installed,
    writable: report.writable,
    status: report.status,
    statusText: statusText(report),
    files: report.files.map((file) => ({ path: file.path, status: file.status, ...(file.problem ? { problem: file.problem } : {}) })),
    nextStep: report.nextStep,
    ...(report.refusal ? { lockedByOrganisation: report.refusal } : {}),
  };
}

function statusText(report: ClientReport): string {
  const problem = report.files.find((file) => file.problem)?.problem;
  switch (report.status) {
    case 'registered':
      return 'Registered';
    case 'missing':
      return report.installed ? 'Not registered' : 'Not installed';
    case 'stale':
      return `Registered, but broken: ${problem ?? 'the entry no longer starts Punchcard'}. Register again to repair it.`;
    case 'outdated':
      return `Registered with another Punchcard installation or data folder. Register to use this one.`;
    case 'invalid':
      return `Cannot read the configuration: ${problem ?? 'the file is not valid'}`;
    case 'manual':
      return 'Set up by copy and paste';
  }
}

function changeMessage(
  name: string,
  changed: ReadonlyArray<{ path: string; backup: string | null }>,
  unchanged: readonly string[],
  nextStep: string,
  verb: string,
): string {
  if (changed.length === 0)
    return `Nothing to change: ${name} was already ${verb === 'registered' ? 'registered' : 'without Punchcard'} (${unchanged.join(', ')}).`;
  const files = changed.map((file) => (file.backup ? `${file.path} (previous version saved as ${file.backup})` : file.path)).join(', ');
  return `${verb === 'registered' ? 'Registered with' : 'Removed from'} ${name}: ${files}. ${nextStep}`;
}

export function clientHandlers(
  deps: Pick<HandlerDeps, 'registrar' | 'clipboard' | 'openExternal' | 'clientsUnavailable'>,
): Pick<Handlers, 'listClients' | 'registerClient' | 'unregisterClient' | 'getSnippet' | 'copySnippet' | 'openClientLink'> {
  const registrar: Registrar = deps.registrar;
  // Taking an entry out always works; what would write a path into a client's hands may not.
  const available = () => {
    if (deps.clientsUnavailable) throw new UserFacingError(deps.clientsUnavailable);
  };
  return {
    listClients: async () => registrar.list().map(clientCard),
    registerClient: async ({ id }) => {
      available();
      const report = registrar.register(id);
      return { card: clientCard(registrar.status(id)), message: changeMessage(report.name, report.changed, report.unchanged, report.nextStep, 'registered') };
    },
    unregisterClient: async ({ id }) => {
      const report = registrar.unregister(id);
      return { card: clientCard(registrar.status(id)), message: changeMessage(report.name, report.changed, report.unchanged, '', 'unregistered').trim() };
    },
    getSnippet: async ({ id }) => {
      available();
      const snippet = registrar.snippet(id);
      return {
        clientId: snippet.clientId,
        language: snippet.language,
        text: snippet.text,
        command: snippet.command ?? null,
        links: snippet.links.map((link) => link.label),
        nextStep: snippet.nextStep,
      };
    },
    copySnippet: async ({ id, part }) => {
      available();
      const snippet = registrar.snippet(id);
      const text = part === 'text' ? snippet.text : snippet.command;
      if (text === undefined) throw new UserFacingError(`${id} has no one-line command; copy the configuration instead.`);
      deps.clipboard.writeText(text);
      return null;
    },
    openClientLink: async ({ id, label }) => {
      available();
      const link = registrar.snippet(id).links.find((candidate) => candidate.label === label);
      if (!link) throw new UserFacingError(`There is no link "${label}" for ${id}.`);
      await deps.openExternal(link.url);
      return null;
    },
  };
}
