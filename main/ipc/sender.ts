// Who may call the IPC handlers (docs/electron.md, "IPC senders"): only the main frame of a
// window Punchcard created, showing a page from the app's own origin. Pure, so every refusal rule
// is tested without Electron.
import { isAppOrigin } from '../windows/app-files.ts';

/** The webContents of windows the app created (the settings window answers for its own). */
export interface TrustedSenders {
  has(webContentsId: number): boolean;
}

export interface SenderFacts {
  webContentsId: number;
  /** The URL of the frame that sent the message; null when the frame is already gone. */
  frameUrl: string | null;
  isMainFrame: boolean;
}

export function isTrustedSender(sender: SenderFacts, trusted: TrustedSenders): { trusted: true } | { trusted: false; reason: string } {
  if (!trusted.has(sender.webContentsId)) return { trusted: false, reason: `webContents ${sender.webContentsId} is not a Punchcard window` };
  if (sender.frameUrl === null) return { trusted: false, reason: 'the sending frame is gone' };
  if (!sender.isMainFrame) return { trusted: false, reason: 'the message came from a sub-frame' };
  if (!isAppOrigin(sender.frameUrl)) return { trusted: false, reason: `the page is ${sender.frameUrl}, not the app's own` };
  return { trusted: true };
}
