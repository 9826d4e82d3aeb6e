// The window's only door to the app (docs/decisions.md, "House style: one bridge object"): one
// object, `window.punchcard`, with a named function per contract channel and an `on` for events.
// Never `ipcRenderer` itself, never a generic invoke. Built as a CommonJS bundle because sandboxed
// preloads cannot load modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildBridge } from './ipc/bridge.ts';

contextBridge.exposeInMainWorld(
  'punchcard',
  buildBridge({
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
    subscribe(channel, listener) {
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => ipcRenderer.removeListener(channel, forward);
    },
  }),
);
