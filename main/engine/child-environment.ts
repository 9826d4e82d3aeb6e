// The environment of the engine's process. The SDK's StdioClientTransport passes only a small
// allowlist of the parent's variables (HOME, PATH, USER, …) plus what it is given, so a process
// started from the app would lose what the engine needs to reach the OS keychain (the D-Bus session
// on Linux), to find the same folders (XDG_*), and to use the person's zone and language. Pure: the
// parent's environment is an argument.
import { DEFAULT_INHERITED_ENV_VARS } from '@modelcontextprotocol/client/stdio';

/** Beyond the SDK's allowlist: what the keychain, the folder rules and the clock read. */
const PASSED_THROUGH = [
  'DBUS_SESSION_BUS_ADDRESS',
  'TZ',
  'LANG',
  'LANGUAGE',
  'TMPDIR',
  'TEMP',
  'TMP',
  // A test's second policy file: the app and its engine apply the same one (it can only narrow).
  'PUNCHCARD_POLICY_FILE',
];
const PASSED_THROUGH_PREFIXES = ['XDG_', 'LC_'];

export function childEnvironment(parent: NodeJS.ProcessEnv, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  const take = (name: string, value: string | undefined) => {
    // Bash exports functions as variables whose value starts with "()"; the SDK skips them too.
    if (value !== undefined && !value.startsWith('()')) env[name] = value;
  };
  // Looked up by name, not by listing: on Windows `process.env.PATH` finds "Path" too.
  for (const name of [...DEFAULT_INHERITED_ENV_VARS, ...PASSED_THROUGH]) take(name, parent[name]);
  for (const [name, value] of Object.entries(parent)) {
    if (PASSED_THROUGH_PREFIXES.some((prefix) => name.startsWith(prefix))) take(name, value);
  }
  return { ...env, ...extra };
}
