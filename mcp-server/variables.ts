// The environment variables that configure the engine, read as a client sets them. Claude Desktop's
// extension writes every variable its manifest names, also for fields the person left empty, and a
// client may leave a placeholder unfilled ("${user_config.secret}"): neither is meant as a value.

/** A variable's value, trimmed, or undefined where it is unset, empty or an unfilled placeholder. */
export function variableValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' || /^\$\{[^}]*\}$/.test(value) ? undefined : value;
}
