// The Electron edge of the IPC contract: one `ipcMain.handle` per channel, each refusing any sender
// that is not a window Punchcard created showing its own page, then handing over to the dispatcher,
// which validates the payload. The only module besides the preload that touches IPC (lint-enforced).
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, channelOf } from '../../window-contract/channels.ts';
import type { Dispatch } from './dispatch.ts';
import { isTrustedSender, type TrustedSenders } from './sender.ts';

export function registerIpc(dispatch: Dispatch, trusted: TrustedSenders, log: (message: string) => void): () => void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(channelOf(name), (event: IpcMainInvokeEvent, payload: unknown) => {
      const verdict = isTrustedSender(describeSender(event), trusted);
      if (!verdict.trusted) {
        log(`Refused IPC ${name}: ${verdict.reason}`);
        return { ok: false, message: 'Refused: this request did not come from Punchcard’s window.' };
      }
      return dispatch(name, payload);
    });
  }
  return () => {
    for (const name of CHANNEL_NAMES) ipcMain.removeHandler(channelOf(name));
  };
}

function describeSender(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url ?? null,
    // The top frame has no parent; a sub-frame (an iframe) does.
    isMainFrame: frame !== null && frame !== undefined && frame.parent === null,
  };
}
