// The Electron edge of the IPC contract: one `ipcMain.handle` per channel, each refusing any sender
// that is not a window Punchcard created showing its own page, then handing over to the dispatcher,
// which validates the payload. The only module besides the preload that touches IPC (lint-enforced).
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNEL_NAMES, channelOf, eventChannelOf, type EventName, type EventPayload } from './contract.ts';
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

/** Sends an event to a window, unless it is gone (closing windows do not need news). */
export function sendEvent<E extends EventName>(contents: WebContents, event: E, payload: EventPayload<E>): void {
  if (!contents.isDestroyed()) contents.send(eventChannelOf(event), payload);
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
