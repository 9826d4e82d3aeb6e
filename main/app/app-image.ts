// An AppImage runs from a FUSE mount (/tmp/.mount_XXXX) that exists only while the app runs. An AI
// client's entry or a pasted snippet that names the executable or the engine inside it would start
// nothing once Punchcard quits, and the AppImage file itself cannot stand in (its AppRun adds
// --no-sandbox on some systems, which Node mode refuses: docs/electron.md). So from an AppImage the
// app offers no registration and no snippets, and says why. Pure: the caller passes what it knows.

/** Why AI clients cannot be connected from this executable, or null when they can. */
export function appImageRefusal(executable: string, env: NodeJS.ProcessEnv): string | null {
  const mount = env.APPDIR;
  if (!env.APPIMAGE || !mount) return null;
  const inside = executable === mount || executable.startsWith(mount.endsWith('/') ? mount : `${mount}/`);
  if (!inside) return null;
  return (
    `Punchcard is running from an AppImage, whose files exist only while it runs (${mount}), so an AI ` +
    'client could not start Punchcard from there once you quit it. To connect AI clients, install the ' +
    '.deb package instead (or run Punchcard from a checkout: "node dist/mcp-server/punchcard-mcp.mjs register <client>").'
  );
}
