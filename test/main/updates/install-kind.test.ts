import { describe, expect, it } from 'vitest';
import { installProblem } from '../../../main/updates/install-kind.ts';
import { workInFlight } from '../../../main/updates/update-model.ts';

describe('whether this copy can update itself', () => {
  const windows = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' };

  it('on Windows: the per-user NSIS install can, the MSI for every user under Program Files cannot', () => {
    expect(
      installProblem({ platform: 'win32', executable: 'C:\\Users\\ada\\AppData\\Local\\Programs\\punchcard\\punchcard.exe', env: windows, packageType: null }),
    ).toBeNull();
    expect(installProblem({ platform: 'win32', executable: 'C:\\Program Files\\Punchcard\\punchcard.exe', env: windows, packageType: null })).toMatch(
      /every user of this computer \(the MSI\)/,
    );
    expect(installProblem({ platform: 'win32', executable: 'c:\\program files\\Punchcard\\punchcard.exe', env: windows, packageType: null })).not.toBeNull();
    // A folder whose name only begins like Program Files is not inside it.
    expect(installProblem({ platform: 'win32', executable: 'C:\\Program Files Extra\\punchcard.exe', env: windows, packageType: null })).toBeNull();
  });

  it('on macOS: not from the disk image it was opened from', () => {
    expect(installProblem({ platform: 'darwin', executable: '/Applications/Punchcard.app/Contents/MacOS/Punchcard', env: {}, packageType: null })).toBeNull();
    expect(
      installProblem({ platform: 'darwin', executable: '/Volumes/Punchcard 1.2.0/Punchcard.app/Contents/MacOS/Punchcard', env: {}, packageType: null }),
    ).toMatch(/Move Punchcard to Applications/);
  });

  it('on Linux: an AppImage, a deb or an rpm can; an unpacked folder cannot', () => {
    expect(
      installProblem({ platform: 'linux', executable: '/tmp/.mount_Punch/punchcard', env: { APPIMAGE: '/home/ada/Punchcard.AppImage' }, packageType: null }),
    ).toBeNull();
    expect(installProblem({ platform: 'linux', executable: '/opt/Punchcard/punchcard', env: {}, packageType: 'deb' })).toBeNull();
    expect(installProblem({ platform: 'linux', executable: '/opt/Punchcard/punchcard', env: {}, packageType: 'rpm' })).toBeNull();
    expect(installProblem({ platform: 'linux', executable: '/home/ada/punchcard/punchcard', env: {}, packageType: null })).toMatch(
      /not installed from a package/,
    );
  });
});

describe('the work an automatic restart must not cut into', () => {
  const status = { running: null, todayEntries: [], keptWrites: [] };
  it('is read from the status: the timer, writes the outbox keeps, and the window', () => {
    expect(workInFlight(null, false)).toEqual({ statusKnown: false, timerRunning: false, writesWaiting: false, windowVisible: false });
    expect(workInFlight(status, true)).toEqual({ statusKnown: true, timerRunning: false, writesWaiting: false, windowVisible: true });
    expect(workInFlight({ ...status, running: {} }, false)).toMatchObject({ timerRunning: true, writesWaiting: false });
    expect(workInFlight({ ...status, running: { waiting_to_send: true } }, false)).toMatchObject({ writesWaiting: true });
    expect(workInFlight({ ...status, todayEntries: [{}, { waiting_to_send: true }] }, false)).toMatchObject({ timerRunning: false, writesWaiting: true });
    expect(workInFlight({ ...status, keptWrites: [{ id: 3 }] }, false)).toMatchObject({ writesWaiting: true });
  });
});
