// How the app's own engine proves it is the app, so that `--all-tools` (which the tray and the window
// need) cannot be copied into an AI client's entry to get past the organisation's policy. An entry
// names a command, its arguments and variables, and whatever it names it can forge: a key in a
// variable, a hash in a file of a --user-data folder it picks. What it cannot give is a descriptor:
// AI clients start servers with stdin, stdout and stderr and nothing else. So the app starts its
// engine with a fourth, a pipe, and writes one line into it (main/engine/engine-transport.ts); the
// engine believes --all-tools only when that line comes in on descriptor 3. A person who can run any
// program can do the same, as they can open the timesheet with sqlite3: the policy guards AI access
// on the desktop, and the back end's own permissions stay the wall (docs/security.md).

export const APP_ENGINE_PROOF_FD = 3;
export const APP_ENGINE_PROOF_LINE = 'punchcard-app-engine/1';

/** The app writes at once; a descriptor 3 that stays silent longer is not the app's. */
const PROOF_WAIT_MS = 2_000;

/**
 * True when descriptor 3 is a pipe (or socket) that carries the app's line. Anything else — no
 * descriptor 3, a file or terminal there, another line, silence — is false, and the descriptor is
 * closed either way. Called only when --all-tools is asked for: other starts never look.
 */
export async function readAppEngineProof(fd = APP_ENGINE_PROOF_FD, waitMs = PROOF_WAIT_MS): Promise<boolean> {
  const { Socket } = await import('node:net');
  let socket: InstanceType<typeof Socket>;
  try {
    // Node opens only pipes and sockets this way; a file, a terminal or a closed descriptor throws.
    socket = new Socket({ fd, readable: true, writable: false });
  } catch {
    return false;
  }
  return new Promise<boolean>((resolve) => {
    let received = '';
    const finish = (proven: boolean) => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      socket.destroy();
      resolve(proven);
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      const newline = received.indexOf('\n');
      if (newline >= 0) finish(received.slice(0, newline) === APP_ENGINE_PROOF_LINE);
      else if (received.length > APP_ENGINE_PROOF_LINE.length) finish(false);
    });
    socket.once('end', () => finish(false));
    socket.once('error', () => finish(false));
  });
}
