// AI-client registration (docs/decisions.md, "Registration lives in the engine"): the app's Connect
// screen and `punchcard-mcp clients|…` both use this. Electron-free.
export { CLIENTS, findClient, isWritable, type ClientDefinition, type ConfigFormat } from './catalog.ts';
export { currentEnvironment, realProbe, type ClientEnvironment, type Platform, type Probe } from './environment.ts';
export { BACKUP_SUFFIX } from './safe-file.ts';
export {
  createRegistrar,
  RegistrationError,
  type ChangeReport,
  type ClientReport,
  type FileStatus,
  type Registrar,
  type RegistrationStatus,
} from './registrar.ts';
export { ENTRY_NAME, launchSpec, type LaunchOptions, type LaunchSpec } from './server-entry.ts';
export { snippetFor, type Snippet } from './snippets.ts';
