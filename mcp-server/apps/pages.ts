// An app's page as a host receives it: one HTML file holding everything (script and styles inlined),
// so it needs no outside domain and no second request. The three apps share one script; the root
// element names which one to draw.
import type { AppName } from './app-catalog.ts';

/** Builds each page once, on first read (the module, the largest of the engine, loads only then). */
const pages = new Map<AppName, string>();

export async function pageOf(app: AppName): Promise<string> {
  const known = pages.get(app);
  if (known !== undefined) return known;
  const { default: bundle } = await import('virtual:punchcard-app-pages');
  const page = composePage(app, bundle);
  pages.set(app, page);
  return page;
}

export function composePage(app: AppName, bundle: { script: string; style: string }): string {
  return (
    `<!doctype html><html lang="en" data-app="${app}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>Punchcard</title><style>${inlineSafe(bundle.style, 'style')}</style></head>` +
    `<body><div id="root"></div><script type="module">${inlineSafe(bundle.script, 'script')}</script></body></html>`
  );
}

/** A closing tag inside inlined code would end the element early: `</script` becomes `<\/script`, which means the same to JavaScript and CSS. */
function inlineSafe(code: string, tag: 'script' | 'style'): string {
  return code.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}
