// Draws Punchcard's icons and writes them under build/ (docs/electron.md, "Tray per platform"; the
// files are committed):
//
//   build/icon.png                              app icon, 512 px (electron-builder derives .icns/.ico)
//   build/tray/trayTemplate.png, …@2x.png       macOS menu bar, idle: black on transparent
//   build/tray/trayRunningTemplate.png, …@2x    macOS menu bar, timer running
//   build/tray/tray-<idle|running>-<light|dark>-<16|22|32>.png and @2x
//                                               Linux and Windows; "light" is for light panels
//                                               (a dark glyph), "dark" for dark panels
//   build/tray/tray-<idle|running>-<light|dark>.ico   Windows, 16 to 48 px in one file
//
//   node scripts/make-icons.ts [outputDir]      (outputDir defaults to build/)
//
// Deterministic: shapes are signed distance functions sampled on a fixed grid (anti-aliasing by
// supersampling), no trigonometry, PNGs deflated by node:zlib at a fixed level, so the same source
// gives the same bytes and a test can compare the committed files with a fresh rendering.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];
/** Signed distance to a shape's edge in the unit square: negative inside. */
type Shape = (x: number, y: number) => number;
interface Layer {
  shape: Shape;
  color: Rgb;
  alpha?: number;
}

// ---------------------------------------------------------------------------------------------
// Shapes

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;

const ring =
  (cx: number, cy: number, r: number, width: number): Shape =>
  (x, y) =>
    Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;

/** A line from (ax, ay) to (bx, by) with round ends. */
const capsule =
  (ax: number, ay: number, bx: number, by: number, width: number): Shape =>
  (x, y) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - ax - t * dx, y - ay - t * dy) - width / 2;
  };

/** A rectangle centred on (cx, cy) with half-sizes hw, hh and rounded corners of radius r. */
const box =
  (cx: number, cy: number, hw: number, hh: number, r: number): Shape =>
  (x, y) => {
    const qx = Math.abs(x - cx) - hw + r;
    const qy = Math.abs(y - cy) - hh + r;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    Math.min(...shapes.map((shape) => shape(x, y)));
const subtract =
  (shape: Shape, cut: Shape): Shape =>
  (x, y) =>
    Math.max(shape(x, y), -cut(x, y));
const grow =
  (shape: Shape, by: number): Shape =>
  (x, y) =>
    shape(x, y) - by;

// The clock: a ring with a minute hand to 12 and an hour hand to 3.
const CENTER = 0.5;
const hands = (width: number): Shape => union(capsule(CENTER, CENTER, CENTER, 0.23, width), capsule(CENTER, CENTER, 0.69, CENTER, width));
const idleGlyph = union(ring(CENTER, CENTER, 0.385, 0.11), hands(0.11));
// Running: a solid face with the hands cut out, readable at 16 px as "the clock is on".
const runningGlyph = subtract(circle(CENTER, CENTER, 0.44), hands(0.115));

// ---------------------------------------------------------------------------------------------
// Raster

/** Renders layers (bottom first) to straight-alpha RGBA; `samples`² points per pixel. */
function render(size: number, layers: Layer[], samples = size <= 64 ? 6 : 3): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const step = 1 / samples;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const layer of layers) {
        let inside = 0;
        for (let sy = 0; sy < samples; sy++) {
          for (let sx = 0; sx < samples; sx++) {
            if (layer.shape((px + (sx + 0.5) * step) / size, (py + (sy + 0.5) * step) / size) < 0) inside++;
          }
        }
        const coverage = (inside / (samples * samples)) * (layer.alpha ?? 1);
        // Premultiplied "over".
        r = layer.color[0] * coverage + r * (1 - coverage);
        g = layer.color[1] * coverage + g * (1 - coverage);
        b = layer.color[2] * coverage + b * (1 - coverage);
        a = coverage + a * (1 - coverage);
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        pixels[i] = Math.round(r / a);
        pixels[i + 1] = Math.round(g / a);
        pixels[i + 2] = Math.round(b / a);
      }
      pixels[i + 3] = Math.round(a * 255);
    }
  }
  return pixels;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG, no filtering, deflated at level 9. */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rows.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A Windows icon holding one PNG per size (readable by Windows Vista and later). */
