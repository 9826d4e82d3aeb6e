// Placeholder until the shared Electron fake lands.
export {};
