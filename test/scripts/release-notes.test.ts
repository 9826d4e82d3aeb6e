import { describe, expect, it } from 'vitest';
import { parseSigningReport, releaseNotes } from '../../scripts/release-notes.ts';

const FILES = [
  'Punchcard-1.2.0-mac-arm64.dmg',
  'Punchcard-1.2.0-mac-x64.dmg',
  'Punchcard-1.2.0-mac-arm64.zip',
  'Punchcard-1.2.0-mac-x64.zip',
  'Punchcard-Setup-1.2.0.exe',
  'Punchcard-1.2.0-x64.msi',
  'Punchcard-1.2.0.AppImage',
  'punchcard_1.2.0_amd64.deb',
  'punchcard-1.2.0.x86_64.rpm',
  'latest.yml',
  'latest-mac.yml',
  'latest-linux.yml',
  'Punchcard-Setup-1.2.0.exe.blockmap',
  'signing-mac.json',
];

describe('the release notes', () => {
  it('list every download with what it is, and say nothing alarming when everything is signed', () => {
    const notes = releaseNotes('1.2.0', FILES, [
      { platform: 'mac', signed: true, notarized: true },
      { platform: 'win', signed: true },
      { platform: 'linux', signed: false },
    ]);
    expect(notes).toContain('**macOS** (signed and notarized):');
    expect(notes).toContain('- `Punchcard-1.2.0-mac-arm64.dmg` — disk image, Apple silicon');
    expect(notes).toContain('- `Punchcard-1.2.0-x64.msi` — MSI for every user of a computer (managed installs)');
    expect(notes).toContain('**Windows** (signed):');
    expect(notes).toContain('**Linux** (not signed; check them against SHA256SUMS.txt):');
    expect(notes).not.toMatch(/NOT signed|not signed or notarized|There is no/);
    expect(notes).not.toContain('- `latest.yml`');
  });

  it('say plainly, first, which builds are unsigned and what that means', () => {
    const notes = releaseNotes('1.2.0', FILES, [
      { platform: 'mac', signed: false, notarized: false },
      { platform: 'win', signed: false },
      { platform: 'linux', signed: false },
    ]);
    const [intro, downloads] = notes.split('## Downloads');
    expect(intro).toContain('**The macOS builds of this release are not signed or notarized**');
    expect(intro).toContain('cannot update themselves');
    expect(intro).toContain('**The Windows builds of this release are not signed.** SmartScreen warns');
    expect(downloads).toContain('**macOS** (NOT signed):');
    expect(downloads).toContain('**Windows** (NOT signed):');
  });

  it('say a signed macOS build that was not notarized, and a system whose build is missing', () => {
    const notes = releaseNotes(
      '1.2.0',
      FILES.filter((file) => !file.endsWith('.rpm') && !file.endsWith('.deb') && !file.endsWith('.AppImage')),
      [
        { platform: 'mac', signed: true, notarized: false },
        { platform: 'win', signed: true },
      ],
    );
    expect(notes).toContain('**The macOS builds are signed but not notarized**');
    expect(notes).toContain('**There is no Linux build in this release**');
  });

  it('read the build jobs’ reports strictly', () => {
    expect(parseSigningReport('{"platform":"mac","signed":true,"notarized":false}')).toEqual({ platform: 'mac', signed: true, notarized: false });
    expect(() => parseSigningReport('{"platform":"beos","signed":true}')).toThrow(/unknown platform/);
    expect(() => parseSigningReport('{"platform":"win","signed":"yes"}')).toThrow(/"signed" must be true or false/);
  });
});
