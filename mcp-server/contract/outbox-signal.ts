// An engine that settles a kept write (sent, adjusted, or left for the person's decision) renames a
// small file of this name into the data folder. The app watches the folder, as it does for the local
// timesheet, and reads the status again at once: the tray's "waiting to be sent" mark and the
// window's list of decisions follow a send made in the background or by an AI client's engine,
// without asking a remote back end more often. Only a settlement writes it; a try while the back end
// is out of reach does not, so a status read that tries the outbox again cannot set off another read.
export const OUTBOX_SETTLED_FILE = 'outbox.settled';
