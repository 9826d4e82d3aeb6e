// The opening's answers, captured from the SDK when the bundle is built (vite.config.ts).
declare module 'virtual:punchcard-opening-manifest' {
  // An ambient module cannot import by a relative path, so the type comes in as an import() type.
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  const manifest: import('./opening.ts').OpeningManifest;
  export default manifest;
}
