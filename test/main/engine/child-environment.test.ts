import { describe, expect, it } from 'vitest';
import { childEnvironment } from '../../../main/engine/child-environment.ts';

describe('childEnvironment', () => {
  const parent = {
    HOME: '/home/ada',
    PATH: '/usr/bin',
    USER: 'ada',
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus',
    XDG_RUNTIME_DIR: '/run/user/1000',
    XDG_CONFIG_HOME: '/home/ada/.cfg',
    TZ: 'Europe/Berlin',
    LC_TIME: 'de_DE.UTF-8',
    AWS_SECRET_ACCESS_KEY: 'not for the engine',
    PUNCHCARD_KIMAI_TOKEN: 'not passed along',
    BASH_FUNC_x: '() { echo; }',
  };

  it('passes what the keychain, the folders and the clock need, and nothing else', () => {
    expect(childEnvironment(parent)).toEqual({
      HOME: '/home/ada',
      PATH: '/usr/bin',
      USER: 'ada',
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus',
      XDG_RUNTIME_DIR: '/run/user/1000',
      XDG_CONFIG_HOME: '/home/ada/.cfg',
      TZ: 'Europe/Berlin',
      LC_TIME: 'de_DE.UTF-8',
    });
  });

  it('lets the given variables win', () => {
    expect(childEnvironment(parent, { ELECTRON_RUN_AS_NODE: '1', TZ: 'UTC' })).toMatchObject({ ELECTRON_RUN_AS_NODE: '1', TZ: 'UTC', HOME: '/home/ada' });
  });
});
