// Who the server says it is, in `initialize`, `server/discover` and `--version`.
export const SERVER_NAME = 'punchcard';
export const SERVER_VERSION = '0.1.0';