export function encodeIco(images: Array<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

// ---------------------------------------------------------------------------------------------
// The icon set

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [32, 33, 36];
const PAPER: Rgb = [242, 242, 242];
const TEAL: Rgb = [15, 118, 110];
const DEEP_TEAL: Rgb = [17, 78, 74];
const CARD: Rgb = [253, 246, 227];
const GREEN_ON_LIGHT: Rgb = [21, 128, 61];
const GREEN_ON_DARK: Rgb = [34, 197, 94];

export type TrayKind = 'idle' | 'running';
export type PanelTheme = 'light' | 'dark';

export const TRAY_PNG_SIZES = [16, 22, 32] as const;
export const TRAY_ICO_SIZES = [16, 20, 24, 32, 40, 48] as const;

/** macOS: black shapes, the system tints them for the menu bar. */
function templateLayers(kind: TrayKind): Layer[] {
  return [{ shape: kind === 'idle' ? idleGlyph : runningGlyph, color: BLACK }];
}

/**
 * Linux and Windows have no template images. Each variant carries a thin halo of the opposite
 * colour: Windows colours its taskbar by the "Windows mode" and GNOME keeps its top bar dark
 * whatever the app theme is, so the variant picked from the app theme can land on the other panel.
 */
function panelLayers(kind: TrayKind, theme: PanelTheme, size: number): Layer[] {
  const halo = Math.max(1, size / 16) / size;
  if (kind === 'idle') {
    const glyphColor = theme === 'light' ? INK : PAPER;
    const haloColor = theme === 'light' ? WHITE : BLACK;
    return [
      { shape: grow(idleGlyph, halo), color: haloColor, alpha: theme === 'light' ? 0.6 : 0.45 },
      { shape: idleGlyph, color: glyphColor },
    ];
  }
  const face = circle(CENTER, CENTER, 0.44);
  return [
    { shape: grow(face, halo), color: theme === 'light' ? WHITE : BLACK, alpha: 0.45 },
    { shape: face, color: theme === 'light' ? GREEN_ON_LIGHT : GREEN_ON_DARK },
    { shape: hands(0.115), color: WHITE },
  ];
}

/** The app icon: a punch card with a clock over its corner, on a teal tile. */
function appIconLayers(): Layer[] {
  const tile = box(0.5, 0.5, 0.45, 0.45, 0.2);
  // The card, its top-left corner cut off like a real punch card.
  const card = subtract(box(0.47, 0.43, 0.33, 0.22, 0.025), (x, y) => (x - 0.14 + (y - 0.21) - 0.09) / Math.SQRT2);
  const holes: Shape[] = [];
  // A fixed pattern of punched holes: three rows, nine columns.
  const pattern = ['101101001', '010110110', '110011010'];
  pattern.forEach((row, r) => {
    [...row].forEach((bit, c) => {
      const [x, y] = [0.25 + c * 0.05, 0.33 + r * 0.09];
      // Holes the clock would half cover are left out.
      if (bit === '1' && Math.hypot(x - 0.69, y - 0.69) > 0.26) holes.push(box(x, y, 0.012, 0.026, 0.006));
    });
  });
  const badge = circle(0.69, 0.69, 0.19);
  const badgeHands = union(capsule(0.69, 0.69, 0.69, 0.575, 0.032), capsule(0.69, 0.69, 0.775, 0.69, 0.032));
  return [
    { shape: tile, color: TEAL },
    { shape: card, color: CARD },
    { shape: union(...holes), color: DEEP_TEAL },
    { shape: grow(badge, 0.025), color: TEAL },
    { shape: badge, color: WHITE },
    { shape: ring(0.69, 0.69, 0.155, 0.03), color: DEEP_TEAL },
    { shape: badgeHands, color: DEEP_TEAL },
    { shape: circle(0.69, 0.69, 0.022), color: DEEP_TEAL },
  ];
}

/** Every icon file, by path relative to build/. */
export function renderIcons(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const png = (size: number, layers: Layer[]) => encodePng(size, render(size, layers));

  for (const kind of ['idle', 'running'] as const) {
    const name = kind === 'idle' ? 'trayTemplate' : 'trayRunningTemplate';
    files.set(`tray/${name}.png`, png(16, templateLayers(kind)));
    files.set(`tray/${name}@2x.png`, png(32, templateLayers(kind)));
    for (const theme of ['light', 'dark'] as const) {
      for (const size of TRAY_PNG_SIZES) {
        files.set(`tray/tray-${kind}-${theme}-${size}.png`, png(size, panelLayers(kind, theme, size)));
        files.set(`tray/tray-${kind}-${theme}-${size}@2x.png`, png(size * 2, panelLayers(kind, theme, size * 2)));
      }
      files.set(`tray/tray-${kind}-${theme}.ico`, encodeIco(TRAY_ICO_SIZES.map((size) => ({ size, png: png(size, panelLayers(kind, theme, size)) }))));
    }
  }
  files.set('icon.png', png(512, appIconLayers()));
  return files;
}

export function writeIcons(outputDir: string): string[] {
  const written: string[] = [];
  for (const [path, bytes] of renderIcons()) {
    const target = join(outputDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    written.push(target);
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outputDir = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'build'));
  const written = writeIcons(outputDir);
  console.log(`Wrote ${written.length} icons under ${outputDir}`);
}
