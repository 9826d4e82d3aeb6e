// The notes of a GitHub release (.github/workflows/release.yml, its publish job): what each system's
// download is, whether it is signed, and, said plainly, where it is not and what that means for the
// person installing it. Each build job writes `signing-<platform>.json` beside its installers; this
// reads them and the files and prints the notes (Markdown); the job adds SHA256SUMS.txt itself.
//   node scripts/release-notes.ts <folder with the builds> <version>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PLATFORMS = ['mac', 'win', 'linux'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** What a build job reports about its signing: never a secret, only whether one was there. */
export interface SigningReport {
  platform: Platform;
  signed: boolean;
  /** macOS only: Apple's notary service accepted it. */
  notarized?: boolean;
}

export function parseSigningReport(text: string): SigningReport {
  const raw = JSON.parse(text) as Record<string, unknown>;
  if (!PLATFORMS.includes(raw.platform as Platform)) throw new Error(`signing report: unknown platform ${JSON.stringify(raw.platform)}`);
  if (typeof raw.signed !== 'boolean') throw new Error('signing report: "signed" must be true or false');
  if (raw.notarized !== undefined && typeof raw.notarized !== 'boolean') throw new Error('signing report: "notarized" must be true or false');
  return { platform: raw.platform as Platform, signed: raw.signed, ...(raw.notarized === undefined ? {} : { notarized: raw.notarized }) };
}

const NAMES: Record<Platform, string> = { mac: 'macOS', win: 'Windows', linux: 'Linux' };

/** What the files of each system are, by their name (electron-builder.yml's artifact names). */
function describe(file: string): { platform: Platform; what: string } | null {
  if (/\.dmg$/.test(file)) return { platform: 'mac', what: `disk image, ${/arm64/.test(file) ? 'Apple silicon' : 'Intel'}` };
  if (/-mac-.*\.zip$/.test(file)) return { platform: 'mac', what: `zip for updates, ${/arm64/.test(file) ? 'Apple silicon' : 'Intel'}` };
  if (/^Punchcard-Setup-.*\.exe$/.test(file)) return { platform: 'win', what: 'installer for you alone (updates itself)' };
  if (/\.msi$/.test(file)) return { platform: 'win', what: 'MSI for every user of a computer (managed installs)' };
  if (/\.AppImage$/.test(file)) return { platform: 'linux', what: 'AppImage' };
  if (/\.deb$/.test(file)) return { platform: 'linux', what: 'deb (Debian, Ubuntu)' };
  if (/\.rpm$/.test(file)) return { platform: 'linux', what: 'rpm (Fedora, RHEL, openSUSE)' };
  return null;
}

/** What an unsigned build means for the person installing it, per system. */
const UNSIGNED: Record<Platform, string> = {
  mac:
    '**The macOS builds of this release are not signed or notarized** (the repository has no Developer ID certificate). ' +
    'macOS refuses to open them until you allow it in System Settings → Privacy & Security, and they cannot update themselves: install the next release by hand.',
  win:
    '**The Windows builds of this release are not signed.** SmartScreen warns before it runs them ("Windows protected your PC" → More info → Run anyway); ' +
    'updates are still checked against their SHA-512 checksums.',
  linux: '',
};

export function releaseNotes(version: string, files: readonly string[], reports: readonly SigningReport[]): string {
  const byPlatform = new Map(reports.map((report) => [report.platform, report]));
  const lines = [`Punchcard ${version}.`, ''];
  const warnings: string[] = [];
  for (const platform of PLATFORMS) {
    const report = byPlatform.get(platform);
    const mine = files.filter((file) => describe(file)?.platform === platform).sort();
    if (!report || mine.length === 0) {
      warnings.push(`**There is no ${NAMES[platform]} build in this release** (its build failed or was skipped).`);
      continue;
    }
    if (platform !== 'linux' && !report.signed) warnings.push(UNSIGNED[platform]);
    if (platform === 'mac' && report.signed && !report.notarized) {
      warnings.push('**The macOS builds are signed but not notarized**: macOS asks before it opens them the first time.');
    }
  }
  if (warnings.length > 0) lines.push(...warnings.flatMap((warning) => [warning, '']));
  lines.push('## Downloads', '');
  for (const platform of PLATFORMS) {
    const mine = files.filter((file) => describe(file)?.platform === platform).sort();
    if (mine.length === 0) continue;
    const report = byPlatform.get(platform);
    const state =
      platform === 'linux'
        ? 'not signed; check them against SHA256SUMS.txt'
        : report?.signed
          ? platform === 'mac'
            ? report.notarized
              ? 'signed and notarized'
              : 'signed, not notarized'
            : 'signed'
          : 'NOT signed';
    lines.push(`**${NAMES[platform]}** (${state}):`, '');
    for (const file of mine) lines.push(`- \`${file}\` — ${describe(file)?.what ?? ''}`);
    lines.push('');
  }
  lines.push(
    'Installed apps find this release by themselves (`latest.yml`, `latest-mac.yml` and `latest-linux.yml` with their blockmaps), ' +
      'and install it after checking its SHA-512 checksum. IT departments: see docs/installing.md for the MSI, silent installs and the policy file.',
    '',
  );
  return lines.join('\n');
}

if (import.meta.main) {
  const [folder, version] = process.argv.slice(2);
  if (!folder || !version) {
    console.error('Usage: node scripts/release-notes.ts <folder with the builds> <version>');
    process.exit(2);
  }
  const names = readdirSync(folder);
  const reports = names.filter((name) => /^signing-\w+\.json$/.test(name)).map((name) => parseSigningReport(readFileSync(join(folder, name), 'utf8')));
  process.stdout.write(releaseNotes(version, names, reports));
}
