import { describe, expect, it } from 'vitest';
import { engineLaunch } from '../../../main/app/services.ts';

describe('engineLaunch', () => {
  const where = { executable: '/opt/Punchcard/punchcard', serverScript: '/opt/Punchcard/engine.mjs', userDataDir: '/home/a/.config/Punchcard' };

  it('tells Electron to act as Node when it runs the engine', () => {
    expect(engineLaunch({ ...where, runAsNode: true })).toEqual({
      command: '/opt/Punchcard/punchcard',
      script: '/opt/Punchcard/engine.mjs',
      userDataDir: '/home/a/.config/Punchcard',
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
  });

  it('adds no environment when the executable is Node already', () => {
    const launch = engineLaunch({ ...where, runAsNode: false });
    expect(launch).toEqual({ command: '/opt/Punchcard/punchcard', script: '/opt/Punchcard/engine.mjs', userDataDir: '/home/a/.config/Punchcard' });
    expect('env' in launch).toBe(false);
  });
});
