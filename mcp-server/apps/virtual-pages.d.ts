// The apps' script and styles, built from renderer/apps when the engine first needs them (vite.config.ts).
declare module 'virtual:punchcard-app-pages' {
  const pages: { script: string; style: string };
  export default pages;
}
