// The engine client's public face for the rest of main/: start the bundled engine, call its tools,
// and the timesheet operations the IPC handlers and the tray use. Electron-free (the command to run
// is given), so all of it runs in tests against the real bundle.
export { childEnvironment } from './child-environment.ts';
export { connectionResultOf, testConnection, type ConnectionTestOptions } from './connection-test.ts';
export { createEngineClient, type EngineClient, type EngineClientOptions, type EngineState, type ToolResult } from './engine-client.ts';
export { EngineError, type EngineErrorKind } from './engine-error.ts';
export { connectionTestCommand, serveArguments, type EngineLaunch } from './launch.ts';
export { createTimesheet, type ClockInRequest, type ClockOutRequest, type Timesheet, type TimesheetOptions } from './timesheet.ts';
