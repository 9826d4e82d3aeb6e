// Whether this copy of Punchcard can replace itself, from where and how it was installed
// (docs/installing.md). electron-updater picks its installer by system and package: NSIS on Windows,
// Squirrel.Mac on macOS, and on Linux the AppImage file, or dpkg/rpm for the kind named in
// resources/package-type (written by electron-builder into the deb and rpm). Pure: main hands in the
// facts.

export interface InstallFacts {
  platform: NodeJS.Platform;
  /** process.execPath. */
  executable: string;
  env: NodeJS.ProcessEnv;
  /** The contents of resources/package-type (deb, rpm, pacman), or null when there is none. */
  packageType: string | null;
}

/** Why this copy cannot update itself, in words that end a sentence, or null when it can. */
export function installProblem(facts: InstallFacts): string | null {
  if (facts.platform === 'win32') {
    // The MSI installs for every user under Program Files; the per-user NSIS update would install a
    // second copy beside it. An organisation that rolls out the MSI rolls out its updates too.
    const roots = [facts.env.ProgramFiles, facts.env.ProgramW6432, facts.env['ProgramFiles(x86)']].filter((root): root is string => !!root);
    const inside = (root: string) => facts.executable.toLowerCase().startsWith(`${root.replace(/[\\/]+$/, '').toLowerCase()}\\`);
    if (roots.some(inside)) return 'it was installed for every user of this computer (the MSI), so your IT department installs its updates.';
    return null;
  }
  if (facts.platform === 'darwin') {
    // Squirrel.Mac replaces the app bundle in place: not possible on the disk image it was opened from.
    if (facts.executable.startsWith('/Volumes/')) return 'it runs from the disk image. Move Punchcard to Applications and open it from there.';
    return null;
  }
  if (facts.env.APPIMAGE) return null;
  if (facts.packageType === 'deb' || facts.packageType === 'rpm') return null;
  return 'it was not installed from a package (use the deb, the rpm or the AppImage from the releases).';
}
